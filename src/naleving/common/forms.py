"""Form helpers shared by the apps' views."""

from collections.abc import Mapping
from html import escape as _escape

from django.core.exceptions import ValidationError
from django.forms import widgets
from django.forms.boundfield import BoundField
from django.forms.renderers import DjangoTemplates
from django.template import Context
from django.template.base import render_value_in_context
from django.template.defaultfilters import stringformat
from django.utils.functional import Promise
from django.utils.safestring import SafeData, SafeString, mark_safe


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

    def render(self, template_name, context, request=None):
        """The plain widgets (inputs, textareas, selects) are written in Python: the same HTML as their
        templates, a widget in a fifth of the time (a text input 275 → 58 µs, a select of twelve options
        1.46 → 0.27 ms, the widget's own context included; the investigation page has 45 widgets). Anything
        else, or a context these writers do not know, goes through the templates."""
        write = _WRITERS.get(template_name)
        if write is not None and request is None:
            html = write(context.get("widget"))
            if html is not None:
                return html
        write_form = _FORM_WRITERS.get(template_name)
        if write_form is not None and request is None:
            html = write_form(context)
            if html is not None:
                return html
        return super().render(template_name, context, request)


# The widget templates written in Python (UtrechtFormRenderer.render). Each writer gives exactly what the
# template gives (the output of BaseRenderer.render: stripped), or None to let the template do it; the
# equivalence is tested in common/tests/test_forms.py over every widget of every form in the project.
_CONTEXT = Context(autoescape=True)


def _value(value) -> str:
    """``{{ value }}``. A plain string, what most values and labels are (a lazy label once translated), is escaped
    as the template escapes it (``conditional_escape``: ``html.escape``, marked safe) without the template's other
    steps, which leave a string as it is (the widgets of the signal list's filters 0.39 → 0.29 ms,
    docs/benchmarks.md); a safe string is itself; anything else (a number, a date) takes the template's path."""
    if isinstance(value, Promise):
        value = str(value)  # what the template does with it: no step before that one changes a lazy string
    kind = type(value)
    if kind is str:
        return SafeString(_escape(value))
    if kind is SafeString:
        return value
    return render_value_in_context(value, _CONTEXT)


def _formatted(value) -> str:
    """``{{ value|stringformat:'s' }}``: the filter keeps a safe string safe."""
    text = stringformat(value, "s")
    return _value(mark_safe(text) if isinstance(value, SafeData) else text)


def _attrs(attrs) -> str | None:
    """``django/forms/widgets/attrs.html``; None for what a template would read differently (a callable
    value, which it would call, or a key named ``items``, which it would take for the dict's items)."""
    if "items" in attrs:
        return None
    parts = []
    for name, value in attrs.items():
        if callable(value):
            return None
        if value is not False:
            parts.append(f" {_value(name)}" if value is True else f' {_value(name)}="{_formatted(value)}"')
    return "".join(parts)


def _plain(widget) -> bool:
    return (
        isinstance(widget, dict)
        and isinstance(widget.get("attrs"), dict)
        and not callable(widget.get("value"))
    )


def _input(widget) -> str | None:
    """``django/forms/widgets/input.html`` (text, hidden, date, number, email, checkbox, ...)."""
    if not _plain(widget) or callable(widget.get("type")) or callable(widget.get("name")):
        return None
    attrs = _attrs(widget["attrs"])
    if attrs is None:
        return None
    value = widget.get("value")
    shown = f' value="{_formatted(value)}"' if value is not None else ""
    return SafeString(
        f'<input type="{_value(widget.get("type", ""))}" name="{_value(widget["name"])}"{shown}{attrs}>'
    )


def _textarea(widget) -> str | None:
    """``django/forms/widgets/textarea.html``"""
    if not _plain(widget) or callable(widget.get("name")):
        return None
    attrs = _attrs(widget["attrs"])
    if attrs is None:
        return None
    value = widget.get("value")
    text = _value(value) if value else ""
    return SafeString(f'<textarea name="{_value(widget["name"])}"{attrs}>\n{text}</textarea>')


_OPTION = "django/forms/widgets/select_option.html"


def _select(widget) -> str | None:
    """``naleving_forms/select.html`` (Django's select.html with its options written in place)."""
    if not _plain(widget) or callable(widget.get("name")) or not isinstance(widget.get("optgroups"), list):
        return None
    attrs = _attrs(widget["attrs"])
    if attrs is None:
        return None
    parts = [f'<select name="{_value(widget["name"])}"{attrs}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_value(group_name)}">')
        for option in group_choices:
            if option.get("template_name") != _OPTION or not _plain(option) or callable(option.get("label")):
                return None
            option_attrs = _attrs(option["attrs"])
            if option_attrs is None:
                return None
            parts.append(
                f'\n  <option value="{_formatted(option["value"])}"{option_attrs}>{_value(option["label"])}</option>\n'
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return SafeString("".join(parts))


def _hidden_only_form(context) -> str | None:
    """``django/forms/div.html`` for a form of hidden fields only, without errors (a formset's management
    form: 0.34 ms through the template on the investigation page)."""
    if context.get("fields") or context.get("errors") or not isinstance(context.get("hidden_fields"), list):
        return None
    return SafeString("".join(_value(field) for field in context["hidden_fields"]))


def _no_errors(context) -> str | None:
    """``django/forms/errors/list/default.html`` of an empty list (what most forms show above their fields)."""
    errors = context.get("errors")
    return "" if errors is not None and not callable(errors) and len(errors) == 0 else None


#: templates of a whole form or error list written in Python, given the template's context
_FORM_WRITERS = {
    "django/forms/div.html": _hidden_only_form,
    "django/forms/errors/list/default.html": _no_errors,
}

_INPUTS = ("text", "hidden", "date", "datetime", "time", "number", "email", "url", "tel", "search", "password",
           "color", "checkbox", "file")  # fmt: skip
_WRITERS = {
    **{f"django/forms/widgets/{name}.html": _input for name in _INPUTS},
    "django/forms/widgets/input.html": _input,
    "django/forms/widgets/textarea.html": _textarea,
    "django/forms/widgets/select.html": _select,
}
