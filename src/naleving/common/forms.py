"""Form helpers shared by the apps' views."""

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.forms import widgets
from django.forms.boundfield import BoundField
from django.forms.renderers import DjangoTemplates


def add_validation_errors(form, exc: ValidationError, rename: Mapping[str, str] | None = None) -> None:
    """Show a service's ValidationError on the form: each error at its field (after ``rename``, for services
    that name a field differently), or above the form when the form has no visible field of that name."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc.messages)
        return
    for field, errors in exc.message_dict.items():
        name = (rename or {}).get(field, field)
        visible = name in form.fields and not form.fields[name].widget.is_hidden
        form.add_error(name if visible else None, errors)


# The NL Design System (Utrecht) classes per widget, added to every form of the project by the form renderer
# (settings.FORM_RENDERER), so no form has to name them. The vendored Utrecht CSS has no file input
# component: file inputs get our own ``nl-file-input`` (styled in web/static/naleving/theme.css).
TEXTBOX = "utrecht-textbox utrecht-textbox--html-input"
TEXTAREA = "utrecht-textarea utrecht-textarea--html-textarea"
SELECT = "utrecht-select utrecht-select--html-select"
CHECKBOX = "utrecht-checkbox utrecht-checkbox--html-input"
RADIO = "utrecht-radio-button utrecht-radio-button--html-input"
FILE = "nl-file-input"
INVALID = {
    TEXTBOX: "utrecht-textbox--invalid",
    TEXTAREA: "utrecht-textarea--invalid",
    SELECT: "utrecht-select--invalid",
    CHECKBOX: "utrecht-checkbox--invalid",
    RADIO: "utrecht-radio-button--invalid",
    FILE: "nl-file-input--invalid",
}


def utrecht_classes(widget: widgets.Widget) -> str | None:
    """The Utrecht classes of ``widget``'s form control; None for hidden inputs and unknown widgets."""
    if widget.is_hidden:
        return None
    if isinstance(widget, widgets.MultiWidget):
        # a split date and time, or three selects: the first part decides (all parts get the same attrs)
        return utrecht_classes(widget.widgets[0]) if widget.widgets else None
    if isinstance(widget, widgets.RadioSelect):
        return RADIO
    if isinstance(widget, (widgets.CheckboxInput, widgets.CheckboxSelectMultiple)):
        return CHECKBOX
    if isinstance(widget, widgets.Select):
        return SELECT
    if isinstance(widget, widgets.Textarea):
        return TEXTAREA
    if isinstance(widget, widgets.FileInput):
        return FILE
    if isinstance(widget, widgets.Input):
        return TEXTBOX
    return None


def _join(*parts: str) -> str:
    seen: list[str] = []
    for part in parts:
        for name in (part or "").split():
            if name not in seen:
                seen.append(name)
    return " ".join(seen)


class UtrechtBoundField(BoundField):
    """A bound field whose widget carries its Utrecht classes (after any class the form set itself), and the
    ``--invalid`` modifier when the field has errors."""

    def build_widget_attrs(self, attrs, widget=None):
        widget = widget or self.field.widget
        attrs = super().build_widget_attrs(attrs, widget)
        classes = utrecht_classes(widget)
        if classes:
            invalid = INVALID[classes] if self.errors else ""
            # attrs passed here replace the widget's own, so the widget's explicit class is kept by hand
            attrs["class"] = _join(widget.attrs.get("class", ""), attrs.get("class", ""), classes, invalid)
        return attrs


class UtrechtFormRenderer(DjangoTemplates):
    """Django's template renderer with :class:`UtrechtBoundField` for every form (settings.FORM_RENDERER)."""

    bound_field_class = UtrechtBoundField

    #: Django's templates replaced by ours (the renderer looks in Django's own template folder first)
    OVERRIDES = {
        "django/forms/widgets/radio.html": "naleving_forms/multiple_input.html",
        "django/forms/widgets/checkbox_select.html": "naleving_forms/multiple_input.html",
        "django/forms/widgets/select.html": "naleving_forms/select.html",
    }

    def get_template(self, template_name):
        return super().get_template(self.OVERRIDES.get(template_name, template_name))
