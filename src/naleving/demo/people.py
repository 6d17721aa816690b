"""Residents of the demo municipality, generated household by household (pure: no database access).

Household kinds: single, single parent, couple (both partners are residents, linked to each other),
a shared house of kostendelers who are all residents (each counts all of them in A), and a single with
kostendelers outside the administration (an adult child or parent with own income). Couples count
themselves in A (Pw 22a: the client and a partner aged 21 or more), so a couple without others has A = 2.
"""

import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta

from faker import Faker

from naleving.common.bulk import unsaved
from naleving.demo.common import Ctx, add_years, age_on, pick
from naleving.demo.town import Town, bsn_new
from naleving.residents.choices import HouseholdType, LanguageLevel, PreferredLanguage, SupportNeed
from naleving.residents.models import Resident

HOUSEHOLD_KINDS = {
    "single": 0.52,
    "single_parent": 0.20,
    "couple": 0.14,
    "shared_house": 0.06,
    "single_kostendeler": 0.08,
}
LANGUAGES = {"nl": 0.78, "en": 0.04, "ar": 0.06, "tr": 0.05, "uk": 0.03, "pl": 0.02, "ti": 0.02}
#: age at the reference date: (youngest, oldest, weight); 67 and older have reached the AOW age
AGE_BANDS = ((18, 20, 0.03), (21, 26, 0.10), (27, 39, 0.30), (40, 54, 0.30), (55, 66, 0.23), (67, 70, 0.04))
PREFIXES = ("van der ", "van den ", "van de ", "van 't ", "in 't ", "op de ", "van ", "de ", "den ", "der ",
            "ter ", "ten ", "te ", "die ", "'t ")  # fmt: skip
_FAKER_LOCALES = {"nl": "nl_NL", "en": "en_GB", "tr": "tr_TR", "pl": "pl_PL"}
# Names commonly written in Latin script in Dutch registers, for languages whose Faker locale uses another script.
# (female first names, male first names, family names)
_HANDWRITTEN = {
    "ar": (("Fatima", "Samira", "Nour", "Amal", "Yasmina", "Hanan", "Salma", "Rania"),
           ("Mohamed", "Ahmed", "Youssef", "Omar", "Khalid", "Bilal", "Hamza", "Karim"),
           ("El Amrani", "Haddad", "Mansour", "Bakkali", "Darwish", "Saleh", "Al-Khatib", "Aziz", "Benali")),
    "uk": (("Olena", "Iryna", "Kateryna", "Tetiana", "Oksana", "Natalia"),
           ("Oleksandr", "Andrii", "Dmytro", "Serhii", "Mykola", "Taras"),
           ("Kovalenko", "Shevchenko", "Bondarenko", "Tkachenko", "Kravchenko", "Melnyk", "Boiko", "Lysenko")),
    "ti": (("Semhar", "Selam", "Mehret", "Helen", "Saba", "Lidia"),
           ("Yonas", "Filmon", "Dawit", "Tesfay", "Robel", "Amanuel"),
           ("Tesfamariam", "Gebremedhin", "Haile", "Berhane", "Kidane", "Tekle", "Ghebreyesus", "Weldu")),
}  # fmt: skip


@dataclass
class NamePools:
    first: dict[tuple[str, str], list[str]] = field(default_factory=dict)  # by (language, "f" or "m")
    family: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class Household:
    kind: str
    members: list[Resident]
    partner: Resident | None = None  # the second partner of a couple, inserted after the first


def name_pools(seed: int, size: int = 600) -> NamePools:
    """Draw name pools from Faker once (seeded), so generating 100,000 residents stays fast."""
    pools = NamePools()
    for lang, locale in _FAKER_LOCALES.items():
        faker = Faker(locale)
        faker.seed_instance(seed)
        pools.first[lang, "f"] = sorted({faker.first_name_female() for _ in range(size)})
        pools.first[lang, "m"] = sorted({faker.first_name_male() for _ in range(size)})
        # single family names only: Faker's double names ("Bruijne van der Veen") look odd in a register
        family = {faker.last_name() for _ in range(size)}
        pools.family[lang] = sorted(name for name in family if " " not in split_prefix(name)[1])
    for lang, (female, male, family) in _HANDWRITTEN.items():
        pools.first[lang, "f"], pools.first[lang, "m"], pools.family[lang] = (
            list(female),
            list(male),
            list(family),
        )
    return pools


def split_prefix(family_name: str) -> tuple[str, str]:
    """'van der Berg' becomes ('van der', 'Berg'): the tussenvoegsel is stored separately."""
    for prefix in PREFIXES:
        if family_name.startswith(prefix) and family_name[len(prefix) :][:1].isupper():
            return prefix.strip(), family_name[len(prefix) :]
    return "", family_name


def _ascii(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return "".join(c for c in plain if c.isalnum())


def _birth_date(ctx: Ctx, youngest: int, oldest: int) -> date:
    latest = add_years(ctx.reference_date, -youngest)
    earliest = add_years(ctx.reference_date, -oldest - 1) + timedelta(days=1)
    return earliest + timedelta(days=ctx.rng.randint(0, (latest - earliest).days))


def _age_band(ctx: Ctx, minimum: int = 18, maximum: int = 70) -> tuple[int, int]:
    bands = [
        (max(lo, minimum), min(hi, maximum), w) for lo, hi, w in AGE_BANDS if hi >= minimum and lo <= maximum
    ]
    low, high, _weight = ctx.rng.choices(bands, weights=[b[2] for b in bands])[0]
    return low, high


def _language(ctx: Ctx, lang: str) -> tuple[str, str]:
    level_weights = (
        {"b1_of_hoger": 0.70, "onder_b1": 0.15, "onbekend": 0.15}
        if lang == "nl"
        else {"b1_of_hoger": 0.20, "onder_b1": 0.55, "onbekend": 0.25}
    )
    return PreferredLanguage(lang).value, LanguageLevel(pick(ctx.rng, level_weights)).value


def _support(ctx: Ctx, lang: str, level: str) -> list[str]:
    """Support needs for residents with limited doenvermogen (about 8%), never a diagnosis."""
    chance = 0.05 if level != LanguageLevel.ONDER_B1 else 0.16
    if ctx.rng.random() >= chance:
        return []
    needs = [SupportNeed.VASTE_CONTACTPERSOON.value]
    if level == LanguageLevel.ONDER_B1:
        needs.append(SupportNeed.EENVOUDIGE_TAAL.value)
    if lang != "nl" and ctx.rng.random() < 0.6:
        needs.append(SupportNeed.TOLK.value)
    for need in (SupportNeed.HULP_BIJ_FORMULIEREN, SupportNeed.GEEN_DIGITAAL_CONTACT):
        if ctx.rng.random() < 0.4:
            needs.append(need.value)
    return needs


def _contact(ctx: Ctx, first: str, family: str, needs: list[str]) -> dict:
    rng = ctx.rng
    email = ""
    if SupportNeed.GEEN_DIGITAAL_CONTACT not in needs and rng.random() < 0.6:
        email = f"{_ascii(first)}.{_ascii(family)}{rng.randint(1, 99)}@example.com"
    phone = f"06-{rng.randint(10_000_000, 99_999_999)}" if rng.random() < 0.85 else ""
    return {"email": email, "phone": phone}


def _person(ctx: Ctx, pools: NamePools, lang: str, birth_date: date) -> dict:
    rng = ctx.rng
    names = pools.first[lang, rng.choice("fm")]
    first = rng.choice(names)
    if lang == "nl" and rng.random() < 0.3:
        first = f"{first} {rng.choice(names)}"
    prefix, family = split_prefix(rng.choice(pools.family[lang]))  # partners keep their own names
    preferred, level = _language(ctx, lang)
    needs = _support(ctx, lang, level)
    return {
        "bsn": None, "first_names": first, "prefix": prefix, "family_name": family, "birth_date": birth_date,
        "preferred_language": preferred, "language_level": level,
        "needs_extra_support": bool(needs), "support_needs": needs,
        **_contact(ctx, first.split()[0], family, needs),
    }  # fmt: skip


def _resident(
    ctx: Ctx, person: dict, address: dict, household_type: str, kostendelers: int, bsns: set
) -> Resident:
    team = ctx.caseload_of(address["district"])
    consulent = ctx.consulent(team)
    fixed = None
    if person["needs_extra_support"]:
        fixed = consulent if ctx.rng.random() < 0.7 else ctx.consulent(team)
    person["bsn"] = bsn_new(ctx.rng, bsns)
    return unsaved(Resident,
        **person, **address, household_type=household_type, kostendelers=kostendelers,
        consulent=consulent, fixed_contact_person=fixed,
    )  # fmt: skip


def _lang(ctx: Ctx) -> str:
    return pick(ctx.rng, LANGUAGES)


def household_build(ctx: Ctx, pools: NamePools, town: Town, bsns: set, kind: str) -> Household:
    """One household of ``kind`` at a fresh address in a random wijk."""
    address = town.new_address(ctx.rng, town.district(ctx.rng)).fields()
    lang = _lang(ctx)
    if kind == "couple":
        return _couple(ctx, pools, address, lang, bsns)
    if kind == "shared_house":
        size = 2 if ctx.rng.random() < 0.75 else 3
        members = [
            _resident(ctx, _person(ctx, pools, _lang(ctx), _birth_date(ctx, *_age_band(ctx, 27, 66))), address,
                      HouseholdType.ALLEENSTAANDE, size, bsns)
            for _ in range(size)
        ]  # fmt: skip
        return Household(kind, members)
    household_type, kostendelers, ages = {
        "single": (HouseholdType.ALLEENSTAANDE, 1, (18, 70)),
        "single_parent": (HouseholdType.ALLEENSTAANDE_OUDER, 1, (21, 55)),
        "single_kostendeler": (HouseholdType.ALLEENSTAANDE, 2 if ctx.rng.random() < 0.8 else 3, (27, 70)),
    }[kind]
    person = _person(ctx, pools, lang, _birth_date(ctx, *_age_band(ctx, *ages)))
    return Household(kind, [_resident(ctx, person, address, household_type, kostendelers, bsns)])


def _couple(ctx: Ctx, pools: NamePools, address: dict, lang: str, bsns: set) -> Household:
    first_birth = _birth_date(ctx, *_age_band(ctx, 21, 70))
    # A = 3: an adult child (27 or older) with own income still lives at home, with parents aged 48 or more
    adult_child = age_on(first_birth, ctx.reference_date) >= 48 and ctx.rng.random() < 0.3
    kostendelers = 3 if adult_child else 2
    latest, earliest = (
        add_years(ctx.reference_date, -21),
        add_years(ctx.reference_date, -71) + timedelta(days=1),
    )
    second_birth = first_birth + timedelta(days=ctx.rng.randint(-8 * 365, 8 * 365))
    second_birth = max(min(second_birth, latest), earliest)  # both partners 21 to 70
    first = _resident(
        ctx, _person(ctx, pools, lang, first_birth), address, HouseholdType.GEHUWDEN, kostendelers, bsns
    )
    second_person = _person(ctx, pools, lang, second_birth)
    second = _resident(ctx, second_person, address, HouseholdType.GEHUWDEN, kostendelers, bsns)
    second.consulent = first.consulent  # one household, one consulent
    return Household("couple", [first], partner=second)


def households_build(ctx: Ctx, pools: NamePools, town: Town, bsns: set, residents: int) -> list[Household]:
    """Households until exactly ``residents`` people; a household that would overshoot becomes a single."""
    households: list[Household] = []
    remaining = residents
    while remaining > 0:
        kind = pick(ctx.rng, HOUSEHOLD_KINDS)
        if (kind == "couple" and remaining < 2) or (kind == "shared_house" and remaining < 3):
            kind = "single"
        household = household_build(ctx, pools, town, bsns, kind)
        households.append(household)
        remaining -= len(household.members) + (household.partner is not None)
    return households
