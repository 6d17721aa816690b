"""The engine's input errors (`rules.RuleInputError`, English for machines: code, message, field) as one Dutch
sentence for a consulent, and the form field each request field belongs to on the what-if page."""

from naleving import rules

#: decision-contract request fields → fields of the what-if form (`forms.WhatIfForm`)
FORM_FIELDS = {
    "decision_date": "decision_date",
    "profile": "profile",
    "regulation": "regulation",
    "benadelingsbedrag": "benadelingsbedrag",
    "culpability": "culpability",
    "cooperation": "cooperation",
    "violation.kind": "kind",
    "violation.start": "start",
    "violation.end": "end",
    "violation.detected_on": "detected_on",
    "violation.self_reported_on": "self_reported_on",
    "violation.source_known": "source_known",
    "violation.limitation_paused_days": "limitation_paused_days",
    "household.type": "household_type",
    "household.kostendelers": "kostendelers",
    "household.age_band": "age_band",
    "judgements.recovery_amount": "recovery_amount",
    "judgements.urgent_reasons_recovery": "urgent_reasons_recovery",
    "history[0].type": "history_type",
    "history[0].kind": "history_kind",
    "history[0].date": "history_date",
    "history[0].irrevocable_on": "history_irrevocable_on",
    "history[0].prison_sentence": "history_prison_sentence",
}

_BY_FIELD = {
    ("invalid_period", "violation.end"): "Het einde van de periode ligt vóór het begin.",
    ("invalid_period", "violation.detected_on"): "Deze datum ligt vóór het begin van de periode.",
    ("invalid_period", "violation.self_reported_on"): "Deze datum ligt vóór het begin van de periode.",
    ("invalid_period", "decision_date"): "De besluitdatum ligt vóór het begin van de periode.",
    ("contradictory_history", "irrevocable_on"): (
        "Een sanctie kan niet onherroepelijk zijn geworden vóór de dag waarop zij werd opgelegd."
    ),
    ("contradictory_history", "prison_sentence"): (
        "Een gevangenisstraf hoort alleen bij een strafrechtelijke sanctie, niet bij een boete of waarschuwing."
    ),
}
_BY_CODE = {
    "date_after_decision": "Deze datum ligt na de besluitdatum. Vul een datum op of vóór de besluitdatum in.",
    "invalid_amount": "Dit bedrag is niet mogelijk. Vul euro's in, met ten hoogste 12 cijfers vóór de komma.",
    "negative_amount": "Een bedrag kan niet negatief zijn.",
    "too_many_decimals": "Een bedrag heeft ten hoogste twee cijfers achter de komma.",
    "invalid_number": "Dit aantal is niet mogelijk.",
    "invalid_date": "Dit is geen mogelijke datum.",
    "profile_not_in_force": "Het beleidsprofiel geldt niet op deze besluitdatum. Kies een andere datum of profiel.",
    "conflicting_amounts": "Het benadelingsbedrag wijkt af van de som van de bedragen per maand.",
}


def dutch_message(exc: rules.RuleInputError) -> str:
    """One Dutch sentence for the error; the engine's own message when there is no better one (the
    parameter_not_in_force message is already Dutch)."""
    last = (exc.field or "").rsplit(".", 1)[-1]
    return _BY_FIELD.get(
        (exc.code, exc.field or ""), _BY_FIELD.get((exc.code, last), _BY_CODE.get(exc.code, exc.message))
    )


def form_field(exc: rules.RuleInputError) -> str | None:
    """The what-if form field an engine error belongs to, or None for the whole form."""
    return FORM_FIELDS.get(exc.field or "")
