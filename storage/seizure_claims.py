"""The two steps every write of a report shares: its update claimed once, its totals moved."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from bot.domain.clock import from_utc_text, utc_text
from bot.domain.stored import StoredSeizure
from storage.totals import count_seizure
from storage.update_claims import claim_update


def _claim_update(conn: sqlite3.Connection, update_id: int | None, now: datetime) -> bool:
    """Remember an update id in the caller's transaction; False if it was seen already."""
    if update_id is None:
        return True
    if not claim_update(conn, update_id, now):
        return False
    # New to us: a row still holding this id is from before Telegram chose its ids anew, and
    # that update can never come again. Its id steps aside for the new one (ids are unique).
    conn.execute(
        "UPDATE seizure SET update_id = NULL WHERE update_id = ? AND import_id IS NULL",
        (update_id,),
    )
    conn.execute("UPDATE nil_return SET update_id = NULL WHERE update_id = ?", (update_id,))
    return True


def _count(conn: sqlite3.Connection, seizure: StoredSeizure, sign: int) -> None:
    """Add a stored report to the running totals (+1), or take it out (-1), as stored now."""
    count_seizure(conn, seizure.id, sign)


def _mark_edit(
    conn: sqlite3.Connection, seizure_id: int, edit_date: datetime | None, update_id: int | None
) -> None:
    """Remember the edit a report now reads as, so that an older one delivered late is refused."""
    if edit_date is None:
        return
    conn.execute(
        "UPDATE seizure SET edit_date = ?, edit_update_id = ? WHERE id = ?",
        (utc_text(edit_date), update_id, seizure_id),
    )


def _older_than_applied(
    conn: sqlite3.Connection, seizure_id: int, edit_date: datetime, update_id: int | None
) -> bool:
    """Whether the report already reads as an edit newer than this one.

    edit_date is whole seconds, so edits of the same second are ordered by update_id: Telegram
    numbers updates in the order they happen, and a late delivery keeps its lower id.
    """
    applied_date, applied_update = conn.execute(
        "SELECT edit_date, edit_update_id FROM seizure WHERE id = ?", (seizure_id,)
    ).fetchone()
    if applied_date is None:
        return False
    applied = from_utc_text(str(applied_date))
    if applied != edit_date or applied_update is None or update_id is None:
        return applied > edit_date
    return int(applied_update) >= update_id
