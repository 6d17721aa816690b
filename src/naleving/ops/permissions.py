"""Permission names of the operator's probes."""

VIEW_HEALTH = "ops.view_health"
