"""Who may see, propose, approve and execute destruction lists: one place for the pages and the command."""

VIEW = "retention.view_destruction"
PROPOSE = "retention.propose_destruction"  # the beheerder: draws up and executes the list
APPROVE_ARCHIVIST = "retention.approve_destruction"  # the archivaris
APPROVE_FG = "retention.approve_destruction_fg"  # the FG
