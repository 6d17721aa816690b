"""The list-view base class the apps share."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django_filters.views import FilterView


class ScopedListView(LoginRequiredMixin, FilterView):
    """A filtered, paginated list of what the actor may see.

    ``selector`` is an app's actor-scoped selector; ``permissions`` lists the permissions of which the
    user needs at least one to open the page at all.
    """

    paginate_by = 25
    permissions: tuple[str, ...] = ()
    selector = None

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not any(request.user.has_perm(p) for p in self.permissions):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return type(self).selector(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        params = self.request.GET.copy()
        params.pop("page", None)
        context["query_string"] = params.urlencode()
        return context
