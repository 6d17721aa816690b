"""Who may read the audit log (the privacy officer): one place for the search page, its selector and the
navigation."""

VIEW_EVENTS = "audit.view_auditevent"

#: The purpose recorded for every use of the privacy officer's pages on the audit log.
FG_PURPOSE = "Toezicht op gegevensgebruik (FG)"
