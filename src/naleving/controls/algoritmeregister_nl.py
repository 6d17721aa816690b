"""The Dutch texts of a filter's algoritmeregister entry that the analytics engine keeps short or as
column names: how each control selects, which data it uses (in words, per source), and the links to the
articles of law it cites (wetten.overheid.nl)."""

import re

from naleving.controls.filter_register import DATA_NAMES_NL

#: how each control selects, in plain Dutch for residents (fuller than the engine's ``ControlInfo.description``)
METHOD_NL = {
    "voertuigen": (
        "De controle selecteert uitkeringsgerechtigden op wier naam in de 365 dagen tot de peildatum minstens "
        "het ingestelde aantal verschillende kentekens stond (RDW). Veel kopen en verkopen van voertuigen kan "
        "wijzen op inkomsten of vermogen die gemeld moeten worden."
    ),
    "vermogen": (
        "De controle selecteert uitkeringsgerechtigden van wie het huishouden (de uitkeringsgerechtigde en "
        "een eventuele partner) op de peildatum meer op de bankrekeningen heeft staan dan de vermogensgrens "
        "die op die datum voor zijn leefvorm geldt. Per rekening telt het laatste saldo op of vóór de "
        "peildatum (Belastingdienst of bank)."
    ),
    "adresbezetting": (
        "De controle selecteert uitkeringsgerechtigden van wie het adres in de uitkeringsadministratie volgens "
        "de BAG leegstaat, of waar op de peildatum zoveel mensen in de BRP staan ingeschreven dat er per "
        "persoon minder vloeroppervlak is dan het ingestelde aantal vierkante meters. Beide kunnen wijzen op "
        "een inschrijving op een adres waar de uitkeringsgerechtigde niet echt woont."
    ),
    "kostendelers": (
        "De controle selecteert uitkeringsgerechtigden op wier adres op de peildatum meer mensen in de BRP "
        "staan ingeschreven die meetellen voor de kostendelersnorm (de uitkeringsgerechtigde, een partner van "
        "21 jaar of ouder, anderen van 27 jaar of ouder zonder studiefinanciering en zonder commerciële huur) "
        "dan het aantal kostendelers waarmee de uitkering is berekend."
    ),
    "brp_adres": (
        "De controle selecteert uitkeringsgerechtigden die op de peildatum niet in de BRP staan ingeschreven, "
        "of van wie het BRP-adres op die datum afwijkt van het adres in de uitkeringsadministratie."
    ),
}

#: each column a control reads, in words (several columns can share one description)
COLUMNS_NL = {
    "client_id": "cliëntnummer",
    "birth_date": "geboortedatum",
    "sex": "geslacht",
    "household_type": "leefvorm",
    "district": "wijk",
    "benefit_start": "begin- en einddatum van de uitkering",
    "benefit_end": "begin- en einddatum van de uitkering",
    "bsn": "burgerservicenummer",
    "partner_bsn": "burgerservicenummer van de partner",
    "kostendelers_applied": "aantal kostendelers waarmee de uitkering rekent",
    "address_id": "adres",
    "registered_from": "begin- en einddatum van de inschrijving",
    "registered_to": "begin- en einddatum van de inschrijving",
    "study_finance": "studiefinanciering (DUO)",
    "commercial_tenant": "commerciële huur",
    "floor_area_m2": "vloeroppervlak",
    "vacant": "leegstand",
    "plate": "kenteken",
    "account_id": "rekening",
    "reference_date": "datum van het saldo",
    "balance": "saldo",
}

BIAS_ONLY = (
    "Geslacht, leeftijd, leefvorm en wijk dienen om na elke run te toetsen of sommige groepen vaker worden "
    "geselecteerd (biascheck); geslacht en wijk bepalen nooit of iemand wordt geselecteerd. De gemeente "
    "gebruikt geen gegevens over nationaliteit, afkomst, geloof of gezondheid."
)


def source_data_nl(name: str, fallback: str) -> str:
    """The data the control reads, per source in words, or ``fallback`` for a control the engine does not
    know (the filter's own text)."""
    from naleving import analytics

    info = analytics.CONTROLS.get(name)
    if info is None:
        return fallback
    parts = []
    for file, columns in info.data_used.items():
        words = list(dict.fromkeys(COLUMNS_NL.get(column, column.replace("_", " ")) for column in columns))
        parts.append(f"{DATA_NAMES_NL.get(file, file)}: {', '.join(words)}")
    text = "; ".join(parts)
    return f"{text[:1].upper()}{text[1:]}. {BIAS_ONLY}"


def method_nl(name: str, fallback: str) -> str:
    return METHOD_NL.get(name, fallback)


#: the BWB identifier on wetten.overheid.nl of each law a filter cites by name
LAWS = {"Participatiewet": "BWBR0015703"}
_ARTICLE = re.compile(
    r"^\s*(?P<law>[A-Z][\w ]*?)\s+art\.\s*(?P<article>\d+[a-z]*)(?:\s+lid\s+(?P<lid>\d+))?\s*(?:\((?P<about>[^)]*)\))?"
)


def legal_basis_links(legal_basis: str) -> list[dict[str, str]]:
    """The wetten.overheid.nl link of each article the filter's legal basis cites ("Participatiewet art. 34
    lid 3 (vermogensgrens); ..."), titled in words; a citation of an unknown law or form is left out."""
    links = []
    for citation in legal_basis.split(";"):
        match = _ARTICLE.match(citation)
        if not match or match["law"] not in LAWS:
            continue
        link = f"https://wetten.overheid.nl/jci1.3:c:{LAWS[match['law']]}&artikel={match['article']}"
        title = f"{match['law']}, artikel {match['article']}"
        if match["lid"]:
            link += f"&lid={match['lid']}"
            title += f" lid {match['lid']}"
        if match["about"]:
            title += f" ({match['about']})"
        links.append({"title": title[:100], "link": link})
    return links
