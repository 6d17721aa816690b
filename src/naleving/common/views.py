"""What the apps' views share: the scoped list view, and turning a selector's "not found" into a 404."""

from collections.abc import Callable
from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import Http404, QueryDict
from django_filters.views import FilterView

from naleving.accounts.saved_filters import NAME_MAX, filter_query, saved_filters_of
from naleving.audit.edge import shows_residents
from naleving.common import keyset
from naleving.common.columns import other_columns
from naleving.common.paging import DeferredJoinPaginator, Later


class ScopedListView(LoginRequiredMixin, FilterView):
    """A filtered, sortable, paginated list of what the actor may see, with the user's saved filters.

    ``selector`` is an app's actor-scoped selector; ``permissions`` lists the permissions of which the
    user needs at least one to open the page at all. A filterset with a ``common.filters.SortFilter``
    named ``sorteer`` makes the column headers (``{% sort_header %}``) sort the list; the page links keep
    the filters and the sort order (``query_string``). The saved filters are the user's own of this list
    (its URL name, ``accounts.saved_filters``).
    """

    paginate_by = 25
    paginator_class = DeferredJoinPaginator
    permissions: tuple[str, ...] = ()
    selector = None
    #: why the list shows residents; when set, every resident on the page is logged as shown (audit.edge)
    list_purpose = ""
    #: the relations whose rows the list shows (joined with ``select_related``); None: those the selector joins
    joined: tuple[str, ...] | None = None
    #: the columns, own or of a joined row, the list does not show: left unread (``QuerySet.defer``)
    not_listed: tuple[str, ...] = ()
    #: the list's own columns that it shows, sorts by or joins through (``listed``); its other own columns are
    #: left unread too. None: every own column read. A column left out that a row still uses is read again
    #: for each row: ``common/tests/test_list_columns.py`` walks every list in every order to catch that.
    shown: tuple[str, ...] | None = None

    def resident_id_of(self, obj) -> int | None:
        """The resident a row shows (None: the row shows no resident)."""
        return getattr(obj, "resident_id", None)

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not any(request.user.has_perm(p) for p in self.permissions):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        """``FilterView.get``, but a list with a first pages' form (``first_pages_queryset``) gets its filtered
        rows as ``common.paging.Later``: a first page read in that form, with its count kept for the user,
        never builds them."""
        if not self.has_first_pages_form():
            return super().get(request, *args, **kwargs)
        self.filterset = filterset = self.get_filterset(self.get_filterset_class())
        if not filterset.is_bound or filterset.is_valid() or not self.get_strict():
            self.object_list = Later(filterset._meta.model, lambda: filterset.qs)
        else:
            self.object_list = filterset.queryset.none()
        context = self.get_context_data(filter=filterset, object_list=self.object_list)
        return self.render_to_response(context)

    def has_first_pages_form(self) -> bool:
        """Whether this list reads its first pages from another form of its rows (``first_pages_queryset``)."""
        return type(self).first_pages_queryset is not ScopedListView.first_pages_queryset

    def get_queryset(self):
        return self.listed(type(self).selector(self.request.user))

    def listed(self, rows):
        """``rows`` (the selector's, or another form of them) as the list reads them: only the relations it
        shows joined (``joined``), and without the columns it does not show (``not_listed``). Scope, filters and
        order are untouched. A list of signals read each resident in full (BSN, address, contact details,
        thirty-odd columns) to show his name; it now reads his name (``docs/benchmarks.md``). A list of besluiten
        read the 38 columns of each and made them into its objects to show seven (``shown``)."""
        if self.joined is not None:
            rows = rows.select_related(None)
            if self.joined:  # select_related() without names would follow every relation
                rows = rows.select_related(*self.joined)
        unread = self.not_listed
        if self.shown is not None:
            unread = (*unread, *other_columns(rows.model, self.shown, ""))
        return rows.defer(*unread) if unread else rows

    def get_paginator(self, queryset, per_page, orphans=0, allow_empty_first_page=True, **kwargs):
        # the count is reused for this user for a while (common.paging.count_cached)
        kwargs.setdefault("count_owner", getattr(self.request.user, "pk", None))
        kwargs.setdefault("count_key", self.count_key())
        # the "Volgende" or "Vorige" link's cursor: the page is read on from that row (common.keyset)
        kwargs.setdefault(
            "cursor", next((self.request.GET[p] for p in keyset.PARAMETERS if p in self.request.GET), "")
        )
        kwargs.setdefault("ids_within", self.pages_by_ids_within())
        keeps = self.keeps_page_starts()
        if keeps is not None:
            kwargs.setdefault("keeps_page_starts", keeps)
        filterset = getattr(self, "filterset", None)
        if isinstance(queryset, Later) or queryset is getattr(filterset, "_qs", None):
            # the same filters and order on the other form of the same rows, built only for a first page
            def first_pages():
                rows = self.first_pages_queryset()
                return None if rows is None else filterset.filter_queryset(self.listed(rows))

            def rows_again():
                rows = self.rows_again_queryset()
                return None if rows is None else filterset.filter_queryset(self.listed(rows))

            kwargs.setdefault("first_pages", first_pages)
            kwargs.setdefault("rows_again", rows_again)
        return super().get_paginator(queryset, per_page, orphans, allow_empty_first_page, **kwargs)

    def first_pages_queryset(self):
        """None, or the rows of ``selector`` written for reading the first pages of the list
        (``common.paging``): the paginator counts, and reads a deep page, from the other."""
        return None

    def rows_again_queryset(self):
        """None, or the rows of ``selector`` written for reading a deep page's rows again by their ids
        (``common.paging``); by default the first pages' form."""
        return self.first_pages_queryset()

    def keeps_page_starts(self) -> bool | None:
        """Whether a deep page read by its number keeps where it began (``common.paging``); None: as the
        paginator does."""
        return None

    def pages_by_ids_within(self) -> bool:
        """Whether a first page (or one read on from a cursor) is read as the rows whose ids are the page's, in
        one query (``common.paging.DeferredJoinPaginator._take``)."""
        return False

    def count_key(self) -> str:
        """What the list's rows depend on besides the user (``common.paging.count_cached``): this list (its
        URL, which holds the record a nested list belongs to) and its filters. The page, its cursor and the sort
        order change which rows are shown, not how many."""
        params = sorted(
            (k, v) for k, v in self.request.GET.lists() if k not in ("page", "sorteer", *keyset.PARAMETERS)
        )
        return repr((type(self).__module__, type(self).__qualname__, self.request.path, params))

    def get_filterset_kwargs(self, filterset_class):
        if self.has_first_pages_form():
            # ``get_queryset`` only when the rows are needed (``get``)
            rows = Later(filterset_class._meta.model, self.get_queryset)
            kwargs = {"data": self.request.GET or None, "request": self.request, "queryset": rows}
        else:
            kwargs = super().get_filterset_kwargs(filterset_class)
        if kwargs["data"] is None:
            # bound without filters too, so the default order gets its tie-breaker (``SortFilter``)
            kwargs["data"] = QueryDict()
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        params = self.request.GET.copy()
        for name in ("page", *keyset.PARAMETERS):
            params.pop(name, None)
        context["query_string"] = params.urlencode()
        if self.request.resolver_match:
            context["list_name"] = self.request.resolver_match.view_name
            context["saved_filters"] = saved_filters_of(self.request.user, context["list_name"])
            # what "Filter bewaren" would keep: the filters only, never a search term
            context["saved_filter_query"] = filter_query(
                context["query_string"], set(self.filterset_class.base_filters)
            )
            context["saved_filter_name_max"] = NAME_MAX
        if self.list_purpose:
            shows_residents(
                self.request,
                (self.resident_id_of(o) for o in context["object_list"]),
                purpose=self.list_purpose,
            )
        return context


def or_404[T](selector: Callable[..., T], /, **kwargs: Any) -> T:
    """Call an actor-scoped selector; what the actor may not see (or what does not exist) is a 404.

    Selectors raise the model's ``DoesNotExist`` for both, so existence does not leak; this is the one
    place where the web and the API turn that into "not found".
    """
    try:
        return selector(**kwargs)
    except ObjectDoesNotExist:
        raise Http404("Niet gevonden") from None
