"""Which besluitdatum (peildatum) fits a closed investigation: one rule for the form of the decision step and
for ``services.besluit_record``, with the sentence a consulent reads when a date does not fit."""

from datetime import date


def decision_date_error(*, investigation, decision_date: date, today: date) -> str | None:
    """Why ``decision_date`` cannot be the besluitdatum of ``investigation``, or None when it can.

    Not in the future (a besluit is taken on the day it is dated), and not before the investigation closed
    nor before the breach began (the rules refuse a peildatum before ``violation.start``). Of the two lower
    bounds the later one is named: that is the first date the consulent can choose.
    """
    if decision_date > today:
        return (
            f"De besluitdatum kan niet in de toekomst liggen: kies vandaag ({today:%d-%m-%Y}) of een eerdere "
            "datum."
        )
    bounds = [
        (
            investigation.closed_on,
            "De besluitdatum ligt vóór de afronding van het onderzoek ({:%d-%m-%Y}): kies die datum of "
            "een latere.",
        ),
        (
            investigation.period_start,
            "De besluitdatum ligt vóór het begin van de schending ({:%d-%m-%Y}): kies een latere datum.",
        ),
    ]
    for bound, message in sorted((b for b in bounds if b[0]), key=lambda b: b[0], reverse=True):
        if decision_date < bound:
            return message.format(bound)
    return None
