"""Parameter files for the ruleset tests, in the schema of `rules/parameters/*.yaml`."""

from decimal import Decimal

from naleving import rules

SOURCE = "https://zoek.officielebekendmakingen.nl/stcrt-2026-30000.html"


def norms_2027(rise: str = "1.015", valid_from: str = "2027-01-01") -> str:
    """The nine bijstandsnormen from `valid_from`, each the 2026-07 norm times `rise`: the set the shipped
    files lack (their norms end on 2026-12-31)."""
    registry = rules.default_registry()
    lines = ["scope: law", "parameters:"]
    for name in sorted(n for n in registry.parameters if n.startswith("norm.")):
        parameter = registry.parameters[name]
        current = parameter.values[-1]
        value = (current.value * Decimal(rise)).quantize(Decimal("0.01"))
        basis = current.legal_basis
        lines += [
            f"  - name: {name}",
            f"    unit: {parameter.unit}",
            "    values:",
            f"      - {{valid_from: {valid_from}, value: {value}, confidence: H,",
            f'         legal_basis: {{law: {basis.law}, article: "{basis.article}", '
            f'paragraph: "{basis.paragraph}", url: "{basis.url}"}}}}',
        ]
    return "\n".join(lines) + "\n"


NORMS_2027 = norms_2027()

#: fine.category.2 is shipped from 2026-01-01 without an end; this value overrides it from 2026-07-01
FINE_CATEGORY_2 = """scope: law
parameters:
  - name: fine.category.2
    unit: EUR
    values:
      - valid_from: 2026-07-01
        valid_to: 2027-12-31
        value: 5500.00
        confidence: H
        legal_basis: {law: Sr, article: "23", paragraph: "4", url: "https://wetten.overheid.nl/jci1.3:c:BWBR0001854&artikel=23"}
"""

#: an amount of text where a number belongs: the engine names the parameter and the field
INVALID_VALUE = FINE_CATEGORY_2.replace("value: 5500.00", "value: vijfduizend")
