"""Writes: propose, approve (four eyes) and reject a parameter set; the effect preview an approver sees.

Every step is audited. A set is refused early when the engine cannot read it (the error names the parameter
and the field) or when a check fails (`checks.SetRefused`); a change of more than 10 % is flagged and needs a
note before approval. An approved set gets the next `seq` and is in force at once for every caller of
`selectors.registry()`.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from naleving import rules
from naleving.audit.services import audit_record
from naleving.rules.parameters import Parameter
from naleving.ruleset import checks, selectors
from naleving.ruleset.checks import SetRefused
from naleving.ruleset.models import ParameterSet, SetKind, SetStatus

#: the `seq` a proposal is tried with before it is approved: after every approved set
_TRIAL_SEQ = 10**9


def read_set(parameter_set: ParameterSet) -> tuple[rules.Registry, rules.Registry, list[Parameter]]:
    """(current registry, registry with this set, the set's parameters); SetRefused when the engine cannot
    read it."""
    current = selectors.registry()
    trial = selectors.amendment(parameter_set, _TRIAL_SEQ)
    try:
        with_set = rules.Registry.load(amendments=(*selectors.approved_amendments(), trial))
        parameters = trial.parameters()
    except rules.ParameterFileError as exc:
        raise SetRefused("invalid_file", str(exc), exc.key) from None
    return current, with_set, parameters


def _profile_name(text: str) -> str:
    try:
        data = rules.parameters.read_yaml_text(text, "profiel")
    except rules.ParameterFileError as exc:
        raise SetRefused("invalid_file", str(exc), exc.key) from None
    name = data.get("profile") if isinstance(data, dict) else None
    if not isinstance(name, str) or not name:
        raise SetRefused("invalid_file", "Een profielbestand noemt zijn naam onder `profile`.", "profile")
    return name


def _pending(exclude: int | None) -> dict[int, list[Parameter]]:
    found = {}
    for other in ParameterSet.objects.filter(status=SetStatus.PROPOSED, kind=SetKind.AMOUNTS).exclude(
        pk=exclude
    ):
        try:
            found[other.pk] = selectors.amendment(other, _TRIAL_SEQ).parameters()
        except rules.ParameterFileError:  # pragma: no cover - stored sets were read before
            continue
    return found


def _check(parameter_set: ParameterSet) -> dict:
    current, _with_set, parameters = read_set(parameter_set)
    if parameter_set.kind == SetKind.PROFILE:
        old = current.profiles.get(parameter_set.profile_name)
        new = _with_set.profile(parameter_set.profile_name)
        return {
            "overrides": [],
            "flagged": [],
            "profile": {
                "name": new.name,
                "organisation": new.organisation,
                "valid_from": str(new.valid_from),
                "valid_to": None if new.valid_to is None else str(new.valid_to),
                "replaces": None
                if old is None
                else {
                    "valid_from": str(old.valid_from),
                    "valid_to": None if old.valid_to is None else str(old.valid_to),
                },
            },
        }
    checks.check_complete(current, parameters)
    checks.check_gaps(current, parameters)
    checks.check_pending(parameters, _pending(parameter_set.pk))
    return checks.findings(current, parameters).as_json()


def _require(actor, permission: str, message: str) -> None:
    if not actor.has_perm(permission):
        raise PermissionDenied(message)


@transaction.atomic
def parameterset_propose(
    *, actor, text: str, source_url: str, title: str = "", note: str = ""
) -> ParameterSet:
    """Propose dated amounts (schema of `rules/parameters/*.yaml`) or a profile file (schema of
    `rules/profiles/*.yaml`, recognised by its `profile:` key). Raises SetRefused naming what is wrong."""
    _require(actor, "ruleset.propose_parameterset", "U mag geen wettelijke bedragen voorstellen.")
    if not source_url.startswith(("https://", "http://")):
        raise SetRefused(
            "missing_source", "Geef de bron: een link naar de Staatscourant of wetten.overheid.nl.", "source"
        )
    is_profile = "\nprofile:" in f"\n{text}"
    parameter_set = ParameterSet(
        kind=SetKind.PROFILE if is_profile else SetKind.AMOUNTS,
        text=text,
        profile_name=_profile_name(text) if is_profile else "",
        source_url=source_url,
        note=note.strip(),
        proposed_by=actor,
    )
    parameter_set.checks = _check(parameter_set)
    parameter_set.title = (title or _title(parameter_set))[:200]
    parameter_set.save()
    audit_record(
        actor=actor,
        code="parameters.proposed",
        obj=parameter_set,
        after={
            "titel": parameter_set.title,
            "bron": source_url,
            "vervangt": len(parameter_set.checks["overrides"]),
            "gemarkeerd": [f["name"] for f in parameter_set.checks["flagged"]],
        },
    )
    return parameter_set


def _title(parameter_set: ParameterSet) -> str:
    if parameter_set.kind == SetKind.PROFILE:
        profile = parameter_set.checks["profile"]
        return f"Beleidsprofiel {profile['name']} ({profile['valid_from']} t/m {profile['valid_to'] or 'open einde'})"
    parameters = selectors.amendment(parameter_set, _TRIAL_SEQ).parameters()
    first = min(v.valid_from for p in parameters for v in p.values)
    return f"{len(parameters)} bedrag(en) vanaf {first:%d-%m-%Y}"


@transaction.atomic
def parameterset_approve(*, actor, parameter_set: ParameterSet, note: str = "") -> ParameterSet:
    """The second person approves: the set gets the next `seq` and is in force from now on."""
    parameter_set = ParameterSet.objects.select_for_update().get(pk=parameter_set.pk)
    if parameter_set.proposed_by_id == actor.pk:
        raise SetRefused(
            "four_eyes",
            "U heeft dit voorstel zelf gedaan. Een andere medewerker moet het goedkeuren (vier ogen).",
            None,
        )
    _require(actor, "ruleset.approve_parameterset", "U mag geen wettelijke bedragen goedkeuren.")
    if parameter_set.status != SetStatus.PROPOSED:
        raise SetRefused("not_open", "Dit voorstel is al beoordeeld.", None)
    note = note.strip()
    parameter_set.checks = _check(parameter_set)  # the law may have moved since the proposal
    if parameter_set.checks["flagged"] and not (note or parameter_set.note):
        names = ", ".join(f["name"] for f in parameter_set.checks["flagged"])
        raise SetRefused(
            "note_required",
            f"Deze bedragen wijken meer dan 10 % af van de vorige periode: {names}. Licht dat toe.",
            "note",
        )
    last = ParameterSet.objects.aggregate(last=Max("seq"))["last"] or 0
    parameter_set.seq = last + 1
    parameter_set.status = SetStatus.APPROVED
    parameter_set.decided_by, parameter_set.decided_at, parameter_set.decision_note = (
        actor,
        timezone.now(),
        note,
    )
    parameter_set.save()
    audit_record(
        actor=actor,
        code="parameters.approved",
        obj=parameter_set,
        before={"status": SetStatus.PROPOSED},
        after={"status": parameter_set.status, "volgnummer": parameter_set.seq, "toelichting": note},
    )
    return parameter_set


@transaction.atomic
def parameterset_reject(*, actor, parameter_set: ParameterSet, note: str) -> ParameterSet:
    parameter_set = ParameterSet.objects.select_for_update().get(pk=parameter_set.pk)
    if parameter_set.proposed_by_id == actor.pk:
        raise SetRefused("four_eyes", "U kunt uw eigen voorstel niet beoordelen (vier ogen).", None)
    _require(actor, "ruleset.approve_parameterset", "U mag geen wettelijke bedragen beoordelen.")
    if parameter_set.status != SetStatus.PROPOSED:
        raise SetRefused("not_open", "Dit voorstel is al beoordeeld.", None)
    if not note.strip():
        raise SetRefused("note_required", "Schrijf op waarom u het voorstel afwijst.", "note")
    parameter_set.status = SetStatus.REJECTED
    parameter_set.decided_by, parameter_set.decided_at, parameter_set.decision_note = (
        actor,
        timezone.now(),
        note.strip(),
    )
    parameter_set.save()
    audit_record(
        actor=actor,
        code="parameters.rejected",
        obj=parameter_set,
        after={"status": parameter_set.status, "toelichting": note},
    )
    return parameter_set
