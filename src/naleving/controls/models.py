"""Theme controls: the filter register, its approvals, the runs over data deliveries and their hits.

Raw delivered data is never stored (shared/domain/datasets.md): a run keeps its parameters, counts, file
hashes, bias report and hits (with the evidence that made each one a hit).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ControlAccess(models.Model):
    class Meta:
        managed = False
        default_permissions = ()
        permissions = [
            ("run_control", "Themacontroles draaien op aangeleverde data"),
            ("approve_filter", "Filters en gemarkeerde runs goedkeuren (FG)"),
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


class ControlRun(models.Model):
    class Status(models.TextChoices):
        DONE = "done", _("Uitgevoerd")
        RELEASED = "released", _("Vrijgegeven als signalen")

    filter = models.ForeignKey(Filter, on_delete=models.PROTECT, related_name="runs")
    reference_date = models.DateField(_("peildatum"))
    parameters = models.JSONField(_("parameters"), default=dict)
    source = models.CharField(_("bron"), max_length=100)
    delivery_date = models.DateField(_("leverdatum"))
    legal_basis = models.TextField(_("grondslag levering"))
    file_hashes = models.JSONField(_("vingerafdrukken bestanden"), default=dict)
    population = models.PositiveIntegerField(_("populatie"))
    hits_count = models.PositiveIntegerField(_("aantal treffers"))
    control_sample = models.PositiveIntegerField(_("controlegroep (gevraagd)"), null=True, blank=True)
    seed = models.BigIntegerField(_("seed"), null=True, blank=True)
    bias = models.JSONField(_("biasrapport"), default=dict)
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


class ControlHit(models.Model):
    run = models.ForeignKey(ControlRun, on_delete=models.CASCADE, related_name="hits")
    client_id = models.CharField(_("cliëntnummer"), max_length=64)
    # Needed to release the hit as a signal; shown only to the analyst and on the released signal.
    bsn = models.CharField(_("BSN"), max_length=9, blank=True)
    reasons = models.JSONField(_("redenen"), default=list)
    evidence = models.JSONField(_("onderbouwing"), default=dict)
    in_control_group = models.BooleanField(_("controlegroep"), default=False)
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
