"""The error summary above a form (includes/form_errors.html): one link per field error to an input on the page."""

import re

from django import forms
from django.template import Context, Template

PAGE = Template(
    '{% include "includes/form_errors.html" %}'
    "{% for field in form.visible_fields %}"
    '{% if field.widget_type == "radioselect" %}{% include "includes/fieldset.html" %}'
    '{% else %}{% include "includes/field.html" %}{% endif %}{% endfor %}'
)


class _Form(forms.Form):
    name = forms.CharField(label="Naam")
    route = forms.ChoiceField(label="Route", choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect)
    note = forms.CharField(label="Toelichting", required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def clean(self):
        raise forms.ValidationError("Dit onderzoek is intussen gewijzigd.")


def _render(form, **extra) -> str:
    form.is_valid()
    return PAGE.render(Context({"form": form, **extra}))


def _summary(html: str) -> str:
    match = re.search(r"<div [^>]*data-nl-error-summary.*?</div></div>", html, re.S)
    assert match, "no error summary"
    return match.group(0)


def test_each_field_error_links_to_an_input_that_is_on_the_page():
    html = _render(_Form({"version": "1"}, prefix="step"))
    summary = _summary(html)
    assert 'tabindex="-1"' in summary and "utrecht-alert--error" in summary
    assert "Er is iets niet goed ingevuld" in summary
    links = re.findall(r'<a class="utrecht-link" href="#([^"]+)" data-nl-error-link>([^<]+)</a>', summary)
    assert [text for _, text in links] == ["Naam: Dit veld is vereist.", "Route: Dit veld is vereist."]
    for target, _ in links:
        assert f'id="{target}"' in html, f"the link #{target} points at nothing"
    assert "Dit onderzoek is intussen gewijzigd." in summary  # the error of no field
    assert "Toelichting" not in summary  # no error there


def test_hidden_field_errors_ask_to_reload_and_get_no_link():
    summary = _summary(_render(_Form({"name": "x", "route": "a"})))
    assert "Laad de pagina opnieuw." in summary and "data-nl-error-link" not in summary


def test_only_non_field_keeps_showing_only_the_errors_of_no_field():
    html = _render(_Form({}), only_non_field=True)
    summary = _summary(html)
    assert "Dit onderzoek is intussen gewijzigd." in summary
    assert "data-nl-error-link" not in summary and "Er is iets niet goed ingevuld" not in summary


def test_a_valid_form_shows_no_summary():
    class Valid(forms.Form):
        name = forms.CharField()

    assert "data-nl-error-summary" not in _render(Valid({"name": "x"}))
