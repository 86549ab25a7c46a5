"""Voiding a report: it stays, marked with who, when and why, and leaves the totals."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import datetime, timedelta

from bot.domain.clock import from_utc_text, utc_text
from bot.domain.stored import StoredSeizure
from bot.domain.unit import Operation
from bot.domain.voids import VoidRefusal, VoidRefused
from storage import audit
from storage.database import Database
from storage.pending import visible
from storage.seizure_claims import _claim_update, _count
from storage.seizure_rows import _load
from storage.update_claims import Repeated


def find_report(
    conn: sqlite3.Connection, operation_id: int, *, seizure_id: int | None, number: int | None
) -> int:
    """The internal id of a visible report of this operation, by id or by number; or refused."""
    column, value = ("id", seizure_id) if number is None else ("number", number)
    found = conn.execute(
        f"SELECT id FROM seizure WHERE {column} = ? AND operation_id = ? AND {visible()}",
        (value, operation_id),
    ).fetchone()
    if found is None:
        raise VoidRefused(VoidRefusal.NOT_FOUND, number)
    return int(found[0])


def _was_restored(conn: sqlite3.Connection, operation_id: int, seizure_id: int) -> bool:
    row = conn.execute(
        "SELECT 1 FROM audit_log WHERE operation_id = ? AND action = 'seizure.restore'"
        " AND json_extract(detail, '$.seizure_id') = ? LIMIT 1",
        (operation_id, seizure_id),
    ).fetchone()
    return row is not None


async def was_restored(db: Database, *, operation_id: int, seizure_id: int) -> bool:
    """Whether the report was ever restored after a void: its Undo is spent."""
    return bool(await db.read(lambda conn: _was_restored(conn, operation_id, seizure_id)))


async def void_seizure(
    db: Database,
    *,
    operation: Operation,
    seizure_id: int | None = None,
    number: int | None = None,
    update_id: int | None,
    actor_id: int,
    may_void_any: bool,
    reason: str,
    now: datetime,
    within: timedelta | None = None,
) -> StoredSeizure:
    """Mark a report void (it stays, with who, when and why) and take it out of the totals.

    The report is named by its internal id (a button, /undo) or by its number in the operation
    (what a person types).
    """

    def work(conn: sqlite3.Connection) -> StoredSeizure:
        seizure_id = find_report(conn, operation.id, seizure_id=given_id, number=number)
        old = _load(conn, seizure_id)
        if not _claim_update(conn, update_id, now):
            if old.voided_at is not None:
                return old  # voided by this very update: the same answer again
            raise Repeated(update_id)  # it voided another report (an /undo before this one)
        # Whose it is before what state it is in: another officer's report is simply not theirs.
        if old.officer_id != actor_id and not may_void_any:
            raise VoidRefused(VoidRefusal.NOT_YOURS, old.number)
        if old.voided_at is not None:
            raise VoidRefused(VoidRefusal.ALREADY_VOIDED, old.number)
        if within is not None and now - old.reported_at > within:
            raise VoidRefused(VoidRefusal.TOO_LATE, old.number, within)
        if within is not None and _was_restored(conn, operation.id, old.id):
            # A coordinator gave it back: an old Undo press must not take it away again.
            raise VoidRefused(VoidRefusal.RESTORED, old.number)
        _count(conn, old, -1)
        conn.execute(
            "UPDATE seizure SET voided_at = ?, voided_by = ?, void_reason = ? WHERE id = ?",
            (utc_text(now), actor_id, reason, seizure_id),
        )
        audit.add(
            conn,
            at=now,
            actor_id=actor_id,
            operation_id=operation.id,
            action="seizure.void",
            seizure_id=seizure_id,
            reason=reason,
        )
        return replace(old, voided_at=from_utc_text(utc_text(now)), void_reason=reason)

    given_id = seizure_id
    return await db.write(work, inline=True)
