"""Validation of the burgerservicenummer (BSN)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def bsn_is_valid(value: str) -> bool:
    """The elfproef: 9 digits, weights 9..2 and -1, sum divisible by 11, not all zeros."""
    if len(value) != 9 or not value.isdigit() or value == "000000000":
        return False
    digits = [int(c) for c in value]
    total = sum(d * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - digits[8]
    return total % 11 == 0


def validate_bsn(value: str) -> None:
    if not (len(value) == 9 and value.isdigit()):
        raise ValidationError(
            _("Een BSN bestaat uit precies 9 cijfers; '%(value)s' is dat niet."),
            code="bsn_format",
            params={"value": value},
        )
    if not bsn_is_valid(value):
        raise ValidationError(
            _("BSN %(value)s is ongeldig: het voldoet niet aan de elfproef. Controleer het nummer."),
            code="bsn_elfproef",
            params={"value": value},
        )
