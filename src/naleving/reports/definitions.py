"""The five reports of the seed organisations: which indicators, in which order, against which targets.

Each report follows the structure its organisation's plan asks for (indicators.md, "Per organisation").
A target is either a threshold from the plan (Groningen: < 1% unduly paid) or a direction ("streven naar
daling"), which is judged against the previous period.
"""

from dataclasses import dataclass
from decimal import Decimal

from naleving.reports.periods import TERTIAAL, YEAR
from naleving.signals.choices import Origin

BELOW, LOWER, HIGHER = "below", "lower", "higher"


@dataclass(frozen=True)
class Item:
    """One indicator in a section: all its tables, or only those named; ``origin`` narrows the signals."""

    indicator: str
    tables: tuple[str, ...] = ()
    origin: str = ""


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    intro: str
    items: tuple[Item, ...] = ()
    case_examples: bool = False


@dataclass(frozen=True)
class Target:
    label: str
    indicator: str
    table: str
    column: str
    kind: str
    row: str = "totaal"
    threshold: Decimal | None = None
    origin: str = ""

    @property
    def text(self) -> str:
        if self.kind == BELOW:
            return f"lager dan {self.threshold * 100:.0f}%".replace(".", ",")
        return (
            "daling ten opzichte van de vorige periode"
            if self.kind == LOWER
            else "stijging ten opzichte van de vorige periode"
        )


@dataclass(frozen=True)
class ReportDefinition:
    key: str
    organisation: str
    title: str
    source: str
    default_kind: str
    intro: str
    sections: tuple[Section, ...]
    targets: tuple[Target, ...] = ()

    def items(self) -> list[Item]:
        return [item for section in self.sections for item in section.items]


MER = ReportDefinition(
    key="mer",
    organisation="Servicecentrum MER",
    title="Tertiaalrapportage naleving en handhaving Participatiewet",
    source="Nalevings- en handhavingsbeleidsplan Participatiewet MER-gemeenten 2025-2029, §6",
    default_kind=TERTIAAL,
    intro=(
        "Het Servicecentrum MER legt via tertiaalrapportages verantwoording af aan de MER-gemeenten over de "
        "voortgang van het beleid. Over een heel jaar gekozen, is dit de jaarlijkse evaluatie (§7.3)."
    ),
    sections=(
        Section(
            "signalen",
            "Signalen, preventief en repressief",
            "Het aantal en type signalen dat is opgepakt, uitgesplitst naar preventief en repressief handelen.",
            (Item("S1", ("by_origin", "per_month")), Item("S2")),
        ),
        Section(
            "preventie",
            "Preventieve interventies",
            "Voorlichtingsgesprekken, waarschuwingen en andere preventieve interventies.",
            (Item("P1"),),
        ),
        Section(
            "ketenpartners",
            "Samenwerking met ketenpartners",
            "Samenwerking met Wmo, schuldhulp en wijkteams bij vroegsignalering en begeleiding.",
            (Item("P2", ("by_partner",)),),
        ),
        Section(
            "casusvoorbeelden",
            "Casusvoorbeelden",
            "Voorbeelden waarin preventieve inzet een sanctie of terugvordering heeft voorkomen, door "
            "medewerkers geanonimiseerd beschreven.",
            case_examples=True,
        ),
        Section(
            "beeindigingen",
            "Duurzame beëindigingen",
            "Het aantal duurzame beëindigingen (langer dan 6 maanden) met de geschatte besparing.",
            (Item("D1"),),
        ),
    ),
)

GRONINGEN = ReportDefinition(
    key="groningen",
    organisation="Gemeente Groningen",
    title="Jaarrapportage naleving en handhaving",
    source="Nalevings- en Handhavingsbeleidsplan Gemeente Groningen 2024-2026, Monitoring en rapportage",
    default_kind=YEAR,
    intro=(
        "Het beleid is gericht op preventie en op naleving met de menselijke maat. Dit moet leiden tot minder "
        "terugvorderingen en lagere bedragen die teruggevorderd moeten worden."
    ),
    sections=(
        Section(
            "onterecht",
            "1. Onterecht verstrekte uitkeringen",
            "Doel: minder dan 1% onterecht verstrekt.",
            (Item("C3"),),
        ),
        Section(
            "vorderingen",
            "2. Vorderingen",
            "a. totaal aantal, b. bedrag (gemiddelde en verdeling), c. nieuwe vorderingen, d. vorderingen bij "
            "beëindiging van de uitkering. Streven: daling.",
            (Item("C1"),),
        ),
        Section(
            "nazorg",
            "3. Nazorg",
            "Verwijzing naar dienst- en hulpverlening voor de achterliggende problematiek van niet-naleving.",
            (Item("P2", ("after_breach",)),),
        ),
        Section(
            "boetes",
            "4. Boetes en gekorte uitkeringen",
            "Verstrekte boetes en waarschuwingen, en uitkeringen die gekort of opgeschort zijn.",
            (Item("C2", ("by_culpability", "reductions", "by_district")),),
        ),
        Section(
            "onderzoeken",
            "5. Onderzoeken en signalen",
            "a. aandeel aangetroffen niet-naleving (streven: hoger), b. doorlooptijd (streven: lager).",
            (Item("I1", ("by_origin",)), Item("I2")),
        ),
        Section("poort", "6. Toekenningen aan de poort", "", (Item("G1"),)),
        Section(
            "signalering",
            "7. Signalering",
            "Aantal signalen en hun oorsprong.",
            (Item("S1", ("by_origin",)),),
        ),
        Section(
            "laa_brp",
            "8. Resultaten LAA en BRP",
            "Signalen uit de Landelijke Aanpak Adreskwaliteit en de BRP, en de adresonderzoeken.",
            (Item("S3", origin=Origin.BRP_LAA), Item("LAA")),
        ),
        Section(
            "themacontroles",
            "Systeemanalyses en themacontroles",
            "De themacontroles van het jaar met hun treffers, trefkans en biascheck.",
            (Item("TC"), Item("I1", ("by_theme_control",))),
        ),
        Section(
            "verantwoord_datagebruik",
            "Verantwoord datagebruik: besluiten naar groep",
            "Of de menselijke maat gelijk wordt toegepast: boetes, waarschuwingen, dringende redenen en "
            "verwijtbaarheid naar leeftijdsgroep, leefvorm en wijk.",
            (Item("BG"),),
        ),
    ),
    targets=(
        Target("Onterecht verstrekte uitkeringen", "C3", "share", "share", BELOW, threshold=Decimal("0.01")),
        Target("2a. Open vorderingen (aantal)", "C1", "open", "n", LOWER),
        Target("2b. Gemiddeld openstaand bedrag", "C1", "open", "mean", LOWER),
        Target("2c. Nieuwe vorderingen", "C1", "new", "n", LOWER),
        Target("2d. Open vorderingen bij beëindiging", "C1", "at_benefit_end", "total", LOWER),
        Target("5a. Trefkans onderzoeken", "I1", "by_origin", "hit_rate", HIGHER),
        Target("5b. Doorlooptijd (mediaan)", "I2", "lead_time", "median", LOWER),
    ),
)

BAANBREKERS = ReportDefinition(
    key="baanbrekers",
    organisation="Baanbrekers",
    title="Voortgangsrapportage uitvoeringsplan Handhaving in balans",
    source="Beleidsplan handhaving in balans 2026-2030 (Baanbrekers), Van beleid naar praktijk en Evaluatie",
    default_kind=YEAR,
    intro=(
        "Jaarlijkse voortgangsrapportage langs de pijlers van de cirkel van naleving: communicatie, "
        "dienstverlening, controle en sanctioneren."
    ),
    sections=(
        Section(
            "communicatie",
            "Pijler 1. Communicatie",
            "Voorlichting bij de intake en tijdens de uitkering.",
            (Item("P1"),),
        ),
        Section(
            "dienstverlening",
            "Pijler 2. Dienstverlening",
            "Wijzigingen die inwoners zelf doorgeven, en of dat op tijd gebeurt.",
            (Item("CHG"),),
        ),
        Section(
            "controle",
            "Pijler 3. Controle",
            "Signalen, trefkans en doorlooptijd.",
            (Item("S1", ("by_origin",)), Item("I1", ("by_origin",)), Item("I2")),
        ),
        Section(
            "sanctioneren",
            "Pijler 4. Sanctioneren",
            "Waarschuwingen in plaats van boetes, en afzien van terugvordering waar dringende redenen dat vragen.",
            (Item("C2", ("by_culpability", "refrained_recoveries")),),
        ),
        Section("uitvoeringsplan", "Acties uit het uitvoeringsplan", "", (Item("PLAN"),)),
    ),
)

STEENWIJKERLAND = ReportDefinition(
    key="steenwijkerland",
    organisation="Gemeente Steenwijkerland",
    title="Jaarrapportage toezicht en handhaving Participatiewet",
    source="Toezicht en Handhaving Participatiewet (Steenwijkerland), Uitgangspunten",
    default_kind=YEAR,
    intro="De cijfers van het jaar per uitgangspunt van het beleid.",
    sections=(
        Section("preventie", "Preventie", "Heldere informatie en uitleg vooraf.", (Item("P1"),)),
        Section(
            "herhaling",
            "Herhaling voorkomen",
            "Herhaalde schendingen, en verwijzingen naar partners om de oorzaak op te lossen.",
            (Item("R1"), Item("P2", ("by_partner",))),
        ),
        Section(
            "tijdig",
            "Tijdig signaleren",
            "Signalen via persoonlijk contact, partners en systemen, en de tijd van het feit tot de ontdekking.",
            (Item("S1", ("by_group",)), Item("DET")),
        ),
        Section(
            "passend",
            "Passende interventie",
            "Maatregelen afgestemd op de mate van verwijtbaarheid.",
            (Item("C2", ("by_culpability",)),),
        ),
    ),
)

SZW = ReportDefinition(
    key="szw",
    organisation="Ministerie van SZW",
    title="Landelijk beeld handhaving sociale zekerheid",
    source="Kamerbrief Handhavingskoers 2022-2025, §5.1 en §5.4",
    default_kind=YEAR,
    intro=(
        "Het landelijke beeld dat elke organisatie kan maken: het effect van preventie, de opvolging van "
        "signalen van het Inlichtingenbureau, en de algoritmen die worden ingezet."
    ),
    sections=(
        Section("preventie", "Effect van preventie (§5.1)", "", (Item("PREV"),)),
        Section(
            "inlichtingenbureau",
            "Signalen van het Inlichtingenbureau gevolgd (§5.4)",
            "Elk signaal van het Inlichtingenbureau gevolgd tot de uitkomst.",
            (Item("S3", origin=Origin.INLICHTINGENBUREAU),),
        ),
        Section("algoritmen", "Algoritmeregister (§5.4)", "", (Item("ALG"),)),
    ),
)

REPORTS: dict[str, ReportDefinition] = {r.key: r for r in (MER, GRONINGEN, BAANBREKERS, STEENWIJKERLAND, SZW)}
