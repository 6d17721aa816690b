"""Who may read the audit log (the privacy officer): one place for the search page, its selector and the
navigation."""

VIEW_EVENTS = "audit.view_auditevent"
