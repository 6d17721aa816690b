"""The Jinja2 environment of the list rows (ADR 0036): the ``<tr>`` of a main list's page, and the items of the
resident's timeline, rendered by Jinja2 inside the page's Django template (``{% rows %}``,
``common.templatetags.lists``).

A list page shows 25 rows of six to eight cells; Django's template language resolves every variable of every
cell through its context stack: rendered on their own, the investigation list's rows took 2.07 ms, the
residents' 0.87 ms (docs/benchmarks.md). Jinja2 compiles a template to Python: the same rows, the same HTML, in
0.71 and 0.36 ms. Only the rows: the page, its layout, forms and pagination stay Django templates.

What the rows use, as the Django templates have it: ``url(name, *ids)`` as ``{% url %}`` (``reverse_cached``),
``date(value, format)`` as the ``|date`` builtin (``common.templatetags.dates``, local time for a moment),
``euro`` as ``|euro`` (``common.formatting``), and every value escaped as Django escapes it.
"""

import html
from datetime import datetime
from typing import Any

from django.utils import timezone
from jinja2 import Environment
from markupsafe import Markup

from naleving.common.formatting import euro
from naleving.common.reversing import reverse_cached
from naleving.common.templatetags.dates import date as date_filter


def url(name: str, *args: Any) -> str:
    """``{% url name arg ... %}``: ``reverse_cached``, which hands anything but ids to ``reverse``."""
    return reverse_cached(name, args)


def date(value: Any, arg: str | None = None) -> str:
    """``{{ value|date:arg }}``: a moment in the current time zone first, as Django's template engine gives it
    to a filter that ``expects_localtime``."""
    if isinstance(value, datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return date_filter(value, arg)


def escaped(value: Any) -> Any:
    """Every value written as Django writes it (``html.escape``): Jinja2's own escaping, which then follows,
    writes the same for everything but a quote, ``&#39;`` and ``&#34;`` where Django writes ``&#x27;`` and
    ``&quot;``. So a text with a quote is escaped here (safe HTML as it is); the rest is left to Jinja2."""
    kind = type(value)
    if kind is str:
        return Markup(html.escape(value)) if "'" in value or '"' in value else value
    if kind is int or hasattr(value, "__html__"):
        return value
    return Markup(html.escape(str(value)))


def environment(**options: Any) -> Environment:
    """The environment of the ``jinja2`` template engine (settings ``TEMPLATES``)."""
    env = Environment(finalize=escaped, **options)
    env.globals.update(url=url)
    env.filters.update(date=date, euro=euro)
    return env
