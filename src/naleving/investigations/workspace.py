"""The steps of the investigation workspace: handelingen → documenten → hoor en wederhoor → bevindingen →
afronden, each with its status and whether its form is open, folded away or absent.

The steps only show what ``services.py`` allows; they never allow more. Every step but the last may be used at
any time while the investigation is open (a breach finding still needs hoor en wederhoor first, which the
findings service checks); afronden needs recorded findings. The step after the last one with content is the
current one ("bezig") and has its form open; later steps that are allowed keep their form folded away, and a
step that is not yet possible shows why and no form. After a failed save the form of that step is the one open.
"""

from dataclasses import dataclass

DONE, SKIPPED, CURRENT, TODO, NOT_YET = (
    "afgerond",
    "overgeslagen",
    "bezig",
    "nog te doen",
    "nog niet mogelijk",
)

#: name of the form (and of the view) → (section id, title, heading of the form)
STEPS = (
    ("action", "handelingen", "Onderzoekshandelingen (Awb afdeling 5.2)", "Handeling vastleggen"),
    ("document", "documenten", "Documenten", "Document toevoegen"),
    ("hearing", "hoor-en-wederhoor", "Hoor en wederhoor", "Hoor en wederhoor vastleggen"),
    ("findings", "bevindingen", "Bevindingen", "Bevindingen vastleggen"),
    ("close", "afronden", "Afronden", "Onderzoek afronden"),
)


@dataclass(frozen=True)
class Step:
    name: str
    number: int
    anchor: str
    title: str
    form_heading: str
    status: str
    reason: str = ""
    #: "open" (the current step, or a failed save), "folded" (in a closed <details>) or "" (no form)
    form: str = ""

    @property
    def is_current(self) -> bool:
        return self.status == CURRENT


def _has(investigation, counts: dict) -> dict[str, bool]:
    return {
        "action": counts["action"] > 0,
        "document": counts["document"] > 0,
        "hearing": counts["hearing"] > 0,
        "findings": bool(investigation.outcome),
        "close": not investigation.is_open,
    }


def _not_yet(name: str, investigation) -> str:
    """Why a step cannot be taken yet (the rule of the service), or "" when it can."""
    if name == "close" and not investigation.outcome:
        return "Eerst de bevindingen vastleggen; daarna kan het onderzoek worden afgerond."
    return ""


def workspace_steps(investigation, counts: dict, *, can_conduct: bool, bound: str = "") -> list[Step]:
    """The five steps in order. ``counts``: the number of actions, documents and hearings; ``bound``: the
    form that came back with errors (its step is open)."""
    has = _has(investigation, counts)
    names = [name for name, *_ in STEPS]
    bound = bound if bound in names else ""  # the assignment card is no step
    last_done = max((i for i, name in enumerate(names) if has[name]), default=-1)
    steps, current_found = [], False
    for i, (name, anchor, title, heading) in enumerate(STEPS):
        reason = _not_yet(name, investigation) if investigation.is_open else ""
        if has[name]:
            status = DONE
        elif i < last_done:
            status = SKIPPED
        elif reason:
            status = NOT_YET
        elif not current_found and investigation.is_open:
            status, current_found = CURRENT, True
        else:
            status = TODO
        form = ""
        if can_conduct and investigation.is_open:
            if name == bound or (status == CURRENT and not bound):
                form = "open"  # a refused save shows its errors, also on a step that is not possible yet
            elif not reason:
                form = "folded"
        steps.append(Step(name, i + 1, anchor, title, heading, status, reason, form))
    return steps
