"""Legal terms in days: the Algemene termijnenwet (Atw) and the objection and appeal terms of the Awb.

- Awb 6:7: the term for objection or appeal is six weeks. Awb 6:8(1): it starts the day after the besluit was
  made known (sent). So a letter sent on Friday 20 February 2026 opens a term from Saturday 21 February up to and
  including Friday 3 April 2026.
- Atw art. 1(1): a statutory term that ends on a Saturday, Sunday or generally recognised public holiday is
  extended up to and including the next day that is none of these. Atw art. 3(1): Nieuwjaarsdag, Christian
  second Easter and Whit days (tweede Paas- en Pinksterdag), both Christmas days, Hemelvaartsdag, the day the
  King's birthday is celebrated (Koningsdag) and 5 May; art. 3(2): Goede Vrijdag counts as one. So the term
  above, ending on Goede Vrijdag 3 April 2026, runs to Tuesday 7 April 2026 (Saturday, Sunday, Easter Monday).
- Atw art. 3(3): days the government equates by decree (published in the Staatscourant, e.g. the Friday after
  Hemelvaartsdag) are kept in ``EQUATED_DAYS``; add them as each decree is published.
- Awb 6:9: an objection is in time when it was received before the end of the term (1); sent by post, when it
  was posted before the end of the term and received no later than a week after it (2).
"""

from datetime import date, timedelta

#: Awb 6:7: objection and appeal, six weeks.
REMEDY_WEEKS = 6

#: Atw art. 3(3): days equated with a public holiday by decree. Empty until a decree is entered here with its
#: Staatscourant reference; until then the term is computed from art. 1 and art. 3(1)-(2) alone, which can
#: make a deadline one working day earlier than the decree allows, never later.
EQUATED_DAYS: frozenset[date] = frozenset()


def easter_sunday(year: int) -> date:
    """Easter Sunday of ``year`` (Gregorian calendar; the anonymous algorithm of Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return date(year, month, day + 1)


def koningsdag(year: int) -> date:
    """27 April, the King's birthday; celebrated on the 26th when the 27th is a Sunday (Besluit Koningsdag)."""
    day = date(year, 4, 27)
    return day - timedelta(days=1) if day.weekday() == 6 else day


def public_holidays(year: int) -> dict[date, str]:
    """The generally recognised public holidays of Atw art. 3(1)-(2) in ``year``, with their names."""
    easter = easter_sunday(year)
    days = {
        date(year, 1, 1): "Nieuwjaarsdag",
        easter - timedelta(days=2): "Goede Vrijdag",
        easter + timedelta(days=1): "Tweede Paasdag",
        koningsdag(year): "Koningsdag",
        date(year, 5, 5): "Bevrijdingsdag (5 mei)",
        easter + timedelta(days=39): "Hemelvaartsdag",
        easter + timedelta(days=50): "Tweede Pinksterdag",
        date(year, 12, 25): "Eerste Kerstdag",
        date(year, 12, 26): "Tweede Kerstdag",
    }
    days.update({day: "Gelijkgestelde dag (Atw art. 3(3))" for day in EQUATED_DAYS if day.year == year})
    return days


def is_rest_day(day: date) -> bool:
    """A Saturday, Sunday or generally recognised public holiday (Atw art. 1 and 3)."""
    return day.weekday() >= 5 or day in public_holidays(day.year)


def atw_extend(last_day: date) -> date:
    """Atw art. 1(1): the last day of a term, moved to the next day that is not a rest day."""
    while is_rest_day(last_day):
        last_day += timedelta(days=1)
    return last_day


def term_end(made_known_on: date, weeks: int = REMEDY_WEEKS) -> date:
    """The last day of a term of ``weeks`` weeks that starts the day after ``made_known_on`` (Awb 6:8), as
    extended by the Atw."""
    return atw_extend(made_known_on + timedelta(weeks=weeks))


def received_in_time(last_day: date, received_on: date, posted_on: date | None = None) -> bool:
    """Awb 6:9: received by the end of the term, or posted by then and received within a week after it."""
    if received_on <= last_day:
        return True
    return posted_on is not None and posted_on <= last_day and received_on <= last_day + timedelta(weeks=1)
