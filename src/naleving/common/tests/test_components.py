"""One component set (issue #22): every form field of the project carries its NL Design System (Utrecht) class,
added by the form renderer (common.forms.UtrechtFormRenderer), and no template writes a button, form control
or table by hand without its Utrecht class."""

import importlib
import inspect
import pkgutil
import re
from datetime import date
from pathlib import Path

import pytest
from django import forms

import naleving
from naleving.common.forms import INVALID, utrecht_classes

SKIP_PACKAGES = {"tests", "migrations", "management", "demo", "testing", "settings"}


def _form_modules():
    """naleving.<app>.forms*, *forms and views* modules: where the project defines its forms."""
    for info in pkgutil.walk_packages(naleving.__path__, "naleving."):
        parts = info.name.split(".")
        if SKIP_PACKAGES & set(parts) or len(parts) != 3:
            continue
        if "forms" in parts[-1] or parts[-1].startswith("views"):
            yield importlib.import_module(info.name)


def _form_classes():
    found = {}
    for module in _form_modules():
        for name, obj in vars(module).items():
            if inspect.isclass(obj) and issubclass(obj, forms.BaseForm) and obj.__module__ == module.__name__:
                found[f"{module.__name__}.{name}"] = obj
    return found


def _usual_kwargs(world) -> dict:
    from naleving.ruleset import selectors as ruleset_selectors

    return {
        "actor": world["consulent"],
        "user": world["consulent"],
        "request": None,
        "reported_on": date(2026, 3, 1),
        "profiles": [],
        "investigation": world["investigation"],
        "candidates": [],
        "registry": ruleset_selectors.registry(),
        "reauth": False,
        "applications": (),
        "filters": (),
    }


def _instantiate(cls, usual: dict):
    """The form, built without arguments or with the usual keyword arguments; else the reason why not."""
    try:
        return cls(), None
    except TypeError:
        pass
    try:
        params = inspect.signature(cls.__init__).parameters
    except (TypeError, ValueError) as exc:  # pragma: no cover - C signatures
        return None, f"no signature: {exc}"
    needed = {
        name: usual[name]
        for name, p in params.items()
        if name in usual and p.kind in (p.KEYWORD_ONLY, p.POSITIONAL_OR_KEYWORD) and name != "self"
    }
    try:
        return cls(**needed), None
    except Exception as exc:  # recorded as the reason to skip
        return None, f"{type(exc).__name__}: {exc}"


@pytest.mark.django_db
def test_every_form_widget_has_its_utrecht_class(world):
    classes = _form_classes()
    assert len(classes) >= 40, sorted(classes)
    usual = _usual_kwargs(world)
    skipped, checked, problems = {}, 0, []
    for path, cls in sorted(classes.items()):
        form, reason = _instantiate(cls, usual)
        if form is None:
            skipped[path] = reason
            continue
        try:
            rendered = [(bound, str(bound)) for bound in form if not bound.is_hidden]
        except Exception as exc:  # e.g. a queryset the view sets
            skipped[path] = f"renders only from its view: {type(exc).__name__}: {exc}"
            continue
        for bound, html in rendered:
            expected = utrecht_classes(bound.field.widget)
            if expected is None:
                problems.append(
                    f"{path}.{bound.name}: no Utrecht class for {type(bound.field.widget).__name__}"
                )
                continue
            for tag in re.findall(r"<(?:input|select|textarea)\b[^>]*>", html):
                if 'type="hidden"' in tag:
                    continue
                if not all(name in tag for name in expected.split()):
                    problems.append(f"{path}.{bound.name}: {tag}")
            checked += 1
    assert not problems, "\n".join(problems)
    # Most forms can be built in the test; the rest need a case object (recorded for the report).
    print(
        f"{len(classes)} forms, {len(skipped)} skipped:",
        *(f"  {k}: {v}" for k, v in skipped.items()),
        sep="\n",
    )
    assert len(skipped) <= len(classes) // 4, skipped
    assert checked >= 150, checked


@pytest.mark.django_db
def test_an_explicit_class_is_kept_and_errors_add_the_invalid_modifier():
    class Example(forms.Form):
        name = forms.CharField(widget=forms.TextInput(attrs={"class": "nl-wide"}))
        note = forms.CharField(widget=forms.Textarea, required=False)
        kind = forms.ChoiceField(choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect)

    form = Example(data={"kind": "x"})
    assert not form.is_valid()
    name = str(form["name"])
    assert 'class="nl-wide utrecht-textbox utrecht-textbox--html-input utrecht-textbox--invalid"' in name
    assert "utrecht-textarea--html-textarea" in str(form["note"])
    assert "utrecht-textarea--invalid" not in str(form["note"])
    kind = str(form["kind"])
    # on each radio button, not on the group around them
    assert kind.count(INVALID["utrecht-radio-button utrecht-radio-button--html-input"]) == 2
    assert '<div id="id_kind" class="nl-choices">' in kind


def test_file_inputs_get_the_own_class_since_utrecht_has_none():
    css = (
        Path(naleving.__file__).parent / "web" / "static" / "vendor" / "utrecht-components.css"
    ).read_text()
    assert ".utrecht-file-input" not in css  # when Utrecht ships one, use it in common.forms.FILE
    assert utrecht_classes(forms.ClearableFileInput()) == "nl-file-input"


# --- templates -------------------------------------------------------------------------------------------

TEMPLATE_ROOT = Path(naleving.__file__).parent


def _page_templates():
    """Every HTML template except the print documents (letters, the inzage PDF: WeasyPrint, own CSS) and the
    widget templates of the form renderer (``naleving_forms/``), whose controls get their Utrecht classes from
    ``UtrechtBoundField`` (tested for every form of the project above)."""
    for path in sorted(TEMPLATE_ROOT.glob("*/templates/**/*.html")):
        text = path.read_text()
        if "@page" in text or "/letter" in str(path) or path.name in PRINT_INCLUDES:
            continue
        if "/naleving_forms/" in str(path):
            continue
        yield path, text


#: templates included only by print documents
PRINT_INCLUDES = {"_inzage_record.html"}

TAG = re.compile(r"<(button|input|select|textarea|table)\b([^>]*)>", re.S)


def _class_of(attrs: str) -> str:
    match = re.search(r'class="([^"]*)"', attrs)
    return match.group(1) if match else ""


def _unstyled(tag: str, attrs: str, css: str) -> bool:
    if tag == "button":
        return "utrecht-button" not in css
    if tag == "input":
        kind = re.search(r'type="([a-z]+)"', attrs)
        kind = kind.group(1) if kind else "text"
        if kind == "hidden":
            return False
        return "utrecht-button" not in css if kind == "submit" else "utrecht-" not in css
    if tag == "table":
        return "utrecht-table" not in css
    return "utrecht-" not in css  # select, textarea


def test_templates_write_no_control_button_or_table_without_its_utrecht_class():
    problems = []
    for path, text in _page_templates():
        for tag, attrs in TAG.findall(text):
            css = _class_of(attrs)
            if _unstyled(tag, attrs, css):
                problems.append(f"{path.relative_to(TEMPLATE_ROOT)}: <{tag}{attrs[:80]}")
    assert not problems, "\n".join(problems)


def test_buttons_name_a_variant():
    variants = ("primary-action", "secondary-action", "subtle", "danger", "warning")
    problems = []
    for path, text in _page_templates():
        for tag, attrs in TAG.findall(text):
            css = _class_of(attrs)
            if "utrecht-button" in css and not any(f"utrecht-button--{v}" in css for v in variants):
                problems.append(f"{path.relative_to(TEMPLATE_ROOT)}: <{tag}{attrs[:80]}")
    assert not problems, "\n".join(problems)


ALERT_OR_BADGE = re.compile(r'class="([^"]*(?:alert|badge)[^"]*)"')


def test_alerts_are_utrecht_alerts_and_badges_one_class():
    """A role=alert or status box is a utrecht-alert with a type; a badge is nl-badge (theme.css), nothing else."""
    problems = []
    for path, text in _page_templates():
        where = path.relative_to(TEMPLATE_ROOT)
        for element in re.findall(r"<[a-z]+\b[^>]*role=\"alert\"[^>]*>", text):
            if "utrecht-alert" not in element and "utrecht-form-field-error-message" not in element:
                problems.append(f"{where}: {element[:100]}")
        for css in ALERT_OR_BADGE.findall(text):
            names = css.split()
            if "utrecht-alert" in names and not any(n.startswith("utrecht-alert--") for n in names):
                problems.append(f"{where}: alert without a type: {css}")
            badges = [n for n in names if "badge" in n]
            if badges and not all(n.startswith("nl-badge") for n in badges):
                problems.append(f"{where}: another badge class: {css}")
    assert not problems, "\n".join(problems)
