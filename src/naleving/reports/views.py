"""Report pages: the overview, one report as a dashboard, its PDF, Excel and CSV exports, the
definitions, and the case examples. Views parse the request and call one selector or service."""

from datetime import date
from functools import wraps
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from naleving.gemeenten.selectors import organisation_name
from naleving.reports import periods
from naleving.reports.build import UnknownReport
from naleving.reports.definitions import REPORTS, ReportDefinition
from naleving.reports.exports import file_name, render_csv, render_pdf, render_xlsx
from naleving.reports.forms import CasusvoorbeeldForm
from naleving.reports.indicators import INDICATORS, Filters
from naleving.reports.permissions import may_mark_case_examples, suppressed_for
from naleving.reports.presentation import PresentedReport, key_figures, report_for_reader
from naleving.reports.scope import UnknownGemeente, choices_for
from naleving.reports.selectors import case_examples_visible_to
from naleving.reports.services import (
    casusvoorbeeld_mark,
    casusvoorbeeld_withdraw,
    report_export_record,
    withdrawable_ids,
)
from naleving.residents.selectors import districts


def _require_reader(user) -> None:
    if not user.has_perm("reports.view_reports"):
        raise PermissionDenied


def _definition(key: str) -> ReportDefinition:
    if key not in REPORTS:
        raise Http404("Onbekende rapportage")
    return REPORTS[key]


def _districts() -> list[str]:
    return districts()


def _period(request, definition: ReportDefinition, today: date) -> periods.Period:
    code = request.GET.get("periode", "")
    if code:
        try:
            return periods.parse(code)
        except periods.PeriodError as error:
            messages.error(request, f"{error} U ziet de laatste afgeronde periode.")
    return periods.last_complete(today, definition.default_kind)


def _filters(request, today: date) -> Filters:
    district = request.GET.get("wijk", "")
    if district and district not in _districts():
        district = ""
    return Filters(district=district, as_of=today)


def _query(report: PresentedReport) -> str:
    params = {"periode": report.period.code}
    if report.district:
        params["wijk"] = report.district
    if report.scope and report.scope.code:
        params["gemeente"] = report.scope.code
    return urlencode(params)


def _gemeente_checked(view):
    """A municipality the reader does not work for is one that does not exist for them: "not found" (404)
    with a page that names the value; a reader who works for no municipality has no report to read (403)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except UnknownGemeente as error:
            if not error.code:
                raise PermissionDenied("U werkt voor geen gemeente.") from None
            context = {"code": error.code, "choices": choices_for(request.user)}
            return render(request, "reports/unknown_gemeente.html", context, status=404)

    return wrapped


def _load(request, key: str) -> PresentedReport:
    _require_reader(request.user)
    definition = _definition(key)
    today = timezone.localdate()
    try:
        return report_for_reader(
            actor=request.user,
            key=key,
            period=_period(request, definition, today),
            filters=_filters(request, today),
            gemeente=request.GET.get("gemeente", ""),
        )
    except UnknownReport:
        raise Http404("Onbekende rapportage") from None


@login_required
@_gemeente_checked
def overview(request):
    _require_reader(request.user)
    if request.GET.get("rapport") in REPORTS:
        query = urlencode(
            {"periode": request.GET.get("periode", "")}
            | ({"gemeente": request.GET["gemeente"]} if request.GET.get("gemeente") else {})
        )
        return redirect(f"{reverse('reports:report', args=[request.GET['rapport']])}?{query}")
    today = timezone.localdate()
    try:
        year = int(request.GET.get("jaar", today.year))
    except ValueError:
        year = today.year
    year = min(max(year, today.year - 10), today.year)
    reports = []
    for definition in REPORTS.values():
        period = periods.last_complete(today, definition.default_kind)
        url = f"{reverse('reports:report', args=[definition.key])}?periode={period.code}"
        reports.append({"definition": definition, "period": period, "url": url})
    context = {
        "reports": reports,
        "period_choices": periods.choices(today),
        "default_period": periods.last_complete(today, periods.YEAR),
        "year": year,
        "years": range(today.year, today.year - 5, -1),
        "key_figures": key_figures(actor=request.user, year=year),
        "suppressed": suppressed_for(request.user),
    }
    return render(request, "reports/overview.html", context)


@login_required
@_gemeente_checked
def report(request, key: str):
    presented = _load(request, key)
    query = _query(presented)
    for table in presented.tables:
        table.csv_url = f"{reverse('reports:report_csv', args=[key, table.key])}?{query}"
    context = {
        "report": presented,
        "period_choices": periods.choices(timezone.localdate()),
        "districts": _districts(),
        "gemeenten": choices_for(request.user),
        "pdf_url": f"{reverse('reports:report_pdf', args=[key])}?{query}",
        "xlsx_url": f"{reverse('reports:report_xlsx', args=[key])}?{query}",
    }
    return render(request, "reports/report.html", context)


def _download(content: bytes | str, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response


def _record(request, presented: PresentedReport, fmt: str, table: str = "") -> None:
    report_export_record(
        actor=request.user,
        report=presented.definition.key,
        period=presented.period.code,
        fmt=fmt,
        suppressed=presented.suppressed,
        table=table,
        gemeenten=presented.scope.heading if presented.scope else "",
    )


@login_required
@_gemeente_checked
def report_pdf(request, key: str):
    presented = _load(request, key)
    content = render_pdf(presented, organisation_name=organisation_name())
    _record(request, presented, "pdf")
    return _download(content, "application/pdf", file_name(presented, "pdf"))


@login_required
@_gemeente_checked
def report_xlsx(request, key: str):
    presented = _load(request, key)
    content = render_xlsx(presented, organisation_name=organisation_name())
    _record(request, presented, "xlsx")
    return _download(
        content,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        file_name(presented, "xlsx"),
    )


@login_required
@_gemeente_checked
def report_csv(request, key: str, table: str):
    presented = _load(request, key)
    try:
        found = presented.table(table)
    except StopIteration:
        raise Http404("Onbekende tabel") from None
    _record(request, presented, "csv", table)
    return _download(render_csv(found), "text/csv; charset=utf-8", file_name(presented, "csv", table))


@login_required
def definitions(request):
    _require_reader(request.user)
    return render(request, "reports/definitions.html", {"indicators": list(INDICATORS.values())})


@login_required
def case_examples(request):
    examples = list(case_examples_visible_to(request.user).order_by("-period_start", "-marked_at"))
    context = {
        "examples": examples,
        "may_mark": may_mark_case_examples(request.user),
        "withdrawable": withdrawable_ids(request.user, examples),
    }
    return render(request, "reports/case_examples.html", context)


@login_required
def case_example_create(request):
    if not may_mark_case_examples(request.user):
        raise PermissionDenied
    today = timezone.localdate()
    form = CasusvoorbeeldForm(
        request.POST or None, initial={"period": periods.containing(today, periods.TERTIAAL).code}
    )
    if request.method == "POST" and form.is_valid():
        try:
            casusvoorbeeld_mark(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, "Het casusvoorbeeld is vastgelegd.")
            return redirect("reports:case_examples")
    return render(request, "reports/case_example_form.html", {"form": form})


@login_required
@require_POST
def case_example_withdraw(request, pk: int):
    example = get_object_or_404(case_examples_visible_to(request.user), pk=pk)
    casusvoorbeeld_withdraw(actor=request.user, example=example)
    messages.success(request, "Het casusvoorbeeld is ingetrokken.")
    return redirect("reports:case_examples")
