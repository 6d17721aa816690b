"""Residents (inwoners), their benefits (uitkeringen) and applications at the gate (aanvragen)."""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from naleving.residents.choices import (
    ApplicationOutcome,
    HouseholdType,
    LanguageLevel,
    PreferredLanguage,
    PrivacyObjectionStatus,
    RegistratieverzoekStatus,
    Regulation,
)
from naleving.residents.validators import validate_bsn


class Resident(models.Model):
    """A resident known to the social-assistance administration.

    No special categories of personal data (art. 9 AVG) are stored: no nationality, ethnicity,
    religion or health. Communication needs are recorded as the support needed, never a diagnosis.
    """

    bsn = models.CharField(_("BSN"), max_length=9, unique=True, validators=[validate_bsn])
    first_names = models.CharField(_("voornamen"), max_length=200)
    prefix = models.CharField(_("tussenvoegsel"), max_length=20, blank=True)
    family_name = models.CharField(_("achternaam"), max_length=200, db_index=True)
    birth_date = models.DateField(_("geboortedatum"))
    street = models.CharField(_("straat"), max_length=200)
    house_number = models.PositiveIntegerField(_("huisnummer"))
    house_number_suffix = models.CharField(_("toevoeging"), max_length=10, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, db_index=True)
    city = models.CharField(_("woonplaats"), max_length=100)
    district = models.CharField(_("wijk"), max_length=100, db_index=True)
    gemeente = models.ForeignKey(
        "gemeenten.Gemeente", verbose_name=_("gemeente"), on_delete=models.PROTECT, related_name="residents"
    )
    household_type = models.CharField(_("leefvorm"), max_length=24, choices=HouseholdType.choices)
    partner = models.OneToOneField(
        "self", verbose_name=_("partner"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kostendelers = models.PositiveSmallIntegerField(
        _("aantal kostendelers"),
        default=1,
        help_text=_("A in de kostendelersnorm: de inwoner en wie meetelt."),
    )
    language_level = models.CharField(
        _("taalniveau"), max_length=16, choices=LanguageLevel.choices, default=LanguageLevel.ONBEKEND
    )
    preferred_language = models.CharField(
        _("voorkeurstaal"), max_length=4, choices=PreferredLanguage.choices, default=PreferredLanguage.NL
    )
    needs_extra_support = models.BooleanField(_("beperkt doenvermogen: extra ondersteuning"), default=False)
    support_needs = models.JSONField(_("ondersteuningsbehoefte"), default=list, blank=True)
    consulent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("inkomensconsulent"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="caseload",
    )
    fixed_contact_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vaste contactpersoon"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="fixed_contacts",
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telefoon"), max_length=20, blank=True)
    created_at = models.DateTimeField(_("geregistreerd op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("inwoner")
        verbose_name_plural = _("inwoners")
        ordering = ["family_name", "first_names"]
        permissions = [
            ("view_caseload", "Eigen caseload inzien"),
            ("view_team", "Inwoners van het eigen team inzien"),
            ("view_investigated", "Inwoners met een toegewezen onderzoek inzien"),
            ("view_all", "Alle inwoners inzien"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(kostendelers__gte=1), name="resident_kostendelers_min_1"),
        ]
        # The team scope (consulent in the team) and the caseload (consulent, fixed contact person) as
        # index-only scans: every scoped list and count builds that set of resident ids, without reading the
        # residents themselves (issue #24; ``selectors.resident_ids_in_scope``).
        # The resident list in its default order (name), with the columns of every role's scope: a page deep in a
        # team's 50,000 residents is walked from the index instead of sorting them all (issue #24).
        indexes = [
            models.Index(fields=["consulent", "id"], name="resident_consulent_id"),
            models.Index(fields=["fixed_contact_person", "id"], name="resident_fixed_contact_id"),
            models.Index(
                fields=["family_name", "first_names", "id"],
                include=["consulent", "fixed_contact_person", "gemeente"],
                name="resident_name_order",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.first_names, self.prefix, self.family_name) if p)

    @property
    def address(self) -> str:
        number = f"{self.house_number}{self.house_number_suffix}"
        return f"{self.street} {number}, {self.postcode} {self.city}"

    @property
    def masked_bsn(self) -> str:
        return f"*****{self.bsn[-4:]}"


class Benefit(models.Model):
    """A benefit (uitkering) under one regulation, with its monthly amount and the norm it uses."""

    resident = models.ForeignKey(
        Resident, verbose_name=_("inwoner"), on_delete=models.PROTECT, related_name="benefits"
    )
    regulation = models.CharField(_("regeling"), max_length=4, choices=Regulation.choices)
    start_date = models.DateField(_("ingangsdatum"))
    end_date = models.DateField(_("einddatum"), null=True, blank=True)
    monthly_amount = models.DecimalField(_("bedrag per maand"), max_digits=9, decimal_places=2)
    norm_amount = models.DecimalField(_("toegepaste norm"), max_digits=9, decimal_places=2)
    household_type = models.CharField(_("leefvorm in de norm"), max_length=24, choices=HouseholdType.choices)
    kostendelers = models.PositiveSmallIntegerField(_("kostendelers in de norm"), default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("uitkering")
        verbose_name_plural = _("uitkeringen")
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="benefit_end_not_before_start",
                violation_error_message=_("De einddatum van een uitkering ligt niet vóór de ingangsdatum."),
            ),
            models.CheckConstraint(condition=Q(monthly_amount__gte=0), name="benefit_amount_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.get_regulation_display()} vanaf {self.start_date:%d-%m-%Y}"

    def is_active_on(self, day) -> bool:
        return self.start_date <= day and (self.end_date is None or self.end_date >= day)


class Application(models.Model):
    """An application (aanvraag) at the gate, with its outcome for the gate indicators (G1)."""

    resident = models.ForeignKey(
        Resident, verbose_name=_("inwoner"), on_delete=models.PROTECT, related_name="applications"
    )
    regulation = models.CharField(_("regeling"), max_length=4, choices=Regulation.choices)
    received_on = models.DateField(_("ontvangen op"))
    decided_on = models.DateField(_("beslist op"), null=True, blank=True)
    outcome = models.CharField(
        _("uitkomst"),
        max_length=16,
        choices=ApplicationOutcome.choices,
        default=ApplicationOutcome.IN_BEHANDELING,
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("aanvraag")
        verbose_name_plural = _("aanvragen")
        ordering = ["-received_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(decided_on__isnull=True) | Q(decided_on__gte=F("received_on")),
                name="application_decided_after_received",
            ),
        ]

    def __str__(self) -> str:
        return f"Aanvraag {self.get_regulation_display()} {self.received_on:%d-%m-%Y}"


class Registratieverzoek(models.Model):
    """A request to the teamleider to register a resident whose BSN is already registered outside the
    requester's own work (issue #14: no oracles).

    The requester hears the same words as for any request, so registering never tells whether a BSN
    belongs to a client elsewhere; the teamleider sees where the BSN is known and arranges the rest (a
    transfer, a shared file, or nothing). ``details`` keeps what the requester typed in the form.
    """

    bsn = models.CharField(_("BSN"), max_length=9, validators=[validate_bsn])
    details = models.JSONField(_("ingevulde gegevens"), default=dict, encoder=DjangoJSONEncoder)
    resident = models.ForeignKey(
        Resident,
        verbose_name=_("al geregistreerde inwoner"),
        on_delete=models.PROTECT,
        related_name="registratieverzoeken",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aangevraagd door"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=RegistratieverzoekStatus.choices,
        default=RegistratieverzoekStatus.OPEN,
        db_index=True,
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("afgehandeld door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    handled_at = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)
    handling_note = models.TextField(_("toelichting afhandeling"), blank=True)
    created_at = models.DateTimeField(_("aangevraagd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("registratieverzoek")
        verbose_name_plural = _("registratieverzoeken")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"Registratieverzoek {self.pk}"

    @property
    def masked_bsn(self) -> str:
        return f"*****{self.bsn[-4:]}"

    @property
    def requested_name(self) -> str:
        d = self.details
        return " ".join(p for p in (d.get("first_names"), d.get("prefix"), d.get("family_name")) if p)


class Correction(models.Model):
    """One field of a resident's data corrected at the resident's request (AVG art. 16, rectification).

    Kept next to the ``resident.changed`` audit event so the resident file shows what was corrected, when
    the resident asked, who corrected it and why. Values are kept as text, as shown to the user.
    """

    LEGAL_BASIS = "AVG art. 16"

    resident = models.ForeignKey(
        Resident, verbose_name=_("inwoner"), on_delete=models.PROTECT, related_name="corrections"
    )
    field = models.CharField(_("gegeven"), max_length=64)
    old_value = models.TextField(_("oude waarde"), blank=True)
    new_value = models.TextField(_("nieuwe waarde"), blank=True)
    requested_on = models.DateField(_("verzocht op"))
    reason = models.TextField(_("reden"))
    legal_basis = models.CharField(_("grondslag"), max_length=40, default=LEGAL_BASIS, editable=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("correctie (AVG art. 16)")
        verbose_name_plural = _("correcties (AVG art. 16)")
        ordering = ["-recorded_at", "-id"]

    def __str__(self) -> str:
        return f"Correctie {self.field} ({self.requested_on:%d-%m-%Y})"


class PrivacyObjection(models.Model):
    """A resident's objection to the processing of their data (AVG art. 21), decided by the FG.

    Not the Awb bezwaar against a besluit. While it is ``ingediend`` and once ``toegewezen`` the resident is
    left out of theme-control selection (``selectors.objecting_bsns``). The FG weighs the resident's
    compelling grounds against the municipality's legitimate grounds and writes that weighing down.
    """

    resident = models.ForeignKey(
        Resident, verbose_name=_("inwoner"), on_delete=models.PROTECT, related_name="privacy_objections"
    )
    received_on = models.DateField(_("ontvangen op"))
    grounds = models.TextField(_("gronden van de inwoner"))
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=PrivacyObjectionStatus.choices,
        default=PrivacyObjectionStatus.INGEDIEND,
        db_index=True,
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geregistreerd door"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("beslist door (FG)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_on = models.DateField(_("beslist op"), null=True, blank=True)
    weighing = models.TextField(_("afweging"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("bezwaar (AVG art. 21)")
        verbose_name_plural = _("bezwaren (AVG art. 21)")
        ordering = ["received_on", "id"]
        permissions = [("decide_privacy_objection", "Bezwaar tegen verwerking (AVG art. 21) beslissen")]

    def __str__(self) -> str:
        return f"Bezwaar AVG art. 21 van {self.received_on:%d-%m-%Y}"
