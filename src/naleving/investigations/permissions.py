"""Who may see, assign and conduct investigations: one place for the services, the pages and other apps."""

VIEW = "investigations.view_investigation"
ASSIGN = "investigations.assign_investigation"
CONDUCT = "investigations.conduct_investigation"
