"""add_validation_errors: a service's ValidationError shown on the form; our select template writes Django's HTML."""

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy

from naleving.common.forms import add_validation_errors


class _Form(forms.Form):
    bsn = forms.CharField(required=False)
    token = forms.CharField(required=False, widget=forms.HiddenInput)


def _form():
    form = _Form({})
    form.is_valid()
    return form


def test_field_errors_land_at_their_field_and_the_rest_above_the_form():
    form = _form()
    add_validation_errors(
        form, ValidationError({"bsn": "Ongeldig BSN.", "elders": "Iets anders.", "token": "Verlopen."})
    )
    assert form.errors["bsn"] == ["Ongeldig BSN."]
    assert form.non_field_errors() == ["Iets anders.", "Verlopen."]  # unknown and hidden fields


def test_rename_maps_a_service_field_to_the_form_field_and_plain_errors_go_above():
    form = _form()
    add_validation_errors(form, ValidationError({"subject_bsn": "Ongeldig BSN."}), {"subject_bsn": "bsn"})
    add_validation_errors(form, ValidationError("Al gedaan."))
    assert form.errors["bsn"] == ["Ongeldig BSN."] and form.non_field_errors() == ["Al gedaan."]


class _OptionAttrsSelect(forms.Select):
    """Options with attributes of their own (true, false and valued), as a widget may add them."""

    def create_option(self, *args, **kwargs):
        option = super().create_option(*args, **kwargs)
        option["attrs"].update({"data-x": 'a "b" <c>', "hidden": option["value"] == "", "lang": False})
        return option


class _OwnOptionTemplate(forms.Select):
    option_template_name = "django/forms/widgets/input.html"


@pytest.mark.parametrize(
    ("widget", "value"),
    [
        (forms.Select(choices=[("", "Alle"), ("a", "Één & <twee>"), (1, "Drie")]), "a"),
        (forms.Select(choices=[("", "Alle"), ("a", "A")], attrs={"class": "x", "required": True}), ""),
        (forms.Select(choices=[("Groep", [("a", "A"), ("b", "B")]), ("c", "C")]), "b"),
        (forms.SelectMultiple(choices=[("a", "A"), ("b", "B"), ("c", "C")]), ["a", "c"]),
        (forms.NullBooleanSelect(), True),
        (forms.Select(choices=[("a", gettext_lazy("Ja")), ("b", "Nee")]), None),
        (_OptionAttrsSelect(choices=[("", "Alle"), ("a", "A")]), "a"),
        (_OwnOptionTemplate(choices=[("a", "A")]), "a"),
    ],
)
def test_our_select_writes_the_html_djangos_writes(widget, value):
    from django.forms.renderers import DjangoTemplates

    from naleving.common.forms import UtrechtFormRenderer

    ours = widget.render("veld", value, attrs={"id": "id_veld"}, renderer=UtrechtFormRenderer())
    django = widget.render("veld", value, attrs={"id": "id_veld"}, renderer=DjangoTemplates())
    assert ours == django
    assert "<option" in ours or "<input" in ours


def _templates_only():
    """The project's renderer with every widget written by its template (the reference for the writers)."""
    from django.forms.renderers import DjangoTemplates

    from naleving.common.forms import UtrechtFormRenderer

    class TemplatesOnly(UtrechtFormRenderer):
        def render(self, template_name, context, request=None):
            return DjangoTemplates.render(self, template_name, context, request)

    return TemplatesOnly()


TRICKY = "a \"b\" <c> & 'd'"


def _filtersets(world):
    """Every FilterSet of the project (naleving.<app>.filters), bound to nothing and to tricky values."""
    from django.test import RequestFactory

    from naleving.testing.project import filterset_classes

    request = RequestFactory().get("/")
    request.user = world["teamleider"]
    for obj in filterset_classes():
        for data in ({}, {name: TRICKY for name in obj.base_filters}):
            try:
                yield f"{obj.__module__}.{obj.__name__}", obj(data, request=request).form
            except TypeError:
                yield (
                    f"{obj.__module__}.{obj.__name__}",
                    obj(data, request=request, actor=request.user).form,
                )


def _bound(cls, usual: dict, data: dict):
    """``cls`` bound to ``data``, built as test_components builds it unbound; None where it cannot be."""
    import inspect

    try:
        return cls(data=data)
    except TypeError:
        pass
    try:
        params = inspect.signature(cls.__init__).parameters
        return cls(data=data, **{name: usual[name] for name in params if name in usual})
    except Exception:  # needs its view (recorded as skipped by test_components)
        return None


@pytest.mark.django_db
def test_the_widget_writers_write_what_the_templates_write_for_every_form_of_the_project(world):
    """UtrechtFormRenderer writes inputs, textareas and selects in Python; every field of every form and filter
    the project has (unbound, and bound to a value with quotes, brackets and an ampersand, with its errors)
    comes out byte for byte as the templates write it."""
    from naleving.common import forms as common_forms
    from naleving.common.tests.test_components import _form_classes, _instantiate, _usual_kwargs

    usual = _usual_kwargs(world)
    found = []
    for path, cls in sorted(_form_classes().items()):
        form, _reason = _instantiate(cls, usual)
        if form is not None:
            found.append((path, form))
            bound = _bound(cls, usual, {field.html_name: TRICKY for field in form})
            try:
                bound is not None and bound.is_valid()
            except Exception:  # validation needs the request (the login forms authenticate)
                continue
            if bound is not None:
                found.append((f"{path} (bound)", bound))
    found += list(_filtersets(world))
    written = {"n": 0}
    writers = dict(common_forms._WRITERS)

    def counted(write):
        def count(widget):
            html = write(widget)
            written["n"] += html is not None
            return html

        return count

    fast, reference = common_forms.UtrechtFormRenderer(), _templates_only()
    compared, problems = 0, []
    try:
        common_forms._WRITERS.update({name: counted(write) for name, write in writers.items()})
        for path, form in found:
            for field in form:
                try:
                    form.renderer = reference
                    theirs = str(field)
                except Exception:  # a field that renders only from its view (a queryset it sets)
                    continue
                form.renderer = fast
                ours = str(field)
                compared += 1
                if ours != theirs:
                    problems.append(f"{path}.{field.name}:\n  ours:   {ours}\n  theirs: {theirs}")
    finally:
        common_forms._WRITERS.update(writers)
    assert not problems, "\n".join(problems)
    assert compared >= 300 and written["n"] >= 250, (compared, written)


class _Hidden(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    token = forms.CharField(widget=forms.HiddenInput)


@pytest.mark.parametrize(
    "make",
    [
        lambda: _month_formset().management_form,
        lambda: _month_formset({"months-TOTAL_FORMS": TRICKY, "months-INITIAL_FORMS": "0"}).management_form,
        lambda: _Hidden(initial={"version": 3, "token": TRICKY}),
        lambda: _Hidden({"version": "x", "token": ""}),  # with errors: through the template
        lambda: _Form(initial={"bsn": TRICKY}),  # visible fields: through the template
    ],
)
def test_the_form_writers_write_what_the_templates_write(make):
    """A form of hidden fields only (a formset's management form) and an empty error list are written in
    Python (``common.forms._FORM_WRITERS``); anything else goes through the templates, with the same HTML."""
    fast, reference = make(), make()
    fast.renderer = _our_renderer()
    reference.renderer = _templates_only()
    if fast.is_bound:
        fast.is_valid(), reference.is_valid()
    assert str(fast) == str(reference) and str(fast)
    assert str(fast.non_field_errors()) == str(reference.non_field_errors())


def test_an_empty_error_list_and_a_hidden_form_skip_the_templates(monkeypatch):
    from django.forms import renderers

    def no_template(*args, **kwargs):
        raise AssertionError("rendered by a template")

    monkeypatch.setattr(renderers.BaseRenderer, "render", no_template)
    form = _Hidden(initial={"version": 3, "token": "t"})
    form.renderer = _our_renderer()
    assert str(form.non_field_errors()) == ""
    assert 'name="version"' in str(form) and 'name="token"' in str(form)


def _our_renderer():
    from naleving.common.forms import UtrechtFormRenderer

    return UtrechtFormRenderer()


def _month_formset(data=None):
    from naleving.investigations.forms import MonthFormSet

    return MonthFormSet(data, prefix="months")
