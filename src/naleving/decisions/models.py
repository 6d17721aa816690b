"""Decisions (besluiten) with the decision engine's request, response and rules version."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class SanctionType(models.TextChoices):
    GEEN = "geen", _("Geen sanctie")
    WAARSCHUWING = "waarschuwing", _("Waarschuwing")
    BOETE = "boete", _("Bestuurlijke boete")
    AANGIFTE = "aangifte", _("Aangifte bij het OM")
    # A reduction of the benefit for a breach of an obligation of Pw 18(2)-(8) (work and re-integration),
    # decided on a Verzuim, not on an investigation of the duty to inform (issue #19).
    MAATREGEL = "maatregel", _("Maatregel (verlaging van de bijstand)")


class CorrectionType(models.TextChoices):
    VERREKENING = "verrekening", _("Verrekening")
    HERZIENING = "herziening", _("Herziening")
    NONE = "none", _("Geen correctie")


class Cooperation(models.TextChoices):
    """Whether the resident co-operates in establishing the right to assistance (decision contract)."""

    YES = "yes", _("Werkt mee")
    REFUSED = "refused", _("Weigert mee te werken")
    UNABLE = "unable", _("Kan niet meewerken")


#: The omgekeerde toets (Baanbrekers, pijler 4): asked whenever the consulent deviates from the proposal.
OMGEKEERDE_TOETS = (
    ("onevenredig", "Welke omstandigheden maken dat de voorgestelde sanctie onevenredig is?"),
    ("effect", "Wat is het effect van het besluit op de inwoner en het gezin?"),
    ("schulden_zorg", "Is er sprake van schulden of zorg? Welke hulp is er, of is nodig?"),
)


class BesluitStatus(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    TER_ONDERTEKENING = "ter_ondertekening", _("Wacht op tweede handtekening")
    VASTGESTELD = "vastgesteld", _("Vastgesteld")
    # a decision on objection (beslissing op bezwaar) took its place: the newer version is the one that counts
    VERVANGEN = "vervangen", _("Vervangen door beslissing op bezwaar")


class BesluitKind(models.TextChoices):
    PRIMAIR = "primair", _("Primair besluit")
    OP_BEZWAAR = "op_bezwaar", _("Beslissing op bezwaar")


class Besluit(models.Model):
    resident = models.ForeignKey(
        "residents.Resident", verbose_name=_("inwoner"), on_delete=models.PROTECT, related_name="besluiten"
    )
    investigation = models.ForeignKey(
        "investigations.Investigation",
        verbose_name=_("onderzoek"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="besluiten",
    )
    # The bestuursorgaan that decided (ADR 0021): the resident's municipality when the besluit was made. It
    # stays when the resident moves: the letter, the objection and the reports go to the one that decided.
    gemeente = models.ForeignKey(
        "gemeenten.Gemeente", verbose_name=_("gemeente"), on_delete=models.PROTECT, related_name="besluiten"
    )
    decision_date = models.DateField(_("besluitdatum"))
    profile = models.CharField(_("beleidsprofiel"), max_length=64)
    benadelingsbedrag = models.DecimalField(
        _("benadelingsbedrag"), max_digits=11, decimal_places=2, default=0
    )
    correction_type = models.CharField(
        _("correctie"), max_length=12, choices=CorrectionType.choices, default=CorrectionType.HERZIENING
    )
    recovery_amount = models.DecimalField(_("terugvordering"), max_digits=11, decimal_places=2, default=0)
    sanction_type = models.CharField(_("sanctie"), max_length=16, choices=SanctionType.choices)
    fine_amount = models.DecimalField(_("boete"), max_digits=11, decimal_places=2, default=0)
    verwijtbaarheid = models.CharField(_("verwijtbaarheid"), max_length=16, blank=True)
    engine_request = models.JSONField(_("invoer beslisregels"), null=True, blank=True)
    engine_response = models.JSONField(_("uitkomst beslisregels"), null=True, blank=True)
    rules_version = models.CharField(_("versie beslisregels"), max_length=64, blank=True)
    parameter_set_seq = models.PositiveIntegerField(
        _("parameterset (volgnummer)"),
        null=True,
        blank=True,
        help_text=_("De goedgekeurde wettelijke bedragen tot en met dit volgnummer; leeg: de meegeleverde."),
    )
    deviates = models.BooleanField(_("afwijking van voorstel (maatwerk)"), default=False)
    deviation_motivation = models.TextField(_("motivering afwijking"), blank=True)
    omgekeerde_toets = models.JSONField(
        _("omgekeerde toets"), default=dict, blank=True, help_text=_("Antwoorden bij een afwijking.")
    )
    cooperation = models.CharField(
        _("medewerking"), max_length=8, choices=Cooperation.choices, default=Cooperation.YES
    )
    # A maatregel (sanction_type "maatregel"): the reduction of the bijstandsnorm in percent, for how many
    # months, from which month, and what it comes to per month and in total.
    maatregel_percentage = models.DecimalField(
        _("verlaging (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    maatregel_months = models.PositiveSmallIntegerField(_("verlaging (maanden)"), null=True, blank=True)
    maatregel_start = models.DateField(_("verlaging vanaf maand"), null=True, blank=True)
    maatregel_monthly = models.DecimalField(
        _("verlaging per maand"), max_digits=9, decimal_places=2, default=0
    )
    maatregel_total = models.DecimalField(
        _("verlaging in totaal"), max_digits=11, decimal_places=2, default=0
    )
    # The weighing (issue #18): the answers per factor of ``decisions/weighing_factors.yaml`` and the
    # motivation paragraph written from the engine's outcome and this weighing, edited by the consulent.
    weging = models.JSONField(_("weging"), default=dict, blank=True)
    motivation = models.TextField(_("motivering"), blank=True)
    kind = models.CharField(_("soort besluit"), max_length=12, choices=BesluitKind.choices, default="primair")
    replaces = models.OneToOneField(
        "self",
        verbose_name=_("vervangt besluit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaced_by",
    )
    # The day the letter was sent (bekendmaking, Awb 3:41): recorded once; the objection term runs from it.
    sent_on = models.DateField(_("verzonden op"), null=True, blank=True)
    four_eyes_reasons = models.JSONField(
        _("redenen vier ogen"),
        default=list,
        blank=True,
        help_text=_("Waarom een tweede handtekening nodig is."),
    )
    referral = models.OneToOneField(
        "prevention.Referral",
        verbose_name=_("verwijzing voor hulp"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="besluit",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=BesluitStatus.choices, default=BesluitStatus.CONCEPT
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cosigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("medeondertekend door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("vastgelegd op"), null=True, blank=True)
    cosigned_at = models.DateTimeField(_("medeondertekend op"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("besluit")
        verbose_name_plural = _("besluiten")
        ordering = ["-decision_date", "-id"]
        permissions = [
            ("record_besluit", "Besluiten vastleggen"),
            ("cosign_besluit", "Besluiten medeondertekenen (vier ogen)"),
        ]
        indexes = [
            # An investigation's besluiten as the handhaver's access reads them (residents.selectors), index only.
            models.Index(
                fields=["investigation"],
                include=["id", "status", "decision_date"],
                name="besluit_investigation_access",
            ),
            models.Index(fields=["decision_date", "id"], name="besluit_list_order"),  # as claims.models says
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(deviates=False) | ~Q(deviation_motivation=""),
                name="besluit_deviation_needs_motivation",
            ),
            models.CheckConstraint(
                condition=Q(fine_amount__gte=0) & Q(recovery_amount__gte=0),
                name="besluit_amounts_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(maatregel_monthly__gte=0) & Q(maatregel_total__gte=0),
                name="besluit_maatregel_not_negative",
            ),
            # Four eyes: the second signature is never the first one.
            models.CheckConstraint(
                condition=Q(cosigned_by__isnull=True) | ~Q(cosigned_by=F("recorded_by")),
                name="besluit_cosigner_is_another_person",
            ),
        ]

    def __str__(self) -> str:
        return f"Besluit {self.pk}: {self.get_sanction_type_display()}"

    def save(self, *args, **kwargs) -> None:
        # A besluit is made by the resident's municipality; bulk_create skips this, so callers set it there.
        if self.gemeente_id is None and self.resident_id is not None:
            self.gemeente_id = self.resident.gemeente_id
        super().save(*args, **kwargs)

    @property
    def kenmerk(self) -> str:
        """The reference the letter and the resident use, e.g. ``NLV-2026-000123``."""
        return f"NLV-{self.decision_date:%Y}-{self.pk:06d}"

    @property
    def is_vastgesteld(self) -> bool:
        return self.status == BesluitStatus.VASTGESTELD


class Opschorting(models.Model):
    """A suspension of the benefit for non-cooperation (Pw 54), at most 8 weeks, with a hersteltermijn.

    A risk and impact assessment (Groningen actielijn 4: "zodat we in gevallen van overmacht een uitkering
    niet stoppen") is recorded with it and signed before the suspension may take effect. Circumstances are
    flags and plain words; never a diagnosis (no special categories of personal data, art. 9 AVG).
    """

    besluit = models.OneToOneField(
        Besluit,
        verbose_name=_("besluit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="opschorting",
    )
    resident = models.ForeignKey(
        "residents.Resident",
        verbose_name=_("inwoner"),
        on_delete=models.PROTECT,
        related_name="opschortingen",
    )
    weeks = models.PositiveSmallIntegerField(_("aantal weken (ten hoogste 8)"))
    hersteltermijn_end = models.DateField(_("hersteltermijn tot en met"))
    # Pw 54(1)-(2): the letter names what the resident must supply within the hersteltermijn
    requested_information = models.TextField(_("gevraagde gegevens of stukken"), blank=True)
    children_in_household = models.BooleanField(_("er wonen kinderen in het huishouden"), default=False)
    in_care = models.BooleanField(_("de inwoner krijgt zorg of ondersteuning"), default=False)
    debts = models.BooleanField(_("de inwoner heeft schulden"), default=False)
    housing_risk = models.BooleanField(_("risico op huisuitzetting of verlies van woonruimte"), default=False)
    other_circumstances = models.TextField(_("andere omstandigheden"), blank=True)
    conclusion = models.TextField(_("conclusie van de risico- en impactbeoordeling"))
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("beoordeeld door"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    assessed_on = models.DateField(_("beoordeeld op"))
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ondertekend door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    signed_on = models.DateField(_("ondertekend op"), null=True, blank=True)
    takes_effect_on = models.DateField(_("gaat in op"), null=True, blank=True)

    class Meta:
        verbose_name = _("opschorting")
        verbose_name_plural = _("opschortingen")
        ordering = ["-assessed_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(weeks__gte=1) & Q(weeks__lte=8), name="opschorting_max_8_weeks"
            ),
            models.CheckConstraint(condition=~Q(conclusion=""), name="opschorting_assessment_concluded"),
            models.CheckConstraint(
                condition=Q(signed_by__isnull=True) | Q(signed_on__isnull=False),
                name="opschorting_signed_with_date",
            ),
            models.CheckConstraint(
                condition=Q(takes_effect_on__isnull=True) | Q(signed_on__isnull=False),
                name="opschorting_effect_after_signed_assessment",
            ),
        ]

    def __str__(self) -> str:
        return f"Opschorting {self.pk}: {self.weeks} weken"

    @property
    def is_signed(self) -> bool:
        return self.signed_on is not None

    @property
    def ends_on(self):
        """The last day of the suspension, once it has taken effect."""
        if self.takes_effect_on is None:
            return None
        return self.takes_effect_on + timedelta(weeks=self.weeks) - timedelta(days=1)


class BriefRecipient(models.TextChoices):
    RESIDENT = "inwoner", _("Inwoner")
    PARTNER = "partner", _("Partner (hoofdelijk aansprakelijk)")


class Brief(models.Model):
    """A letter as it was sent: the PDF is stored once, so every later copy is the same letter."""

    besluit = models.ForeignKey(
        Besluit, verbose_name=_("besluit"), on_delete=models.PROTECT, related_name="brieven"
    )
    addressee = models.ForeignKey(
        "residents.Resident", verbose_name=_("geadresseerde"), on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(_("rol"), max_length=8, choices=BriefRecipient.choices, default="inwoner")
    sent_on = models.DateField(_("verzonden op"))
    pdf = models.BinaryField(_("PDF"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verzonden door"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("brief")
        verbose_name_plural = _("brieven")
        ordering = ["sent_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["besluit", "addressee"], name="brief_once_per_addressee")
        ]

    def __str__(self) -> str:
        return f"Brief {self.besluit.kenmerk} aan {self.get_role_display().lower()}"


class BezwaarOutcome(models.TextChoices):
    GEGROND = "gegrond", _("Gegrond")
    DEELS_GEGROND = "deels_gegrond", _("Deels gegrond")
    ONGEGROND = "ongegrond", _("Ongegrond")
    NIET_ONTVANKELIJK = "niet_ontvankelijk", _("Niet-ontvankelijk")
    INGETROKKEN = "ingetrokken", _("Ingetrokken")


class Bezwaar(models.Model):
    """An objection (bezwaarschrift, Awb 6:4) against a besluit, from receipt to the decision on objection."""

    besluit = models.ForeignKey(
        Besluit, verbose_name=_("besluit"), on_delete=models.PROTECT, related_name="bezwaren"
    )
    received_on = models.DateField(_("ontvangen op"))
    # Awb 6:9(2): by post it is in time when posted before the term ended and received within a week after
    posted_on = models.DateField(_("ter post bezorgd op"), null=True, blank=True)
    grounds = models.TextField(_("gronden van het bezwaar"), blank=True)
    in_time = models.BooleanField(_("tijdig"), default=True)
    late_excused = models.TextField(_("reden termijnoverschrijding verschoonbaar (Awb 6:11)"), blank=True)
    hearing_on = models.DateField(_("hoorzitting op"), null=True, blank=True)
    hearing_record = models.TextField(_("verslag hoorzitting"), blank=True)
    decide_by = models.DateField(_("beslissen uiterlijk op (Awb 7:10)"))
    outcome = models.CharField(_("uitkomst"), max_length=20, choices=BezwaarOutcome.choices, blank=True)
    decided_on = models.DateField(_("beslist op"), null=True, blank=True)
    decision = models.OneToOneField(
        Besluit,
        verbose_name=_("beslissing op bezwaar"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="op_bezwaar",
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geregistreerd door"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("bezwaar")
        verbose_name_plural = _("bezwaren")
        ordering = ["-received_on", "-pk"]
        permissions = [("handle_bezwaar", "Bezwaar en beroep registreren en afhandelen")]

    def __str__(self) -> str:
        return f"Bezwaar {self.pk} tegen {self.besluit.kenmerk}"


class BeroepInstance(models.TextChoices):
    BEROEP = "beroep", _("Beroep (rechtbank)")
    HOGER_BEROEP = "hoger_beroep", _("Hoger beroep (Centrale Raad van Beroep)")


class BeroepOutcome(models.TextChoices):
    GEGROND = "gegrond", _("Gegrond")
    ONGEGROND = "ongegrond", _("Ongegrond")
    NIET_ONTVANKELIJK = "niet_ontvankelijk", _("Niet-ontvankelijk")
    INGETROKKEN = "ingetrokken", _("Ingetrokken")


class Beroep(models.Model):
    """An appeal to the court (beroep) or the Centrale Raad van Beroep (hoger beroep) against a decision on
    objection, with its outcome date; the besluit becomes irrevocable only when the chain ends."""

    besluit = models.ForeignKey(
        Besluit, verbose_name=_("beslissing op bezwaar"), on_delete=models.PROTECT, related_name="beroepen"
    )
    instance = models.CharField(_("instantie"), max_length=12, choices=BeroepInstance.choices)
    lodged_on = models.DateField(_("ingesteld op"))
    court = models.CharField(_("rechtbank of raad"), max_length=120, blank=True)
    case_number = models.CharField(_("zaaknummer"), max_length=40, blank=True)
    outcome = models.CharField(_("uitkomst"), max_length=20, choices=BeroepOutcome.choices, blank=True)
    outcome_on = models.DateField(_("uitspraak op"), null=True, blank=True)
    # the day the judgment was sent to the parties: the term for hoger beroep runs from it (Awb 6:8, 6:7)
    judgment_sent_on = models.DateField(_("uitspraak verzonden op"), null=True, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geregistreerd door"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("beroep")
        verbose_name_plural = _("beroepen")
        ordering = ["lodged_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome="") | Q(outcome_on__isnull=False), name="beroep_outcome_has_date"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_instance_display()} tegen {self.besluit.kenmerk}"


# The maatregel path's model lives in its own module (the 450-line limit); imported here so
# ``decisions.models.Verzuim`` stays the one name to use.
from naleving.decisions.models_verzuim import Verzuim, VerzuimStatus  # noqa: E402, F401
