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
    "signal.triaged": "Signaal beoordeeld (triage)",
    "investigation.opened": "Onderzoek gestart",
    "investigation.assigned": "Onderzoek toegewezen",
    "investigation.action_logged": "Onderzoekshandeling vastgelegd",
    "investigation.hoor_en_wederhoor": "Hoor en wederhoor vastgelegd",
    "investigation.closed": "Onderzoek afgerond",
    # Sanctioneren
    "decision.evaluated": "Beslisregels doorgerekend",
    "decision.recorded": "Besluit vastgelegd",
    "decision.cosigned": "Besluit medeondertekend",
    "claim.created": "Vordering ingesteld",
    "claim.payment_registered": "Aflossing geregistreerd",
    "claim.status_changed": "Status van vordering gewijzigd",
    # Preventie
    "prevention.intervention_recorded": "Preventieve interventie vastgelegd",
    "referral.created": "Verwijzing naar partner",
    "referral.status_changed": "Status van verwijzing gewijzigd",
    # The log itself and operations
    "audit.searched": "Auditlog doorzocht",
    "audit.verified": "Auditketen gecontroleerd",
    "demo.loaded": "Demogemeente geladen",
}
