"""A summary by phase: each phase's dates read as a range (whole months and weeks, ragged days),
not every day of the operation renamed after its phase."""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Callable
from datetime import date, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

from bot.domain.summary import DateRange, SubstanceTotal
from bot.domain.units import from_nano
from storage.database import Database
from storage.dimensions import Scope
from storage.grains import Signed, signed_spans, span_cost
from storage.import_totals import shown_batches
from storage.pending import counted_visible
from storage.phases import phases as active_phases
from storage.totals_source import PLAIN_GROUP, rows_of

# The label of the dates' own totals in phase_totals' read (no phase value has a NUL).
_SCOPE = "\x00"
# (group value, the local dates that are that phase's): a day two phases share is the later's.
Segment = tuple[str, DateRange]


def phase_segments(
    phases: list[tuple[str, str, str]], dates: DateRange, label_of: Callable[[str], str]
) -> list[Segment]:
    """The runs of days within `dates` that each phase (value, first, last ISO day) holds.

    `label_of`: a day's phase value ('' for none), as the summary names the day's group.
    """
    points = sorted(
        {date.fromisoformat(first) for _, first, _ in phases}
        | {date.fromisoformat(last) + timedelta(days=1) for _, _, last in phases}
    )
    found: list[Segment] = []
    for start, after in pairwise(points):
        value = label_of(start.isoformat())
        first, last = start, after - timedelta(days=1)
        if dates.first is not None:
            first = max(first, dates.first)
        if dates.last is not None:
            last = min(last, dates.last)
        if not value or first > last:
            continue
        if found and found[-1][0] == value and found[-1][1].last == first - timedelta(days=1):
            first = found.pop()[1].first or first
        found.append((value, DateRange(first, last)))
    return found


async def phase_totals(
    db: Database, *, scope: Scope, segments: list[Segment], reported: DateRange | None = None
) -> list[tuple[str, SubstanceTotal]]:
    """(phase value, total) per substance, unit and form, '' the days of no phase, all in one
    read (one snapshot). The group dearest to read is the scope's totals less the others'.

    `reported`: the operation's first and last reported days, which bound open dates.
    """
    operation_id, dates, agency_id = scope.operation_id, scope.dates, scope.agency_id
    substance_key, form = scope.substance_key, scope.substance_form
    runs: dict[str, list[Signed]] = defaultdict(list)
    for value, span in segments:
        runs[value] += signed_spans(span, months=True, whole=True)
    reported = reported or DateRange()
    bounded = DateRange(dates.first or reported.first, dates.last or reported.last)
    if bounded.first is not None and bounded.last is not None:
        day = bounded.first
        for _, span in [*segments, ("", DateRange(bounded.last + timedelta(days=1)))]:
            assert span.first is not None
            if day < span.first:
                gap = DateRange(day, span.first - timedelta(days=1))
                runs[""] += signed_spans(gap, months=True, whole=True)
            day = max(day, (span.last or span.first) + timedelta(days=1))
    # Reading a 32-day phase's rows cost more than the dates' months and the others' days.
    derived = max(runs, key=lambda v: span_cost(runs[v]), default="")
    labelled = [(v, parts) for v, parts in runs.items() if v != derived]
    labelled.append((_SCOPE, signed_spans(dates, months=True, whole=True)))

    # Each span read once, however many groups add or take it off: a phase's days taken off
    # its first month are the next phase's days added to its own (12 of 34 days read twice).
    shared = list(dict.fromkeys(part for _, parts in labelled for _, part in parts))

    def query(conn: sqlite3.Connection) -> list[tuple[int, str, str, str, int, int]]:
        conn.execute("BEGIN")
        try:
            staged = ", ".join(str(n) for n in shown_batches(conn, operation_id))
            sources, sums = (
                [
                    rows_of("seizure_total", operation_id, "", [(1, part)], agency_id,
                            substance_key, staged=staged, form=form, grouped=grouped)
                    for part in shared
                ]
                for grouped in (None, PLAIN_GROUP)
            )  # fmt: skip
            try:
                summed = []
                # Each span's rows summed as they are read (totals_source._by_period).
                for index, (source, more) in enumerate(sums):
                    summed += [
                        (index, *row)
                        for row in conn.execute(
                            "SELECT substance_key, unit, form, sum(amount_nano), sum(cases)"
                            f" FROM {source} GROUP BY substance_key, unit, form",
                            more,
                        ).fetchall()
                    ]
                return summed
            except sqlite3.OperationalError as exc:
                if "overflow" not in str(exc):
                    raise
            # SQLite integers stop at 9.2e18 nano-units; Python's do not.
            return [
                (index, *row)
                for index, (source, more) in enumerate(sources)
                for row in conn.execute(
                    f"SELECT substance_key, unit, form, amount_nano, cases FROM {source}", more
                )
            ]
        finally:
            conn.execute("COMMIT")

    per_span: dict[int, dict[tuple[str, str, str], list[int]]] = defaultdict(dict)
    for index, key, unit, form_, nano, cases in await db.read(query):
        acc = per_span[index].setdefault((key, unit, form_), [0, 0])
        acc[0] += nano
        acc[1] += cases
    at = {part: index for index, part in enumerate(shared)}
    found: dict[tuple[str, str, str, str], list[int]] = {}
    for value, parts in labelled:
        sums: dict[tuple[str, str, str], list[int]] = {}
        for sign, part in parts:
            for cell, (nano, cases) in per_span[at[part]].items():
                acc = sums.setdefault(cell, [0, 0])
                acc[0] += sign * nano
                acc[1] += sign * cases
        # The derived group: the scope's totals less every other group's.
        sign = 1 if value == _SCOPE else -1
        for (key, unit, form_), (nano, cases) in sums.items():
            if not cases:  # none in the group's dates (HAVING sum(cases) <> 0)
                continue
            if value != _SCOPE:
                found[(value, key, unit, form_)] = [nano, cases]
            acc = found.setdefault((derived, key, unit, form_), [0, 0])
            acc[0] += sign * nano
            acc[1] += sign * cases
    found = {k: v for k, v in found.items() if v[1]}
    return [
        (value, SubstanceTotal(key, unit, form_ or None, from_nano(nano), cases))
        for (value, key, unit, form_), (nano, cases) in found.items()
    ]


async def phase_reports(
    db: Database, *, scope: Scope, segments: list[Segment], total: int
) -> dict[str, int]:
    """Counted reports per phase value from report_count (0013); '' the days of no phase: the
    scope's `total` less the phases'."""
    operation_id, agency_id = scope.operation_id, scope.agency_id
    where = f"operation_id = ? AND day BETWEEN ? AND ? AND {counted_visible()}"
    if agency_id is not None:
        where += f" AND agency_id = {int(agency_id)}"
    spans = segments
    if not spans:
        return {"": total} if total else {}
    sql = " UNION ALL ".join(
        f"SELECT ? AS grp, coalesce(sum(reports), 0) FROM report_count WHERE {where}" for _ in spans
    )
    params: list[object] = []
    for value, span in spans:
        params += [value, operation_id, *span.bounds()]
    counts: dict[str, int] = defaultdict(int)
    counts[""] = total
    for value, n in await db.fetchall(sql, params):
        counts[value] += int(n)
        counts[""] -= int(n)
    return {value: n for value, n in counts.items() if n}


async def phase_of_day(
    db: Database, *, operation_id: int, tz: str, dates: DateRange
) -> tuple[Callable[[str], str], dict[str, str], list[Segment]]:
    """Each local day's phase (the latest to start, on a day two phases share), names, and the
    runs of days in `dates` each phase holds."""
    zone = ZoneInfo(tz)
    spans = []
    for index, phase in enumerate(await active_phases(db, operation_id=operation_id)):
        first = phase.starts_at.astimezone(zone).date()
        last = (phase.ends_at - timedelta(seconds=1)).astimezone(zone).date()
        spans.append((f"{index:04d}", first.isoformat(), max(first, last).isoformat(), phase))
    labels: dict[str, str] = {}
    for value, start, end, phase in spans:
        labels[value] = phase.name
        labels[f"{value}:span"] = f"{start} – {end}"

    def relabel(day: str) -> str:
        found = [value for value, start, end, _ in spans if start <= day <= end]
        return found[-1] if found else ""

    runs = phase_segments([(v, start, end) for v, start, end, _ in spans], dates, relabel)
    return relabel, labels, runs
