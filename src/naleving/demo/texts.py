"""Dutch texts for the demo municipality: signal descriptions, motivations, findings and notes."""

from naleving.investigations.choices import ActionKind, Verwijtbaarheid
from naleving.prevention.models import Partner
from naleving.signals.choices import Origin, Route, ViolationKind

ORIGINS = {
    Origin.INLICHTINGENBUREAU: 0.34, Origin.COLLEGA: 0.18, Origin.ANONIEME_MELDING: 0.12, Origin.BRP_LAA: 0.10,
    Origin.KETENPARTNER: 0.10, Origin.THEMACONTROLE: 0.10, Origin.OVERIG: 0.06, Origin.ZELFMELDING: 0.04,
}  # fmt: skip
K = ViolationKind
KINDS_BY_ORIGIN = {
    Origin.INLICHTINGENBUREAU: {K.INCOME: 0.45, K.ASSETS: 0.15, K.VEHICLE: 0.10, K.DETENTION: 0.08, K.STUDY: 0.08,
                                K.HOUSEHOLD: 0.08, K.ABROAD: 0.06},
    Origin.BRP_LAA: {K.ADDRESS: 0.45, K.HOUSEHOLD: 0.30, K.COHABITATION: 0.15, K.ABROAD: 0.10},
    Origin.COLLEGA: {K.INCOME: 0.25, K.COHABITATION: 0.15, K.HOUSEHOLD: 0.15, K.ADDRESS: 0.10, K.ASSETS: 0.10,
                     K.ABROAD: 0.10, K.OTHER: 0.15},
    Origin.KETENPARTNER: {K.INCOME: 0.30, K.COHABITATION: 0.20, K.ADDRESS: 0.20, K.ABROAD: 0.10, K.OTHER: 0.20},
    Origin.ANONIEME_MELDING: {K.COHABITATION: 0.40, K.INCOME: 0.30, K.ADDRESS: 0.10, K.VEHICLE: 0.10, K.ABROAD: 0.10},
    Origin.THEMACONTROLE: {K.VEHICLE: 0.30, K.ASSETS: 0.30, K.HOUSEHOLD: 0.25, K.ADDRESS: 0.15},
    Origin.OVERIG: {K.OTHER: 0.50, K.ABROAD: 0.20, K.INCOME: 0.15, K.STUDY: 0.15},
    Origin.ZELFMELDING: {K.INCOME: 0.50, K.HOUSEHOLD: 0.20, K.COHABITATION: 0.15, K.ASSETS: 0.15},
}  # fmt: skip
IB_PRODUCTS = {
    K.INCOME: "Start inkomstenverhouding", K.ASSETS: "Vermogen / bankrekeningnummers", K.VEHICLE: "Voertuigbezit",
    K.DETENTION: "Detentie", K.STUDY: "Studiefinanciering", K.HOUSEHOLD: "Kostendelers",
    K.ABROAD: "Bankrekeningnummers (buitenlandse rekening)",
}  # fmt: skip
THEME_CONTROLS = {
    K.VEHICLE: "voertuigen",
    K.ASSETS: "vermogen",
    K.HOUSEHOLD: "kostendelers",
    K.ADDRESS: "brp_adres",
}
CHAIN_PARTNERS = ("UWV", "SVB", "Belastingdienst", "woningcorporatie Demostad Wonen", "politie", "DUO")
ORIGIN_PREFIX = {
    Origin.INLICHTINGENBUREAU: "Signaal Inlichtingenbureau, product '{product}'.",
    Origin.BRP_LAA: "Melding BRP / Landelijke Aanpak Adreskwaliteit.",
    Origin.COLLEGA: "Gemeld door een collega van Werk en Inkomen.",
    Origin.KETENPARTNER: "Melding van ketenpartner {partner}.",
    Origin.ANONIEME_MELDING: "Anonieme melding via het meldformulier op de website.",
    Origin.THEMACONTROLE: "Treffer uit themacontrole '{control}'.",
    Origin.OVERIG: "Informatie uit een overige bron (eigen waarneming balie).",
    Origin.ZELFMELDING: "De inwoner meldde dit zelf aan de balie.",
}
KIND_DESCRIPTIONS = {
    K.INCOME: ("Mogelijk inkomsten uit arbeid sinds {date} die niet zijn doorgegeven.",
               "Volgens de polisadministratie loon sinds {date}; er zijn geen loonstroken ingeleverd.",
               "Vermoeden van werkzaamheden zonder opgave in wijk {district}."),
    K.COHABITATION: ("Vermoeden dat een partner op het adres woont die niet staat ingeschreven.",
                     "Mogelijk een gezamenlijke huishouding met een medebewoner sinds {date}."),
    K.ADDRESS: ("Het woonadres wijkt mogelijk af van het adres in de BRP.",
                "Post komt retour; de inwoner is mogelijk verhuisd rond {date}."),
    K.HOUSEHOLD: ("Samenstelling van het huishouden gewijzigd: mogelijk een extra volwassene (27+) op het adres.",
                  "Inwonend kind is 27 geworden; de kostendelersnorm is mogelijk niet toegepast."),
    K.ASSETS: ("Saldo op een bankrekening mogelijk boven de vermogensgrens op {date}.",
               "Een spaarrekening die niet is opgegeven bij de aanvraag."),
    K.VEHICLE: ("Voertuig op naam van de inwoner geregistreerd sinds {date}.",
                "Meerdere kentekens op naam van de inwoner in het afgelopen jaar."),
    K.ABROAD: ("Mogelijk langer dan vier weken in het buitenland verbleven rond {date}.",),
    K.DETENTION: ("De inwoner verblijft mogelijk in detentie sinds {date}.",),
    K.STUDY: ("Inschrijving bij een opleiding met recht op studiefinanciering sinds {date}.",),
    K.OTHER: ("Onduidelijkheid over gegevens die aan de uitkering ten grondslag liggen.",
              "Tegenstrijdige informatie in het dossier die opheldering vraagt."),
}  # fmt: skip
TRIAGE = {
    Route.GEEN_ACTIE: ("Het signaal is al bekend en verwerkt (verrekening); verdere actie is niet nodig.",
                       "Onvoldoende concrete aanknopingspunten; een onderzoek zou niet proportioneel zijn.",
                       "De gegevens verklaren het signaal: de inwoner heeft de wijziging tijdig doorgegeven."),
    Route.PREVENTIEF_CONTACT: ("Het signaal wijst op onbekendheid met de inlichtingenplicht; een "
                               "voorlichtingsgesprek is het lichtste passende middel (subsidiariteit).",
                               "Geen aanwijzing voor opzet; de inwoner wordt gebeld om de wijziging door te geven."),
    Route.ONDERZOEK: ("Concrete aanwijzingen met mogelijke financiële gevolgen; een lichter middel volstaat niet "
                      "om het recht op bijstand vast te stellen (proportionaliteit en subsidiariteit gewogen).",
                      "Signaal uit een betrouwbare bron met een mogelijk benadelingsbedrag; onderzoek is noodzakelijk."),
}  # fmt: skip
TRIAGE_ANONYMOUS = (
    "Anonieme melding zonder herleidbare inwoner; vastgelegd voor de signaalanalyse, geen actie."
)
A = ActionKind
ACTIONS_BY_KIND = {
    K.INCOME: (A.INLICHTINGEN_VORDEREN, A.INZAGE, A.GESPREK),
    K.COHABITATION: (A.OPEN_BRONNENONDERZOEK, A.WAARNEMEN, A.HUISBEZOEK, A.GESPREK),
    K.ADDRESS: (A.WAARNEMEN, A.HUISBEZOEK, A.GESPREK),
    K.HOUSEHOLD: (A.HUISBEZOEK, A.GESPREK, A.INLICHTINGEN_VORDEREN),
    K.ASSETS: (A.INLICHTINGEN_VORDEREN, A.GESPREK),
    K.VEHICLE: (A.OPEN_BRONNENONDERZOEK, A.INLICHTINGEN_VORDEREN, A.GESPREK),
    K.ABROAD: (A.INLICHTINGEN_VORDEREN, A.GESPREK),
    K.DETENTION: (A.INLICHTINGEN_VORDEREN,),
    K.STUDY: (A.INLICHTINGEN_VORDEREN, A.GESPREK),
    K.OTHER: (A.GESPREK, A.INLICHTINGEN_VORDEREN),
}
ACTION_REASONS = {
    A.INLICHTINGEN_VORDEREN: "Bankafschriften van de afgelopen maanden opgevraagd: nodig om inkomsten en vermogen "
                             "vast te stellen; de inwoner kan ze zelf het eenvoudigst leveren.",
    A.INZAGE: "Inzage in de loonadministratie van de werkgever: de polisadministratie geeft alleen totalen per maand.",
    A.WAARNEMEN: "Waarneming bij het adres op enkele momenten: de woonsituatie blijkt niet uit registraties; "
                 "beperkt tot de openbare ruimte.",
    A.OPEN_BRONNENONDERZOEK: "Open bronnen (openbare profielen, KvK, RDW) geraadpleegd: het lichtste middel om het "
                             "signaal te verifiëren.",
    A.HUISBEZOEK: "Huisbezoek met toestemming, na uitleg over het recht om te weigeren: nodig om de woonsituatie "
                  "vast te stellen.",
    A.GESPREK: "Gesprek met de inwoner om het signaal voor te leggen en de eigen verklaring vast te leggen.",
}  # fmt: skip
ACTION_NOTES = ("Bevestigt het signaal.", "Geen afwijkingen gevonden.", "Gegevens ontvangen en vergeleken.",
                "Aanvullende stukken nodig.", "Verklaring van de inwoner vastgelegd.")  # fmt: skip
HOOR_BREACH = ("De inwoner erkent de wijziging niet te hebben doorgegeven en zegt niet te hebben geweten dat dit moest.",
               "De inwoner betwist de bevindingen deels; de reactie is meegewogen maar verandert de conclusie niet.",
               "De inwoner heeft schriftelijk gereageerd en de periode en bedragen bevestigd.")  # fmt: skip
HOOR_NO_BREACH = ("De inwoner heeft aangetoond dat de wijziging tijdig is doorgegeven.",
                  "De verklaring en de stukken van de inwoner weerleggen het signaal.")  # fmt: skip
V = Verwijtbaarheid
CULPABILITY = {V.OPZET: 0.10, V.GROVE_SCHULD: 0.15, V.NORMAAL: 0.45, V.VERMINDERD: 0.20, V.GEEN: 0.10}
CULPABILITY_MOTIVATION = {
    V.OPZET: "De inwoner heeft de inkomsten of omstandigheden bewust verzwegen, zo blijkt uit de eigen verklaring "
             "(Boetebesluit art. 2a lid 4).",
    V.GROVE_SCHULD: "Herhaaldelijk onjuiste opgave ondanks eerdere voorlichting: aanmerkelijke onzorgvuldigheid "
                    "(Boetebesluit art. 2a lid 3).",
    V.NORMAAL: "De inlichtingenplicht was bekend (voorlichting bij de intake); er zijn geen omstandigheden die de "
               "verwijtbaarheid verminderen.",
    V.VERMINDERD: "Ingrijpende persoonlijke omstandigheden in de periode (schulden, zorg voor een naaste): de "
                  "verwijtbaarheid is verminderd (Boetebesluit art. 2a lid 2).",
    V.GEEN: "De inwoner kon de gevolgen redelijkerwijs niet overzien en het feit was bij de gemeente bekend; "
            "geen verwijtbaarheid (Awb 5:41).",
}  # fmt: skip
DEVIATION_LOWER_FINE = ("Maatwerk: de boete is gehalveerd vanwege de beperkte draagkracht en de schulden van de "
                        "inwoner (Boetebesluit art. 2 lid 8).")  # fmt: skip
DEVIATION_NO_FINE = ("Dringende redenen: een boete zou onaanvaardbare gevolgen hebben voor de kinderen in het gezin "
                     "(art. 18a lid 7 Pw).")  # fmt: skip
DEVIATION_RECOVERY = ("Dringende redenen: de gemeente heeft het signaal lang laten liggen; van de helft van de "
                      "terugvordering wordt afgezien (art. 58 lid 8 Pw).")  # fmt: skip
OMGEKEERDE_TOETS = {
    "onevenredig": "De inwoner heeft hoge schulden en een laag inkomen; de voorgestelde sanctie drukt onevenredig zwaar.",
    "effect": "Het besluit raakt ook de kinderen in het gezin; de vaste lasten komen in gevaar.",
    "schulden_zorg": "Er zijn schulden; de inwoner is verwezen naar schuldhulpverlening.",
}
FOUR_EYES_DEVIATION = "Afwijking van het voorstel van de beslisregels"
FOUR_EYES_AMOUNT = "Terugvordering van € 10.000 of meer"
CLAIM_PAID = "Volledig afgelost."
CLAIM_WRITTEN_OFF = (
    "Oninbaar: geen betalingen sinds het einde van de uitkering en geen inkomen om mee te verrekenen."
)
CLAIM_WAIVED = {
    "boete": (
        "pw_18a_lid13",
        "Kwijtschelding van de boete in een schuldregeling; geen opzet of grove schuld.",
    ),
    "terugvordering": (
        "pw_58_lid8",
        "Dringende redenen: invordering zou de inwoner in een noodsituatie brengen.",
    ),
}
INTAKE_TOPIC = "Rechten en plichten bij de uitkering (inlichtingenplicht)"
INTAKE_NOTES = (
    "Voorlichting in eenvoudige taal (B1) met pictogrammen; checklist doorgenomen en folder meegegeven."
)
REMINDER_TOPIC = "Herinnering: wijzigingen doorgeven"
REMINDER_NOTES = "Brief en sms: inkomsten, woonsituatie, vermogen en verblijf in het buitenland doorgeven."
CONVERSATION_NOTES = "Naar aanleiding van een signaal uitgelegd welke wijzigingen de inwoner moet doorgeven."
AFTERCARE_NOTES = (
    "Na het besluit besproken hoe herhaling te voorkomen; afspraken over het doorgeven van wijzigingen."
)
SUPPORT_TOPIC = "Extra ondersteuning door de vaste contactpersoon"
SUPPORT_NOTES = "Samen de post en de wijzigingen van de maand doorgenomen; hulp bij het formulier."
REFERRALS = {
    Partner.WIJKTEAM: 0.05,
    Partner.SOCIAAL_RAADSLIEDEN: 0.03,
    Partner.WMO: 0.02,
    Partner.OVERIG: 0.01,
}
HANDOVER = {
    Partner.SCHULDHULP: "Warme overdracht na het instellen van de vordering; de inwoner stemt in met het delen van "
                        "de gegevens.",
    Partner.WMO: "Hulpvraag rond zelfredzaamheid; overgedragen aan het Wmo-loket met een gezamenlijk gesprek.",
    Partner.WIJKTEAM: "Zorgen over de thuissituatie; kennismaking met het wijkteam {district} afgesproken.",
    Partner.SOCIAAL_RAADSLIEDEN: "Hulp bij toeslagen en formulieren; afspraak bij de sociaal raadslieden gemaakt.",
    Partner.OVERIG: "Verwezen naar een vrijwilligersorganisatie voor hulp bij de administratie.",
}  # fmt: skip
LESS_INTRUSIVE = {
    A.WAARNEMEN: "Registraties en een gesprek gaven geen uitsluitsel over de woonsituatie.",
    A.HUISBEZOEK: "Stukken en waarneming lieten de feitelijke woonsituatie niet zien.",
    A.INZAGE: "De inwoner kon de loonstroken niet volledig overleggen.",
}
HEARING_METHODS = {"gesprek": 0.5, "telefonisch": 0.2, "schriftelijk": 0.2, "geen_reactie": 0.1}
HOOR_NO_REACTION = (
    "De inwoner is schriftelijk in de gelegenheid gesteld te reageren, maar heeft niet gereageerd."
)
CONCLUSION = {
    "schending": "De inlichtingenplicht is geschonden in de vastgestelde periode. Advies aan de consulent: "
                 "herzien en terugvorderen, en een sanctie overwegen volgens het beleid.",
    "geen_schending": "Het signaal is niet bevestigd; er is geen schending vastgesteld. Advies: geen verdere actie.",
}  # fmt: skip
PROPORTIONALITY = {
    Route.GEEN_ACTIE: "Verdere actie staat niet in verhouding tot wat het signaal aannemelijk maakt.",
    Route.PREVENTIEF_CONTACT: "Een gesprek is voldoende om de situatie te verhelderen; onderzoek zou te zwaar zijn.",
    Route.ONDERZOEK: "Het mogelijke benadelingsbedrag rechtvaardigt onderzoek; de inbreuk op de privacy blijft "
                     "beperkt tot wat nodig is om het recht vast te stellen.",
}  # fmt: skip
SUBSIDIARITY = {
    Route.GEEN_ACTIE: "Eigen gegevens verklaren het signaal.",
    Route.PREVENTIEF_CONTACT: "Eerst contact met de inwoner, het minst ingrijpende middel.",
    Route.ONDERZOEK: "Eigen gegevens en een verzoek om stukken volstaan niet; nagegaan is of het signaal met "
                     "minder ingrijpende middelen te verklaren was.",
}  # fmt: skip
#: The weighing before a sanction (decisions/weighing_factors.yaml), chosen per case without the random source
WEGING_NATURE = (
    "{kind} niet doorgegeven van {start} tot en met {end}; dat raakt direct de hoogte van de uitkering."
)
WEGING_ROLE = ("Nee. De gemeente had de gegevens niet eerder en begon na het signaal binnen een redelijke termijn.",
               "Het signaal lag enkele weken voordat het onderzoek begon; dat verandert de verwijtbaarheid niet.",
               "Nee. Het feit stond niet in een register dat de gemeente kon raadplegen.")  # fmt: skip
WEGING_CIRCUMSTANCES = ("Inkomen op bijstandsniveau; de boete blijft binnen wat de inwoner kan betalen.",
                        "Er zijn schulden; de inwoner is gewezen op de schuldhulpverlening en de boete past "
                        "binnen de beslagvrije voet.")  # fmt: skip
WEGING_URGENT = "Nee. Er zijn geen gevolgen die de inwoner niet kan dragen."
WEGING_ANSWER = ("De reactie verandert de vastgestelde periode en het bedrag niet.",
                 "De gemeente heeft de reactie meegewogen; de feiten en de verwijtbaarheid blijven staan.")  # fmt: skip
WEGING_NO_REACTION = "De inwoner heeft geen zienswijze gegeven."
