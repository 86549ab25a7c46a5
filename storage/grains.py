"""Which rows of the running totals add up to a date range: whole months, ragged-end days."""

from __future__ import annotations

from datetime import date, timedelta

from bot.domain.summary import DateRange

# (grain, first period, last period): 'd' days 'YYYY-MM-DD', 'm' months 'YYYY-MM', 'a' the
# whole operation ('' to '').
Span = tuple[str, str, str]


def spans(dates: DateRange, *, months: bool, whole: bool) -> list[Span]:
    """The spans whose rows add up to exactly these dates, each row counted once.

    `months`: the table keeps month rows; `whole`: the answer may come from the whole-operation
    rows (not when it is broken down by day).
    """
    if dates.first is None and dates.last is None:
        if whole:
            return [("a", "", "")]
        return [("d", *dates.bounds())]
    if not months or dates.first is None or dates.last is None:
        return [("d", *dates.bounds())]
    first, last = dates.first, dates.last
    # The first month that starts in the range, and the first that ends after it.
    start = first if first.day == 1 else _next_month(first)
    after = _next_month(last)
    end = after if after - timedelta(days=1) == last else last.replace(day=1)
    if start >= end:
        return [("d", first.isoformat(), last.isoformat())]
    found = [("m", start.isoformat()[:7], (end - timedelta(days=1)).isoformat()[:7])]
    if first < start:
        found.append(("d", first.isoformat(), (start - timedelta(days=1)).isoformat()))
    if end <= last:
        found.append(("d", end.isoformat(), last.isoformat()))
    return found


def _next_month(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)
