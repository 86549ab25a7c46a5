"""The digest's window: the reports recorded between one digest's cut-off and the next."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

from bot.domain.clock import from_utc_text
from bot.domain.digest import MAX_REPORT_LINES, Amount, RecentReport
from bot.domain.units import from_nano, substance_key
from storage.database import Database
from storage.pending import visible
from storage.places import places_of


async def window_totals(db: Database, *, operation_id: int, since: str, until: str) -> list[Amount]:
    """What the reports recorded in [since, until) amount to, a linked case counted once."""
    rows = await db.fetchall(
        "SELECT i.substance, i.substance_text, i.unit, coalesce(i.form, '') AS form,"
        " i.amount_nano, i.seizure_id, coalesce(c.case_id, s.id) AS case_id FROM seizure AS s"
        " JOIN seizure_item AS i ON i.seizure_id = s.id LEFT JOIN seizure_case AS c"
        " ON c.seizure_id = s.id WHERE s.operation_id = ? AND s.voided_at IS NULL"
        f" AND s.reported_at >= ? AND s.reported_at < ? AND {visible('s')}",
        (operation_id, since, until),
    )
    # As /summary counts (storage.dimensions): a linked case once, at its largest report's amount.
    parts: dict[tuple[str, str, str], dict[tuple[int, int], int]] = defaultdict(
        lambda: defaultdict(int)
    )  # substance -> (case, report) -> nano
    for r in rows:
        key = (substance_key(r["substance"], r["substance_text"]), r["unit"], r["form"])
        parts[key][(int(r["case_id"]), int(r["seizure_id"]))] += int(r["amount_nano"])
    totals = []
    for (k, unit, form), reports in parts.items():
        largest: dict[int, int] = defaultdict(int)
        for (case, _report), nano in reports.items():
            largest[case] = max(largest[case], nano)
        totals.append(Amount(k, unit, form or None, from_nano(sum(largest.values())), len(largest)))
    return totals


async def recent_reports(
    db: Database, *, operation_id: int, since: str, until: str
) -> list[RecentReport]:
    """The newest reports recorded in [since, until), newest first, at most MAX_REPORT_LINES."""
    reports = await db.fetchall(
        "SELECT id, number, reported_at, agency_id, location, day FROM seizure"
        " WHERE operation_id = ?"
        f" AND voided_at IS NULL AND reported_at >= ? AND reported_at < ? AND {visible()}"
        " ORDER BY reported_at DESC, id DESC LIMIT ?",
        (operation_id, since, until, MAX_REPORT_LINES),
    )
    ids = [int(r["id"]) for r in reports]
    items: dict[int, list[Amount]] = defaultdict(list)
    if ids:
        marks = ", ".join("?" * len(ids))
        for r in await db.fetchall(
            "SELECT seizure_id, substance, substance_text, amount, unit, form FROM seizure_item"
            f" WHERE seizure_id IN ({marks}) ORDER BY seizure_id, position",
            ids,
        ):
            items[int(r["seizure_id"])].append(
                Amount(
                    substance_key(r["substance"], r["substance_text"]),
                    r["unit"],
                    r["form"],
                    Decimal(r["amount"]),
                    1,
                )
            )
    # Each place as the breakdowns and the pack name it (/alias place), the words beside.
    places = await db.read(lambda conn: places_of(conn, operation_id))
    return [
        RecentReport(
            int(r["id"]),
            from_utc_text(r["reported_at"]),
            r["agency_id"],
            tuple(items[int(r["id"])]),
            places.shown(r["location"]),
            int(r["number"]),
            date.fromisoformat(r["day"]),
        )
        for r in reports
    ]


async def earlier_days(
    db: Database, *, operation_id: int, since: str, until: str
) -> tuple[date, date] | None:
    """The first and last seizure day of the window's reports beyond the newest
    MAX_REPORT_LINES (those the digest does not list); None when there are none."""
    row = await db.fetchone(
        "SELECT min(day), max(day) FROM (SELECT day FROM seizure WHERE operation_id = ?"
        f" AND voided_at IS NULL AND reported_at >= ? AND reported_at < ? AND {visible()}"
        " ORDER BY reported_at DESC, id DESC LIMIT -1 OFFSET ?)",
        (operation_id, since, until, MAX_REPORT_LINES),
    )
    if row is None or row[0] is None:
        return None
    return date.fromisoformat(row[0]), date.fromisoformat(row[1])
