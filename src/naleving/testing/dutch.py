"""Is this text Dutch? A small detector of English words in what users read (issue #22).

Used by the tests over all templates, over every reason code and over the management commands' messages.
It does not translate or judge style: it looks for common English function words and interface words
that never occur in Dutch, so an English sentence or button is caught while Dutch text, code identifiers in
backticks and proper names pass.

    english_words("Klik op opslaan")  -> []
    english_words("Please click save") -> ["please", "click", "save"]
"""

import re


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: common English function words and interface words that are not also Dutch words
ENGLISH_WORDS = _words(
    """
    the and with not please click save cancel error errors required submit search active clients client
    this that these those there their they them from have has were will would should could which what
    when where who whom whose why how your you yours our ours its

    to for into onto upon about after before between without within under again
    but or nor yet because while until unless though although

    no yes none any some every each all both either neither other another such only than then too very
    more less least many much few

    are be does did done doing can cannot can't don't doesn't isn't aren't won't must may might shall

    add added edit edited delete deleted remove removed create created new back next previous close show
    hide view page login logout sign password username user users settings message messages warning
    success failed failure invalid missing unknown found loading confirm confirmed file empty date dates
    amount amounts first day days month months year years weeks today yesterday tomorrow expected
    got given number value values field fields written among distinct registered vehicles address
    household balance limit above below differs reason reasons
    """
)
# Left out on purpose because Dutch has the same word: "of" (or), "is", "was", "had", "been" (leg), "week",
# "last" (burden), "help", "contact", "open", "door", "over", "want", "hand", "kind", "rest", "status",
# "team", "test", "filter", "data", "type", "code", "link", "menu", "update", "download", "upload", "home",
# "do" (Thursday), "a" (A4, bijlage A), "an", "die", "ten", "hits".

#: never English here: proper names, acronyms and loanwords the Dutch interface uses as they are
ALLOWED = _words(
    """
    eupl digid bsn brp bag rdw duo cbs fg avg dpia pdf csv json xlsx api url e-mail email
    """
)

#: a word of letters (ë and é included, so "beëindigd" stays one word), with an apostrophe inside ("don't")
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")
#: code between backticks, URLs, dotted names (naleving.settings, file.csv), snake_case identifiers,
#: NAMES_IN_CAPS, --flags and format placeholders
_NOT_PROSE = re.compile(
    r"`[^`]*`|https?://\S+|\b[\w-]+(?:\.[\w-]+)+\b|\b\w*_\w*\b|\b[A-Z][A-Z0-9_]{2,}\b|--?[a-z][\w-]*"
    r"|\{[^}]*\}|%\([a-z_]+\)s"
)


def english_words(text: str, allowed: frozenset[str] | set[str] = frozenset()) -> list[str]:
    """The English words of ``text`` in order (lower case), each once; empty for Dutch text."""
    prose = _NOT_PROSE.sub(" ", text)
    found: list[str] = []
    for word in _WORD.findall(prose):
        lower = word.lower()
        if lower in ENGLISH_WORDS and lower not in ALLOWED and lower not in allowed and lower not in found:
            found.append(lower)
    return found


def is_dutch(text: str, allowed: frozenset[str] | set[str] = frozenset()) -> bool:
    return not english_words(text, allowed)
