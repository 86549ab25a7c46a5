"""An update's id claimed in the transaction of the change it makes: twice delivered, once done."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TypeVar

from bot.domain.clock import utc_text

T = TypeVar("T")

UPDATE_MEMORY = timedelta(days=3)


class Repeated(Exception):
    """This update was carried out before (redelivered, or replayed after a crash): nothing done."""


def claim_update(conn: sqlite3.Connection, update_id: int | None, now: datetime) -> bool:
    """Remember an update id in the caller's transaction; False if it was claimed already.

    Every change a Telegram update makes claims the update's id in the transaction of the
    change, so the change and the claim commit together or not at all: an update delivered
    twice, or replayed after a crash, changes nothing the second time.
    """
    if update_id is None:
        return True
    conn.execute("DELETE FROM processed_update WHERE at < ?", (utc_text(now - UPDATE_MEMORY),))
    cursor = conn.execute(
        "INSERT OR IGNORE INTO processed_update (update_id, at) VALUES (?, ?)",
        (update_id, utc_text(now)),
    )
    return cursor.rowcount == 1


def _once(
    work: Callable[[sqlite3.Connection], T], update_id: int, now: datetime
) -> Callable[[sqlite3.Connection], T]:
    """`work`, preceded by the claim of its update; Repeated (rolled back) if claimed before."""

    def claimed(conn: sqlite3.Connection) -> T:
        if not claim_update(conn, update_id, now):
            raise Repeated(update_id)
        return work(conn)

    return claimed
