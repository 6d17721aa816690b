"""Who may read the filter register, run theme controls and approve filters: one place for the pages."""

RUN = "controls.run_control"
APPROVE_FILTER = "controls.approve_filter"
VIEW_REGISTER = "controls.view_register"
#: reading the register and the runs: any of these
READ_PERMISSIONS = (RUN, APPROVE_FILTER, VIEW_REGISTER)
