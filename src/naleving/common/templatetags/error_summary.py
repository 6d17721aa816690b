"""The links of the error summary (``includes/form_errors.html``): one per error of a visible field."""

from dataclasses import dataclass

from django import template

register = template.Library()


@dataclass(frozen=True)
class ErrorLink:
    target: str  # the id of the input the link puts the focus on
    label: str
    message: str


@register.filter
def error_links(form) -> list[ErrorLink]:
    """``Label: melding`` per field error, pointing at the field's input (the first option of a group of
    radio buttons or checkboxes, which has no single label target)."""
    links = []
    for field in form.visible_fields():
        target = field.id_for_label or (f"{field.auto_id}_0" if field.auto_id else "")
        for error in field.errors:
            links.append(ErrorLink(target=target, label=str(field.label), message=str(error)))
    return links
