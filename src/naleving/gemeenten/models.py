"""The organisation that runs the installation and the municipalities (gemeenten) it works for.

One installation serves one organisation: a single municipality (Demostad) or a shared service centre that
carries out the Participatiewet for several (Servicecentrum MER, Baanbrekers). Each municipality is the
bestuursorgaan of its own residents: its name and letterhead head the letters, objections go to its address,
and its verordeningen (the policy profile) apply to its residents (ADR 0021).
"""

import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

CBS_CODE = RegexValidator(
    r"^GM\d{4}$", _("Een CBS-gemeentecode is 'GM' met vier cijfers, bijvoorbeeld GM0867.")
)
_IBAN = re.compile(r"^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$")


def validate_iban(value: str) -> None:
    """An IBAN (ISO 13616) written without spaces, with a valid mod-97 check; Dutch ones are 18 characters."""
    text = value.replace(" ", "").upper()
    if not _IBAN.match(text):
        raise ValidationError(
            "Een IBAN begint met twee letters en twee cijfers, bijvoorbeeld NL91ABNA0417164300."
        )
    if text.startswith("NL") and len(text) != 18:
        raise ValidationError("Een Nederlands IBAN heeft 18 tekens.")
    digits = "".join(str(int(char, 36)) for char in text[4:] + text[:4])
    if int(digits) % 97 != 1:
        raise ValidationError("Dit IBAN klopt niet: het controlegetal wijkt af. Controleer het nummer.")


class Organisation(models.Model):
    """The one organisation of this installation (a row, so a demo or an installation names itself)."""

    class Kind(models.TextChoices):
        GEMEENTE = "gemeente", _("gemeente")
        SAMENWERKING = "samenwerking", _("samenwerkingsverband (shared service centre)")

    name = models.CharField(_("naam"), max_length=200)
    kind = models.CharField(_("soort"), max_length=16, choices=Kind.choices, default=Kind.GEMEENTE)

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisatie")

    def __str__(self) -> str:
        return self.name


class Gemeente(models.Model):
    """A municipality the organisation works for, with what its letters and reports carry."""

    code = models.CharField(_("CBS-code"), max_length=6, unique=True, validators=[CBS_CODE])
    name = models.CharField(_("naam"), max_length=100, unique=True)
    bestuursorgaan = models.CharField(
        _("bestuursorgaan"),
        max_length=200,
        help_text=_(
            "Wie het besluit neemt, bijvoorbeeld 'het college van burgemeester en wethouders van Waalwijk'."
        ),
    )
    logo = models.FileField(_("logo"), upload_to="gemeenten/", blank=True)
    # Where an objection goes (Awb 6:4): the bestuursorgaan's postal address. Blank only for a municipality
    # created by the upgrade from one organisation; `naleving check` warns until it is filled in.
    objection_addressee = models.CharField(_("bezwaar: t.a.v."), max_length=200, blank=True)
    objection_street = models.CharField(_("bezwaar: straat of postbus"), max_length=200, blank=True)
    objection_postcode = models.CharField(_("bezwaar: postcode"), max_length=7, blank=True)
    objection_city = models.CharField(_("bezwaar: plaats"), max_length=100, blank=True)
    phone = models.CharField(_("telefoon"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    visiting_address = models.CharField(_("bezoekadres"), max_length=200, blank=True)
    # Where residents pay claims to (issue #19): the account and the name on it, printed on every payment
    # letter, aanmaning and dwangbevel. Blank only until the beheerder fills it in; `naleving check` warns.
    payment_iban = models.CharField(
        _("IBAN voor betalingen"), max_length=34, blank=True, validators=[validate_iban]
    )
    payment_account_name = models.CharField(_("ten name van"), max_length=200, blank=True)
    policy_profile = models.CharField(
        _("beleidsprofiel"),
        max_length=64,
        blank=True,
        help_text=_(
            "De verordeningen van deze gemeente (naleving/rules/profiles); leeg: het landelijke profiel."
        ),
    )

    class Meta:
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")
        ordering = ["name"]
        permissions = [("manage_gemeente", "Gemeenten beheren")]

    def __str__(self) -> str:
        return self.name

    @property
    def letterhead(self) -> str:
        return f"Gemeente {self.name}"

    @property
    def objection_address_lines(self) -> list[str]:
        return [
            self.objection_addressee,
            self.objection_street,
            f"{self.objection_postcode} {self.objection_city}",
        ]
