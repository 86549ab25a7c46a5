"""Which rows of the running totals add up to a date range: whole months and weeks, ragged days."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from bot.domain.summary import DateRange

# (grain, first period, last period): 'd' days 'YYYY-MM-DD', 'w' ISO weeks (their Monday,
# 'YYYY-MM-DD'), 'm' months 'YYYY-MM', 'a' the whole operation ('' to '').
Span = tuple[str, str, str]
# A span added (+1) or taken off (-1): a range may be its outer whole months less the days
# either side of it, when that reads fewer rows than its ragged days.
Signed = tuple[int, Span]


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


def signed_spans(
    dates: DateRange,
    *,
    months: bool,
    whole: bool,
    weeks: bool = False,
    month_cost: int = 3,
    week_cost: int = 3,
) -> list[Signed]:
    """The cheapest spans, each added or taken off, whose rows add up to exactly these dates.

    A range's ragged ends (up to a month of days each) may cost more than the month around
    each less the days outside it: 2026-10-05..2026-11-20 read 47 days of rows; October and
    November less 13 days read fewer than half as many. `month_cost`, `week_cost`: about how
    many days' rows a month's, a week's rows are in that table.
    """
    plain: list[Signed] = [(1, s) for s in spans(dates, months=months, whole=whole, weeks=weeks)]
    if not months or dates.first is None or dates.last is None:
        return plain
    costs = {"d": 1, "w": week_cost, "m": month_cost}
    first, last = dates.first, dates.last
    after = _next_month(last)
    inner_start = first if first.day == 1 else _next_month(first)
    inner_end = after if after - timedelta(days=1) == last else last.replace(day=1)
    best, best_cost = plain, _cost(plain, costs)
    outer = ((first.replace(day=1), inner_end), (inner_start, after), (first.replace(day=1), after))
    for start, end in outer:
        if start >= end:
            continue
        found: list[Signed] = [(1, ("m", start.isoformat()[:7], _day_before(end).isoformat()[:7]))]
        if start < first:
            found += [(-1, s) for s in _weeks(start, _day_before(first), weeks)]
        elif first < start:
            found += [(1, s) for s in _weeks(first, _day_before(start), weeks)]
        if end <= last:
            found += [(1, s) for s in _weeks(end, last, weeks)]
        elif last < _day_before(end):
            found += [(-1, s) for s in _weeks(last + timedelta(days=1), _day_before(end), weeks)]
        cost = _cost(found, costs)
        if cost < best_cost:  # a tie keeps the spans that only add
            best, best_cost = found, cost
    return best


def _cost(parts: list[Signed], costs: dict[str, int]) -> int:
    """About how many days' rows the spans read."""
    total = 0
    for _, (grain, first, last) in parts:
        if grain == "d":
            total += (date.fromisoformat(last) - date.fromisoformat(first)).days + 1
        elif grain == "w":
            weeks = (date.fromisoformat(last) - date.fromisoformat(first)).days // 7 + 1
            total += costs["w"] * weeks
        elif grain == "m":
            months = (int(last[:4]) - int(first[:4])) * 12 + int(last[5:7]) - int(first[5:7]) + 1
            total += costs["m"] * months
    return total


def span_cost(parts: list[Signed], month_cost: int = 3, week_cost: int = 3) -> int:
    """About how many days' rows the spans read."""
    return _cost(parts, {"d": 1, "w": week_cost, "m": month_cost})


def _day_before(day: date) -> date:
    return day - timedelta(days=1)


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


def less_outside(
    dates: DateRange,
    reported: DateRange,
    *,
    month_cost: int = 3,
    whole_cost: int = 2,
    week_cost: int | None = None,
) -> tuple[list[Signed], int] | None:
    """The whole operation's rows less the reported days outside the dates, and its cost in
    days' rows; None for open dates or an operation with no reported day.

    A range of most of an operation (47 of its 60 days) is cheaper so: 13 days taken off
    where its months less their ragged days read 20 days' worth. `week_cost`: the table keeps
    weeks, and the days taken off may reach past the reported ones (nothing there to take
    off) to a whole week or month: the 4 days before a range that starts on a Monday, 1-4
    October, are the week of 28 September, one row a group where the days are four.
    """
    if dates.first is None or dates.last is None:
        return None
    if reported.first is None or reported.last is None:
        return None
    weeks = week_cost is not None
    costs = {"d": 1, "w": week_cost or 3, "m": month_cost}
    found: list[Signed] = [(1, ("a", "", ""))]
    if reported.first < dates.first:
        end = dates.first - timedelta(days=1)
        starts = [reported.first]
        if weeks:
            starts += [week_of(reported.first), reported.first.replace(day=1)]
        found += [(-1, s) for s in _cheapest(starts, [end], weeks, costs)]
    if dates.last < reported.last:
        start = dates.last + timedelta(days=1)
        ends = [reported.last]
        if weeks:
            ends += [week_of(reported.last) + timedelta(days=6), _next_month(reported.last)]
            ends[-1] -= timedelta(days=1)
        found += [(-1, s) for s in _cheapest([start], ends, weeks, costs)]
    return found, whole_cost + _cost(found, costs)


def _cheapest(
    starts: Iterable[date], ends: Iterable[date], weeks: bool, costs: dict[str, int]
) -> list[Span]:
    """The cheapest spans of the dates from any of these starts to any of these ends (the
    first of each when the costs tie)."""
    options = [
        spans(DateRange(start, end), months=True, whole=False, weeks=weeks)
        for start in starts
        for end in ends
    ]
    return min(options, key=lambda o: _cost([(1, s) for s in o], costs))


def next_window(size: int, covered: int, found: int, wanted: int) -> int:
    """How many of the whole operation's rows the next window takes in.

    As many as should hold the rows still `wanted` at the share of the operation's rows the
    range has had so far, with a margin: a long range has most of them, so one short window
    more (twice the first read another 2,000 rows' values for the last few dozen: a third of
    a 47-day breakdown's CPU). A range with none so far doubles: a sparse range of a long
    operation takes a few windows, not one per thousand of its 77,000 officers' rows.
    """
    if not found:
        return size * 2
    return max(wanted, wanted * covered * 5 // (found * 4)) + 64
