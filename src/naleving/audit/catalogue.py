"""The catalogue of audit event codes: one stable dotted code per kind of event (Sentry's event catalogue).

A code not in this catalogue cannot be written, so reports and searches can rely on the list. Each code
also belongs to one *group* (``GROUPS``), so the privacy officer can ask for "every read" or "every
change to accounts" without knowing the codes; ``group_of`` decides, and a test holds that every code has
one.
"""

CATALOGUE: dict[str, str] = {
    # Access and accounts
    "user.logged_in": "Ingelogd",
    "user.logged_out": "Uitgelogd",
    "user.login_failed": "Inloggen mislukt",
    "user.locked_out": "Account tijdelijk geblokkeerd na mislukte pogingen",
    "user.created": "Gebruiker aangemaakt",
    "user.otp_enabled": "Tweede factor (TOTP) ingesteld",
    "user.otp_removed": "Tweede factor verwijderd",
    "user.otp_verified": "Tweede factor gecontroleerd bij inloggen",
    "user.recovery_codes_renewed": "Nieuwe herstelcodes gemaakt",
    "user.recovery_code_used": "Herstelcode gebruikt in plaats van de authenticator-app",
    "user.reauthentication_failed": "Opnieuw inloggen (wachtwoord en code) mislukt",
    "user.invited": "Uitnodiging verstuurd (eenmalige link)",
    "user.password_set": "Wachtwoord ingesteld via uitnodiging",
    "user.password_reset": "Wachtwoord en tweede factor gewist door beheer; nieuwe uitnodiging",
    "user.changed": "Gebruiker gewijzigd (team)",
    "user.deactivated": "Gebruiker geblokkeerd",
    "user.unlocked": "Blokkade na mislukte inlogpogingen opgeheven",
    "user.role_granted": "Rol toegekend",
    "user.role_revoked": "Rol ingetrokken",
    "user.role_grant_requested": "Goedkeurdersrol aangevraagd (wacht op tweede persoon)",
    "user.role_grant_approved": "Goedkeurdersrol goedgekeurd door tweede persoon",
    "user.role_grant_rejected": "Aanvraag goedkeurdersrol afgewezen",
    "team.created": "Team aangemaakt",
    "user.gemeenten_changed": "Gemeenten van een gebruiker gewijzigd (voor welke gemeenten iemand werkt)",
    "gemeente.created": "Gemeente toegevoegd",
    "gemeente.changed": "Gemeente gewijzigd (naam, bestuursorgaan, logo, bezwaaradres, contact of beleidsprofiel)",
    # Reads of personal data (always with a purpose)
    "resident.viewed": "Dossier van inwoner bekeken",
    "resident.searched": "Inwoners gezocht",
    "resident.exported": "Gegevens van inwoner geëxporteerd",
    "resident.inzage_exported": "Inzageverzoek (AVG art. 15): gegevens van inwoner opgemaakt",
    "resident.list_viewed": "Inwoner getoond in een lijst (werkvoorraad, zoekresultaat)",
    "signal.viewed": "Signaal bekeken",
    "investigation.viewed": "Onderzoek bekeken",
    "decision.viewed": "Besluit bekeken",
    "verzuim.viewed": "Verzuim (maatregel) bekeken",
    "claim.viewed": "Vordering bekeken",
    "control_run.hits_viewed": "Treffers van een themacontrole bekeken (BSN en onderbouwing)",
    # Residents and benefits
    "resident.created": "Inwoner geregistreerd",
    "resident.changed": "Gegevens van inwoner gewijzigd",
    "benefit.created": "Uitkering vastgelegd",
    "benefit.changed": "Uitkering gewijzigd",
    "application.registered": "Aanvraag geregistreerd",
    "application.decided": "Aanvraag beslist",
    "resident.registration_requested": "Registratieverzoek aan teamleider (BSN al geregistreerd buiten eigen werkvoorraad)",
    "registratieverzoek.handled": "Registratieverzoek afgehandeld door teamleider",
    "resident.corrected": "Gegevens van inwoner gecorrigeerd op verzoek (AVG art. 16)",
    "privacy_objection.registered": "Bezwaar tegen verwerking geregistreerd (AVG art. 21)",
    "privacy_objection.decided": "Bezwaar tegen verwerking beslist door FG (AVG art. 21)",
    "privacy_objection.viewed": "Open bezwaren tegen verwerking bekeken (FG, AVG art. 21)",
    # Controle op maat
    "signal.registered": "Signaal geregistreerd",
    "signal.batch_imported": "Signaalbestand Inlichtingenbureau geïmporteerd",
    "signal.import_rejected": "Signaalbestand Inlichtingenbureau geweigerd (fouten in het bestand)",
    "signal.triaged": "Signaal beoordeeld (triage)",
    "signal.resident_linked": "Signaal gekoppeld aan inwoner (triage)",
    "investigation.opened": "Onderzoek gestart",
    "investigation.signal_added": "Signaal toegevoegd aan lopend onderzoek",
    "investigation.assigned": "Onderzoek toegewezen",
    "investigation.action_logged": "Onderzoekshandeling vastgelegd",
    "investigation.document_attached": "Document bij onderzoek gevoegd",
    "investigation.document_downloaded": "Document van onderzoek gedownload",
    "investigation.hoor_en_wederhoor": "Hoor en wederhoor vastgelegd",
    "investigation.findings_recorded": "Bevindingen van onderzoek vastgelegd",
    "investigation.closed": "Onderzoek afgerond",
    "investigation.access_repaired": "Einde toegang handhavers hersteld uit de zaken",
    # Sanctioneren
    "decision.evaluated": "Beslisregels doorgerekend",
    "decision.replayed": "Besluit opnieuw doorgerekend (replay)",
    "parameters.proposed": "Wettelijke bedragen of beleidsprofiel voorgesteld",
    "parameters.approved": "Wettelijke bedragen of beleidsprofiel goedgekeurd (vier ogen)",
    "parameters.rejected": "Voorstel voor wettelijke bedragen of beleidsprofiel afgewezen",
    "decision.recorded": "Besluit vastgelegd",
    "decision.cosigned": "Besluit medeondertekend",
    "decision.letter_downloaded": "Beschikking (brief) gedownload",
    "decision.letter_previewed": "Conceptbrief (beschikking) bekeken vóór verzending",
    "decision.letter_sent": "Beschikking (brief) verzonden en opgeslagen",
    "suspension.assessed": "Risico- en impactbeoordeling bij opschorting vastgelegd",
    "suspension.signed": "Risico- en impactbeoordeling bij opschorting ondertekend",
    "suspension.started": "Opschorting van de uitkering ingegaan",
    "verzuim.registered": "Verzuim gemeld (verplichting werk of re-integratie niet nagekomen, Pw 18)",
    "verzuim.heard": "Inwoner gehoord over verzuim, of horen overgeslagen met reden (Awb 4:8, 4:11, 4:12)",
    "verzuim.closed": "Verzuim gesloten zonder maatregel",
    "claim.created": "Vordering ingesteld",
    "claim.payment_registered": "Aflossing geregistreerd",
    "claim.status_changed": "Status van vordering gewijzigd",
    "claim.waived": "Vordering kwijtgescholden",
    "claim.written_off": "Vordering afgeboekt (oninbaar)",
    "claim.setoff_stopped": "Verrekening gestopt: geen lopende uitkering (inwoner betaalt zelf)",
    "claim.adjusted": "Vordering aangepast aan een beslissing op bezwaar",
    "claim.payment_term_started": "Betalingstermijn gestart (art. 4:87 Awb): uiterste betaaldatum en kenmerk",
    "claim.aanmaning": "Aanmaning verstuurd (art. 4:112 Awb)",
    "claim.dwangbevel": "Dwangbevel uitgevaardigd (art. 4:114 Awb)",
    "claim.step_downloaded": "Brief van een invorderingsstap gedownload",
    "claim.setoff_run": "Maandelijkse verrekening met de uitkering uitgevoerd",
    "claim.setoff_deducted": "Aflossing verrekend met de uitkering (binnen de beslagvrije voet)",
    "claim.non_cooperation_recorded": "Niet-meewerken aan de invordering vastgelegd (art. 60 lid 6 Pw)",
    "claim.non_cooperation_lifted": "Niet-meewerken aan de invordering opgeheven",
    "objection.registered": "Bezwaar tegen een besluit geregistreerd (termijn getoetst)",
    "objection.excused": "Te laat bezwaar verschoonbaar geacht (art. 6:11 Awb)",
    "objection.heard": "Hoorzitting bij bezwaar vastgelegd",
    "objection.decided": "Beslissing op bezwaar genomen (nieuwe versie van het besluit)",
    "objection.withdrawn": "Bezwaar ingetrokken",
    "appeal.registered": "Beroep of hoger beroep geregistreerd",
    "appeal.decided": "Uitspraak in beroep of hoger beroep vastgelegd",
    # Preventie
    "prevention.intervention_recorded": "Preventieve interventie vastgelegd",
    "referral.created": "Verwijzing naar partner",
    "referral.status_changed": "Status van verwijzing gewijzigd",
    "intake.recorded": "Intake rechten en plichten vastgelegd (checklist)",
    "intake.sheet_printed": "Informatieblad rechten en plichten afgedrukt",
    "reminder.scheduled": "Herinnering ingepland",
    "reminder.created": "Periodieke herinnering klaargezet (achtergrondtaak)",
    "reminder.letter_printed": "Herinneringsbrief opgemaakt",
    "reminder.sent": "Herinnering verstuurd",
    # Dienstverlening: wijziging doorgeven (public pages, the resident is the actor)
    "resident.identified": "Inwoner ingelogd om een wijziging door te geven",
    "resident.identification_failed": "Inloggen om een wijziging door te geven mislukt",
    "change_report.submitted": "Wijziging doorgegeven door inwoner",
    "change_report.handled": "Doorgegeven wijziging afgehandeld",
    "change_report.attachment_downloaded": "Bijlage van doorgegeven wijziging geopend",
    # Monitoring (reports)
    "report.exported": "Rapportage geëxporteerd (PDF, Excel of CSV)",
    "report.case_example_marked": "Casusvoorbeeld voor de rapportage vastgelegd",
    "report.case_example_withdrawn": "Casusvoorbeeld ingetrokken",
    # Analyses (themacontroles)
    "filter.approved": "Filter beoordeeld door de FG (goedgekeurd of afgewezen)",
    "filter.changed": "Eigenaar of status van een filter gewijzigd",
    "control.delivery_received": "Gegevenslevering ontvangen en in de wachtrij gezet voor themacontroles",
    "control.delivery_failed": "Run van een gegevenslevering mislukt; niets opgeslagen, ruwe bestanden verwijderd",
    "control.delivery_cancelled": "Gegevenslevering geannuleerd; ruwe bestanden verwijderd",
    "control.run": "Themacontrole gedraaid op een gegevenslevering",
    "control.explained": "Toelichting bij gemarkeerde run vastgelegd",
    "control.fg_approved": "Gemarkeerde run goedgekeurd door de FG",
    "control.released": "Treffers van themacontrole vrijgegeven als signalen",
    "control.outcome_review": "Uitkomstcontrole vastgelegd: wie na selectie voor niets werd onderzocht, per groep",
    "control.outcome_review_seen": "Gemarkeerde uitkomstcontrole gezien door de FG, met toelichting",
    "control.scanned": "Biasscan zonder beschermde kenmerken uitgevoerd over de treffers van een run",
    "control.proxy_checked": "Proxycontrole van een filter uitgevoerd (samenhang van de invoer met wijk, leeftijd, geslacht en huishoudtype)",
    "control.proxy_justified": "Verantwoording bij een proxycontrole boven de drempel vastgelegd",
    "control.proxy_fg_approved": "Verantwoording bij een proxycontrole goedgekeurd door de FG",
    "control.proxy_fg_rejected": "Verantwoording bij een proxycontrole niet goedgekeurd door de FG",
    # The log itself and operations
    "audit.searched": "Auditlog doorzocht",
    "audit.resident_history_viewed": "Auditlog: opgevraagd wie een inwoner heeft ingezien (FG)",
    "audit.employee_history_viewed": "Auditlog: opgevraagd wat een medewerker heeft ingezien (FG)",
    "audit.verified": "Auditketen gecontroleerd",
    "demo.loaded": "Demogemeente geladen",
    # Retention and destruction (bewaartermijnen, issue #16)
    "retention.list_proposed": "Vernietigingslijst opgesteld",
    "retention.list_approved": "Vernietigingslijst goedgekeurd (FG of archivaris)",
    "retention.executed": "Vernietiging uitgevoerd; verklaring van vernietiging opgemaakt",
    "retention.list_viewed": "Vernietigingslijst bekeken (dossiernummers en redenen)",
}


#: The groups of the catalogue, in the order the pages list them: key -> Dutch label.
GROUPS: dict[str, str] = {
    "inzage": "Inzage",
    "wijziging": "Wijziging",
    "besluiten": "Besluiten en vorderingen",
    "accounts": "Inloggen en accounts",
    "themacontroles": "Themacontroles",
    "beheer": "Beheer",
    "auditlog": "Auditlog zelf",
}

#: A verb ending in one of these shows personal data rather than changing it (a read: viewed, searched,
#: downloaded, exported, printed), whatever the object.
_READ_VERBS = ("viewed", "searched", "downloaded", "exported", "printed")

#: Codes whose group the rules below would get wrong.
_GROUP_BY_CODE: dict[str, str] = {
    # The resident logs in on the public page to report a change: a login, not a change.
    "resident.identified": "accounts",
    "resident.identification_failed": "accounts",
}

#: The group of every other code, by the object before the dot. A new object needs a row here (the
#: catalogue test fails until it has one), so no code silently falls into the wrong group.
_GROUP_BY_OBJECT: dict[str, str] = {
    "user": "accounts",
    "team": "accounts",
    "resident": "wijziging",
    "benefit": "wijziging",
    "application": "wijziging",
    "registratieverzoek": "wijziging",
    "privacy_objection": "wijziging",
    "signal": "wijziging",
    "investigation": "wijziging",
    "prevention": "wijziging",
    "referral": "wijziging",
    "intake": "wijziging",
    "reminder": "wijziging",
    "change_report": "wijziging",
    "report": "wijziging",
    "decision": "besluiten",
    "suspension": "besluiten",
    "verzuim": "besluiten",
    "claim": "besluiten",
    "objection": "besluiten",
    "appeal": "besluiten",
    "filter": "themacontroles",
    "control": "themacontroles",
    "parameters": "beheer",
    "gemeente": "beheer",
    "demo": "beheer",
    "retention": "beheer",
    "audit": "auditlog",
}


def group_of(code: str) -> str | None:
    """The group key of ``code``; None for a code no rule covers (the catalogue test forbids that)."""
    if code in _GROUP_BY_CODE:
        return _GROUP_BY_CODE[code]
    obj, _, verb = code.partition(".")
    if obj == "audit":  # the privacy officer's own reads of the log are the log's, not "Inzage"
        return "auditlog"
    if verb.endswith(_READ_VERBS):
        return "inzage"
    return _GROUP_BY_OBJECT.get(obj)


def codes_in_group(group: str) -> list[str]:
    """Every catalogue code of ``group``, sorted (for filtering the log on its code)."""
    return sorted(code for code in CATALOGUE if group_of(code) == group)


def grouped_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """The catalogue as form choices: one option group per event group, the Dutch labels sorted."""
    return [
        (label, sorted(((code, CATALOGUE[code]) for code in codes_in_group(key)), key=lambda c: c[1]))
        for key, label in GROUPS.items()
    ]
