"""The conditions of a waiver (kwijtschelding) that the recorded data can show, per ground.

Pw 58(7) (recovery; law-texts.md, legal-rules.md §3): the college may refrain from further recovery
- (a) after `collection.waiver.years` (10) years in which the resident paid according to the plan
  (``TEN_YEARS_PAID``): the claim's first instalment day (else its creation) lies that long ago and nothing is
  in arrears today;
- (b) after that many years without any payment when none is expected (``TEN_YEARS_UNPAID``): no payment in
  those years; the written reason says why none is expected;
- (c) after a one-off payment of at least `collection.waiver.oneoff_percentage` (50) % of what was open
  before it (the last payment, by the resident: not a set-off).
Pw 58(8): urgent reasons, stated in the reason.

Pw 18a(13) (fine): waived only on request, with a debt arrangement (schuldregeling), when the fine was not
imposed for intent or gross negligence and no breach of the same kind (eenzelfde gedraging) was committed
within `collection.fine_waiver.no_repeat_years` (1) year after the fine was imposed (law-texts.md, 18a(13)):
read from the later fines of the resident, the breach dated by the start of its violation period. The request date and the debt arrangement
are recorded in the waiver's reason (no separate fields).
"""

from datetime import date
from decimal import Decimal

from django.apps import apps
from django.core.exceptions import ValidationError

from naleving.claims.arrears import arrears_of
from naleving.claims.collection import collection_value, profile_of
from naleving.claims.models import ClaimKind, PaymentMethod, Vordering, WaiverGround

#: Pw 18a(13): a fine imposed for intent or gross negligence is never waived.
NO_WAIVER_CULPABILITIES = ("opzet", "grove_schuld")
#: Which waiver grounds belong to which kind of claim.
GROUNDS_BY_KIND = {
    ClaimKind.BOETE: {WaiverGround.PW_18A_LID13, WaiverGround.OVERIG},
    ClaimKind.TERUGVORDERING: {
        WaiverGround.PW_58_LID7_TIEN_JAAR,
        WaiverGround.PW_58_LID7_EENMALIG,
        WaiverGround.PW_58_LID8,
        WaiverGround.OVERIG,
    },
}
TEN_YEARS_PAID = "betaald"
TEN_YEARS_UNPAID = "niet_betaald"
TEN_YEARS_CHOICES = [
    (TEN_YEARS_PAID, "Tien jaar betaald volgens de regeling (art. 58 lid 7 onder a Pw)"),
    (TEN_YEARS_UNPAID, "Tien jaar niets betaald en geen betaling te verwachten (art. 58 lid 7 Pw)"),
]


def years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _error(message: str) -> ValidationError:
    return ValidationError({"ground": message})


def check_waiver(vordering: Vordering, ground: str, today: date, *, ten_years: str = "",
                 debt_arrangement: str = "", requested_on: date | None = None) -> str:  # fmt: skip
    """Refuse (``ValidationError`` on ``ground``) when the data show a condition is not met; return the
    facts to add to the reason (the variant of 58(7), the request and the debt arrangement)."""
    if ground not in GROUNDS_BY_KIND[vordering.kind]:
        raise _error("Deze grond hoort niet bij deze soort vordering.")
    profile = profile_of(vordering)
    if ground == WaiverGround.PW_18A_LID13:
        return _check_fine(vordering, today, profile, debt_arrangement, requested_on)
    if ground == WaiverGround.PW_58_LID7_TIEN_JAAR:
        return _check_ten_years(vordering, today, profile, ten_years)
    if ground == WaiverGround.PW_58_LID7_EENMALIG:
        _check_oneoff(vordering, today, profile)
    return ""


def _check_ten_years(vordering: Vordering, today: date, profile: str, ten_years: str) -> str:
    years = int(collection_value("collection.waiver.years", today, profile))
    since = years_before(today, years)
    if ten_years == TEN_YEARS_PAID:
        start = vordering.start_on or vordering.created_on
        if start > since:
            raise _error(
                f"De aflossing loopt nog geen {years} jaar (sinds {start:%d-%m-%Y}; art. 58 lid 7 Pw)."
            )
        state = arrears_of(vordering, today)
        if state.arrears > 0:
            raise _error(
                f"Er is een achterstand van € {state.arrears}: niet betaald volgens de regeling (art. 58 lid 7 Pw)."
            )
        return f"Art. 58 lid 7 Pw: {years} jaar betaald volgens de regeling (sinds {start:%d-%m-%Y})."
    if ten_years == TEN_YEARS_UNPAID:
        if vordering.created_on > since:
            raise _error(
                f"De vordering staat nog geen {years} jaar open (sinds {vordering.created_on:%d-%m-%Y})."
            )
        if vordering.aflossingen.filter(paid_on__gt=since).exists():
            raise _error(
                f"In de afgelopen {years} jaar is wel betaald. Kies 'tien jaar betaald volgens de regeling'."
            )
        return f"Art. 58 lid 7 Pw: {years} jaar niets betaald en geen betaling te verwachten."
    raise ValidationError(
        {"ten_years": "Kies of de inwoner tien jaar betaalde, of tien jaar niets betaalde."}
    )


def _check_oneoff(vordering: Vordering, today: date, profile: str) -> None:
    percentage = collection_value("collection.waiver.oneoff_percentage", today, profile)
    last = vordering.aflossingen.exclude(method=PaymentMethod.VERREKENING).order_by("-paid_on", "-id").first()
    remaining = vordering.amount - sum((a.amount for a in vordering.aflossingen.all()), Decimal("0.00"))
    if last is None or last.amount * 100 < percentage * (last.amount + remaining):
        raise _error(
            f"Er is geen eenmalige betaling van ten minste {percentage:g}% van wat nog openstond (art. 58 lid 7 Pw)."
        )


def _check_fine(vordering: Vordering, today: date, profile: str, debt_arrangement: str,
                requested_on: date | None) -> str:  # fmt: skip
    besluit = vordering.besluit
    if besluit and besluit.verwijtbaarheid in NO_WAIVER_CULPABILITIES:
        raise _error(
            "Een boete voor opzet of grove schuld kan niet worden kwijtgescholden (art. 18a lid 13 Pw)."
        )
    if requested_on is None:
        raise ValidationError(
            {
                "requested_on": "Vul de datum van het verzoek in: kwijtschelding van een boete kan alleen op verzoek (art. 18a lid 13 Pw)."
            }
        )
    if requested_on > today:
        raise ValidationError({"requested_on": "De datum van het verzoek kan niet in de toekomst liggen."})
    if not debt_arrangement.strip():
        raise ValidationError(
            {
                "debt_arrangement": "Noem de schuldregeling (wie, sinds wanneer): zonder schuldregeling geen kwijtschelding (art. 18a lid 13 Pw)."
            }
        )
    if besluit is not None:
        years = int(collection_value("collection.fine_waiver.no_repeat_years", today, profile))
        later = repeat_fine(besluit, years)
        if later is not None:
            raise _error(
                f"Binnen {years} jaar na deze boete is opnieuw eenzelfde overtreding begaan, beboet met "
                f"{later.kenmerk} van {later.decision_date:%d-%m-%Y} (art. 18a lid 13 Pw)."
            )
    return f"Verzoek van {requested_on:%d-%m-%Y}. Schuldregeling: {debt_arrangement.strip()}."


def _breach_on(besluit) -> date:
    """When the breach of ``besluit`` was committed: the start of its violation, else its decision date."""
    start = ((besluit.engine_request or {}).get("violation") or {}).get("start")
    try:
        return date.fromisoformat(start) if start else besluit.decision_date
    except (TypeError, ValueError):
        return besluit.decision_date


def repeat_fine(besluit, years: int):
    """Pw 18a(13): a later vastgesteld fine of the same resident for the same kind of breach (eenzelfde
    gedraging) committed within ``years`` years after ``besluit``'s fine was imposed (its decision date), or
    None. The later breach's day is the start of its violation period."""
    Besluit = apps.get_model("decisions", "Besluit")
    kind = ((besluit.engine_request or {}).get("violation") or {}).get("kind")
    end = years_before(besluit.decision_date, -years)
    later = (
        Besluit.objects.filter(
            resident_id=besluit.resident_id,
            sanction_type="boete",
            status="vastgesteld",
            decision_date__gt=besluit.decision_date,
        )
        .exclude(pk=besluit.pk)
        .exclude(kind="op_bezwaar")
        .order_by("decision_date", "pk")
    )
    for other in later:
        if ((other.engine_request or {}).get("violation") or {}).get("kind") != kind:
            continue
        if besluit.decision_date < _breach_on(other) <= end:
            return other
    return None
