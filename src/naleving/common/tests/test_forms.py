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
