"""The theme-control runs behind a to-do of Mijn werk (``todo_queries``): runs whose bias check needs the
analist's explanation, the FG's approval, or whose approved hits wait to be released. The same query as the
home page's count, so the list shows exactly what was counted. A run list shows no resident."""

from dataclasses import dataclass

from naleving.controls.permissions import APPROVE_FILTER, RUN
from naleving.web import todo_queries as queries
from naleving.web.todo_lists import TaskListView


@dataclass(frozen=True)
class RunTask:
    title: str
    introduction: str
    permission: str
    selector: object  # (actor) -> QuerySet[ControlRun]


RUN_TASKS = {
    "toelichten": RunTask(
        "Runs toelichten",
        "De biascheck van deze runs is gemarkeerd of kon niet worden gedaan. Open een run en leg uw toelichting "
        "vast; daarna beoordeelt de functionaris gegevensbescherming (FG) de run.",
        RUN,
        queries.runs_awaiting_explanation,
    ),
    "goedkeuren": RunTask(
        "Runs goedkeuren",
        "De analist heeft deze gemarkeerde runs toegelicht. Open een run, lees de biascheck en de toelichting, "
        "en keur de run goed of laat hem liggen.",
        APPROVE_FILTER,
        queries.runs_awaiting_fg,
    ),
    "vrijgeven": RunTask(
        "Runs vrijgeven",
        "De FG heeft deze runs goedgekeurd. Open een run om de treffers als signalen vrij te geven.",
        RUN,
        queries.runs_approved_not_released,
    ),
}


class TodoRunsView(TaskListView):
    template_name = "web/todo_runs.html"
    tasks = RUN_TASKS

    def get_queryset(self):
        runs = self.task.selector(self.request.user)
        return runs.select_related("filter", "created_by").order_by("created_at", "id")

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "task": self.task}


todo_runs = TodoRunsView.as_view()
