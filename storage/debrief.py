"""The debriefing pack's figures: one read of an operation, on a connection of its own.

`gather` is plain sqlite3 and blocking: it opens the file read-only (WAL lets it read while the
bot writes), so it runs in a worker thread and never holds the bot's reader.
"""

from __future__ import annotations

import functools
import sqlite3
from collections import Counter, defaultdict
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.domain.clock import from_utc_text
from bot.domain.debrief import (
    Amount,
    Case,
    CaseItem,
    Compliance,
    Debrief,
    Group,
    Quality,
    Route,
    Total,
)
from bot.domain.equivalents import kg_equivalent
from bot.domain.phases import Phase
from bot.domain.units import substance_key
from storage.operations import operation_from_row
from storage.pending import visible

MAX_CASES = 8
_LIVE = f"s.operation_id = ? AND s.voided_at IS NULL AND {visible('s')}"
_ITEMS = f"FROM seizure AS s JOIN seizure_item AS i ON i.seizure_id = s.id WHERE {_LIVE}"
# Breakdowns read straight from a column of the report.
_COLUMNS = ("transport", "concealment", "detection", "location", "origin", "destination")


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
    op = operation_from_row(
        conn.execute("SELECT * FROM operation WHERE id = ?", (op_id,)).fetchone()
    )
    conn.row_factory = None
    zone = op.zone
    agencies = {
        int(r[0]): (str(r[1]), str(r[2]))
        for r in conn.execute(
            "SELECT id, code, name FROM agency WHERE operation_id = ? ORDER BY code", (op_id,)
        )
    }
    phases = tuple(
        Phase(int(r[0]), op_id, str(r[1]), from_utc_text(r[2]), from_utc_text(r[3]))
        for r in conn.execute(
            "SELECT id, name, starts_at, ends_at FROM phase WHERE operation_id = ?"
            " AND removed_at IS NULL ORDER BY starts_at, id",
            (op_id,),
        )
    )
    # Reports and amounts per day and administration: the agency, phase, week and day lines.
    day_cases: dict[tuple[str, int], int] = {}
    for day, agency_id, cases in conn.execute(
        f"SELECT s.day, coalesce(s.agency_id, 0), count(*) FROM seizure AS s WHERE {_LIVE}"
        " GROUP BY 1, 2",
        (op_id,),
    ):
        day_cases[(day, agency_id)] = cases
    day_amounts: dict[tuple[str, int], Counter[tuple[str, str, str]]] = defaultdict(Counter)
    totals: Counter[tuple[str, str, str]] = Counter()
    for day, agency_id, sub, words, unit, form, nano in conn.execute(
        "SELECT s.day, coalesce(s.agency_id, 0), i.substance, i.substance_text, i.unit,"
        f" coalesce(i.form, ''), sum(i.amount_nano) {_ITEMS} GROUP BY 1, 2, 3, 4, 5, 6",
        (op_id,),
    ):
        key = (substance_key(sub, words), unit, form)
        day_amounts[(day, agency_id)][key] += nano
        totals[key] += nano
    per_total: dict[tuple[str, str, str], tuple[int, int]] = defaultdict(lambda: (0, 0))
    for sub, words, unit, form, cases, items in conn.execute(
        "SELECT i.substance, i.substance_text, i.unit, coalesce(i.form, ''),"
        f" count(DISTINCT s.id), count(*) {_ITEMS} GROUP BY 1, 2, 3, 4",
        (op_id,),
    ):
        key = (substance_key(sub, words), unit, form)
        before = per_total[key]
        # Two spellings of one unclassified name are one key: their reports are apart.
        per_total[key] = (before[0] + cases, before[1] + items)
    total_rows = tuple(
        sorted(
            (Total(Amount(*key, nano), *per_total[key]) for key, nano in totals.items()),
            key=_rank,
        )
    )

    def value_of(dimension: str, day: str, agency_id: int) -> str | None:
        if dimension == "agency":
            return agencies[agency_id][0] if agency_id in agencies else None
        if dimension == "day":
            return day
        if dimension == "week":
            year, week, _ = date.fromisoformat(day).isocalendar()
            return f"{year}-W{week:02d}"
        return _phase_of(phases, date.fromisoformat(day), zone)

    breakdowns: dict[str, tuple[Group, ...]] = {}
    for dimension in ("agency", "phase", "week", "day"):
        cases_by: Counter[str | None] = Counter()
        amounts_by: dict[str | None, Counter[tuple[str, str, str]]] = defaultdict(Counter)
        for (day, agency_id), cases in day_cases.items():
            cases_by[value_of(dimension, day, agency_id)] += cases
        for (day, agency_id), amounts in day_amounts.items():
            amounts_by[value_of(dimension, day, agency_id)].update(amounts)
        ordered = dimension in ("week", "day", "phase")
        breakdowns[dimension] = _groups(cases_by, amounts_by, ordered=ordered, phases=phases)
    for column in _COLUMNS:
        breakdowns[column] = _column_groups(conn, op_id, column)
    routes = tuple(
        Route(origin, destination, cases)
        for origin, destination, cases in conn.execute(
            f"SELECT s.origin, s.destination, count(*) FROM seizure AS s WHERE {_LIVE}"
            " AND (s.origin IS NOT NULL OR s.destination IS NOT NULL) GROUP BY 1, 2"
            " ORDER BY 3 DESC, 1, 2",
            (op_id,),
        )
    )
    days = sorted({day for day, _ in day_cases})
    first = date.fromisoformat(days[0]) if days else None
    last = date.fromisoformat(days[-1]) if days else None
    start, end = _period(phases, first, last, now.astimezone(zone).date(), zone)
    compliance = _compliance(conn, op_id, agencies, zone, start, end)
    return Debrief(
        operation=op,
        agencies=tuple(agencies.values()),
        phases=phases,
        generated_at=now,
        first_day=first,
        last_day=last,
        period_days=(end - start).days + 1 if start and end else 0,
        reports=sum(day_cases.values()),
        items=sum(items for _, items in per_total.values()),
        totals=total_rows,
        breakdowns=breakdowns,
        daily_by_agency=tuple(
            (date.fromisoformat(day), agencies.get(agency_id, ("—", ""))[0], cases)
            for (day, agency_id), cases in sorted(day_cases.items())
        ),
        routes=routes,
        cases=_cases(conn, op_id, agencies),
        compliance=compliance,
        quality=_quality(conn, op_id),
    )


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


def _column_groups(conn: sqlite3.Connection, op_id: int, column: str) -> tuple[Group, ...]:
    cases_by: Counter[str | None] = Counter()
    amounts_by: dict[str | None, Counter[tuple[str, str, str]]] = defaultdict(Counter)
    for value, cases in conn.execute(
        f"SELECT s.{column}, count(*) FROM seizure AS s WHERE {_LIVE} GROUP BY 1", (op_id,)
    ):
        cases_by[value] += cases
    for value, sub, words, unit, form, nano in conn.execute(
        f"SELECT s.{column}, i.substance, i.substance_text, i.unit, coalesce(i.form, ''),"
        f" sum(i.amount_nano) {_ITEMS} GROUP BY 1, 2, 3, 4, 5",
        (op_id,),
    ):
        amounts_by[value][(substance_key(sub, words), unit, form)] += nano
    return _groups(cases_by, amounts_by, ordered=False)


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


def _compliance(
    conn: sqlite3.Connection,
    op_id: int,
    agencies: dict[int, tuple[str, str]],
    zone: ZoneInfo,
    start: date | None,
    end: date | None,
) -> tuple[Compliance, ...]:
    reports: Counter[int] = Counter()
    active: dict[int, set[date]] = defaultdict(set)
    delays: dict[int, Counter[int]] = defaultdict(Counter)

    @functools.lru_cache(maxsize=65536)
    def local_day(hour: str) -> date:
        # Reports of one hour share a local date: convert each hour once, not each report.
        return from_utc_text(hour + ":00:00+00:00").astimezone(zone).date()

    cursor = conn.execute(
        f"SELECT coalesce(s.agency_id, 0), s.reported_at, s.day FROM seizure AS s WHERE {_LIVE}",
        (op_id,),
    )
    while rows := cursor.fetchmany(10_000):
        for agency_id, reported_at, day in rows:
            reported = local_day(reported_at[:13])
            reports[agency_id] += 1
            active[agency_id].add(reported)
            delays[agency_id][(reported - date.fromisoformat(day)).days] += 1
    nils: Counter[int] = Counter()
    for agency_id, day in conn.execute(
        "SELECT coalesce(agency_id, 0), day FROM nil_return WHERE operation_id = ?", (op_id,)
    ):
        nils[agency_id] += 1
        active[agency_id].add(date.fromisoformat(day))
    result = []
    for agency_id, (code, name) in agencies.items():
        inside = {d for d in active[agency_id] if start and end and start <= d <= end}
        period = (end - start).days + 1 if start and end else 0
        result.append(
            Compliance(
                code,
                name,
                reports[agency_id],
                nils[agency_id],
                len(inside),
                period - len(inside),
                _median(delays[agency_id]),
            )
        )
    return tuple(result)


def _median(counts: Counter[int]) -> Decimal | None:
    values = sorted(counts.elements()) if sum(counts.values()) < 100_000 else None
    if values is None:  # a large count: walk the histogram instead of listing every report
        n = sum(counts.values())
        seen, ordered = 0, sorted(counts)
        lower = upper = None
        for value in ordered:
            seen += counts[value]
            if lower is None and seen >= (n + 1) // 2:
                lower = value
            if seen >= n // 2 + 1:
                upper = value
                break
        assert lower is not None and upper is not None
        return Decimal(lower + upper) / 2
    if not values:
        return None
    mid = len(values) // 2
    if len(values) % 2:
        return Decimal(values[mid])
    return Decimal(values[mid - 1] + values[mid]) / 2


def _cases(
    conn: sqlite3.Connection, op_id: int, agencies: dict[int, tuple[str, str]]
) -> tuple[Case, ...]:
    """The largest report of each substance (in each unit and form), largest first."""
    largest = []
    for sub, words, unit, form, nano, seizure_id in conn.execute(
        "SELECT i.substance, i.substance_text, i.unit, coalesce(i.form, ''),"
        f" max(i.amount_nano), s.id {_ITEMS} AND i.substance IS NOT NULL GROUP BY 1, 2, 3, 4",
        (op_id,),
    ):
        amount = Amount(substance_key(sub, words), unit, form, nano)
        kg = kg_equivalent(amount.key, unit, form, amount.value)
        largest.append((kg is None, -(kg or 0), -nano, seizure_id))
    chosen: list[int] = []
    for *_, seizure_id in sorted(largest):
        if seizure_id not in chosen:
            chosen.append(seizure_id)
    return tuple(_case(conn, seizure_id, agencies) for seizure_id in chosen[:MAX_CASES])


def _case(conn: sqlite3.Connection, seizure_id: int, agencies: dict[int, tuple[str, str]]) -> Case:
    row = conn.execute(
        "SELECT number, day, coalesce(agency_id, 0), location, origin, destination, transport,"
        " concealment, detection FROM seizure WHERE id = ?",
        (seizure_id,),
    ).fetchone()
    items = tuple(
        CaseItem(Amount(substance_key(sub, words), unit, form, nano), bool(approx), bool(prov))
        for sub, words, unit, form, nano, approx, prov in conn.execute(
            "SELECT substance, substance_text, unit, coalesce(form, ''), amount_nano,"
            " approximate, provisional FROM seizure_item WHERE seizure_id = ? ORDER BY position",
            (seizure_id,),
        )
    )
    photos = conn.execute(
        "SELECT count(*) FROM seizure_media WHERE seizure_id = ? AND kind = 'photo'",
        (seizure_id,),
    ).fetchone()[0]
    photo = conn.execute(
        "SELECT content FROM seizure_media WHERE seizure_id = ? AND kind = 'photo'"
        " AND kept = 'kept' AND content IS NOT NULL ORDER BY id LIMIT 1",
        (seizure_id,),
    ).fetchone()
    return Case(
        number=int(row[0]),
        day=date.fromisoformat(row[1]),
        agency=agencies.get(row[2], (None, ""))[0],
        location=row[3],
        origin=row[4],
        destination=row[5],
        transport=row[6],
        concealment=row[7],
        detection=row[8],
        items=items,
        photos=int(photos),
        photo=bytes(photo[0]) if photo else None,
    )


def _quality(conn: sqlite3.Connection, op_id: int) -> Quality:
    every = f"s.operation_id = ? AND {visible('s')}"
    reports_all, voided, corrected, no_agency = conn.execute(
        "SELECT count(*), count(s.voided_at), sum(s.voided_at IS NULL AND s.edited_at IS NOT NULL),"
        f" sum(s.voided_at IS NULL AND s.agency_id IS NULL) FROM seizure AS s WHERE {every}",
        (op_id,),
    ).fetchone()
    provisional, approximate, unclassified = conn.execute(
        "SELECT coalesce(sum(i.provisional), 0), coalesce(sum(i.approximate), 0),"
        f" coalesce(sum(i.substance IS NULL), 0) {_ITEMS}",
        (op_id,),
    ).fetchone()
    words: Counter[str] = Counter()
    for text, count in conn.execute(
        f"SELECT i.substance_text, count(*) {_ITEMS} AND i.substance IS NULL GROUP BY 1",
        (op_id,),
    ):
        words[substance_key(None, text)[1:]] += count
    kept, not_kept = conn.execute(
        "SELECT coalesce(sum(m.kept = 'kept'), 0), coalesce(sum(m.kept != 'kept'), 0)"
        f" FROM seizure_media AS m JOIN seizure AS s ON s.id = m.seizure_id WHERE {_LIVE}",
        (op_id,),
    ).fetchone()
    return Quality(
        reports_all=int(reports_all),
        voided=int(voided),
        corrected=int(corrected or 0),
        provisional_items=int(provisional),
        approximate_items=int(approximate),
        unclassified_items=int(unclassified),
        unclassified_words=tuple(sorted(words.items(), key=lambda w: (-w[1], w[0]))[:10]),
        no_agency=int(no_agency or 0),
        photos_kept=int(kept),
        photos_not_kept=int(not_kept),
    )
