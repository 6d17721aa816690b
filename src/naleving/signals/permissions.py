"""Who may see, register and triage signals: one place for the signal pages, triage and the API."""

VIEW = "signals.view_signal"
ADD = "signals.add_signal"
TRIAGE = "signals.triage_signal"
