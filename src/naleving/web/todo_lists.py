"""The investigations behind a to-do of Mijn werk that no filter of the investigation list expresses
(``todo_queries``): the same table, narrowed to exactly the items the home page counted."""

from dataclasses import dataclass

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone
from django.views.generic import ListView

from naleving.audit.edge import shows_residents
from naleving.decisions.permissions import RECORD
from naleving.investigations.permissions import CONDUCT
from naleving.web import todo_queries as queries


@dataclass(frozen=True)
class Task:
    title: str
    introduction: str
    permission: str
    selector: object  # (actor, today) -> QuerySet[Investigation]


TASKS = {
    "besluit-nodig": Task(
        "Onderzoeken die wachten op uw besluit",
        "Afgerond met een schending van de inlichtingenplicht, nog zonder besluit. Open een onderzoek en "
        "bereid daar het besluit voor.",
        RECORD,
        lambda actor, today: queries.investigations_awaiting_besluit(actor).order_by("closed_on", "id"),
    ),
    "hoor-en-wederhoor": Task(
        "Hoor en wederhoor",
        f"Uw open onderzoeken waarin de inwoner nog niet is gehoord en waarvan de termijn binnen "
        f"{queries.HEARING_HORIZON_DAYS} dagen afloopt of al verlopen is.",
        CONDUCT,
        lambda actor, today: queries.hearings_due(actor, today=today).order_by("opened_on", "id"),
    ),
    "bevindingen": Task(
        "Bevindingen vastleggen",
        "Uw open onderzoeken waarin de inwoner is gehoord en de bevindingen nog ontbreken.",
        CONDUCT,
        lambda actor, today: queries.findings_due(actor).order_by("opened_on", "id"),
    ),
}


class TaskListView(LoginRequiredMixin, ListView):
    """The list behind one to-do, ``tasks[<task>]``: an unknown task is a 404, a task the user may not act on
    a 403 (a to-do is for the role that acts, never for reading alone)."""

    tasks: dict = {}
    paginate_by = 25

    def dispatch(self, request, *args, **kwargs):
        self.task = self.tasks.get(kwargs["task"])
        if self.task is None:
            raise Http404("Onbekende taak")
        if request.user.is_authenticated and not request.user.has_perm(self.task.permission):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class TodoInvestigationsView(TaskListView):
    """Like the investigation list (``common.views.ScopedListView``): paginated, each resident on the page
    logged as shown."""

    template_name = "web/todo_investigations.html"
    tasks = TASKS

    def get_queryset(self):
        return self.task.selector(self.request.user, timezone.localdate())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        shows_residents(
            self.request,
            (investigation.resident_id for investigation in context["object_list"]),
            purpose=f"Mijn werk: {self.task.title}",
        )
        return {**context, "task": self.task}


todo_investigations = TodoInvestigationsView.as_view()
