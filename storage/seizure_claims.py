"""The two steps every write of a report shares: its update claimed once, its totals moved."""

from __future__ import annotations

import sqlite3
from datetime import datetime

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
