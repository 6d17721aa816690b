"""The unsupervised bias scan of a run (issue #23): clusters of selected residents, on the filter's own
inputs only, whose share investigated for nothing deviates from the rest (`naleving.analytics.hbac`).

Per selected hit (not the control group): its inputs as the run computed them (from the stored evidence,
`analytics.scan_inputs`) and its outcome: the hit's signal, the investigations that followed it, and
whether one of them, closed, established a breach (then the selection was right) or none did (then the
resident was investigated for nothing). Hits without a closed investigation have no outcome and stay out.
The result is stored in ``ControlRun.scan`` with its parameters, date and who ran it; the analyst runs it,
everyone who may read the run sees it. No protected attribute is read for it.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from naleving.audit.services import audit_record
from naleving.controls.models import ControlHit, ControlRun
from naleving.controls.permissions import RUN, require
from naleving.investigations.choices import Outcome, Status

#: the smallest cluster the scan reports; below twice this many outcomes it says "te weinig uitkomsten"
MIN_CLUSTER_SIZE = 10
MAX_ITERATIONS = 10


def hit_outcomes(run: ControlRun) -> list[tuple[ControlHit, bool | None]]:
    """Each selected hit of ``run`` with its outcome: True when investigated for nothing (every closed
    investigation after its signal found no breach), False when a breach was found, None without one."""
    hits = {hit.pk: hit for hit in run.hits.filter(in_control_group=False)}
    closed: dict[int, list[str]] = {pk: [] for pk in hits}
    rows = (
        ControlHit.objects.filter(pk__in=list(hits), signal__isnull=False)
        .order_by()
        .values_list("pk", "signal__investigations__status", "signal__investigations__outcome")
    )
    for pk, status, outcome in rows:
        if status == Status.AFGEROND and outcome in Outcome.values:
            closed[pk].append(outcome)
    result: list[tuple[ControlHit, bool | None]] = []
    for pk, hit in sorted(hits.items(), key=lambda item: item[1].client_id):
        outcomes = closed[pk]
        result.append((hit, None if not outcomes else Outcome.SCHENDING not in outcomes))
    return result


@transaction.atomic
def control_run_scan(
    *, actor, run: ControlRun, min_cluster_size: int = MIN_CLUSTER_SIZE, max_iterations: int = MAX_ITERATIONS
) -> ControlRun:
    """Run the bias scan over ``run``'s selected hits with an outcome and store it on the run, with its
    audit event. With too few outcomes the stored scan says so (status "too_few_outcomes")."""
    from naleving.analytics import hbac, scan_inputs  # scikit-learn is loaded only when a scan runs

    require(actor, RUN)
    run = ControlRun.objects.select_for_update().select_related("filter").get(pk=run.pk)
    pairs = hit_outcomes(run)
    control = run.filter.name
    document = hbac.scan(
        [scan_inputs.inputs(control, hit.evidence, hit.reasons) for hit, _ in pairs],
        [outcome for _, outcome in pairs],
        scan_inputs.features(control),
        hbac.Parameters(min_cluster_size=min_cluster_size, max_iterations=max_iterations, seed=run.seed or 0),
    )
    document |= {
        "scanned_at": timezone.now().isoformat(timespec="seconds"),
        "scanned_by": actor.get_full_name() or actor.get_username(),
    }
    run.scan = document
    run.save(update_fields=["scan"])
    clusters = document["clusters"]
    audit_record(
        actor=actor,
        code="control.scanned",
        obj=run,
        purpose="Biasscan zonder beschermde kenmerken over de invoer van het filter",
        after={
            "status": document["status"],
            "with_outcome": document["with_outcome"],
            "clusters": len(clusters),
            "significant": sum(1 for c in clusters if c["significant"]),
            "parameters": document["parameters"],
        },
    )
    return run
