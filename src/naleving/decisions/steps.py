"""The steps of a besluit, shown the same way on the page that prepares it and on the besluit page: weging,
voorstel, afwijken (these three on ``decisions:prepare``, ending in recording the besluit), medeondertekenen
and brief (on ``decisions:detail``). Each step has a status in words; only the step that is the user's turn
opens its form. The rules themselves stay in the services (four eyes, no letter before the besluit is
vastgesteld); this module only says where a besluit stands and why a step cannot be taken yet."""

from dataclasses import dataclass

from naleving.common.formatting import euro
from naleving.decisions.models import Besluit, BesluitStatus, CorrectionType, SanctionType
from naleving.decisions.permissions import COSIGN

WEGING, VOORSTEL, AFWIJKEN, MEDEONDERTEKENEN, BRIEF = (
    "weging",
    "voorstel",
    "afwijken",
    "medeondertekenen",
    "brief",
)
TITLES = {
    WEGING: "Weging",
    VOORSTEL: "Voorstel van de beslisregels",
    AFWIJKEN: "Afwijken of het voorstel volgen, en vastleggen",
    MEDEONDERTEKENEN: "Medeondertekenen (vier ogen)",
    BRIEF: "Brief aan de inwoner",
}
ORDER = tuple(TITLES)
PREPARE_STEPS = (WEGING, VOORSTEL, AFWIJKEN)
DONE, NOW, NOT_YET = "afgerond", "nu aan de beurt", "nog niet mogelijk"
WAITS_FOR_COSIGN = "wacht op medeondertekening door een tweede medewerker"


@dataclass(frozen=True)
class Step:
    key: str
    state: str  # DONE, NOW or NOT_YET
    reason: str = ""  # why it cannot be taken yet, or who takes it
    is_open: bool = False  # its form is on the page

    @property
    def number(self) -> int:
        return ORDER.index(self.key) + 1

    @property
    def title(self) -> str:
        return TITLES[self.key]

    @property
    def current(self) -> bool:
        return self.state == NOW

    @property
    def words(self) -> str:
        return f"{self.state}: {self.reason}" if self.reason else self.state


def proposal_labels(response: dict | None) -> dict | None:
    """The engine's outcome in Dutch words, to set next to what was decided."""
    if not response or "sanction" not in response:
        return None
    sanction = SanctionType(response["sanction"]["type"]).label
    fine = response["sanction"].get("fine_amount") or "0.00"
    recovery = (response.get("recovery") or {}).get("amount")
    return {
        "sanction": sanction,
        "correction": CorrectionType(response["correction"]["type"]).label
        if "correction" in response
        else "",
        "summary": f"{sanction}; boete {euro(fine)}; terugvordering {euro(recovery)}",
    }


# -- preparing: the first three steps -----------------------------------------------------------------------

PREPARE_REASONS = {
    VOORSTEL: "vul eerst de weging in (stap 1)",
    AFWIJKEN: "bekijk eerst het voorstel van de beslisregels (stap 2)",
}
NOT_RECORDED = "het besluit is nog niet vastgelegd (stap 3)"


def prepare_steps(*, done: set[str], open_key: str, no_proposal: bool = False) -> list[Step]:
    """The step list while preparing: ``done`` are the steps completed, ``open_key`` the one whose form is
    on the page. Without a proposal (no valid peildatum) only the voorstel step can be taken."""
    steps = []
    for key in PREPARE_STEPS:
        if key == open_key:
            steps.append(Step(key, NOW, is_open=True))
        elif key in done:
            steps.append(Step(key, DONE))
        elif key == WEGING and no_proposal:
            steps.append(
                Step(key, NOT_YET, "kies eerst een besluitdatum waarop de beslisregels een voorstel doen")
            )
        else:
            steps.append(Step(key, NOT_YET, PREPARE_REASONS.get(key, "")))
    steps.append(Step(MEDEONDERTEKENEN, NOT_YET, NOT_RECORDED))
    steps.append(Step(BRIEF, NOT_YET, NOT_RECORDED))
    return steps


# -- the besluit page: the last two steps -------------------------------------------------------------------


def may_cosign(user, besluit: Besluit) -> bool:
    """The rule of ``services.besluit_cosign`` as far as the page can tell: waiting, the right permission and
    not the one who recorded it (the service checks the team and again all of this)."""
    return (
        besluit.status == BesluitStatus.TER_ONDERTEKENING
        and user.has_perm(COSIGN)
        and besluit.recorded_by_id != user.pk
    )


def _cosign_step(user, besluit: Besluit) -> Step:
    if besluit.status == BesluitStatus.TER_ONDERTEKENING:
        if may_cosign(user, besluit):
            return Step(MEDEONDERTEKENEN, NOW, is_open=True)
        if besluit.recorded_by_id == user.pk:
            return Step(
                MEDEONDERTEKENEN, NOW, "een tweede medewerker tekent mee; u heeft het besluit zelf vastgelegd"
            )
        return Step(MEDEONDERTEKENEN, NOW, "een medewerker die besluiten mag medeondertekenen tekent mee")
    if besluit.status == BesluitStatus.CONCEPT:
        return Step(MEDEONDERTEKENEN, NOT_YET, "het besluit is nog een concept")
    if besluit.cosigned_by_id:
        return Step(MEDEONDERTEKENEN, DONE)
    return Step(MEDEONDERTEKENEN, DONE, "niet nodig, het besluit vraagt geen tweede handtekening")


def _letter_step(besluit: Besluit, letters: dict) -> Step:
    if besluit.sent_on:
        return Step(BRIEF, DONE)
    if besluit.status == BesluitStatus.TER_ONDERTEKENING:
        return Step(BRIEF, NOT_YET, WAITS_FOR_COSIGN)
    if not besluit.is_vastgesteld:
        return Step(BRIEF, NOT_YET, "het besluit is niet vastgesteld")
    if not letters.get("letters_shown"):
        return Step(BRIEF, NOW, "een medewerker die brieven bij besluiten verzendt, verstuurt de brief")
    if letters.get("letter_problems"):
        return Step(BRIEF, NOT_YET, "de brief kan nog niet worden gemaakt, zie hieronder")
    return Step(BRIEF, NOW, is_open=True)


def besluit_steps(user, besluit: Besluit, letters: dict) -> list[Step]:
    """The step list of a recorded besluit for ``user``: the first three are done (their summaries are on
    the page), then co-signing and the letter. ``letters`` is the context of ``letters_section``."""
    return [
        *(Step(key, DONE) for key in PREPARE_STEPS),
        _cosign_step(user, besluit),
        _letter_step(besluit, letters),
    ]
