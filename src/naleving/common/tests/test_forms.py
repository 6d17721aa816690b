"""add_validation_errors: a service's ValidationError shown on the form."""

from django import forms
from django.core.exceptions import ValidationError

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
