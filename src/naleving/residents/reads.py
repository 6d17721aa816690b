"""What a page showing residents declares for the audit log (written at the edge, see ``audit.edge``)."""

import re
from collections.abc import Mapping
from urllib.parse import urlencode

from django.conf import settings
from django.utils.crypto import salted_hmac

from naleving.audit.edge import shows
from naleving.residents.selectors import access_basis

#: nine digits in a row, ignoring the spaces and dots people type in a BSN ("1112 22 333", "111.222.333")
_BSN_IN_TEXT = re.compile(r"(?<!\d)(?:\d[ .]?){8}\d(?!\d)")
#: what an audit event stores instead of a BSN someone searched for
BSN_PLACEHOLDER = "[BSN]"
_SEARCH_HASH_SALT = "naleving.residents.searched-bsn"


def contains_bsn(text: str) -> bool:
    """True when ``text`` holds a nine-digit number: a BSN, as far as logs and URLs are concerned."""
    return bool(_BSN_IN_TEXT.search(text or ""))


def bsn_search_hash(bsn: str) -> str:
    """The keyed hash (HMAC-SHA256) a ``resident.searched`` event stores instead of a searched BSN.

    The key is derived from ``NALEVING_AUDIT_KEY`` with its own salt, so it is not the key of the audit
    chain itself. The FG checks "was BSN X searched?" by hashing X the same way; without the key the hash
    cannot be turned back into a BSN by trying all 10^9 numbers.
    """
    digits = re.sub(r"\D", "", bsn)
    return salted_hmac(
        _SEARCH_HASH_SALT, digits, secret=settings.NALEVING_AUDIT_KEY, algorithm="sha256"
    ).hexdigest()


def search_terms_for_audit(terms: Mapping[str, str]) -> dict:
    """The search as the audit log keeps it: the terms with every BSN replaced by a placeholder, and the
    keyed hashes of those BSNs (``bsn_hash``) so the FG can still find a search for a given BSN."""
    hashes = []

    def pseudonymise(match: re.Match) -> str:
        hashes.append(bsn_search_hash(match.group(0)))
        return BSN_PLACEHOLDER

    kept = {key: _BSN_IN_TEXT.sub(pseudonymise, str(value)) for key, value in terms.items() if value}
    record = {"zoekterm": urlencode(kept, safe="[]")}
    if hashes:
        record["bsn_hash"] = hashes[0] if len(hashes) == 1 else hashes
    return record


def resident_shown(request, resident, *, purpose: str = "") -> None:
    """This response shows ``resident``'s file; the purpose defaults to the actor's access basis."""
    shows(
        request,
        code="resident.viewed",
        obj=resident,
        resident_id=resident.pk,
        purpose=purpose or access_basis(request.user, resident),
    )


def residents_searched(request, *, terms: Mapping[str, str], count: int) -> None:
    """A search shows names of several residents: record it (not each row) with the search terms; a
    searched BSN is kept as a keyed hash only (``search_terms_for_audit``)."""
    shows(
        request,
        code="resident.searched",
        purpose="Zoeken in eigen werkvoorraad",
        after={**search_terms_for_audit(terms), "aantal": count},
    )


def case_shown(request, obj, resident, *, code: str, purpose: str = "") -> None:
    """This response shows a case (signal, investigation, besluit, vordering) of ``resident``; the purpose
    defaults to the actor's access basis to the resident."""
    shows(
        request,
        code=code,
        obj=obj,
        resident_id=resident.pk,
        purpose=purpose or access_basis(request.user, resident),
    )
