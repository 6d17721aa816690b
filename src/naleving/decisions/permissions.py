"""Who may see, calculate, record and co-sign besluiten: one place for the decision pages and the API."""

from naleving.investigations.permissions import CONDUCT

VIEW = "decisions.view_besluit"
RECORD = "decisions.record_besluit"
COSIGN = "decisions.cosign_besluit"
#: the what-if calculation: whoever decides, co-signs or investigates
EVALUATE_PERMISSIONS = (RECORD, COSIGN, CONDUCT)
#: the decision letter (PDF)
LETTER_PERMISSIONS = (RECORD, COSIGN)
