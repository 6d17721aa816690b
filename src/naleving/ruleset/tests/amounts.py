"""YAML texts in the schema of `rules/parameters/*.yaml` for the tests."""

NORMS_2027 = {
    "norm.alleenstaande.21_to_aow": "1440.00",
    "norm.alleenstaande_ouder.21_to_aow": "1440.00",
    "norm.gehuwden.21_to_aow": "2057.14",
    "norm.alleenstaande.18_to_20": "355.50",
    "norm.alleenstaande_ouder.18_to_20": "355.50",
    "norm.gehuwden.18_to_20": "711.00",
    "norm.alleenstaande.aow": "1610.00",
    "norm.alleenstaande_ouder.aow": "1610.00",
    "norm.gehuwden.aow": "2207.00",
}
SOURCE = "https://zoek.officielebekendmakingen.nl/stcrt-2026-99999.html"


def norms_yaml(values: dict[str, str] | None = None, *, start="2027-01-01", end="2027-06-30", skip=()) -> str:
    lines = ["scope: law", "parameters:"]
    for name, value in (values or NORMS_2027).items():
        if name in skip:
            continue
        lines += [
            f"  - name: {name}",
            "    unit: EUR/month",
            "    values:",
            f"      - {{valid_from: {start}, valid_to: {end}, value: {value}, confidence: H,",
            '         legal_basis: {law: Pw, article: "21", url: "https://wetten.overheid.nl/BWBR0015703"}}',
        ]
    return "\n".join(lines) + "\n"


def policy_yaml(name: str, value: str, start: str = "2027-01-01", unit: str = "percent") -> str:
    return (
        "scope: policy\nparameters:\n"
        f"  - name: {name}\n    unit: {unit}\n    values:\n"
        f"      - {{valid_from: {start}, value: {value}, confidence: M,\n"
        '         legal_basis: {law: CRvB, article: "x", url: "https://uitspraken.rechtspraak.nl/"}}\n'
    )
