"""Who may see and register residents: one place for the resident pages and the API."""

#: seeing residents at all; which ones depends on the permission (``selectors.visible_resident_ids``)
VIEW_PERMISSIONS = (
    "residents.view_caseload",
    "residents.view_team",
    "residents.view_investigated",
    "residents.view_all",
)
ADD = "residents.add_resident"
CHANGE = "residents.change_resident"
#: handling registratieverzoeken of one's team: the teamleider, who steers the team's caseload
HANDLE_REQUESTS = "residents.view_team"
#: correcting a resident's data at their request (AVG art. 16) and registering an objection (AVG art. 21)
CORRECT = CHANGE
REGISTER_PRIVACY_OBJECTION = CHANGE
#: deciding an objection to processing (AVG art. 21): the privacy officer (FG)
DECIDE_PRIVACY_OBJECTION = "residents.decide_privacy_objection"
