"""The privacy officer's search of the audit log: every event, filtered by kind, employee, resident and period.

The audit log knows residents by dossier number only; the two pages that start from a resident's BSN or
show masked BSNs compose the log with the residents app one floor up, in ``dossier.views_audit``.
"""

from naleving.audit.edge import shows
from naleving.audit.filters import AuditEventFilter
from naleving.audit.permissions import FG_PURPOSE, VIEW_EVENTS
from naleving.audit.selectors import audit_events
from naleving.common.views import ScopedListView


class AuditSearchView(ScopedListView):
    template_name = "audit/search.html"
    filterset_class = AuditEventFilter
    permissions = (VIEW_EVENTS,)
    paginate_by = 50
    selector = audit_events

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        terms = {k: v for k, v in self.request.GET.items() if v and k != "page"}
        shows(
            self.request,
            code="audit.searched",
            purpose=FG_PURPOSE,
            after={**terms, "aantal": context["paginator"].count},
        )
        return context


search = AuditSearchView.as_view()
