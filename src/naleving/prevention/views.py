from naleving.prevention.filters import InterventionFilter
from naleving.prevention.selectors import interventions_visible_to, referrals_visible_to
from naleving.web.views import ScopedListView


class PreventionListView(ScopedListView):
    template_name = "prevention/list.html"
    filterset_class = InterventionFilter
    permissions = ("prevention.view_preventiveintervention",)
    selector = staticmethod(interventions_visible_to)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["referrals"] = referrals_visible_to(self.request.user)[:25]
        return context
