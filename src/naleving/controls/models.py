"""Theme controls: the filter register, its approvals, the runs over data deliveries and their hits.

Raw delivered data is never stored (shared/domain/datasets.md): a run keeps its parameters, counts, file
hashes, bias report and hits (with the evidence that made each one a hit).
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ControlAccess(models.Model):
    class Meta:
        managed = False
        default_permissions = ()
        permissions = [
            ("run_control", "Themacontroles draaien op aangeleverde data"),
            ("approve_filter", "Filters en gemarkeerde runs goedkeuren (FG)"),
            ("view_register", "Filterregister, runs en biasrapporten inzien (zonder treffers)"),
        ]

    def __str__(self) -> str:
        return "controls permissions"


class FilterStatus(models.TextChoices):
    IN_ONTWIKKELING = "in_ontwikkeling", _("In ontwikkeling")
    IN_GEBRUIK = "in_gebruik", _("In gebruik")
    BUITEN_GEBRUIK = "buiten_gebruik", _("Buiten gebruik")


class Verdict(models.TextChoices):
    OK = "ok", _("Geen aanwijzing voor vertekening")
    FLAG = "flag", _("Gemarkeerd: mogelijke vertekening")
    INSUFFICIENT_DATA = "insufficient_data", _("Te weinig gegevens")


class Filter(models.Model):
    """One registered theme control (one per analytics control), as published in the algoritmeregister."""

    name = models.SlugField(_("naam"), max_length=50, unique=True)
    title = models.CharField(_("titel"), max_length=100)
    purpose = models.TextField(_("doel"))
    legal_basis = models.TextField(_("grondslag"))
    data_used = models.TextField(_("gebruikte gegevens"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("eigenaar"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=FilterStatus.choices, default=FilterStatus.IN_ONTWIKKELING
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.title or self.name


class FilterApproval(models.Model):
    class Decision(models.TextChoices):
        APPROVED = "approved", _("Goedgekeurd")
        REJECTED = "rejected", _("Afgewezen")

    filter = models.ForeignKey(Filter, on_delete=models.CASCADE, related_name="approvals")
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decision = models.CharField(_("besluit"), max_length=10, choices=Decision.choices)
    note = models.TextField(_("toelichting"), blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.filter.name}: {self.decision}"


class FilterChange(models.Model):
    """A change of a filter's owner or status in the register (the approvals are FilterApproval)."""

    filter = models.ForeignKey(Filter, on_delete=models.CASCADE, related_name="changes")
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    before = models.JSONField(_("voor"), default=dict)
    after = models.JSONField(_("na"), default=dict)
    note = models.TextField(_("toelichting"), blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.filter.name}: {self.after}"


class Delivery(models.Model):
    """A data delivery uploaded for one or more controls, run in the background with its progress.

    The raw files live in a private folder (``folder``) only from upload until the run ends (done, failed or
    cancelled); then they are deleted and ``files_deleted_at`` is set. Kept: the file names, hashes and row
    counts, and the runs."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("In de wachtrij")
        RUNNING = "running", _("Bezig")
        DONE = "done", _("Klaar")
        FAILED = "failed", _("Mislukt")
        CANCELLED = "cancelled", _("Geannuleerd")

    controls = models.JSONField(_("controles"), default=list)
    gemeente = models.ForeignKey(
        "gemeenten.Gemeente",
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Leeg: de hele organisatie. Anders alleen de inwoners van deze gemeente (ADR 0021)."),
    )
    reference_date = models.DateField(_("peildatum"))
    source = models.CharField(_("bron"), max_length=100)
    delivery_date = models.DateField(_("leverdatum"))
    legal_basis = models.TextField(_("grondslag levering"))
    parameters = models.JSONField(_("opgegeven parameters"), default=dict)
    control_sample = models.PositiveIntegerField(_("controlegroep (gevraagd)"), null=True, blank=True)
    seed = models.BigIntegerField(_("seed"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(_("voortgang (%)"), default=0)
    step = models.CharField(_("stap"), max_length=200, blank=True)
    error = models.TextField(_("fout"), blank=True)
    file_names = models.JSONField(_("aangeleverde bestanden"), default=list)
    file_hashes = models.JSONField(_("vingerafdrukken bestanden"), default=dict)
    folder = models.CharField(_("map met ruwe bestanden"), max_length=500, blank=True)
    files_deleted_at = models.DateTimeField(_("ruwe bestanden verwijderd op"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="controls_delivery_progress_max"
            ),
        ]

    def __str__(self) -> str:
        return f"levering {self.pk} ({self.source}, {self.delivery_date:%Y-%m-%d})"

    #: a run that has been "running" this long has lost its worker (runs take seconds to minutes)
    STALE_AFTER = timedelta(hours=1)

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED, self.Status.CANCELLED)

    @property
    def stale(self) -> bool:
        """Running for longer than any run takes: its worker stopped (restart, crash) before it ended."""
        return (
            self.status == self.Status.RUNNING
            and self.started_at is not None
            and timezone.now() - self.started_at > self.STALE_AFTER
        )


class ControlRun(models.Model):
    class Status(models.TextChoices):
        DONE = "done", _("Uitgevoerd")
        RELEASED = "released", _("Vrijgegeven als signalen")

    filter = models.ForeignKey(Filter, on_delete=models.PROTECT, related_name="runs")
    delivery = models.ForeignKey(
        Delivery,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="runs",
        verbose_name=_("levering"),
    )
    reference_date = models.DateField(_("peildatum"))
    gemeente = models.ForeignKey(
        "gemeenten.Gemeente",
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Leeg: de hele organisatie. Anders alleen de inwoners van deze gemeente (ADR 0021)."),
    )
    parameters = models.JSONField(_("parameters"), default=dict)
    source = models.CharField(_("bron"), max_length=100)
    delivery_date = models.DateField(_("leverdatum"))
    legal_basis = models.TextField(_("grondslag levering"))
    file_hashes = models.JSONField(_("vingerafdrukken bestanden"), default=dict)
    population = models.PositiveIntegerField(_("populatie"))
    excluded_objections = models.PositiveIntegerField(
        _("uitgesloten wegens bezwaar (AVG art. 21)"),
        default=0,
        help_text=_(
            "Actieve cliënten die niet in de populatie zaten omdat zij bezwaar maakten tegen de verwerking."
        ),
    )
    outside_gemeente = models.PositiveIntegerField(
        _("buiten de gemeente"),
        default=0,
        help_text=_("Actieve cliënten in de levering die geen inwoner van de gemeente van de run zijn."),
    )
    hits_count = models.PositiveIntegerField(_("aantal treffers"))
    control_sample = models.PositiveIntegerField(_("controlegroep (gevraagd)"), null=True, blank=True)
    seed = models.BigIntegerField(_("seed"), null=True, blank=True)
    bias = models.JSONField(_("biasrapport"), default=dict)
    # The unsupervised bias scan (issue #23): clusters of selected residents, on the filter's own inputs,
    # whose error rate deviates, with their profile in plain Dutch; empty until the scan ran.
    scan = models.JSONField(_("biasscan zonder beschermde kenmerken"), default=dict, blank=True)
    verdict = models.CharField(_("oordeel biascheck"), max_length=20, choices=Verdict.choices)
    explanation = models.TextField(_("toelichting analist"), blank=True)
    explained_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    fg_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    fg_approved_at = models.DateTimeField(null=True, blank=True)
    fg_note = models.TextField(_("toelichting FG"), blank=True)
    released_at = models.DateTimeField(null=True, blank=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DONE)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.filter.name} {self.reference_date:%Y-%m-%d}"

    @property
    def hit_rate(self) -> float | None:
        return self.hits_count / self.population if self.population else None

    @property
    def scope_text(self) -> str:
        """For whom the run was: one municipality or the whole organisation."""
        return f"Gemeente {self.gemeente}" if self.gemeente_id else "Hele organisatie"

    @property
    def exclusion_text(self) -> str:
        """The sentence on the run page and in the bias report: how many were left out after an objection."""
        n = self.excluded_objections
        return f"{n} {'inwoner' if n == 1 else 'inwoners'} uitgesloten wegens bezwaar (AVG art. 21)"


class ControlHit(models.Model):
    run = models.ForeignKey(ControlRun, on_delete=models.CASCADE, related_name="hits")
    client_id = models.CharField(_("cliëntnummer"), max_length=64)
    # Needed to release the hit as a signal; shown only to the analyst and on the released signal.
    bsn = models.CharField(_("BSN"), max_length=9, blank=True)
    reasons = models.JSONField(_("redenen"), default=list)
    evidence = models.JSONField(_("onderbouwing"), default=dict)
    in_control_group = models.BooleanField(_("controlegroep"), default=False)
    # The bias check's groups of this client on the run's reference date (age band, sex, household type,
    # district), from the delivery: the outcome review compares per group after the files are deleted.
    groups = models.JSONField(_("groepen in de biascheck"), default=dict, blank=True)
    signal = models.OneToOneField(
        "signals.Signal", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["in_control_group", "client_id"]
        constraints = [
            models.UniqueConstraint(fields=["run", "client_id"], name="controls_hit_unique_client"),
        ]

    def __str__(self) -> str:
        return self.client_id


class ProxyCheck(models.Model):
    """The proxy check of a filter (issue #23): how strongly each input the filter uses is associated (Cramér's
    V with its p-value) with district, age band, sex and household type on a delivery. An input with V above
    the threshold needs the analyst's written justification and the FG's approval before a run of the filter
    can be released as signals."""

    filter = models.ForeignKey(Filter, on_delete=models.CASCADE, related_name="proxy_checks")
    delivery = models.ForeignKey(
        Delivery,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("levering"),
    )
    reason = models.CharField(_("aanleiding"), max_length=200, blank=True)
    report = models.JSONField(_("samenhang per invoer en kenmerk"), default=dict)
    max_v = models.FloatField(_("hoogste Cramér's V"), null=True, blank=True)
    needs_justification = models.BooleanField(_("verantwoording nodig"), default=False)
    justification = models.TextField(_("verantwoording analist"), blank=True)
    justified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    justified_at = models.DateTimeField(null=True, blank=True)
    fg_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    fg_approved_at = models.DateTimeField(null=True, blank=True)
    fg_note = models.TextField(_("toelichting FG"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("proxycontrole")
        verbose_name_plural = _("proxycontroles")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Proxycontrole {self.filter.name} {self.created_at:%Y-%m-%d}"


class OutcomeReview(models.Model):
    """The outcome fairness of a filter (issue #23), per run or over all its runs: per group, among the
    selected, the share investigated for nothing and the share sanctioned; from the random control group the
    estimated false- and true-positive rates. A review with a ratio outside 0.8-1.25 at p < 0.05 is flagged
    and waits for the FG."""

    filter = models.ForeignKey(Filter, on_delete=models.CASCADE, related_name="outcome_reviews")
    run = models.ForeignKey(
        ControlRun, on_delete=models.CASCADE, null=True, blank=True, related_name="outcome_reviews"
    )
    report = models.JSONField(_("uitkomsten per groep"), default=dict)
    flagged = models.BooleanField(_("gemarkeerd"), default=False)
    fg_seen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    fg_seen_at = models.DateTimeField(null=True, blank=True)
    fg_note = models.TextField(_("toelichting FG"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("uitkomstcontrole")
        verbose_name_plural = _("uitkomstcontroles")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Uitkomstcontrole {self.filter.name} {self.created_at:%Y-%m-%d}"
