"""The demo's organisation and its municipalities in the database (issue #17): see ``demo.organisations``."""

from naleving.demo.organisations import ORGANISATIONS
from naleving.gemeenten.models import Gemeente, Organisation


class DemoOrganisationError(RuntimeError):
    """The database already belongs to another organisation: the demos would mix."""


def organisation_check(key: str) -> Organisation | None:
    """The database's organisation row, when there is one; ``DemoOrganisationError`` when it is another."""
    spec, existing = ORGANISATIONS[key], Organisation.objects.first()
    if existing is not None and existing.name != spec.name:
        raise DemoOrganisationError(
            f"De database hoort bij {existing.name}, niet bij {spec.name}; elke demo-organisatie heeft een "
            "eigen database (make demo ORG=... gebruikt een eigen NALEVING_DATA_DIR)."
        )
    return existing


def organisation_ensure(key: str) -> dict[str, Gemeente]:
    """The organisation row and its municipalities, by name (idempotent). Refuses a database that holds
    another organisation or municipalities it does not have."""
    spec = ORGANISATIONS[key]
    if organisation_check(key) is None:
        Organisation.objects.create(name=spec.name, kind=spec.kind)
    codes = {municipality.gemeente["code"] for municipality in spec.municipalities}
    others = Gemeente.objects.exclude(code__in=codes).values_list("name", flat=True)
    if others:
        raise DemoOrganisationError(
            f"De database bevat gemeenten die niet bij {spec.name} horen: {', '.join(others)}."
        )
    return {
        municipality.name: Gemeente.objects.get_or_create(
            code=municipality.gemeente["code"],
            defaults={**municipality.gemeente, **payment_account(municipality.gemeente)},
        )[0]
        for municipality in spec.municipalities
    }


def nl_iban(bank: str, account: str) -> str:
    """A Dutch IBAN for bank code ``bank`` (4 letters) and a 10-digit ``account``, with its mod-97 check digits."""
    digits = "".join(str(int(char, 36)) for char in f"{bank}{account}NL00")
    return f"NL{98 - int(digits) % 97:02d}{bank}{account}"


def payment_account(gemeente: dict[str, str]) -> dict[str, str]:
    """A fictional account at BNG Bank (where municipalities bank) derived from the CBS code (issue #19)."""
    number = "".join(char for char in gemeente["code"] if char.isdigit()).rjust(4, "0")
    return {
        "payment_iban": nl_iban("BNGH", f"028500{number[-4:]}"),
        "payment_account_name": f"Gemeente {gemeente['name']}",
    }
