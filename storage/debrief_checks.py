"""The debriefing pack's checks: reporting compliance, data quality and the notable cases.

Every figure is aggregated by SQLite (GROUP BY over the reports and items); Python receives a
few rows per administration and day, never one row per report, so 1,000,000 reports stay in a
bounded memory.
"""

from __future__ import annotations

import itertools
import sqlite3
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from bot.domain.debrief import Amount, Case, CaseItem, Compliance, Quality
from bot.domain.equivalents import kg_equivalent
from bot.domain.places import Places
from bot.domain.units import substance_key
from storage.pending import visible

MAX_CASES = 8
LIVE = f"s.operation_id = ? AND s.voided_at IS NULL AND {visible('s')}"
ITEMS = f"FROM seizure AS s JOIN seizure_item AS i ON i.seizure_id = s.id WHERE {LIVE}"


@dataclass(frozen=True)
class Reads:
    """How the big reads reach an operation's reports: by its index, or by reading the tables."""

    live: str  # WHERE clause of the live reports `s`
    items: str  # FROM ... WHERE of their items `i`


def plan_reads(conn: sqlite3.Connection, op_id: int) -> Reads:
    """Read the tables straight through when the operation holds most of the file's reports.

    Through the operation's index each report is a jump into the table, and each item another
    (1,000,000 reports: 34 s for the items' pass); read in order, the items are one sequential
    pass that finds their report by its key (13 s). An operation that is a small part of the
    file keeps the index, which skips the others' reports.
    """
    (mine,) = conn.execute(
        "SELECT count(*) FROM seizure WHERE operation_id = ?", (op_id,)
    ).fetchone()
    (every,) = conn.execute("SELECT coalesce(max(id), 0) FROM seizure").fetchone()
    if mine * 2 < every:
        return Reads(LIVE, ITEMS)
    # The unary + keeps SQLite from the operation's index; CROSS JOIN keeps the items outside.
    live = "+" + LIVE
    return Reads(
        live, f"FROM seizure_item AS i CROSS JOIN seizure AS s ON s.id = i.seizure_id WHERE {live}"
    )


@dataclass
class ItemChecks:
    """Item counts gathered while the totals are read: provisional, approximate, unclassified."""

    provisional: int = 0
    approximate: int = 0
    unclassified: int = 0
    words: Counter[str] = field(default_factory=Counter)

    def add(self, key: str, count: int, provisional: int, approximate: int) -> None:
        """Count one group of items of a substance key ('?words' when unclassified)."""
        self.provisional += int(provisional or 0)
        self.approximate += int(approximate or 0)
        if key.startswith("?"):
            self.unclassified += count
            self.words[key[1:]] += count


def local_day_sql(
    conn: sqlite3.Connection, op_id: int, zone: ZoneInfo
) -> tuple[str, tuple[str, ...]]:
    """SQL for the local date of `s.reported_at` (stored UTC), and its parameters.

    The zone's offset is constant between its transitions, so the expression is a CASE over
    the few stretches of the operation's reporting span, each shifting by its own offset.
    """
    first, last = conn.execute(
        "SELECT min(reported_at), max(reported_at) FROM seizure WHERE operation_id = ?", (op_id,)
    ).fetchone()
    if first is None:
        return "s.day", ()
    hour = datetime.fromisoformat(first[:13] + ":00:00+00:00")
    end = datetime.fromisoformat(last[:13] + ":00:00+00:00")

    def minutes_at(when: datetime) -> int:
        offset = when.astimezone(zone).utcoffset()
        return int(offset.total_seconds() // 60) if offset is not None else 0

    stretches: list[tuple[str, int]] = []  # (first UTC minute, offset in minutes)
    while hour <= end:
        minutes = minutes_at(hour)
        if not stretches or stretches[-1][1] != minutes:
            # The change fell within the past hour (on a quarter hour, as zones change).
            start = hour
            while stretches and minutes_at(start - timedelta(minutes=15)) == minutes:
                start -= timedelta(minutes=15)
            stretches.append((start.strftime("%Y-%m-%dT%H:%M"), minutes))
        hour += timedelta(hours=1)
    params: list[str] = []
    whens = []
    for (_, minutes), (following, _) in itertools.pairwise(stretches):
        whens.append("WHEN s.reported_at < ? THEN date(substr(s.reported_at, 1, 19), ?)")
        params += [following, f"{minutes:+d} minutes"]
    params.append(f"{stretches[-1][1]:+d} minutes")
    last_stretch = "date(substr(s.reported_at, 1, 19), ?)"
    if not whens:
        return last_stretch, tuple(params)
    return f"CASE {' '.join(whens)} ELSE {last_stretch} END", tuple(params)


def read_reporting(
    conn: sqlite3.Connection, op_id: int, zone: ZoneInfo, reads: Reads
) -> list[tuple[int, str, str, int]]:
    """Live reports counted by administration, seizure day and local reporting day.

    A few rows per administration and day: the reports per day and the compliance (active
    days, delays) both come from them.
    """
    local, params = local_day_sql(conn, op_id, zone)
    return [
        (int(agency_id), day, reported, int(count))
        for agency_id, day, reported, count in conn.execute(
            f"SELECT coalesce(s.agency_id, 0), s.day, {local}, count(*)"
            f" FROM seizure AS s WHERE {reads.live} GROUP BY 1, 2, 3",
            (*params, op_id),
        )
    ]


def read_compliance(
    conn: sqlite3.Connection,
    op_id: int,
    agencies: dict[int, tuple[str, str]],
    reporting: list[tuple[int, str, str, int]],
    start: date | None,
    end: date | None,
    joined: dict[int, date] | None = None,
    began: date | None = None,
) -> tuple[Compliance, ...]:
    """Per administration: reports, nil returns, days active and silent, median delay.

    An administration's days are counted from the later of the day the operation began
    (`began`) and the day it joined (`joined`): a report back-dated before either does not
    make the days before them count as days without a report.
    """
    reports: Counter[int] = Counter()
    active: dict[int, set[str]] = defaultdict(set)
    delays: dict[int, Counter[int]] = defaultdict(Counter)
    for agency_id, day, reported, count in reporting:
        reports[agency_id] += count
        active[agency_id].add(reported)
        delay = (date.fromisoformat(reported) - date.fromisoformat(day)).days
        delays[agency_id][delay] += count
    nils: Counter[int] = Counter()
    for agency_id, day, count in conn.execute(
        "SELECT coalesce(agency_id, 0), day, count(*) FROM nil_return WHERE operation_id = ?"
        " GROUP BY 1, 2",
        (op_id,),
    ):
        nils[agency_id] += count
        active[agency_id].add(day)
    result = []
    for agency_id, (code, name) in agencies.items():
        since = start
        floors = [d for d in (began, (joined or {}).get(agency_id)) if d is not None]
        floor = max(floors) if floors else None
        if start and end and floor:
            # Reports from before it was added (an import's) show it was there already.
            came = min([floor, *map(date.fromisoformat, active[agency_id])])
            since = min(max(start, came), end + timedelta(days=1))
        period = (end - since).days + 1 if since and end else 0
        first, last = (since.isoformat(), end.isoformat()) if since and end else ("", "")
        inside = sum(1 for day in active[agency_id] if first <= day <= last) if period else 0
        result.append(
            Compliance(
                code,
                name,
                reports[agency_id],
                nils[agency_id],
                inside,
                period - inside,
                median(delays[agency_id]),
            )
        )
    return tuple(result)


def median(counts: Counter[int]) -> Decimal | None:
    """The median of values given as a histogram (value -> how many), None when empty."""
    n = sum(counts.values())
    if not n:
        return None
    seen = 0
    lower: int | None = None
    for value in sorted(counts):
        seen += counts[value]
        if lower is None and seen >= (n + 1) // 2:
            lower = value
        if seen >= n // 2 + 1:
            return Decimal(lower + value) / 2 if lower is not None else Decimal(value)
    raise AssertionError("unreachable: the walk ends at the middle")


def read_cases(
    conn: sqlite3.Connection,
    largest: dict[tuple[str, str, str], tuple[int, int]],
    agencies: dict[int, tuple[str, str]],
    places: Places,
) -> tuple[Case, ...]:
    """The largest report of each substance (in each unit and form), largest first.

    `largest` maps a substance key, unit and form to its largest item and that item's report.
    """
    ranked = []
    for (key, unit, form), (nano, seizure_id) in largest.items():
        amount = Amount(key, unit, form, nano)
        kg = kg_equivalent(amount.key, unit, form, amount.value)
        ranked.append((kg is None, -(kg or 0), -nano, seizure_id))
    chosen: list[int] = []
    for *_, seizure_id in sorted(ranked):
        if seizure_id not in chosen:
            chosen.append(seizure_id)
    # Where: the place as every breakdown names it (/alias place), the officer's words beside.
    return tuple(_case(conn, i, agencies, places) for i in chosen[:MAX_CASES])


def _case(
    conn: sqlite3.Connection, seizure_id: int, agencies: dict[int, tuple[str, str]], places: Places
) -> Case:
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
        location=places.shown(row[3]),
        origin=row[4],
        destination=row[5],
        transport=row[6],
        concealment=row[7],
        detection=row[8],
        items=items,
        photos=int(photos),
        photo=bytes(photo[0]) if photo else None,
    )


def read_quality(conn: sqlite3.Connection, op_id: int, items: ItemChecks) -> Quality:
    """What the figures rest on: voided, corrected, and the item checks read with the totals."""
    every = f"s.operation_id = ? AND {visible('s')}"
    reports_all, voided, corrected, no_agency = conn.execute(
        "SELECT count(*), count(s.voided_at), sum(s.voided_at IS NULL AND s.edited_at IS NOT NULL),"
        f" sum(s.voided_at IS NULL AND s.agency_id IS NULL) FROM seizure AS s WHERE {every}",
        (op_id,),
    ).fetchone()
    kept, not_kept = conn.execute(
        "SELECT coalesce(sum(m.kept = 'kept'), 0), coalesce(sum(m.kept != 'kept'), 0)"
        f" FROM seizure_media AS m JOIN seizure AS s ON s.id = m.seizure_id WHERE {LIVE}",
        (op_id,),
    ).fetchone()
    return Quality(
        reports_all=int(reports_all),
        voided=int(voided),
        corrected=int(corrected or 0),
        provisional_items=items.provisional,
        approximate_items=items.approximate,
        unclassified_items=items.unclassified,
        unclassified_words=tuple(sorted(items.words.items(), key=lambda w: (-w[1], w[0]))[:10]),
        no_agency=int(no_agency or 0),
        photos_kept=int(kept),
        photos_not_kept=int(not_kept),
    )
