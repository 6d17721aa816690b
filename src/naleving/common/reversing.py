"""``reverse`` for the links a page makes by the dozen: each URL's shape worked out once per process.

Django's ``reverse`` tries every pattern of the name and checks the arguments against a regular expression on
each call: 60 µs for a link without arguments, 100-200 µs for one with an id on the bench machine
(docs/benchmarks.md, "Prepared statements, links by their shape"), and a list page makes 25 row links, the
navigation and the header a score more. ``reverse_cached`` asks ``reverse`` once per name, number of arguments, script
prefix, URL configuration and current app for the URL with unlikely numbers in the places of the ids, keeps
the text around them, and then only puts the ids in. It is used only where the outcome is provably the same:

- every argument is a non-negative ``int`` (an id), no keyword arguments;
- the shape is kept only when ``reverse`` gives the same URL as the shape for several ids of other lengths
  (0, 7, 42, 12,345 and a long one): a pattern whose converter writes or accepts numbers differently (a
  fixed width, leading zeros, a range) fails that check and the name is reversed by ``reverse`` every time.

Anything else goes to ``reverse`` itself, so a wrong name still raises ``NoReverseMatch``.
"""

from collections.abc import Sequence
from typing import Any

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse

#: where the ids go while the shape is worked out: numbers no URL of this app holds otherwise
_PROBES = (4_049_586_217_301, 4_049_586_217_302, 4_049_586_217_303, 4_049_586_217_304)
#: ids of other lengths the shape must also give ``reverse``'s answer for
_CHECKS = (0, 7, 42, 12_345, 987_654_321_012)

#: (name, number of arguments, script prefix, urlconf, current app) -> the text around the ids, or None:
#: this name is always reversed by ``reverse``
_SHAPES: dict[tuple[Any, ...], tuple[str, ...] | None] = {}


def reverse_cached(viewname: str, args: Sequence[Any] = (), current_app: str | None = None) -> str:
    """What ``reverse(viewname, args=args, current_app=current_app)`` gives, without its work per call
    when every argument is an id (see the module's docstring)."""
    if not isinstance(viewname, str) or len(args) > len(_PROBES) or not all(map(_is_id, args)):
        return reverse(viewname, args=args, current_app=current_app)
    key = (viewname, len(args), get_script_prefix(), get_urlconf(), current_app)
    try:
        parts = _SHAPES[key]
    except KeyError:
        parts = _SHAPES[key] = _shape(viewname, len(args), current_app)
    if parts is None:
        return reverse(viewname, args=args, current_app=current_app)
    return _fill(parts, args)


def _is_id(value: Any) -> bool:
    return type(value) is int and value >= 0


def _shape(viewname: str, count: int, current_app: str | None) -> tuple[str, ...] | None:
    """The text before, between and after the ids of ``viewname``'s URL with ``count`` ids, or None when
    the URL cannot be made that way (see the module's docstring)."""
    try:
        probe = reverse(viewname, args=_PROBES[:count], current_app=current_app)
    except NoReverseMatch:
        return None  # no URL with these ids: reverse raises for the real ones, or answers otherwise
    parts: list[str] = []
    rest = probe
    for number in _PROBES[:count]:
        before, found, rest = rest.partition(str(number))
        if not found or str(number) in rest:
            return None
        parts.append(before)
    parts.append(rest)
    shape = tuple(parts)
    for check in _CHECKS:
        ids = [check] * count
        try:
            expected = reverse(viewname, args=ids, current_app=current_app)
        except NoReverseMatch:
            return None
        if _fill(shape, ids) != expected:
            return None
    return shape


def _fill(shape: tuple[str, ...], ids: Sequence[int]) -> str:
    if len(ids) == 1:  # most links: one id
        return f"{shape[0]}{ids[0]}{shape[1]}"
    return shape[0] + "".join(str(i) + after for i, after in zip(ids, shape[1:], strict=True))


def forget() -> None:
    """Work out every shape again on its next use (tests, and when the URL configuration changes)."""
    _SHAPES.clear()


@receiver(setting_changed)
def _urls_changed(*, setting: str, **kwargs: Any) -> None:
    if setting == "ROOT_URLCONF":
        forget()
