"""Form helpers shared by the apps' views."""

from collections.abc import Mapping

from django.core.exceptions import ValidationError


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
