"""The catalogue of audit event codes: one stable dotted code per kind of event (Sentry's event catalogue).

A code not in this catalogue cannot be written, so reports and searches can rely on the list.
"""

CATALOGUE: dict[str, str] = {
    # Access and accounts
    "user.logged_in": "Ingelogd",
    "user.logged_out": "Uitgelogd",
    "user.login_failed": "Inloggen mislukt",
    "user.locked_out": "Account tijdelijk geblokkeerd na mislukte pogingen",
    "user.created": "Gebruiker aangemaakt",
    "user.otp_enabled": "Tweede factor (TOTP) ingesteld",
    # Reads of personal data (always with a purpose)
    "resident.viewed": "Dossier van inwoner bekeken",
    "resident.searched": "Inwoners gezocht",
    "resident.exported": "Gegevens van inwoner geëxporteerd",
    # Residents and benefits
    "resident.created": "Inwoner geregistreerd",
    "resident.changed": "Gegevens van inwoner gewijzigd",
    "benefit.created": "Uitkering vastgelegd",
    "benefit.changed": "Uitkering gewijzigd",
    "application.registered": "Aanvraag geregistreerd",
    "application.decided": "Aanvraag beslist",
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
    # Sanctioneren
    "decision.evaluated": "Beslisregels doorgerekend",
    "decision.recorded": "Besluit vastgelegd",
    "decision.cosigned": "Besluit medeondertekend",
    "decision.letter_downloaded": "Beschikking (brief) gedownload",
    "suspension.assessed": "Risico- en impactbeoordeling bij opschorting vastgelegd",
    "suspension.signed": "Risico- en impactbeoordeling bij opschorting ondertekend",
    "suspension.started": "Opschorting van de uitkering ingegaan",
    "claim.created": "Vordering ingesteld",
    "claim.payment_registered": "Aflossing geregistreerd",
    "claim.status_changed": "Status van vordering gewijzigd",
    "claim.waived": "Vordering kwijtgescholden",
    "claim.written_off": "Vordering afgeboekt (oninbaar)",
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
    # The log itself and operations
    "audit.searched": "Auditlog doorzocht",
    "audit.verified": "Auditketen gecontroleerd",
    "demo.loaded": "Demogemeente geladen",
}
