"""Which of a resident's columns a page reads when it shows only part of him."""

from naleving.common.columns import other_columns
from naleving.residents.models import Resident

#: What a list of cases shows of a case's resident: his name (``Resident.full_name``).
NAME_FIELDS = ("first_names", "prefix", "family_name")


def beyond_name(prefix: str = "resident__") -> tuple[str, ...]:
    """The resident's columns besides his id and his name, each as ``prefix`` + field name: for ``defer`` in a
    list that joins the resident (``prefix``: the relation's name and ``__``) and shows only his name. Such a
    list then reads no BSN, birth date, address or contact details it does not show."""
    return other_columns(Resident, NAME_FIELDS, prefix)
