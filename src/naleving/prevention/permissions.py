"""Who may see and handle prevention work and refer residents: one place for the prevention pages."""

VIEW = "prevention.view_preventiveintervention"
ADD = "prevention.add_preventiveintervention"
REFER = "prevention.add_referral"
#: signals.permissions.TRIAGE: a triager records the preventive intervention a signal led to. Spelled out
#: here because signals stands on a floor above prevention (docs/architecture.md).
TRIAGE_SIGNAL = "signals.triage_signal"
