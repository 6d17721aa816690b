"""Each role × each page: allowed (200), forbidden (403) or not found (404, when the object is out of scope).

A user without any access to a resident gets 404, never 403, so the existence of a case does not leak.
"""

import io
import re
from datetime import date

import pytest
from django.urls import reverse

from naleving.audit.models import AuditEvent

ROLES = [
    "consulent",
    "consulent_zuid",
    "handhaver",
    "teamleider",
    "teamleider_zuid",
    "analist",
    "fg",
    "beleid",
    "beheerder",
]

#: roles with reports.view_reports (the report pages and their exports)
REPORT_READERS = {"teamleider": 200, "teamleider_zuid": 200, "analist": 200, "fg": 200, "beleid": 200}

#: roles that propose (beheerder) or approve (teamleider) legal amounts under Beheer › Wettelijke bedragen
RULESET_READERS = {"beheerder": 200, "teamleider": 200, "teamleider_zuid": 200}

#: roles that see the destruction lists and certificates (Beheer › Bewaartermijnen)
RETENTION_READERS = {"beheerder": 200, "fg": 200}


def _destruction_list(w):
    from naleving.retention.models import DestructionList

    return DestructionList.objects.create(
        month=date(2026, 6, 1),
        reference_date=date(2026, 6, 1),
        terms_version="test",
        proposed_by=w["beheerder"],
    )


def _destruction_certificate(w):
    from naleving.retention.models import DestructionCertificate

    return DestructionCertificate.objects.create(
        destruction_list=_destruction_list(w), executed_on=date(2026, 6, 2), counts={"signaal_geen_actie": 3}
    )


# page -> (url builder, {role: expected status}); roles not listed expect the default given last.
MATRIX = {
    "home": (lambda w: reverse("web:home"), {}, 200),
    # the pages that do not fit in a role's menu bar (web/context_processors.py)
    "web:more": (lambda w: reverse("web:more"), {}, 200),
    # Mijn werk's lists of investigations waiting for a step (web/todo_lists.py): for the role that acts
    "web:todo_investigations": (
        lambda w: reverse("web:todo_investigations", args=["besluit-nodig"]),
        {"consulent": 200, "consulent_zuid": 200},
        403,
    ),
    "web:todo_investigations:hoor-en-wederhoor": (
        lambda w: reverse("web:todo_investigations", args=["hoor-en-wederhoor"]),
        {"handhaver": 200},
        403,
    ),
    # Mijn werk's lists of theme-control runs waiting for the analist or the FG (web/todo_runs.py)
    "web:todo_runs": (lambda w: reverse("web:todo_runs", args=["toelichten"]), {"analist": 200}, 403),
    "web:todo_runs:goedkeuren": (lambda w: reverse("web:todo_runs", args=["goedkeuren"]), {"fg": 200}, 403),
    "residents:list": (
        lambda w: reverse("residents:list"),
        {
            "consulent": 200,
            "consulent_zuid": 200,
            "handhaver": 200,
            "teamleider": 200,
            "teamleider_zuid": 200,
        },
        403,
    ),
    "residents:detail": (
        lambda w: reverse("residents:detail", args=[w["jansen"].pk]),
        {"consulent": 200, "handhaver": 200, "teamleider": 200},
        404,
    ),
    "residents:create": (
        lambda w: reverse("residents:create"),
        {"consulent": 200, "consulent_zuid": 200},
        403,
    ),
    # The teamleider's registratieverzoeken (issue #14): who steers a team's caseload handles them.
    "residents:requests": (
        lambda w: reverse("residents:requests"),
        {"teamleider": 200, "teamleider_zuid": 200},
        403,
    ),
    "residents:benefit_create": (
        lambda w: reverse("residents:benefit_create", args=[w["jansen"].pk]),
        {"consulent": 200, "consulent_zuid": 404},
        403,
    ),
    # The resident's rights under the AVG (issue #16): correction (art. 16) and objection (art. 21) on the
    # resident file for who may change it; the open objections for the FG, who decides them.
    "residents:correct": (
        lambda w: reverse("residents:correct", args=[w["jansen"].pk]),
        {"consulent": 200, "consulent_zuid": 404},
        403,
    ),
    "residents:privacy_objection_create": (
        lambda w: reverse("residents:privacy_objection_create", args=[w["jansen"].pk]),
        {"consulent": 200, "consulent_zuid": 404},
        403,
    ),
    "residents:privacy_objections": (lambda w: reverse("residents:privacy_objections"), {"fg": 200}, 403),
    "signals:list": (
        lambda w: reverse("signals:list"),
        {
            "consulent": 200,
            "consulent_zuid": 200,
            "handhaver": 200,
            "teamleider": 200,
            "teamleider_zuid": 200,
        },
        403,
    ),
    "signals:detail": (
        lambda w: reverse("signals:detail", args=[w["signal"].pk]),
        {"consulent": 200, "handhaver": 200, "teamleider": 200},
        404,
    ),
    "signals:detail_anonymous": (
        lambda w: reverse("signals:detail", args=[w["anonymous_signal"].pk]),
        {"handhaver": 200, "teamleider": 200, "teamleider_zuid": 200},
        404,
    ),
    "signals:create": (
        lambda w: reverse("signals:create"),
        {"consulent": 200, "consulent_zuid": 200, "handhaver": 200},
        403,
    ),
    "signals:import": (
        lambda w: reverse("signals:import"),
        {"handhaver": 200, "teamleider": 200, "teamleider_zuid": 200},
        403,
    ),
    "investigations:list": (
        lambda w: reverse("investigations:list"),
        {
            "consulent": 200,
            "consulent_zuid": 200,
            "handhaver": 200,
            "teamleider": 200,
            "teamleider_zuid": 200,
        },
        403,
    ),
    "investigations:detail": (
        lambda w: reverse("investigations:detail", args=[w["investigation"].pk]),
        {"consulent": 200, "handhaver": 200, "teamleider": 200},
        404,
    ),
    "investigations:document_download": (
        lambda w: _document_url(w),
        {"consulent": 200, "handhaver": 200, "teamleider": 200},
        404,
    ),
    "investigations:deadlines": (
        lambda w: reverse("investigations:deadlines"),
        {"teamleider": 200, "teamleider_zuid": 200},
        403,
    ),
    "signals:triage_queue": (
        lambda w: reverse("signals:triage_queue"),
        {"handhaver": 200, "teamleider": 200, "teamleider_zuid": 200},
        403,
    ),
    "signals:triage": (
        lambda w: reverse("signals:triage", args=[w["signal"].pk]),
        {"handhaver": 200, "teamleider": 200, "teamleider_zuid": 404},
        403,
    ),
    "signals:triage_anonymous": (
        lambda w: reverse("signals:triage", args=[w["anonymous_signal"].pk]),
        {"handhaver": 200, "teamleider": 200, "teamleider_zuid": 200},
        403,
    ),
    "decisions:list": (
        lambda w: reverse("decisions:list"),
        {
            "consulent": 200,
            "consulent_zuid": 200,
            "handhaver": 200,
            "teamleider": 200,
            "teamleider_zuid": 200,
        },
        403,
    ),
    "decisions:detail": (
        lambda w: reverse("decisions:detail", args=[w["besluit"].pk]),
        {"consulent": 200, "handhaver": 200, "teamleider": 200},
        404,
    ),
    "claims:list": (
        lambda w: reverse("claims:list"),
        {"consulent": 200, "consulent_zuid": 200, "teamleider": 200, "teamleider_zuid": 200},
        403,
    ),
    "decisions:what_if": (
        lambda w: reverse("decisions:what_if"),
        {
            "consulent": 200,
            "consulent_zuid": 200,
            "handhaver": 200,
            "teamleider": 200,
            "teamleider_zuid": 200,
        },
        403,
    ),
    "decisions:prepare": (
        lambda w: reverse("decisions:prepare", args=[_closed_breach(w).pk]),
        {"consulent": 200, "consulent_zuid": 404},
        403,
    ),
    "decisions:letter": (
        lambda w: reverse("decisions:letter", args=[_vastgesteld(w).pk]),
        {"consulent": 200, "teamleider": 200, "consulent_zuid": 404, "teamleider_zuid": 404},
        403,
    ),
    "decisions:letter_preview": (
        lambda w: reverse("decisions:letter_preview", args=[_vastgesteld(w).pk]),
        {"consulent": 200, "teamleider": 200, "consulent_zuid": 404, "teamleider_zuid": 404},
        403,
    ),
    "decisions:brief": (
        lambda w: reverse("decisions:brief", args=[_vastgesteld(w).pk, _brief(w).pk]),
        {"consulent": 200, "teamleider": 200, "consulent_zuid": 404, "teamleider_zuid": 404},
        403,
    ),
    # Objection and appeal (issue #18): decisions.handle_bezwaar, for the besluiten the user may see.
    "decisions:remedy_terms": (
        lambda w: reverse("decisions:remedy_terms"),
        {"consulent": 200, "consulent_zuid": 200, "teamleider": 200, "teamleider_zuid": 200},
        403,
    ),
    "decisions:bezwaar_register": (
        lambda w: reverse("decisions:bezwaar_register", args=[_sent(w).pk]),
        {"consulent": 200, "teamleider": 200, "consulent_zuid": 404, "teamleider_zuid": 404},
        403,
    ),
    "decisions:bezwaar_excuse": (
        lambda w: reverse("decisions:bezwaar_excuse", args=[_bezwaar(w).pk]),
        {"consulent": 200, "teamleider": 200, "consulent_zuid": 404, "teamleider_zuid": 404},
        403,
    ),
    "decisions:bezwaar_hearing": (
        lambda w: reverse("decisions:bezwaar_hearing", args=[_bezwaar(w).pk]),
        {"consulent": 200, "teamleider": 200, "consulent_zuid": 404, "teamleider_zuid": 404},
        403,
    ),
    "decisions:bezwaar_decide": (
        lambda w: reverse("decisions:bezwaar_decide", args=[_bezwaar(w).pk]),
        {"consulent": 200, "teamleider": 200, "consulent_zuid": 404, "teamleider_zuid": 404},
        403,
    ),
    "decisions:beroep_register": (
        lambda w: reverse("decisions:beroep_register", args=[_sent(w).pk]),
        {"consulent": 200, "teamleider": 200, "consulent_zuid": 404, "teamleider_zuid": 404},
        403,
    ),
    "decisions:beroep_outcome": (
        lambda w: reverse("decisions:beroep_outcome", args=[_beroep(w).pk]),
        {"consulent": 200, "teamleider": 200, "consulent_zuid": 404, "teamleider_zuid": 404},
        403,
    ),
    "claims:detail": (
        lambda w: reverse("claims:detail", args=[_vordering(w).pk]),
        {"consulent": 200, "teamleider": 200},
        404,
    ),
    "claims:payment": (
        lambda w: reverse("claims:payment", args=[_vordering(w).pk]),
        {"consulent": 200, "consulent_zuid": 404},
        403,
    ),
    "claims:waive": (
        lambda w: reverse("claims:waive", args=[_vordering(w).pk]),
        {"consulent": 200, "consulent_zuid": 404},
        403,
    ),
    "claims:write_off": (
        lambda w: reverse("claims:write_off", args=[_vordering(w).pk]),
        {"consulent": 200, "consulent_zuid": 404},
        403,
    ),
    "claims:aanmaning": (
        lambda w: reverse("claims:aanmaning", args=[_vordering(w).pk]),
        {"consulent": 200, "consulent_zuid": 404},
        403,
    ),
    "claims:dwangbevel": (
        lambda w: reverse("claims:dwangbevel", args=[_vordering(w).pk]),
        {"consulent": 200, "consulent_zuid": 404},
        403,
    ),
    "claims:non_cooperation": (
        lambda w: reverse("claims:non_cooperation", args=[_vordering(w).pk]),
        {"consulent": 200, "consulent_zuid": 404},
        403,
    ),
    "claims:step_pdf": (
        lambda w: reverse("claims:step_pdf", args=[_aanmaning(w).pk]),
        {"consulent": 200, "teamleider": 200, "consulent_zuid": 404, "teamleider_zuid": 404},
        403,
    ),
    "claims:collection": (
        lambda w: reverse("claims:collection"),
        {"consulent": 200, "consulent_zuid": 200, "teamleider": 200, "teamleider_zuid": 200},
        403,
    ),
    "claims:resident": (
        lambda w: reverse("claims:resident", args=[w["jansen"].pk]),
        {"consulent": 200, "teamleider": 200, "consulent_zuid": 404, "teamleider_zuid": 404},
        403,
    ),
    "prevention:list": (
        lambda w: reverse("prevention:list"),
        {"consulent": 200, "consulent_zuid": 200, "teamleider": 200, "teamleider_zuid": 200},
        403,
    ),
    "prevention:worklist": (
        lambda w: reverse("prevention:worklist"),
        {"consulent": 200, "consulent_zuid": 200, "teamleider": 200, "teamleider_zuid": 200},
        403,
    ),
    "prevention:referral_list": (
        lambda w: reverse("prevention:referral_list"),
        {"consulent": 200, "consulent_zuid": 200, "teamleider": 200, "teamleider_zuid": 200},
        403,
    ),
    "prevention:blank_sheet": (
        lambda w: reverse("prevention:blank_sheet", args=["ar"]),
        {"consulent": 200, "consulent_zuid": 200, "teamleider": 200, "teamleider_zuid": 200},
        403,
    ),
    "prevention:intake_create": (
        lambda w: reverse("prevention:intake_create", args=[w["jansen"].pk]),
        {"consulent": 200, "consulent_zuid": 404},
        403,
    ),
    "prevention:intake_detail": (
        lambda w: reverse("prevention:intake_detail", args=[_intake(w).pk]),
        {"consulent": 200, "teamleider": 200},
        404,
    ),
    "prevention:intake_sheet": (
        lambda w: reverse("prevention:intake_sheet", args=[_intake(w).pk]),
        {"consulent": 200, "teamleider": 200},
        404,
    ),
    "prevention:support_needs": (
        lambda w: reverse("prevention:support_needs", args=[w["jansen"].pk]),
        {"consulent": 200, "consulent_zuid": 404},
        403,
    ),
    "prevention:schedule_create": (
        lambda w: reverse("prevention:schedule_create", args=[w["jansen"].pk]),
        {"consulent": 200, "consulent_zuid": 404},
        403,
    ),
    "prevention:referral_create": (
        lambda w: reverse("prevention:referral_create", args=[w["jansen"].pk]),
        {"consulent": 200, "consulent_zuid": 404},
        403,
    ),
    "prevention:referral_detail": (
        lambda w: reverse("prevention:referral_detail", args=[_referral(w).pk]),
        {"consulent": 200, "teamleider": 200, "consulent_zuid": 404, "teamleider_zuid": 404},
        403,
    ),
    "prevention:change_report_detail": (
        lambda w: reverse("prevention:change_report_detail", args=[_change_report(w).pk]),
        {"consulent": 200, "teamleider": 200, "consulent_zuid": 404, "teamleider_zuid": 404},
        403,
    ),
    "prevention:change_report_attachment": (
        lambda w: reverse(
            "prevention:change_report_attachment", args=[_change_report(w, attachment=True).pk]
        ),
        {"consulent": 200, "teamleider": 200, "consulent_zuid": 404, "teamleider_zuid": 404},
        403,
    ),
    "prevention:reminder_letter": (
        lambda w: reverse("prevention:reminder_letter", args=[_reminder(w).pk]),
        {"consulent": 200, "teamleider": 200, "consulent_zuid": 404, "teamleider_zuid": 404},
        403,
    ),
    "reports:overview": (
        lambda w: reverse("reports:overview"),
        {"teamleider": 200, "teamleider_zuid": 200, "analist": 200, "fg": 200, "beleid": 200},
        403,
    ),
    "reports:report": (
        lambda w: reverse("reports:report", args=["mer"]) + "?periode=2026-T1",
        REPORT_READERS,
        403,
    ),
    "reports:report_pdf": (
        lambda w: reverse("reports:report_pdf", args=["szw"]) + "?periode=2026",
        REPORT_READERS,
        403,
    ),
    "reports:report_xlsx": (
        lambda w: reverse("reports:report_xlsx", args=["groningen"]) + "?periode=2026",
        REPORT_READERS,
        403,
    ),
    "reports:report_csv": (
        lambda w: reverse("reports:report_csv", args=["groningen", "C2-by_district"]) + "?periode=2026",
        REPORT_READERS,
        403,
    ),
    "reports:definitions": (lambda w: reverse("reports:definitions"), REPORT_READERS, 403),
    "reports:case_examples": (
        lambda w: reverse("reports:case_examples"),
        {**REPORT_READERS, "consulent": 200, "consulent_zuid": 200},
        403,
    ),
    "reports:case_example_create": (
        lambda w: reverse("reports:case_example_create"),
        {"consulent": 200, "consulent_zuid": 200, "teamleider": 200, "teamleider_zuid": 200},
        403,
    ),
    "audit:search": (lambda w: reverse("audit:search"), {"fg": 200}, 403),
    # The FG's questions (issue #15): masked BSNs only, and each question is itself logged.
    "audit:resident_history": (
        lambda w: reverse("audit:resident_history") + f"?bsn={w['jansen'].bsn}",
        {"fg": 200},
        403,
    ),
    "audit:employee_history": (
        lambda w: reverse("audit:employee_history") + "?employee=consulent",
        {"fg": 200},
        403,
    ),
    # Inzageverzoek (AVG art. 15): the form by GET; the BSN comes by POST (dossier/tests/test_inzage.py).
    "audit:inzage_request": (lambda w: reverse("audit:inzage_request"), {"fg": 200}, 403),
    "controls:list": (
        lambda w: reverse("controls:list"),
        {"analist": 200, "fg": 200, "teamleider": 200, "teamleider_zuid": 200},
        403,
    ),
    "controls:filter_detail": (
        lambda w: reverse("controls:filter_detail", args=["voertuigen"]),
        {"analist": 200, "fg": 200, "teamleider": 200, "teamleider_zuid": 200},
        403,
    ),
    "controls:run_upload": (
        lambda w: reverse("controls:run_upload", args=["voertuigen"]),
        {"analist": 200},
        403,
    ),
    "controls:run_detail": (
        lambda w: reverse("controls:run_detail", args=[_control_run(w).pk]),
        {"analist": 200, "fg": 200, "teamleider": 200, "teamleider_zuid": 200},
        403,
    ),
    "controls:delivery_new": (lambda w: reverse("controls:delivery_new"), {"analist": 200}, 403),
    "controls:delivery_detail": (
        lambda w: reverse("controls:delivery_detail", args=[_delivery(w).pk]),
        {"analist": 200},
        403,
    ),
    "controls:register_export": (
        lambda w: reverse("controls:register_export", args=["voertuigen"]),
        {"analist": 200, "fg": 200, "teamleider": 200, "teamleider_zuid": 200},
        403,
    ),
    # Outcome reviews (issue #23): counts per group only, for every reader of the register.
    "controls:outcome_reviews": (
        lambda w: reverse("controls:outcome_reviews"),
        {"analist": 200, "fg": 200, "teamleider": 200, "teamleider_zuid": 200},
        403,
    ),
    # The proxy check of a filter (issue #23): counts only, for every reader of the register.
    "controls:proxy_check": (
        lambda w: reverse("controls:proxy_check", args=["voertuigen"]),
        {"analist": 200, "fg": 200, "teamleider": 200, "teamleider_zuid": 200},
        403,
    ),
    "ruleset:list": (lambda w: reverse("ruleset:list"), RULESET_READERS, 403),
    "ruleset:propose": (lambda w: reverse("ruleset:propose"), {"beheerder": 200}, 403),
    "ruleset:propose_file": (lambda w: reverse("ruleset:propose_file"), {"beheerder": 200}, 403),
    # Beheer › Bewaartermijnen (issue #16): the beheerder draws up, the FG approves (the archivaris, not a
    # ROLES column here, in retention/tests/test_views.py); numbers only, no names.
    "retention:index": (lambda w: reverse("retention:index"), RETENTION_READERS, 403),
    "retention:detail": (
        lambda w: reverse("retention:detail", args=[_destruction_list(w).pk]),
        RETENTION_READERS,
        403,
    ),
    "retention:certificates": (lambda w: reverse("retention:certificates"), RETENTION_READERS, 403),
    "retention:certificate": (
        lambda w: reverse("retention:certificate", args=[_destruction_certificate(w).pk]),
        RETENTION_READERS,
        403,
    ),
    "ruleset:detail": (
        lambda w: reverse("ruleset:detail", args=[_parameter_set(w).pk]),
        RULESET_READERS,
        403,
    ),
    # The Django admin is for a superuser only (ADR 0018): every role gets 403, the beheerder too.
    "admin:index": (lambda w: reverse("admin:index"), {}, 403),
    "admin:user_changelist": (lambda w: "/beheer/accounts/user/", {}, 403),
    "beheer:users": (lambda w: reverse("beheer:users"), {"beheerder": 200}, 403),
    "beheer:user_create": (lambda w: reverse("beheer:user_create"), {"beheerder": 200}, 403),
    "beheer:user_detail": (
        lambda w: reverse("beheer:user_detail", args=[w["consulent"].pk]),
        {"beheerder": 200},
        403,
    ),
    "beheer:grants": (lambda w: reverse("beheer:grants"), {"beheerder": 200}, 403),
    "beheer:teams": (lambda w: reverse("beheer:teams"), {"beheerder": 200}, 403),
    "accounts:otp_setup": (lambda w: reverse("accounts:otp_setup"), {}, 200),
    # Each user's own saved filters of the lists (issue #21): every role has the page, with only his own.
    "accounts:saved_filters": (lambda w: reverse("accounts:saved_filters"), {}, 200),
    "api:residents": (
        lambda w: "/api/v1/residents/",
        {
            "consulent": 200,
            "consulent_zuid": 200,
            "handhaver": 200,
            "teamleider": 200,
            "teamleider_zuid": 200,
        },
        403,
    ),
    "api:resident_detail": (
        lambda w: f"/api/v1/residents/{w['jansen'].pk}/",
        {
            "consulent": 200,
            "handhaver": 200,
            "teamleider": 200,
            "analist": 403,
            "fg": 403,
            "beleid": 403,
            "beheerder": 403,
        },
        404,
    ),
    "api:signals": (
        lambda w: "/api/v1/signals/",
        {
            "consulent": 200,
            "consulent_zuid": 200,
            "handhaver": 200,
            "teamleider": 200,
            "teamleider_zuid": 200,
        },
        403,
    ),
    # Beheer › Gemeenten (issue #17): the beheerder keeps the municipalities; no resident data.
    "gemeenten:list": (lambda w: reverse("gemeenten:list"), {"beheerder": 200}, 403),
    "gemeenten:create": (lambda w: reverse("gemeenten:create"), {"beheerder": 200}, 403),
    "gemeenten:edit": (
        lambda w: reverse("gemeenten:edit", args=[w["jansen"].gemeente_id]),
        {"beheerder": 200},
        403,
    ),
    # The maatregel (issue #19): verzuimen for who decides (record) or co-signs, in their own scope.
    "decisions:verzuim_list": (
        lambda w: reverse("decisions:verzuim_list"),
        {"consulent": 200, "consulent_zuid": 200, "teamleider": 200, "teamleider_zuid": 200},
        403,
    ),
    "decisions:verzuim_create": (
        lambda w: reverse("decisions:verzuim_create", args=[w["jansen"].pk]),
        {"consulent": 200, "consulent_zuid": 404},
        403,
    ),
    "decisions:verzuim_detail": (
        lambda w: reverse("decisions:verzuim_detail", args=[_verzuim(w).pk]),
        {"consulent": 200, "teamleider": 200, "consulent_zuid": 404, "teamleider_zuid": 404},
        403,
    ),
    "decisions:maatregel_prepare": (
        lambda w: reverse("decisions:maatregel_prepare", args=[_verzuim(w).pk]),
        {"consulent": 200, "consulent_zuid": 404},
        403,
    ),
}

CASES = [(page, role) for page in MATRIX for role in ROLES]

#: URL names that are not pages a staff role opens, each with the reason and where it is tested instead.
NOT_IN_MATRIX = {
    # the login flow and the second factor: no case data (tests/security/test_login_paths.py)
    "accounts:login": "login",
    "accounts:logout": "POST only",
    "accounts:otp_verify": "login",
    "accounts:recovery_codes": "second factor",
    "accounts:otp_remove": "second factor",
    "accounts:invitation": "invitation link (tests/security/test_escalation.py)",
    "accounts:sso_start": "SSO: to the organisation's provider (tests/browser/test_oidc_logins.py)",
    "accounts:sso_callback": "SSO: back from the provider, state checked (tests/browser/test_oidc_logins.py)",
    "accounts:saved_filter_save": "POST only (test_who_may_open_a_list_may_save_its_filters)",
    "accounts:saved_filter_delete": "POST only: the owner's own (accounts/tests/test_saved_filters.py)",
    # for residents, without a staff account (test_public_pages_are_open_to_everyone, prevention tests)
    "melden:report": "public",
    "melden:receipt": "public",
    "wijziging:start": "public",
    "wijziging:form": "resident login (prevention/tests/test_change_form.py)",
    "wijziging:receipt": "resident login",
    "wijziging:receipt_pdf": "resident login",
    "wijziging:logout": "resident login",
    "wijziging:digid_start": "DigiD: to the broker (tests/browser/test_oidc_logins.py)",
    "wijziging:digid_callback": "DigiD: back from the broker (tests/browser/test_oidc_logins.py)",
    "algorithms:index": "public",
    "algorithms:detail": "public",
    "web:accessibility": "public: the toegankelijkheidsverklaring (web/tests/test_public_pages.py)",
    "web:privacy": "public: the privacy statement",
    "web:contact": "public: the municipality's contact details",
    "web:gemeente_logo": "public: the municipality's logo in the header (web/tests/test_public_pages.py)",
    # the operator's probes: no case data (ops/tests/test_health.py walks token, roles, each dependency)
    "ops:live": "liveness probe, no login",
    "ops:ready": "token or ops.view_health; 503 when a dependency fails (ops/tests/test_health.py)",
    "ops:metrics": "token or ops.view_health (ops/tests/test_health.py)",
    # actions: POST only, answered with a redirect (their services are tested per app)
    "residents:request_handle": "POST only",
    "residents:privacy_objection_decide": "POST only (residents/tests/test_avg_rights.py)",
    "decisions:letter_send": "POST only (decisions/tests/test_letters_dispatch.py)",
    "investigations:assign": "POST only",
    "investigations:action": "POST only",
    "investigations:document": "POST only",
    "investigations:hearing": "POST only",
    "investigations:findings": "POST only",
    "investigations:close": "POST only",
    "investigations:bulk_assign": "POST only (investigations/tests/test_bulk_assign.py)",
    "decisions:cosign": "POST only",
    "decisions:verzuim_hearing": "POST only (decisions/tests/test_maatregel_views.py)",
    "decisions:verzuim_close": "POST only (decisions/tests/test_maatregel_views.py)",
    "decisions:opschorting_start": "POST only",
    "prevention:application_outcome": "POST only",
    "prevention:reminder_sent": "POST only",
    "prevention:change_report_handled": "POST only",
    "controls:delivery_cancel": "POST only",
    "controls:run_explain": "POST only",
    "controls:run_fg_approve": "POST only",
    "controls:run_release": "POST only",
    "controls:run_scan": "POST only (controls/tests/test_scan.py)",
    "controls:filter_approve": "POST only",
    "controls:filter_update": "POST only",
    "controls:proxy_check_run": "POST only (controls/tests/test_proxy.py)",
    "controls:proxy_check_justify": "POST only (controls/tests/test_proxy.py)",
    "controls:proxy_check_fg": "POST only (controls/tests/test_proxy.py)",
    "controls:run_outcome_record": "POST only (controls/tests/test_outcomes.py)",
    "controls:filter_outcome_record": "POST only (controls/tests/test_outcomes.py)",
    "controls:outcome_review_acknowledge": "POST only (controls/tests/test_outcomes.py)",
    "reports:case_example_withdraw": "POST only",
    "ruleset:review": "POST only (test_ruleset_review_is_for_approvers_only)",
    "beheer:user_reset": "POST only",
    "beheer:user_deactivate": "POST only",
    "beheer:user_unlock": "POST only",
    "beheer:grant_decide": "POST only",
    "retention:propose": "POST only (retention/tests/test_views.py)",
    "retention:approve": "POST only (retention/tests/test_views.py)",
    "retention:execute": "POST only (retention/tests/test_views.py)",
    "api:decisions-evaluate": "POST only (api/tests)",
    "api:resident-search": "POST only: a BSN search never in a URL (tests/security/test_no_bsn_in_urls.py)",
    "api:api-root": "an index of links",
    "api:schema": "the OpenAPI schema (api/tests/test_schema.py)",
    "api:signal-detail": "api/tests/test_signals_api.py, tests/security/test_oracles.py",
}


def _parameter_set(w):
    """A legal amount proposed by the functional administrator, waiting for approval."""
    from naleving.ruleset.services import parameterset_propose
    from naleving.ruleset.tests.yaml_texts import FINE_CATEGORY_2, SOURCE

    return parameterset_propose(actor=w["beheerder"], text=FINE_CATEGORY_2, source_url=SOURCE)


def _control_run(w):
    """A stored run of the voertuigen theme control (no raw data is kept)."""
    from datetime import date

    from naleving.controls.filter_register import filters_sync
    from naleving.controls.models import ControlRun, Filter

    filters_sync()
    return ControlRun.objects.create(
        filter=Filter.objects.get(name="voertuigen"),
        reference_date=date(2026, 3, 1),
        source="Inlichtingenbureau",
        delivery_date=date(2026, 3, 2),
        legal_basis="Pw art. 64",
        population=10,
        hits_count=0,
        verdict="ok",
        created_by=w["analist"],
    )


def _delivery(w):
    """A finished delivery (its raw files already deleted)."""
    from datetime import date

    from naleving.controls.models import Delivery

    return Delivery.objects.create(
        controls=["voertuigen"],
        reference_date=date(2026, 3, 1),
        source="Inlichtingenbureau",
        delivery_date=date(2026, 3, 2),
        legal_basis="Pw art. 64",
        status="done",
        progress=100,
        created_by=w["analist"],
    )


def _document_url(w) -> str:
    """A document attached to the world's investigation (stored under the temporary MEDIA_ROOT)."""
    from django.core.files.base import ContentFile

    from naleving.investigations.models import InvestigationDocument

    document = InvestigationDocument(
        investigation=w["investigation"],
        filename="verslag.txt",
        file_type="txt",
        size=5,
        sha256="0" * 64,
        description="Verslag",
    )
    document.file.save("verslag.txt", ContentFile(b"hallo"), save=True)
    return reverse("investigations:document_download", args=[w["investigation"].pk, document.pk])


def _closed_breach(w):
    """A closed investigation with a breach for Jansen, not yet decided."""
    from naleving.investigations.tests.factories import InvestigationFactory

    return InvestigationFactory(resident=w["jansen"], assigned_to=w["handhaver"], closed_with_breach=True)


def _verzuim(w):
    """A heard verzuim of Jansen (a job refused, Pw 18(4) onder a): ready for a maatregel."""
    from datetime import date

    from naleving.decisions.models import Verzuim

    verzuim, _ = Verzuim.objects.get_or_create(
        resident=w["jansen"],
        obligation="pw_18_4_a",
        defaults={
            "happened_on": date(2026, 10, 5),
            "facts": "Baan geweigerd.",
            "hearing_record": "Te ver reizen.",
            "status": "gehoord",
        },
    )
    return verzuim


def _vastgesteld(w):
    """The world's besluit, vastgesteld with a motivation (a letter exists only for such a besluit)."""
    from naleving.decisions.models import Besluit

    Besluit.objects.filter(pk=w["besluit"].pk).update(status="vastgesteld", motivation="De motivering.")
    return w["besluit"]


def _brief(w):
    """A sent letter of the world's besluit (its stored bytes are served as they are)."""
    from naleving.decisions.models import Brief

    brief, _ = Brief.objects.get_or_create(
        besluit=w["besluit"],
        addressee=w["jansen"],
        defaults={"sent_on": w["besluit"].decision_date, "pdf": b"%PDF-1.7 stored", "sha256": "0" * 64},
    )
    return brief


def _sent(w):
    """The world's besluit, vastgesteld and sent (the objection term runs)."""
    from datetime import date

    from naleving.decisions.models import Besluit

    Besluit.objects.filter(pk=w["besluit"].pk).update(status="vastgesteld", sent_on=date(2026, 4, 1))
    return w["besluit"]


def _bezwaar(w):
    """An open objection against the world's besluit."""
    from datetime import date

    from naleving.decisions.models import Bezwaar

    return Bezwaar.objects.create(
        besluit=_sent(w), received_on=date(2026, 4, 20), grounds="Te hoog", decide_by=date(2026, 6, 30)
    )


def _beroep(w):
    """A beroep awaiting its judgment (registered on the world's besluit, as the page only reads it)."""
    from datetime import date

    from naleving.decisions.models import Beroep

    return Beroep.objects.create(besluit=_sent(w), instance="beroep", lodged_on=date(2026, 7, 1))


def _vordering(w):
    """An open claim (recovery) of the world's besluit."""
    from naleving.claims.tests.factories import VorderingFactory

    return VorderingFactory(besluit=w["besluit"], resident=w["jansen"])


def _aanmaning(w):
    """An aanmaning on the world's claim, as stored (the page only reads its letter)."""
    from naleving.claims.models import Invorderingsstap

    return Invorderingsstap.objects.create(
        vordering=_vordering(w), kind="aanmaning", sent_on=date(2026, 7, 1), term_end=date(2026, 7, 15),
        amount_due=100, pdf=b"%PDF-1.4 test", sha256="0" * 64,
    )  # fmt: skip


def _intake(w):
    """The intake of Jansen's application at the gate."""
    from datetime import date

    from naleving.prevention import checklist
    from naleving.prevention.services import intake_record

    return intake_record(
        actor=w["consulent"],
        resident=w["jansen"],
        items=list(checklist.ITEM_CODES),
        language="nl",
        sheet_handed_over=True,
        recorded_on=date(2026, 3, 2),
        regulation="Pw",
        received_on=date(2026, 2, 20),
    )


def _referral(w):
    from naleving.prevention.tests.factories import ReferralFactory

    return ReferralFactory(resident=w["jansen"], referred_by=w["consulent"])


def _change_report(w, attachment: bool = False):
    """A change Jansen reported, optionally with a small PDF attached."""
    from django.core.files.base import ContentFile

    from naleving.prevention.tests.factories import ChangeReportFactory

    report = ChangeReportFactory(resident=w["jansen"])
    if attachment:
        report.attachment.save(f"{report.reference}.pdf", ContentFile(b"%PDF-1.4 test"), save=False)
        report.attachment_name, report.attachment_size = "contract.pdf", 13
        report.save()
    return report


def _reminder(w):
    """A reminder for Jansen that fell due on 2 March 2027."""
    from datetime import date

    from naleving.prevention.models import Reminder
    from naleving.prevention.reminders import reminders_create_due
    from naleving.prevention.tests.factories import ReminderScheduleFactory

    ReminderScheduleFactory(resident=w["jansen"], next_due_on=date(2027, 3, 2))
    reminders_create_due(today=date(2027, 3, 2))
    return Reminder.objects.get(resident=w["jansen"])


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


#: A URL in an attribute of a page: a link, a form's action, an htmx request.
URL_ATTRIBUTE = re.compile(
    r"""\b(?:href|action|src|formaction|hx-get|hx-post|hx-put|hx-delete|data-url)\s*=\s*["']([^"']*)["']"""
)


def urls_in(response) -> list[str]:
    """The URLs a response sends the browser to: its redirect and every URL in its HTML."""
    urls = [response["Location"]] if response.has_header("Location") else []
    if "text/html" in response.get("Content-Type", "") and not response.streaming:
        urls += URL_ATTRIBUTE.findall(response.content.decode())
    return urls


def with_a_bsn(urls, world) -> list[str]:
    """The ``urls`` that hold the BSN of one of the world's residents."""
    bsns = (world["jansen"].bsn, world["pietersen"].bsn)
    return [url for url in urls if any(bsn in url for bsn in bsns)]


@pytest.fixture(scope="module")
def _audit_rows(_module_world, django_db_blocker):
    """A consulent's read of Jansen's file and his search by Jansen's BSN, in the module's world: the FG's audit
    pages then have rows, pages and download links for the matrix to read."""
    from django.test import Client

    with django_db_blocker.unblock():
        client = Client()
        client.force_login(_module_world["consulent"])
        client.get(reverse("residents:detail", args=[_module_world["jansen"].pk]))
        client.post(reverse("residents:list"), {"q": _module_world["jansen"].bsn})


@pytest.mark.django_db
@pytest.mark.parametrize(("page", "role"), CASES, ids=[f"{p}-{r}" for p, r in CASES])
def test_role_page_matrix(client, world, shared_login, _audit_rows, page, role):
    """The status per role; no URL the page sends the browser to holds a resident's BSN (issue #16: URLs end
    up in access logs, browser history and Referer headers); and every page that shows a resident's data
    wrote an audit event naming that resident in the same request (reads are logged at the edge, issue #15)."""
    url_for, expected, default = MATRIX[page]
    shared_login(role)
    response = client.get(url_for(world))
    assert response.status_code == expected.get(role, default), f"{role} on {page}"
    leaks = with_a_bsn(urls_in(response), world)
    assert not leaks, f"{page} sends {role} to URLs with a BSN: {leaks}"
    if response.status_code == 200:
        shown = residents_shown_in(response, world)
        logged = set(
            AuditEvent.objects.filter(
                request_id=response["X-Request-ID"], resident_id__isnull=False
            ).values_list("resident_id", flat=True)
        )
        assert shown <= logged, (
            f"{page} shows residents {sorted(shown - logged)} to {role} without an audit event"
        )


def response_text(response) -> str:
    """What a person sees in the response: the page, the JSON, or the text of a PDF or spreadsheet."""
    body = b"".join(response.streaming_content) if response.streaming else response.content
    kind = response.get("Content-Type", "")
    if kind.startswith("application/pdf"):
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError

        try:
            return " ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(body)).pages)
        except PdfReadError:  # an uploaded attachment need not be a readable PDF: look at its bytes
            return body.decode("latin-1")
    if "spreadsheetml" in kind:
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(body), read_only=True)
        return " ".join(
            str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row
        )
    return body.decode("utf-8", errors="replace")


def residents_shown_in(response, world) -> set[int]:
    """The world's residents whose name or BSN the response shows."""
    text = response_text(response)
    return {
        resident.pk
        for resident in (world["jansen"], world["pietersen"])
        if resident.family_name in text or resident.bsn in text
    }


@pytest.mark.django_db
@pytest.mark.parametrize("page", list(MATRIX))
def test_anonymous_is_sent_to_login(client, world, page):
    url_for, _, _ = MATRIX[page]
    response = client.get(url_for(world))
    assert response.status_code in (302, 401, 403)
    if response.status_code == 302:
        assert "inloggen" in response["Location"] or "login" in response["Location"]


@pytest.mark.django_db
def test_consulent_sees_own_caseload_only(client, world, shared_login):
    shared_login("consulent")
    body = client.get(reverse("residents:list")).content.decode()
    assert "Jansen" in body
    assert "Pietersen" not in body


@pytest.mark.django_db
def test_handhaver_sees_only_investigated_residents(client, world, shared_login):
    shared_login("handhaver")
    body = client.get(reverse("residents:list")).content.decode()
    assert "Jansen" in body and "Pietersen" not in body


#: the lists with filters that a user may save (issue #21), each by its page in MATRIX
SAVED_FILTER_LISTS = [
    "residents:list",
    "signals:list",
    "investigations:list",
    "decisions:list",
    "claims:list",
    "prevention:list",
    "audit:search",
]
SAVE_CASES = [(name, role) for name in SAVED_FILTER_LISTS for role in ROLES]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "role"), SAVE_CASES, ids=[f"{n}-{r}" for n, r in SAVE_CASES])
def test_who_may_open_a_list_may_save_its_filters(client, world, shared_login, name, role):
    """Saving a filter follows the list's own permission: a redirect back to the list, or 403."""
    _url, expected, default = MATRIX[name]
    shared_login(role)
    response = client.post(
        reverse("accounts:saved_filter_save"),
        {"list": name, "name": "Mijn filter", "query": "sorteer=-nummer"},
    )
    assert response.status_code == (302 if expected.get(role, default) == 200 else 403), f"{role} on {name}"


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_ruleset_review_is_for_approvers_only(client, world, shared_login, role):
    """Posting a review: 403 without the approve permission; the proposer is refused with four eyes."""
    parameter_set = _parameter_set(world)
    shared_login(role)
    response = client.post(reverse("ruleset:review", args=[parameter_set.pk]), {"decision": "approve"})
    expected = 302 if role in ("teamleider", "teamleider_zuid", "beheerder") else 403
    assert response.status_code == expected, role
    parameter_set.refresh_from_db()
    assert parameter_set.status == ("goedgekeurd" if role.startswith("teamleider") else "voorgesteld")


@pytest.mark.django_db
def test_navigation_shows_only_what_the_role_may_open(client, world, shared_login):
    shared_login("beleid")
    body = client.get(reverse("web:home")).content.decode()
    assert "Rapportages" in body
    for hidden in ("Inwoners", "Signalen", "Onderzoeken", "Auditlog"):
        assert f">{hidden}</a>" not in body


# Pages for residents, open without an account.
PUBLIC_PAGES = {
    "melden:report": lambda w: reverse("melden:report"),
    "wijziging:start": lambda w: reverse("wijziging:start"),
    "algorithms:index": lambda w: reverse("algorithms:index"),
    "algorithms:detail": lambda w: reverse("algorithms:detail", args=["voertuigen"]),
    # linked from the footer of every page (issue #22)
    "web:accessibility": lambda w: reverse("web:accessibility"),
    "web:privacy": lambda w: reverse("web:privacy"),
    "web:contact": lambda w: reverse("web:contact"),
}


@pytest.mark.django_db
@pytest.mark.parametrize("page", list(PUBLIC_PAGES))
@pytest.mark.parametrize("role", [None, *ROLES])
def test_public_pages_are_open_to_everyone(client, world, shared_login, page, role):
    if role:
        shared_login(role)
    assert client.get(PUBLIC_PAGES[page](world)).status_code == 200


def _url_names(patterns, namespace=None):
    from django.urls import URLResolver

    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace
            yield from _url_names(
                pattern.url_patterns, (f"{namespace}:{inner}" if namespace else inner) if inner else namespace
            )
        elif pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


@pytest.mark.django_db
def test_every_page_is_walked_by_the_matrix(world):
    """The matrix (statuses per role, and the audit event of every page showing a resident) covers every URL
    of the product except the named exceptions: a new page cannot slip past it."""
    from django.urls import get_resolver, resolve

    covered = {resolve(url_for(world).split("?")[0]).view_name for url_for, _, _ in MATRIX.values()}
    names = {n for n in _url_names(get_resolver().url_patterns) if not n.startswith("admin:")}
    assert names - covered - set(NOT_IN_MATRIX) == set()
    assert set(NOT_IN_MATRIX) <= names, "an exception names a URL that no longer exists"
