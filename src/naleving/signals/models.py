"""Signals (signalen): indications that a resident's situation may differ from what the benefit assumes."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from naleving.gemeenten.selectors import only_gemeente
from naleving.residents.validators import validate_bsn
from naleving.signals.choices import Origin, Route, ViolationKind


class Signal(models.Model):
    resident = models.ForeignKey(
        "residents.Resident",
        verbose_name=_("inwoner"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="signals",
    )
    # The municipality the signal belongs to (ADR 0021): the resident's when linked, otherwise the one the
    # intake named (an IB file is per municipality; the forms ask when the organisation has several).
    gemeente = models.ForeignKey(
        "gemeenten.Gemeente", verbose_name=_("gemeente"), on_delete=models.PROTECT, related_name="signals"
    )
    origin = models.CharField(_("herkomst"), max_length=24, choices=Origin.choices)
    kind = models.CharField(_("soort"), max_length=16, choices=ViolationKind.choices)
    received_on = models.DateField(_("ontvangen op"))
    description = models.TextField(_("omschrijving"))
    external_reference = models.CharField(_("kenmerk bron"), max_length=64, blank=True)
    subject_name = models.CharField(_("naam betrokkene (zoals gemeld)"), max_length=200, blank=True)
    subject_address = models.CharField(_("adres betrokkene (zoals gemeld)"), max_length=200, blank=True)
    # Kept when a reported BSN matches no registered resident (an IB row, a colleague's signal), so
    # triage can still link it later; the intake never tells the reporter whether it matched.
    subject_bsn = models.CharField(
        _("BSN betrokkene (zoals gemeld)"), max_length=9, blank=True, validators=[validate_bsn]
    )
    reporter_contact = models.CharField(
        _("contactgegevens melder (alleen als de melder die zelf geeft)"), max_length=200, blank=True
    )
    import_batch = models.ForeignKey(
        "signals.ImportBatch", null=True, blank=True, on_delete=models.PROTECT, related_name="signals"
    )
    route = models.CharField(_("route"), max_length=24, choices=Route.choices, blank=True)
    triage_motivation = models.TextField(_("motivering triage"), blank=True)
    proportionality_note = models.TextField(_("toets proportionaliteit"), blank=True)
    subsidiarity_note = models.TextField(_("toets subsidiariteit (minst ingrijpende middel)"), blank=True)
    triaged_at = models.DateTimeField(_("beoordeeld op"), null=True, blank=True)
    triaged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geregistreerd door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("signaal")
        verbose_name_plural = _("signalen")
        ordering = ["-received_on", "-id"]
        permissions = [("triage_signal", "Signalen beoordelen (triage)")]
        # The lists sort newest first; this index serves that order (bench/bench_load.py). It also holds the
        # columns the scope is checked on (PostgreSQL: INCLUDE), so the ids of a deep page are found in the
        # index alone (common.paging). The signals not yet triaged are few (they are triaged within weeks)
        # and counted on every teamleider's and handhaver's home page: a partial index keeps that count off
        # the whole table, and holds the columns of the count and its scope, so it is read from the index alone
        # (at 100,000 residents the teamleider's count from 18-37 to 11-15 ms, docs/benchmarks.md). In the
        # lists' order, so the list filtered on "not triaged" reads its first page from it and stops (a
        # consulent's: 17.5 → 2.0 ms, where an index on the date alone made PostgreSQL sort all of them).
        indexes = [
            models.Index(
                fields=["-received_on", "-id"],
                include=["resident", "registered_by", "gemeente"],
                name="signal_received_scope",
            ),
            models.Index(
                fields=["-received_on", "-id"],
                include=["resident", "registered_by", "gemeente"],
                condition=models.Q(route=""),
                name="signal_untriaged_order",
            ),
            # The lists filtered on origin or kind, in the lists' order: a handhaver's first page of "Collega"
            # signals walked 6,800 signals of the date index, each read from the table to test its origin
            # (22.8 ms); from this index 6.3 ms (docs/benchmarks.md). They also serve any other read by origin
            # or kind, and the date index above serves reads by date alone.
            models.Index(
                fields=["origin", "-received_on", "-id"],
                include=["resident", "registered_by", "gemeente"],
                name="signal_origin_order",
            ),
            models.Index(
                fields=["kind", "-received_on", "-id"],
                include=["resident", "registered_by", "gemeente"],
                name="signal_kind_order",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["origin", "external_reference"],
                condition=~models.Q(external_reference=""),
                name="signal_unique_external_reference",
            )
        ]

    def __str__(self) -> str:
        return f"Signaal {self.pk}: {self.get_kind_display()} ({self.get_origin_display()})"

    def save(self, *args, **kwargs) -> None:
        """A linked signal belongs to its resident's municipality; an unlinked one without a named
        municipality to the organisation's only one (services name it when there are several)."""
        if self.resident_id is not None:
            self.gemeente_id = self.resident.gemeente_id
        elif self.gemeente_id is None:
            only = only_gemeente()
            if only is not None:
                self.gemeente = only
        super().save(*args, **kwargs)


class ImportBatch(models.Model):
    """One imported file of Inlichtingenbureau signals; the file hash makes a re-import a no-op."""

    source = models.CharField(
        _("bron"), max_length=24, choices=Origin.choices, default=Origin.INLICHTINGENBUREAU
    )
    filename = models.CharField(_("bestandsnaam"), max_length=255)
    sha256 = models.CharField(_("vingerafdruk"), max_length=64, unique=True)
    row_count = models.PositiveIntegerField(_("aantal regels"))
    imported_at = models.DateTimeField(_("geïmporteerd op"), auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("importbestand")
        verbose_name_plural = _("importbestanden")
        ordering = ["-imported_at"]

    def __str__(self) -> str:
        return f"{self.filename} ({self.row_count} regels)"
