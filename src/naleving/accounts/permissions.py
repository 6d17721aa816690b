"""Who may manage users: one place for the beheer pages, the services and the navigation."""

MANAGE_USERS = "accounts.manage_users"
APPROVE_ROLE_GRANT = "accounts.approve_role_grant"
