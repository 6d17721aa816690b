"""What the project holds, for tests that walk all of it."""

import importlib
import inspect
import pkgutil

import django_filters

import naleving


def filterset_classes() -> list[type[django_filters.FilterSet]]:
    """Every list's filterset (``naleving.<app>.filters``); a base without a model (``ListFilterSet``) is none."""
    found = []
    for info in pkgutil.walk_packages(naleving.__path__, "naleving."):
        if info.name.count(".") != 2 or not info.name.endswith(".filters"):
            continue
        module = importlib.import_module(info.name)
        for obj in vars(module).values():
            if (
                inspect.isclass(obj)
                and issubclass(obj, django_filters.FilterSet)
                and obj.__module__ == module.__name__
                and obj._meta.model is not None
            ):
                found.append(obj)
    return found
