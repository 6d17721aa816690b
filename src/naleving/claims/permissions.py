"""Who may see and manage claims (vorderingen): one place for the claim pages and services."""

VIEW = "claims.view_vordering"
MANAGE = "claims.manage_vordering"
