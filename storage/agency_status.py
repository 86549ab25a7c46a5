"""The operation's agencies, and whether each reported seizures or nil returns in a period."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from zoneinfo import ZoneInfo

from bot.domain.clock import from_utc_text
from bot.domain.summary import AgencyStatus, DateRange
from storage.database import Database
from storage.operations import SELECT_OPERATION, operation_from_row
from storage.pending import SHOWN, agency_visible, counted_visible
from storage.totals_source import rows_of


async def agencies(db: Database, *, operation_id: int) -> list[sqlite3.Row]:
    """The operation's agencies (id, code, name, tz, joined_at), by code."""
    return await db.fetchall(
        "SELECT id, code, name, tz, joined_at FROM agency WHERE operation_id = ?"
        f" AND {agency_visible()} ORDER BY code",
        (operation_id,),
    )


async def agency_statuses(
    db: Database, *, operation_id: int, dates: DateRange, agency_id: int | None = None
) -> list[AgencyStatus]:
    """Per agency: did it report seizures, how many nil returns, in the period."""
    first, last = dates.bounds()
    if dates.first is None and dates.last is None:
        # The whole operation: its 'a' rows, a few thousand at most.
        source, params = rows_of(
            "seizure_total", operation_id, "", [(1, ("a", "", ""))], staged=SHOWN
        )
        sql = f"SELECT DISTINCT agency_id FROM {source}"
    else:
        # The counted reports per day and agency (0013): 25 rows a day, where the totals of a
        # range held 1,000 a day (23 ms of CPU over 47 days at 1,000,000 reports).
        sql = (
            "SELECT agency_id FROM report_count WHERE operation_id = ? AND day BETWEEN ? AND ?"
            f" AND {counted_visible()} GROUP BY agency_id HAVING sum(reports) > 0"
        )
        params = [operation_id, first, last]
    reported = {int(r[0]) for r in await db.fetchall(sql, params)}
    agency_rows = await agencies(db, operation_id=operation_id)
    # Each agency's a seek and a count on nil_return_agency_day (0027): no row read, no sort.
    nil = {
        int(r[0]): int(r[1])
        for r in await db.fetchall(
            "SELECT j.value, (SELECT count(*) FROM nil_return WHERE operation_id = ?"
            " AND agency_id = j.value AND day BETWEEN ? AND ?) FROM json_each(?) AS j",
            (operation_id, first, last, json.dumps([a["id"] for a in agency_rows])),
        )
    }
    set_up = await _set_up(db, operation_id)
    statuses = []
    for a in agency_rows:
        if agency_id is not None and a["id"] != agency_id:
            continue
        joined = _joined_by(a, dates.last, set_up) or await _there_before(
            db, operation_id=operation_id, agency_id=a["id"], last=last
        )
        statuses.append(
            AgencyStatus(
                a["code"], a["name"], a["id"] in reported, nil.get(a["id"], 0), joined=joined
            )
        )
    return statuses


async def _set_up(db: Database, operation_id: int) -> tuple[str, ZoneInfo, date | None]:
    """The day the operation was set up, its zone, and the day it began (Operation.began)."""
    row = await db.fetchone(f"{SELECT_OPERATION} WHERE id = ?", (operation_id,))
    assert row is not None
    zone = ZoneInfo(row["tz"])
    began = operation_from_row(row).began
    return from_utc_text(row["created_at"]).astimezone(zone).date().isoformat(), zone, began


def _joined_by(
    row: sqlite3.Row, last: date | None, set_up: tuple[str, ZoneInfo, date | None]
) -> bool:
    """Whether the agency had joined by the period's last day (in its own zone).

    An agency added the day the operation was set up is one of it from its beginning (a phase
    may come before that day): only one added later is absent before it joined. No agency is
    in it before it began, though a back-dated report puts a period there (/summary last week).
    """
    if last is None:
        return True
    if set_up[2] is not None and last < set_up[2]:
        return False
    if not row["joined_at"]:
        return True
    joined = from_utc_text(row["joined_at"])
    if joined.astimezone(set_up[1]).date().isoformat() <= set_up[0]:
        return True
    return joined.astimezone(ZoneInfo(row["tz"])).date() <= last


async def _there_before(db: Database, *, operation_id: int, agency_id: int, last: str) -> bool:
    """Reports or nil returns by `last` from an agency added later (an import brought them)."""
    row = await db.fetchone(
        "SELECT EXISTS (SELECT 1 FROM report_count WHERE operation_id = ? AND agency_id = ?"
        " AND day <= ? AND reports > 0) OR EXISTS (SELECT 1 FROM nil_return"
        " WHERE operation_id = ? AND agency_id = ? AND day <= ?)",
        (operation_id, agency_id, last, operation_id, agency_id, last),
    )
    return bool(row and row[0])
