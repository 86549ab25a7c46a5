"""Which rows of the running totals add up to a date range: whole months and weeks, ragged days."""

from __future__ import annotations

from datetime import date, timedelta

from bot.domain.summary import DateRange

# (grain, first period, last period): 'd' days 'YYYY-MM-DD', 'w' ISO weeks (their Monday,
# 'YYYY-MM-DD'), 'm' months 'YYYY-MM', 'a' the whole operation ('' to '').
Span = tuple[str, str, str]


def week_of(day: date) -> date:
    """The Monday that starts the ISO week of this day: the period of its 'w' row."""
    return day - timedelta(days=day.weekday())


def spans(dates: DateRange, *, months: bool, whole: bool, weeks: bool = False) -> list[Span]:
    """The spans whose rows add up to exactly these dates, each row counted once.

    `months`, `weeks`: the table keeps month, week rows; `whole`: the answer may come from the
    whole-operation rows (not when it is broken down by day).
    """
    if dates.first is None and dates.last is None:
        if whole:
            return [("a", "", "")]
        return [("d", *dates.bounds())]
    if dates.first is None or dates.last is None:
        return [("d", *dates.bounds())]
    first, last = dates.first, dates.last
    if not months:
        return _weeks(first, last, weeks)
    # The first month that starts in the range, and the first that ends after it.
    start = first if first.day == 1 else _next_month(first)
    after = _next_month(last)
    end = after if after - timedelta(days=1) == last else last.replace(day=1)
    if start >= end:
        return _weeks(first, last, weeks)
    found = [("m", start.isoformat()[:7], (end - timedelta(days=1)).isoformat()[:7])]
    if first < start:
        found += _weeks(first, start - timedelta(days=1), weeks)
    if end <= last:
        found += _weeks(end, last, weeks)
    return found


def _weeks(first: date, last: date, weeks: bool) -> list[Span]:
    """Whole ISO weeks from 'w' (when kept) and the days either side of them from 'd'."""
    days = [("d", first.isoformat(), last.isoformat())]
    if not weeks:
        return days
    start = first if first.weekday() == 0 else week_of(first) + timedelta(days=7)
    end = last + timedelta(days=1) if last.weekday() == 6 else week_of(last)
    if start >= end:
        return days
    found = [("w", start.isoformat(), (end - timedelta(days=7)).isoformat())]
    if first < start:
        found.append(("d", first.isoformat(), (start - timedelta(days=1)).isoformat()))
    if end <= last:
        found.append(("d", end.isoformat(), last.isoformat()))
    return found


def _next_month(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)
