"""common.reversing and the {% url %} builtin: the same URLs as Django's reverse, each shape worked out once."""

import pytest
from django.template import engines
from django.test import override_settings
from django.urls import (
    NoReverseMatch,
    URLPattern,
    URLResolver,
    get_resolver,
    path,
    register_converter,
    reverse,
    set_script_prefix,
)

from naleving.common import reversing
from naleving.common.reversing import reverse_cached


@pytest.fixture(autouse=True)
def _fresh():
    reversing.forget()
    yield
    reversing.forget()


def _names(resolver: URLResolver, namespace: str = "") -> list[tuple[str, int]]:
    """Every named URL of the project with its number of arguments."""
    found = []
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            found += _names(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            found.append((namespace + pattern.name, pattern.pattern.regex.groups))
    return found


NAMES = sorted(set(_names(get_resolver())))


def test_every_named_url_of_the_project_is_the_same_as_reverse_gives():
    assert len(NAMES) > 150
    fast = 0
    for name, count in NAMES:
        for ids in ([1] * count, [0] * count, [123_456] * count, list(range(3, 3 + count))):
            try:
                expected = reverse(name, args=ids)
            except NoReverseMatch:
                with pytest.raises(NoReverseMatch):
                    reverse_cached(name, ids)
                continue
            assert reverse_cached(name, ids) == expected, (name, ids)
            assert reverse_cached(name, ids) == expected, (name, ids)  # from the kept shape
    fast = sum(1 for shape in reversing._SHAPES.values() if shape is not None)
    # the app's links with ids (int converters) and without arguments all take the quick way
    assert fast > 150


def test_a_wrong_name_or_wrong_arguments_still_raise():
    with pytest.raises(NoReverseMatch):
        reverse_cached("signals:bestaat-niet", [1])
    with pytest.raises(NoReverseMatch):
        reverse_cached("signals:detail", [1, 2])
    with pytest.raises(NoReverseMatch):
        reverse_cached("signals:detail", [-1])  # not an id: reverse decides, and refuses it


def test_other_arguments_than_ids_go_to_reverse(monkeypatch):
    calls = []
    real = reversing.reverse
    monkeypatch.setattr(reversing, "reverse", lambda *a, **k: calls.append(k["args"]) or real(*a, **k))
    assert reverse_cached("signals:detail", ["12"]) == reverse("signals:detail", args=["12"])
    with pytest.raises(NoReverseMatch):  # a bool is no id, though Python counts it as an int
        reverse_cached("signals:detail", [True])
    assert calls == [["12"], [True]]
    calls.clear()
    reverse_cached("signals:detail", [5])  # works out the shape: reverse with the probes and the checks
    made = len(calls)
    assert made > 1
    for pk in (6, 70, 800):
        assert reverse_cached("signals:detail", [pk]) == f"/signalen/{pk}/"
    assert len(calls) == made  # no reverse per link once the shape is known


def test_the_script_prefix_of_the_request_is_kept_apart():
    assert reverse_cached("signals:detail", [9]) == "/signalen/9/"
    try:
        set_script_prefix("/naleving/")
        assert reverse_cached("signals:detail", [9]) == "/naleving/signalen/9/"
        assert reverse_cached("web:home") == "/naleving/"
    finally:
        set_script_prefix("/")
    assert reverse_cached("signals:detail", [9]) == "/signalen/9/"


class FourDigits:
    """A converter that writes a number with leading zeros: the shape of its URL is not a place for an id."""

    regex = "[0-9]{4}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return f"{value:04d}"


register_converter(FourDigits, "vier")


def _view(request, **kwargs):  # pragma: no cover - never called, only reversed
    raise AssertionError


urlpatterns = [
    path("jaar/<vier:year>/", _view, name="year"),
    path("stuk/<int:pk>/", _view, name="piece"),
    path("stuk/<int:pk>/deel/<int:part>/", _view, name="part"),
]


@override_settings(ROOT_URLCONF=__name__)
def test_a_converter_that_writes_numbers_its_own_way_is_always_reversed():
    assert reverse_cached("year", [7]) == "/jaar/0007/"
    assert reversing._SHAPES[("year", 1, "/", None, None)] is None
    with pytest.raises(NoReverseMatch):
        reverse_cached("year", [12_345])
    assert reverse_cached("piece", [12]) == "/stuk/12/"
    assert reverse_cached("part", [12, 3]) == "/stuk/12/deel/3/"
    assert reversing._SHAPES[("part", 2, "/", None, None)] == ("/stuk/", "/deel/", "/")


def test_changing_the_url_configuration_forgets_the_shapes():
    reverse_cached("signals:detail", [1])
    assert reversing._SHAPES
    with override_settings(ROOT_URLCONF=__name__):
        assert not reversing._SHAPES
        assert reverse_cached("piece", [4]) == "/stuk/4/"
    assert reverse_cached("signals:detail", [1]) == "/signalen/1/"


def test_the_url_tag_of_every_template_is_the_cached_one():
    template = engines["django"].from_string(
        "{% url 'signals:detail' pk %}|{% url 'signals:detail' pk=pk %}|{% url 'web:home' %}"
        "|{% url 'signals:bestaat-niet' as missing %}[{{ missing }}]|{% url name pk as link %}{{ link }}"
    )
    assert template.render({"pk": 42, "name": "claims:detail"}) == (
        "/signalen/42/|/signalen/42/|/|[]|/vorderingen/42/"
    )
    assert ("signals:detail", 1, "/", None, None) in reversing._SHAPES
    with pytest.raises(NoReverseMatch):
        engines["django"].from_string("{% url 'signals:bestaat-niet' 1 %}").render({})
