"""Who may see and handle prevention work and refer residents: one place for the prevention pages."""

VIEW = "prevention.view_preventiveintervention"
ADD = "prevention.add_preventiveintervention"
REFER = "prevention.add_referral"
