"""Who may propose and approve parameter sets: one place for the ruleset pages and the page shell."""

PROPOSE = "ruleset.propose_parameterset"
APPROVE = "ruleset.approve_parameterset"
#: the ruleset pages: either of these
PERMISSIONS = (PROPOSE, APPROVE)
