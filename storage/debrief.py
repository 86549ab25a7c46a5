"""The debriefing pack's figures: one read of an operation, on a connection of its own.

`gather` is plain sqlite3 and blocking: it opens the file read-only (WAL lets it read while the
bot writes), so it runs in a worker thread and never holds the bot's reader.
"""

from __future__ import annotations

import functools
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Callable
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.domain.clock import from_utc_text
from bot.domain.debrief import Amount, Debrief, Group, Route, Total
from bot.domain.equivalents import kg_equivalent
from bot.domain.phases import Phase
from bot.domain.places import Places
from bot.domain.units import substance_key
from storage.debrief_checks import (
    ItemChecks,
    plan_reads,
    read_cases,
    read_compliance,
    read_quality,
    read_reporting,
)
from storage.debrief_linked import (
    COLUMNS,
    LinkedRow,
    excess_by,
    linked_cases,
    read_linked,
    take_off,
)
from storage.operations import SELECT_OPERATION, operation_from_row
from storage.pending import SHOWN, agency_visible
from storage.places import places_of

# Breakdowns by the report's day and administration.
_CALENDAR = ("agency", "phase", "week", "day")
# Breakdowns read straight from a column of the report.
_COLUMNS = COLUMNS


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
    conn.execute("PRAGMA busy_timeout = 10000")
    return conn


def gather(path: Path, *, operation_id: int, now: datetime) -> Debrief:
    """Every figure of the pack, read in one transaction so that they agree with each other."""
    conn = _connect(path)
    try:
        conn.execute("BEGIN")
        return _gather(conn, operation_id, now)
    finally:
        conn.close()


def _gather(conn: sqlite3.Connection, op_id: int, now: datetime) -> Debrief:
    conn.row_factory = sqlite3.Row
    op_row = conn.execute(f"{SELECT_OPERATION} WHERE id = ?", (op_id,)).fetchone()
    op = operation_from_row(op_row)
    conn.row_factory = None
    zone = op.zone
    set_up = from_utc_text(op_row["created_at"]).astimezone(zone).date()
    rows = conn.execute(
        "SELECT id, code, name, tz, joined_at FROM agency WHERE operation_id = ?"
        f" AND {agency_visible()} ORDER BY code",
        (op_id,),
    ).fetchall()
    agencies = {int(r[0]): (str(r[1]), str(r[2])) for r in rows}
    # The day each joined, in its own zone: the compliance table counts its days from there.
    # One added the day the operation was set up is one of it from its beginning (/summary's).
    joined = {
        int(r[0]): from_utc_text(r[4]).astimezone(ZoneInfo(r[3])).date()
        for r in rows
        if r[4] and from_utc_text(r[4]).astimezone(zone).date() > set_up
    }
    phases = tuple(
        Phase(int(r[0]), op_id, str(r[1]), from_utc_text(r[2]), from_utc_text(r[3]))
        for r in conn.execute(
            "SELECT id, name, starts_at, ends_at FROM phase WHERE operation_id = ?"
            " AND removed_at IS NULL ORDER BY starts_at, id",
            (op_id,),
        )
    )
    # Reports and amounts per day and administration: the agency, phase, week and day lines,
    # the totals and the item checks, from one pass over the items.
    reads = plan_reads(conn, op_id)
    reporting = read_reporting(conn, op_id, zone, reads)
    day_cases: Counter[tuple[str, int]] = Counter()
    for agency_id, day, _reported, count in reporting:
        day_cases[(day, agency_id)] += count

    @functools.cache
    def value_of(dimension: str, day: str, agency_id: int) -> str | None:
        if dimension == "agency":
            return agencies[agency_id][0] if agency_id in agencies else None
        if dimension == "day":
            return day
        if dimension == "week":
            year, week, _ = date.fromisoformat(day).isocalendar()
            return f"{year}-W{week:02d}"
        return _phase_of(phases, date.fromisoformat(day), zone)

    # Amounts go straight to the lines they are printed on (a few per day), not kept per day
    # and administration: 1,000,000 reports made that 60,000 counters, 20 MB.
    amounts_by: dict[str, dict[str | None, Counter[tuple[str, str, str]]]] = {
        dimension: defaultdict(Counter) for dimension in _CALENDAR
    }
    totals: Counter[tuple[str, str, str]] = Counter()
    per_total: dict[tuple[str, str, str], tuple[int, int]] = defaultdict(lambda: (0, 0))
    items = ItemChecks()
    # A classified substance is one group whatever words named it ('필로폰 + 아이스' in one report
    # is one case of methamphetamine, as /summary counts it), so its reports are counted once.
    # The one max() makes s.id the report that holds the largest item of each group (SQLite's
    # bare column): the candidates for the notable cases, with no scan of their own.
    largest: dict[tuple[str, str, str], tuple[int, int]] = {}
    for row in conn.execute(
        "SELECT s.day, coalesce(s.agency_id, 0), i.substance,"
        " CASE WHEN i.substance IS NULL THEN i.substance_text END, i.unit,"
        " coalesce(i.form, ''), sum(i.amount_nano), count(DISTINCT s.id), count(*),"
        " sum(i.provisional), sum(i.approximate), max(i.amount_nano), s.id"
        f" {reads.items} GROUP BY 1, 2, 3, 4, 5, 6",
        (op_id,),
    ):
        day, agency_id, sub, words, unit, form, nano, cases, count, prov, approx, top, sid = row
        key = (substance_key(sub, words), unit, form)
        for dimension in _CALENDAR:
            amounts_by[dimension][value_of(dimension, day, agency_id)][key] += nano
        totals[key] += nano
        before = per_total[key]
        # A report falls on one day and one administration: its reports add up across them.
        # Two spellings of one unclassified name are one key: their reports are apart.
        per_total[key] = (before[0] + cases, before[1] + count)
        items.add(key[0], count, prov, approx)
        if sub is not None and top > largest.get(key, (-1, 0))[0]:
            largest[key] = (top, sid)
    # A linked case counts once, as in /summary: what its reports add twice comes off.
    linked = read_linked(conn, op_id)
    whole = excess_by(linked, lambda _row: None)
    totals.subtract(whole.amounts[None])
    for (_none, key), extra in whole.key_cases.items():
        per_total[key] = (per_total[key][0] - extra, per_total[key][1])
    total_rows = tuple(
        sorted(
            (Total(Amount(*key, nano), *per_total[key]) for key, nano in totals.items()),
            key=_rank,
        )
    )

    breakdowns: dict[str, tuple[Group, ...]] = {}
    for dimension in _CALENDAR:
        cases_by: Counter[str | None] = Counter()
        for (day, agency_id), cases in day_cases.items():
            cases_by[value_of(dimension, day, agency_id)] += cases
        take_off(
            cases_by,
            amounts_by[dimension],
            excess_by(linked, functools.partial(_calendar_value, value_of, dimension)),
        )
        ordered = dimension in ("week", "day", "phase")
        breakdowns[dimension] = _groups(
            cases_by, amounts_by[dimension], ordered=ordered, phases=phases
        )
    daily: Counter[tuple[str, int]] = Counter(day_cases)
    daily.subtract(excess_by(linked, lambda r: (r.day, r.agency_id)).cases)
    columns, routes = _column_groups(conn, op_id, linked)
    breakdowns.update(columns)
    days = sorted({day for day, _ in day_cases})
    first = date.fromisoformat(days[0]) if days else None
    last = date.fromisoformat(days[-1]) if days else None
    start, end = _period(phases, first, last, now.astimezone(zone).date(), zone)
    compliance = read_compliance(conn, op_id, agencies, reporting, start, end, joined, op.began)
    return Debrief(
        operation=op,
        agencies=tuple(agencies.values()),
        phases=phases,
        generated_at=now,
        first_day=first,
        last_day=last,
        period_days=(end - start).days + 1 if start and end else 0,
        period_first=start,
        period_last=end,
        reports=sum(day_cases.values()),
        case_count=sum(day_cases.values()) - whole.cases[None],
        items=sum(items for _, items in per_total.values()),
        totals=total_rows,
        breakdowns=breakdowns,
        daily_by_agency=tuple(
            (date.fromisoformat(day), agencies.get(agency_id, ("—", ""))[0], cases)
            for (day, agency_id), cases in sorted(daily.items())
        ),
        routes=routes,
        cases=read_cases(conn, largest, agencies, places_of(conn, op_id)),
        linked=linked_cases(linked, agencies),
        compliance=compliance,
        quality=read_quality(conn, op_id, items),
    )


def _calendar_value(
    value_of: Callable[[str, str, int], str | None], dimension: str, row: LinkedRow
) -> str | None:
    return value_of(dimension, row.day, row.agency_id)


def _column_value(column: str, places: Places, row: LinkedRow) -> str | None:
    value = row.columns[column]
    return (places.name(value or "") or None) if column == "location" else value


def _rank(total: Total) -> tuple[int, Decimal, int, str]:
    """Largest first: by kg-equivalent where there is one, then by reports."""
    a = total.amount
    kg = kg_equivalent(a.key, a.unit, a.form, a.value)
    return (0 if kg is not None else 1, -(kg or Decimal(0)), -total.cases, a.key)


def _phase_of(phases: tuple[Phase, ...], day: date, zone: ZoneInfo) -> str | None:
    for phase in phases:
        first = phase.starts_at.astimezone(zone).date()
        # The end is exclusive: a phase ending at midnight does not take in the next day.
        last = (phase.ends_at - timedelta(seconds=1)).astimezone(zone).date()
        if first <= day <= last:
            return phase.name
    return None


def _groups(
    cases_by: Counter[str | None],
    amounts_by: dict[str | None, Counter[tuple[str, str, str]]],
    *,
    ordered: bool,
    phases: tuple[Phase, ...] = (),
) -> tuple[Group, ...]:
    order = {phase.name: n for n, phase in enumerate(phases)}

    def sort_key(value: str | None) -> tuple[int, object, str]:
        if value is None:
            return (2, 0, "")
        if value in order:
            return (0, order[value], value)
        return (1, value if ordered else -cases_by[value], value)

    return tuple(
        Group(
            value,
            cases_by[value],
            tuple(
                Amount(*key, nano)
                for key, nano in sorted(amounts_by.get(value, Counter()).items(), key=_by_key)
            ),
        )
        for value in sorted(cases_by, key=sort_key)
    )


def _by_key(entry: tuple[tuple[str, str, str], int]) -> tuple[int, str, str, str]:
    (key, unit, form), nano = entry
    return (-nano if unit == "g" else 0, unit, key, form)


def _column_groups(
    conn: sqlite3.Connection, op_id: int, linked: list[LinkedRow]
) -> tuple[dict[str, tuple[Group, ...]], tuple[Route, ...]]:
    """The breakdowns by a column of the report, from the running totals of the whole operation.

    seizure_dim_total keeps each of these breakdowns (and the route) for the whole operation
    (grain 'a'): amounts per group and substance, and each report counted once in its group.
    Grouping the reports by every column together was a few thousand rows while the reports
    stated few details, and nearly a row a report once they did (1,000,000 reports: 2,200,000
    rows and over 30 s of the pack's minute); the totals are a few rows per group.
    """
    cases_by: dict[str, Counter[str | None]] = {column: Counter() for column in _COLUMNS}
    amounts_by: dict[str, dict[str | None, Counter[tuple[str, str, str]]]] = {
        column: defaultdict(Counter) for column in _COLUMNS
    }
    route_cases: Counter[tuple[str | None, str | None]] = Counter()
    # A place under each of its names is one group (/alias place, and case or spacing alone).
    places = places_of(conn, op_id)
    for dim, value, key, unit, form, nano, reports in conn.execute(_COLUMN_TOTALS, (op_id,) * 2):
        # The totals keep "not stated" as ''; the pack's groups (and the linked reports') None.
        if dim == "route":
            origin, _, destination = value.partition("\x1f")
            if origin or destination:
                route_cases[(origin or None, destination or None)] += reports
            continue
        group = (places.name(value) if dim == "location" else value) or None
        cases_by[dim][group] += reports
        amounts_by[dim][group][(key, unit, form)] += nano
    for column in _COLUMNS:
        take_off(
            cases_by[column],
            amounts_by[column],
            excess_by(linked, functools.partial(_column_value, column, places)),
        )
    stated = [r for r in linked if r.columns["origin"] or r.columns["destination"]]
    route_cases.subtract(
        excess_by(stated, lambda r: (r.columns["origin"], r.columns["destination"])).cases
    )
    groups = {
        column: _groups(cases_by[column], amounts_by[column], ordered=False) for column in _COLUMNS
    }
    routes = tuple(
        Route(o, t, n)
        for (o, t), n in sorted(
            route_cases.items(), key=lambda r: (-r[1], r[0][0] or "", r[0][1] or "")
        )
    )
    return groups, routes


# The whole operation's rows (grain 'a') of the column breakdowns and the route: a seek per
# dim on the key, beside a finished import's totals still staged apart (storage/import_totals).
_DIMS = ", ".join(f"'{dim}'" for dim in (*_COLUMNS, "route"))
_SLICE = f"operation_id = ? AND dim IN ({_DIMS}) AND grain = 'a' AND period = ''"
_PICKED = "dim, dim_value, substance_key, unit, form, amount_nano, reports"
_COLUMN_TOTALS = (
    f"SELECT dim, dim_value, substance_key, unit, form, sum(amount_nano), sum(reports)"
    f" FROM (SELECT {_PICKED} FROM seizure_dim_total WHERE {_SLICE}"
    f" UNION ALL SELECT {_PICKED} FROM import_dim_total WHERE {_SLICE}"
    f" AND import_id IN ({SHOWN}))"
    " GROUP BY dim, dim_value, substance_key, unit, form"
)


def _period(
    phases: tuple[Phase, ...], first: date | None, last: date | None, today: date, zone: ZoneInfo
) -> tuple[date | None, date | None]:
    """The days compliance is measured over: the phases (else the reports), up to today."""
    start: date | None
    end: date | None
    if phases:
        start = phases[0].starts_at.astimezone(zone).date()
        end = (max(p.ends_at for p in phases) - timedelta(seconds=1)).astimezone(zone).date()
    else:
        start, end = first, last
    if start is None or end is None:
        return None, None
    end = min(end, max(today, start))
    return start, end
