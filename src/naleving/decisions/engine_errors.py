"""The engine's input errors (`rules.RuleInputError`, English for machines: code, message, field) as one Dutch
sentence for a consulent, and the form field each request field belongs to on the what-if page.

Every code the engine raises has a Dutch sentence here (``CODE_NL``; a test collects the codes from the
engine's source); the what-if page, the maatregel page and the API show it instead of the English message."""

import json

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
CODE_NL = {
    "invalid_arguments": "De opdracht is niet volledig of niet goed gegeven.",
    "invalid_json": "De aanvraag is geen leesbaar JSON.",
    "invalid_request": "De aanvraag moet een JSON-object zijn.",
    "invalid_response": "De uitkomst van de beslisregels is niet leesbaar.",
    "invalid_type": "Dit gegeven heeft niet de juiste vorm.",
    "unknown_field": "Dit gegeven kennen de beslisregels niet.",
    "missing_field": "Dit gegeven is verplicht.",
    "invalid_choice": "Deze keuze is niet mogelijk.",
    "invalid_combination": "Deze gegevens passen niet bij elkaar.",
    "invalid_period": "De periode klopt niet: een datum ligt vóór het begin van de periode.",
    "invalid_month": "Schrijf een maand als JJJJ-MM.",
    "duplicate_month": "Deze maand staat er twee keer in.",
    "contradictory_history": "De gegevens over eerdere sancties spreken elkaar tegen.",
    "unknown_profile": "Dit beleidsprofiel bestaat niet.",
    "unknown_obligation": "Deze verplichting kennen de beslisregels niet.",
    "regulation_not_supported": (
        "Voor deze regeling berekenen de beslisregels geen maatregel; alleen maatregelen op grond van de "
        "Participatiewet (art. 18 Pw). Een maatregel in de IOAW of IOAZ bepaalt u buiten Naleving."
    ),
    "parameter_not_in_force": "Voor deze besluitdatum ontbreekt nog een bedrag. De functioneel beheerder kan dit toevoegen.",
    "date_after_decision": "Deze datum ligt na de besluitdatum. Vul een datum op of vóór de besluitdatum in.",
    "invalid_amount": "Dit bedrag is niet mogelijk. Vul euro's in, met ten hoogste 12 cijfers vóór de komma.",
    "negative_amount": "Een bedrag kan niet negatief zijn.",
    "too_many_decimals": "Een bedrag heeft ten hoogste twee cijfers achter de komma.",
    "invalid_number": "Dit aantal is niet mogelijk.",
    "invalid_date": "Dit is geen mogelijke datum.",
    "profile_not_in_force": "Het beleidsprofiel geldt niet op deze besluitdatum. Kies een andere datum of profiel.",
    "conflicting_amounts": "Het benadelingsbedrag wijkt af van de som van de bedragen per maand.",
}
#: codes whose engine message is already Dutch and more precise than the sentence above (the missing amount)
DUTCH_MESSAGE = {"parameter_not_in_force"}


def dutch_message(exc: rules.RuleInputError) -> str:
    """One Dutch sentence for the error: for the field, else for the code; the parameter_not_in_force
    message is already Dutch and names the missing amount. An unknown code (none is) gets a general one."""
    if exc.code in DUTCH_MESSAGE and exc.message:
        return exc.message
    last = (exc.field or "").rsplit(".", 1)[-1]
    general = CODE_NL.get(exc.code, "De gegevens zijn niet volledig of kloppen niet.")
    return _BY_FIELD.get((exc.code, exc.field or ""), _BY_FIELD.get((exc.code, last), general))


def error_nl(output: str) -> tuple[str, str]:
    """The engine's command-line output (``rules.cli``) for a person: its JSON error object with a Dutch
    ``message`` (the engine's English in ``detail``, as the API gives it) and one Dutch sentence naming the
    field. Output without such an object comes back as it is."""
    try:
        error = json.loads(output)["error"]
        exc = rules.RuleInputError(str(error["code"]), str(error.get("message") or ""), error.get("field"))
    except (ValueError, KeyError, TypeError):
        return output, output.strip()
    sentence = dutch_message(exc)
    shown = {"code": exc.code, "message": sentence, "field": exc.field, "detail": exc.message}
    text = json.dumps({"error": shown}, ensure_ascii=False, indent=2) + "\n"
    return text, sentence + (f" (veld {exc.field})" if exc.field else "")


def form_field(exc: rules.RuleInputError) -> str | None:
    """The what-if form field an engine error belongs to, or None for the whole form."""
    return FORM_FIELDS.get(exc.field or "")
