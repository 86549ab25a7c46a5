"""Nil returns: an agency's post checked and nothing seized, once per agency and local day."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.domain.clock import from_utc_text, utc_text
from bot.domain.unit import Operation
from storage import audit
from storage.database import Database
from storage.seizure_claims import _claim_update


@dataclass(frozen=True)
class NilOutcome:
    """The local day of a nil return, and the one recorded before for that day, if any."""

    day: str
    earlier: datetime | None = None  # set: nothing new recorded, that day counts once


async def record_nil(
    db: Database,
    *,
    operation: Operation,
    agency_id: int | None,
    officer_id: int,
    update_id: int | None,
    note: str | None,
    now: datetime,
    tz: str | None = None,
) -> NilOutcome:
    """A nil return for the officer's agency (or, without one, the officer) and local day.

    A second /nil for the same day records nothing and brings back the first one's time.
    The day is the date in `tz`, the officer's agency's zone (else the operation's).
    """
    day = now.astimezone(ZoneInfo(tz) if tz else operation.zone).date().isoformat()

    def work(conn: sqlite3.Connection) -> NilOutcome:
        if not _claim_update(conn, update_id, now):
            return NilOutcome(day)  # this very update recorded it: the same answer again
        earlier = conn.execute(
            "SELECT min(reported_at) FROM nil_return WHERE operation_id = ? AND day = ? AND"
            " (agency_id = ? OR (agency_id IS NULL AND ? IS NULL AND officer_id = ?))",
            (operation.id, day, agency_id, agency_id, officer_id),
        ).fetchone()[0]
        if earlier is not None:
            return NilOutcome(day, from_utc_text(earlier))
        conn.execute(
            "INSERT INTO nil_return (operation_id, agency_id, officer_id, day, note, reported_at,"
            " update_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (operation.id, agency_id, officer_id, day, note, utc_text(now), update_id),
        )
        audit.add(
            conn,
            at=now,
            actor_id=officer_id,
            operation_id=operation.id,
            action="nil.report",
            day=day,
            note=note,
        )
        return NilOutcome(day)

    return await db.write(work, inline=True)
