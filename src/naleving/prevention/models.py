"""Preventive interventions and referrals to partners (pillar 1 of the cirkel van naleving)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class InterventionKind(models.TextChoices):
    VOORLICHTING_INTAKE = "voorlichting_intake", _("Voorlichting bij intake")
    PERIODIEKE_HERINNERING = "periodieke_herinnering", _("Periodieke herinnering")
    VOORLICHTINGSGESPREK = "voorlichtingsgesprek", _("Voorlichtingsgesprek")
    EXTRA_ONDERSTEUNING = "extra_ondersteuning", _("Extra ondersteuning (doenvermogen)")


class Partner(models.TextChoices):
    SCHULDHULP = "schuldhulp", _("Schuldhulpverlening")
    WMO = "wmo", _("Wmo")
    WIJKTEAM = "wijkteam", _("Wijkteam")
    SOCIAAL_RAADSLIEDEN = "sociaal_raadslieden", _("Sociaal raadslieden")
    OVERIG = "overig", _("Overig")


class ReferralStatus(models.TextChoices):
    VERWEZEN = "verwezen", _("Verwezen")
    IN_BEHANDELING = "in_behandeling", _("In behandeling bij partner")
    AFGEROND = "afgerond", _("Afgerond")
    NIET_OPGEPAKT = "niet_opgepakt", _("Niet opgepakt")


class PreventiveIntervention(models.Model):
    resident = models.ForeignKey(
        "residents.Resident",
        verbose_name=_("inwoner"),
        on_delete=models.PROTECT,
        related_name="interventions",
    )
    kind = models.CharField(_("soort"), max_length=24, choices=InterventionKind.choices)
    occurred_on = models.DateField(_("datum"), db_index=True)
    topic = models.CharField(_("onderwerp"), max_length=200)
    notes = models.TextField(_("toelichting"), blank=True)
    performed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("preventieve interventie")
        verbose_name_plural = _("preventieve interventies")
        ordering = ["-occurred_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.occurred_on:%d-%m-%Y}"


class Referral(models.Model):
    resident = models.ForeignKey(
        "residents.Resident", verbose_name=_("inwoner"), on_delete=models.PROTECT, related_name="referrals"
    )
    partner = models.CharField(_("partner"), max_length=24, choices=Partner.choices)
    referred_on = models.DateField(_("verwezen op"), db_index=True)
    handover_note = models.TextField(_("overdracht (warme overdracht)"))
    status = models.CharField(
        _("status"), max_length=16, choices=ReferralStatus.choices, default=ReferralStatus.VERWEZEN
    )
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status_changed_on = models.DateField(_("status bijgewerkt op"), null=True, blank=True)
    followup_note = models.TextField(_("terugkoppeling van de partner"), blank=True)

    class Meta:
        verbose_name = _("verwijzing")
        verbose_name_plural = _("verwijzingen")
        ordering = ["-referred_on", "-id"]

    def __str__(self) -> str:
        return f"Verwijzing {self.get_partner_display()} {self.referred_on:%d-%m-%Y}"


class IntakeLanguage(models.TextChoices):
    """The languages the information sheet exists in (``checklist.SHEET_LANGUAGES``)."""

    NL = "nl", _("Nederlands (B1)")
    EN = "en", _("Engels")
    AR = "ar", _("Arabisch")
    UK = "uk", _("Oekraïens")


class IntakeChecklist(models.Model):
    """The rights and obligations explained at the gate, per application (Baanbrekers pijler 1, Groningen
    actielijn 1): the items are stable codes from a versioned catalogue (``prevention/checklist.py``), so a
    later change of wording does not change what was recorded."""

    application = models.OneToOneField(
        "residents.Application",
        verbose_name=_("aanvraag"),
        on_delete=models.PROTECT,
        related_name="intake_checklist",
    )
    resident = models.ForeignKey(
        "residents.Resident", verbose_name=_("inwoner"), on_delete=models.PROTECT, related_name="intakes"
    )
    catalogue_version = models.CharField(_("versie checklist"), max_length=16)
    items = models.JSONField(_("uitgelegde onderwerpen"), default=list)
    language = models.CharField(_("taal van het gesprek"), max_length=4, choices=IntakeLanguage.choices)
    sheet_handed_over = models.BooleanField(_("informatieblad meegegeven"), default=False)
    notes = models.TextField(_("toelichting"), blank=True)
    intervention = models.OneToOneField(
        PreventiveIntervention, on_delete=models.PROTECT, related_name="intake_checklist"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_on = models.DateField(_("datum intake"))
    recorded_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("intakechecklist")
        verbose_name_plural = _("intakechecklists")
        ordering = ["-recorded_on", "-id"]

    def __str__(self) -> str:
        return f"Intake {self.recorded_on:%d-%m-%Y}"


class ReminderKind(models.TextChoices):
    JAARLIJKS = "jaarlijks", _("Jaarlijks")
    LEVENSGEBEURTENIS = "levensgebeurtenis", _("Bij een gebeurtenis in het leven")


class ReminderSchedule(models.Model):
    """When a resident is next reminded of the duty to report changes.

    Yearly schedules move on by ``interval_months`` after each reminder; a life-event schedule (a child
    turns 18, a contract ends, a move is planned) fires once and then stops.
    """

    resident = models.ForeignKey(
        "residents.Resident",
        verbose_name=_("inwoner"),
        on_delete=models.PROTECT,
        related_name="reminder_schedules",
    )
    kind = models.CharField(_("soort"), max_length=20, choices=ReminderKind.choices)
    topic = models.CharField(_("onderwerp"), max_length=200)
    next_due_on = models.DateField(_("volgende herinnering op"), db_index=True)
    interval_months = models.PositiveSmallIntegerField(_("elke zoveel maanden"), null=True, blank=True)
    active = models.BooleanField(_("actief"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("herinneringsschema")
        verbose_name_plural = _("herinneringsschema's")
        ordering = ["next_due_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="jaarlijks") | Q(interval_months__gte=1),
                name="reminder_yearly_has_interval",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.topic} ({self.next_due_on:%d-%m-%Y})"


class Channel(models.TextChoices):
    BRIEF = "brief", _("Brief per post")
    DIGITAAL = "digitaal", _("E-mail of berichtenbox")
    PERSOONLIJK = "persoonlijk", _("Persoonlijk, door de vaste contactpersoon")


class Reminder(models.Model):
    """One reminder that fell due: an item on the consulent's worklist until it is sent.

    At most one per resident per due date, so running the reminder task twice creates nothing new.
    The channel, language and easy-language choice follow the resident's communication needs at the time.
    """

    schedule = models.ForeignKey(ReminderSchedule, on_delete=models.PROTECT, related_name="reminders")
    resident = models.ForeignKey(
        "residents.Resident", verbose_name=_("inwoner"), on_delete=models.PROTECT, related_name="reminders"
    )
    due_on = models.DateField(_("datum herinnering"), db_index=True)
    channel = models.CharField(_("kanaal"), max_length=12, choices=Channel.choices)
    language = models.CharField(_("taal"), max_length=4, choices=IntakeLanguage.choices)
    easy_language = models.BooleanField(_("eenvoudige taal met pictogrammen"), default=False)
    intervention = models.OneToOneField(
        PreventiveIntervention, on_delete=models.PROTECT, related_name="reminder"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    handled_at = models.DateTimeField(_("verstuurd op"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("herinnering")
        verbose_name_plural = _("herinneringen")
        ordering = ["due_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["resident", "due_on"], name="reminder_once_per_resident_per_day"),
        ]

    def __str__(self) -> str:
        return f"Herinnering {self.due_on:%d-%m-%Y}"


class ChangeKind(models.TextChoices):
    """What a resident reports, in the words of the change form. ``VIOLATION_KIND`` maps each to the
    decision engine's ``violation.kind``."""

    WERK_INKOMEN = "werk_inkomen", _("Ik heb werk of ander inkomen (of mijn inkomen verandert)")
    SAMENWONEN = "samenwonen", _("Ik ga samenwonen, of iemand komt bij mij wonen")
    HUISHOUDEN = "huishouden", _("Iemand gaat bij mij weg, of mijn gezin verandert")
    VERHUIZEN = "verhuizen", _("Ik ga verhuizen")
    VERMOGEN = "vermogen", _("Ik krijg geld of bezit (spaargeld, erfenis, huis)")
    VOERTUIG = "voertuig", _("Ik koop of krijg een auto, motor of ander voertuig")
    BUITENLAND = "buitenland", _("Ik ga naar het buitenland")
    DETENTIE = "detentie", _("Ik moet naar de gevangenis of in voorarrest")
    STUDIE = "studie", _("Ik ga naar school of ga studeren")
    OVERIG = "overig", _("Iets anders")


#: ChangeKind → the decision contract's ``violation.kind`` (docs: decision-contract.md).
VIOLATION_KIND = {
    ChangeKind.WERK_INKOMEN: "income",
    ChangeKind.SAMENWONEN: "cohabitation",
    ChangeKind.HUISHOUDEN: "household",
    ChangeKind.VERHUIZEN: "address",
    ChangeKind.VERMOGEN: "assets",
    ChangeKind.VOERTUIG: "vehicle",
    ChangeKind.BUITENLAND: "abroad",
    ChangeKind.DETENTIE: "detention",
    ChangeKind.STUDIE: "study",
    ChangeKind.OVERIG: "other",
}


class ChangeReportStatus(models.TextChoices):
    NIEUW = "nieuw", _("Nieuw")
    AFGEHANDELD = "afgehandeld", _("Afgehandeld")


class ChangeReport(models.Model):
    """A change the resident reported on their own initiative ("wijziging doorgeven", Pw art. 17 lid 1).

    ``on_time`` is fixed when the report arrives: reported no later than ``term_days`` after the change.
    The term in force is stored with the report, so a later change of policy does not rewrite history.
    """

    reference = models.CharField(_("kenmerk"), max_length=20, unique=True, null=True, blank=True)
    resident = models.ForeignKey(
        "residents.Resident",
        verbose_name=_("inwoner"),
        on_delete=models.PROTECT,
        related_name="change_reports",
    )
    kind = models.CharField(_("soort wijziging"), max_length=16, choices=ChangeKind.choices)
    change_date = models.DateField(_("datum van de wijziging"), db_index=True)
    reported_on = models.DateField(_("doorgegeven op"), db_index=True)
    description = models.TextField(_("omschrijving"))
    attachment = models.FileField(_("bijlage"), upload_to="wijzigingen/%Y/", blank=True)
    attachment_name = models.CharField(_("naam bijlage"), max_length=120, blank=True)
    attachment_size = models.PositiveIntegerField(_("grootte bijlage (bytes)"), default=0)
    term_days = models.PositiveSmallIntegerField(_("termijn (dagen)"))
    on_time = models.BooleanField(_("op tijd doorgegeven"))
    identified_with = models.CharField(_("ingelogd met"), max_length=40)
    status = models.CharField(
        _("status"), max_length=12, choices=ChangeReportStatus.choices, default=ChangeReportStatus.NIEUW
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    handled_at = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)
    handling_note = models.TextField(_("notitie afhandeling"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("doorgegeven wijziging")
        verbose_name_plural = _("doorgegeven wijzigingen")
        ordering = ["-reported_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="nieuw") | Q(handled_at__isnull=False),
                name="change_report_handled_has_moment",
            ),
        ]

    def __str__(self) -> str:
        return self.reference or f"Wijziging {self.pk}"

    @property
    def violation_kind(self) -> str:
        return VIOLATION_KIND[ChangeKind(self.kind)]
