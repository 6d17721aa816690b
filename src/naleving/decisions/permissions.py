"""Who may see, calculate, record and co-sign besluiten: one place for the decision pages and the API."""

from naleving.investigations.permissions import CONDUCT

VIEW = "decisions.view_besluit"
RECORD = "decisions.record_besluit"
COSIGN = "decisions.cosign_besluit"
#: the what-if calculation: whoever decides, co-signs or investigates
EVALUATE_PERMISSIONS = (RECORD, COSIGN, CONDUCT)
#: the decision letter (PDF)
LETTER_PERMISSIONS = (RECORD, COSIGN)
#: objections (bezwaar) and appeals (beroep, hoger beroep): register, hear, decide, record the judgment.
#: Naleving has no role for a legal officer (juridisch medewerker); the inkomensconsulent, who decides, and
#: the teamleider hold it (accounts/roles.py), each for the besluiten they may see.
HANDLE_BEZWAAR = "decisions.handle_bezwaar"
