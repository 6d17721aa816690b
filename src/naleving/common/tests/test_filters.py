"""``ListFilterSet`` gives what django-filter's own ``FilterSet`` gives, for every list's filters: the same form
(fields, choices, values, errors, HTML) and the same rows, bound to nothing, to each choice and to nonsense;
and what one request changes (a user's colleagues, a scope's districts) never reaches another's."""

import pytest
from django.http import QueryDict
from django.test import RequestFactory
from django_filters.filterset import BaseFilterSet

from naleving.common.filters import ListFilterSet
from naleving.investigations.filters import InvestigationFilter
from naleving.signals.filters import SignalFilter
from naleving.testing.project import filterset_classes

pytestmark = pytest.mark.django_db

TRICKY = "a \"b\" <c> & 'd'"


def test_every_list_filterset_is_a_list_filterset():
    found = filterset_classes()
    assert len(found) >= 7
    assert all(issubclass(cls, ListFilterSet) for cls in found), found


def _datas(cls) -> list[dict]:
    """Nothing, nonsense in every filter, and each choice of each choice filter on its own."""
    datas: list[dict] = [{}, {name: TRICKY for name in cls.base_filters}]
    reference = cls(QueryDict(), request=_request_for(None))
    for name, field in reference.form.fields.items():
        for value, _label in list(getattr(field, "choices", []))[:4]:
            if isinstance(_label, list | tuple):  # a group: its first choice
                value = _label[0][0]
            datas.append({name: str(value)})
    return datas


_USER = {}


def _query(data: dict) -> QueryDict:
    query = QueryDict(mutable=True)
    query.update(data)
    return query


def _request_for(user):
    request = RequestFactory().get("/")
    request.user = user if user is not None else _USER["user"]
    return request


def _state(filterset) -> tuple:
    form = filterset.form
    valid = filterset.is_valid()
    rows = str(filterset.qs.query) if valid else None
    return (
        valid,
        dict(form.errors),
        [
            (name, type(field).__name__, list(getattr(field, "choices", [])))
            for name, field in form.fields.items()
        ],
        str(form),
        rows,
    )


@pytest.mark.parametrize("cls", filterset_classes(), ids=lambda cls: f"{cls.__module__}.{cls.__name__}")
def test_the_form_and_the_rows_are_django_filters_own(cls, world, monkeypatch):
    _USER["user"] = world["teamleider"]
    for data in _datas(cls):
        ours = _state(cls(_query(data), request=_request_for(None)))
        with monkeypatch.context() as patched:
            patched.setattr(ListFilterSet, "__init__", BaseFilterSet.__init__)
            patched.setattr(ListFilterSet, "get_form_class", BaseFilterSet.get_form_class)
            theirs = _state(cls(_query(data), request=_request_for(None)))
        assert ours == theirs, data


def test_one_requests_choices_stay_its_own(world):
    """The form class is shared; each request's form has its own fields, and its filters their own ``extra``."""
    first = InvestigationFilter(QueryDict(), request=_request_for(world["teamleider"]))
    first_choices = list(first.form.fields["toegewezen"].choices)
    second = InvestigationFilter(QueryDict(), request=_request_for(world["consulent"]))
    second.form.fields["toegewezen"].choices = [("x", "iemand anders")]
    second.filters["toegewezen"].extra["choices"] = [("x", "iemand anders")]
    assert type(first.form) is type(second.form)
    assert list(first.form.fields["toegewezen"].choices) == first_choices
    assert first.filters["toegewezen"].extra["choices"] != [("x", "iemand anders")]
    assert InvestigationFilter.base_filters["toegewezen"].extra["choices"] == ()


def test_a_method_filter_calls_its_own_filterset(world):
    """A filter with ``method=`` asks the filterset it was copied for, never another request's."""
    calls = []

    class Probe(SignalFilter):
        def filter_route(self, queryset, name, value):
            calls.append(self)
            return queryset

    one = Probe(QueryDict("route=geen"), request=_request_for(world["teamleider"]))
    other = Probe(QueryDict("route=geen"), request=_request_for(world["teamleider"]))
    one.qs, other.qs  # noqa: B018 (filters the rows)
    assert calls == [one, other]
    assert one.filters["route"].parent is one and other.filters["route"].parent is other
