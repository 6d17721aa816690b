"""The indicator registry: one function per indicator, with its Dutch title, definition and source.

The thirteen shared indicators are those of ``shared/domain/indicators.md``; the others (DET, LAA, PREV, CHG,
TC, ALG, PLAN) are figures one organisation's report asks for (the "Per organisation" table there). Every
function takes ``(period, filters)`` and returns an ``IndicatorResult`` of plain tables with raw numbers;
suppression happens only when a report is presented to a reader.
"""

from collections.abc import Callable
from dataclasses import dataclass

from naleving.reports.indicators.base import NO_FILTERS, Filters
from naleving.reports.indicators.claims import c1_claims, c2_fines_and_warnings, c3_unduly_paid_share
from naleving.reports.indicators.controls import alg_algorithm_register, tc_theme_control_runs
from naleving.reports.indicators.fairness import bg_decisions_by_group
from naleving.reports.indicators.gate import (
    d1_durable_terminations,
    g1_applications,
    plan_planned_actions,
)
from naleving.reports.indicators.investigations import (
    i1_hit_rate,
    i2_lead_time,
    laa_address_investigations,
    r1_recurrence,
)
from naleving.reports.indicators.prevention import (
    chg_changes_reported,
    p1_preventive_interventions,
    p2_partner_cooperation,
    prev_prevention_effect,
)
from naleving.reports.indicators.signals import (
    det_time_to_detection,
    s1_signals_by_origin,
    s2_signals_by_kind_and_route,
    s3_signal_funnel,
)
from naleving.reports.periods import Period
from naleving.reports.tables import IndicatorResult


@dataclass(frozen=True)
class Indicator:
    id: str
    title_nl: str
    definition: str
    source: str
    function: Callable[[Period, Filters], IndicatorResult]

    def compute(self, period: Period, filters: Filters = NO_FILTERS) -> IndicatorResult:
        return self.function(period, filters)


_INDICATORS = (
    Indicator(
        "S1",
        "Signalen naar herkomst",
        "Signalen met een ontvangstdatum in de periode, naar bron: collega, ketenpartner, anonieme melding "
        "van een inwoner, Inlichtingenbureau, BRP/LAA, themacontrole, overig. Ook gegroepeerd naar persoonlijk "
        "contact (collega), partners (ketenpartner) en systemen (Inlichtingenbureau, BRP/LAA, themacontrole), "
        "en per maand.",
        "indicators.md S1; 000 §6; 003 Monitoring en rapportage punt 7; 002 Tijdig signaleren",
        s1_signals_by_origin,
    ),
    Indicator(
        "S2",
        "Signalen naar soort en route",
        "Signalen ontvangen in de periode, naar soort schending en naar de route na triage: geen actie, "
        "preventief contact (preventief) of onderzoek (repressief); signalen die nog niet beoordeeld zijn, "
        "staan apart.",
        "indicators.md S2; 000 §6 (uitgesplitst naar preventief en repressief handelen)",
        s2_signals_by_kind_and_route,
    ),
    Indicator(
        "S3",
        "Van signaal tot uitkomst",
        "Van de signalen ontvangen in de periode, per herkomst: hoeveel zijn beoordeeld, leidden tot een "
        "onderzoek, tot een vastgestelde schending, en de vastgestelde besluiten daarop (tot vandaag) met het "
        "teruggevorderde bedrag, waarschuwingen en boetes. Een besluit telt één keer per herkomst, ook als er "
        "meer signalen aan het onderzoek hangen.",
        "indicators.md S3; Algemene Rekenkamer; 004 §5.4",
        s3_signal_funnel,
    ),
    Indicator(
        "I1",
        "Trefkans van onderzoeken",
        "Onderzoeken afgerond in de periode waarin een schending is vastgesteld, gedeeld door alle afgeronde "
        "onderzoeken; per herkomst van de signalen en per themacontrole.",
        "indicators.md I1; 003 Monitoring en rapportage punt 5a",
        i1_hit_rate,
    ),
    Indicator(
        "I2",
        "Doorlooptijd",
        "Dagen van de ontvangst van het eerste signaal tot de besluitdatum, voor besluiten vastgesteld in de "
        "periode: mediaan en 90e percentiel (nearest rank), per herkomst van het eerste signaal.",
        "indicators.md I2; 003 Monitoring en rapportage punt 5b",
        i2_lead_time,
    ),
    Indicator(
        "P1",
        "Preventieve interventies",
        "Interventies in de periode naar soort: voorlichting bij de intake, periodieke herinnering, "
        "voorlichtingsgesprek, extra ondersteuning, waarschuwing (vastgesteld besluit) en verwijzing naar een "
        "partner.",
        "indicators.md P1; 000 §6; 001 pijler 1; 002 Preventie",
        p1_preventive_interventions,
    ),
    Indicator(
        "P2",
        "Samenwerking met partners",
        "Verwijzingen in de periode naar partner (schuldhulp, Wmo, wijkteam, sociaal raadslieden, overig) en "
        "de stand van de opvolging. Nazorg: de verwijzingen binnen 12 maanden nadat bij de inwoner een "
        "schending is vastgesteld.",
        "indicators.md P2; 000 §6; 003 Monitoring en rapportage punt 3; 002 Herhaling voorkomen",
        p2_partner_cooperation,
    ),
    Indicator(
        "C1",
        "Vorderingen",
        "Open aan het einde van de periode: aantal en openstaand bedrag (bedrag min aflossingen tot die dag); "
        "gemiddelde, mediaan en verdeling (< € 500, € 500-2.000, € 2.000-5.000, € 5.000-10.000, ≥ € 10.000); "
        "nieuw in de periode; open vorderingen van inwoners van wie de uitkering in de periode eindigde.",
        "indicators.md C1; 003 Monitoring en rapportage punt 2a-d",
        c1_claims,
    ),
    Indicator(
        "C2",
        "Boetes en waarschuwingen",
        "Besluiten vastgesteld in de periode: opgelegde boetes (aantal, bedrag), waarschuwingen, afgezien van "
        "een boete die de beslisregels voorstelden, aangiften; naar verwijtbaarheid en naar wijk. Daarnaast "
        "gekorte uitkeringen (verrekening, opschorting) en afgezien van terugvordering.",
        "indicators.md C2; 003 Monitoring en rapportage punt 4; 001 pijler 4; 002 Passende interventie",
        c2_fines_and_warnings,
    ),
    Indicator(
        "BG",
        "Besluiten naar groep",
        "Besluiten vastgesteld in de periode naar leeftijdsgroep (op de besluitdatum), leefvorm en wijk van de "
        "inwoner: boetes en waarschuwingen (aantal en aandeel van de besluiten), besluiten waarin het college "
        "dringende redenen aannam (afzien van boete, terugvordering of maatregel), en de verwijtbaarheid. "
        "Geslacht wordt van inwoners niet vastgelegd; nationaliteit en herkomst nooit.",
        "Issue #23; Groningen, verantwoord datagebruik: de menselijke maat gelijk toegepast",
        bg_decisions_by_group,
    ),
    Indicator(
        "C3",
        "Aandeel onterecht verstrekt",
        "Som van de benadelingsbedragen van schendingen vastgesteld in de periode, gedeeld door de bijstand "
        "verstrekt in de periode (per uitkering: maandbedrag × dagen in de periode / dagen van de periode × "
        "maanden van de periode).",
        "indicators.md C3; 003 Monitoring en rapportage punt 1 (< 1%)",
        c3_unduly_paid_share,
    ),
    Indicator(
        "G1",
        "Aanvragen aan de poort",
        "Aanvragen beslist in de periode: toegekend, afgewezen, ingetrokken, als aantal en aandeel.",
        "indicators.md G1; 003 Monitoring en rapportage punt 6",
        g1_applications,
    ),
    Indicator(
        "D1",
        "Duurzame beëindigingen",
        "Uitkeringen beëindigd in de periode waarna de inwoner binnen 6 maanden (183 dagen) geen uitkering "
        "opnieuw kreeg, met de geschatte besparing per jaar (12 × het laatste maandbedrag). Zolang 6 maanden "
        "niet verstreken zijn, telt een beëindiging als voorlopig duurzaam.",
        "indicators.md D1; 000 §6",
        d1_durable_terminations,
    ),
    Indicator(
        "R1",
        "Herhaling",
        "Inwoners met een schending vastgesteld in de periode bij wie binnen de 24 maanden (730 dagen) "
        "daarvoor al eerder een schending was vastgesteld.",
        "indicators.md R1; 002 Herhaling voorkomen",
        r1_recurrence,
    ),
    Indicator(
        "DET",
        "Tijd tot signalering",
        "Schendingen vastgesteld in de periode: dagen van het begin van de schending (periode vanaf) tot de "
        "ontvangst van het eerste signaal, naar de manier van signaleren van dat signaal.",
        "002 Tijdig signaleren ('tijd van het feit tot de ontdekking', indicators.md)",
        det_time_to_detection,
    ),
    Indicator(
        "LAA",
        "Resultaten LAA en BRP",
        "Onderzoeken afgerond in de periode na een signaal uit BRP/LAA, of over adres, woonsituatie of "
        "samenstelling van het huishouden: aantal, vastgestelde schendingen, trefkans en benadelingsbedrag.",
        "003 Monitoring en rapportage punt 8",
        laa_address_investigations,
    ),
    Indicator(
        "PREV",
        "Effect van preventie",
        "Inwoners met een uitkering in de periode: het aandeel met een schending vastgesteld in de periode, "
        "voor wie voorlichting bij de intake kreeg (op of voor het einde van de periode) en wie niet.",
        "004 §5.1 ('meetbaar maken wat het effect is van preventie')",
        prev_prevention_effect,
    ),
    Indicator(
        "CHG",
        "Wijzigingen op tijd doorgegeven",
        "Wijzigingen die inwoners in de periode doorgaven en het aandeel dat op tijd was.",
        "001 pijler 2 (dienstverlening)",
        chg_changes_reported,
    ),
    Indicator(
        "TC",
        "Themacontroles en biascheck",
        "Per themacontrole van het filterregister de runs met een peildatum in de periode: de populatie, het "
        "aantal treffers en het aandeel geselecteerd, het oordeel van de biascheck per run (geen aanwijzing, "
        "gemarkeerd, te weinig gegevens) en hoeveel runs als signalen zijn vrijgegeven. Daarnaast de trefkans "
        "van de selectie en van de aselecte controlegroep (schendingen / afgeronde onderzoeken), de lift en "
        "het benadelingsbedrag van de selectie.",
        "003 Monitoring en rapportage (systeemanalyses en themaonderzoeken); 003 actielijn 5",
        tc_theme_control_runs,
    ),
    Indicator(
        "ALG",
        "Algoritmeregister",
        "De themacontroles met de status 'in gebruik' in het filterregister, zoals het algoritmeregister ze "
        "publiceert: wat ze doen, welke gegevens ze gebruiken, op welke grondslag en met welke menselijke "
        "tussenkomst.",
        "004 §5.4 (transparantie, algoritmeregister)",
        alg_algorithm_register,
    ),
    Indicator(
        "PLAN",
        "Acties uit het uitvoeringsplan",
        "De stand van de acties die het uitvoeringsplan voor het jaar noemt.",
        "001 Van beleid naar praktijk",
        plan_planned_actions,
    ),
)

INDICATORS: dict[str, Indicator] = {indicator.id: indicator for indicator in _INDICATORS}
SHARED = ("S1", "S2", "S3", "I1", "I2", "P1", "P2", "C1", "C2", "C3", "G1", "D1", "R1")

__all__ = ["INDICATORS", "NO_FILTERS", "SHARED", "Filters", "Indicator"]
