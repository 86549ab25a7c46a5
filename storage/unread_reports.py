"""A /seizure the bot could not read, kept in the audit log: /undo right after it means that
line, so it must not void the officer's report before it."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from storage import audit
from storage.database import Database
from storage.update_claims import claim_update

UNREAD = "seizure.unread"


async def note_unread(
    db: Database, *, operation_id: int, officer_id: int, update_id: int | None, now: datetime
) -> None:
    """Remember that an officer's report was refused unread, once for an update sent twice."""

    def work(conn: sqlite3.Connection) -> None:
        # A refusal delivered again after a newer report must not land after that report.
        if claim_update(conn, update_id, now):
            audit.add(conn, at=now, actor_id=officer_id, operation_id=operation_id, action=UNREAD)

    await db.write(work, inline=True)


async def unread_since(
    db: Database, *, operation_id: int, officer_id: int, seizure_id: int
) -> bool:
    """Whether the officer's last report message after report `seizure_id` went unread.

    Read from that report's own audit entry on: a short stretch while /undo may void it.
    """
    row = await db.fetchone(
        "SELECT 1 FROM audit_log WHERE operation_id = ?1 AND id > (SELECT min(id) FROM audit_log"
        " WHERE operation_id = ?1 AND json_extract(detail, '$.seizure_id') = ?2) AND actor_id = ?3"
        " AND action = ?4 LIMIT 1",
        (operation_id, seizure_id, officer_id, UNREAD),
    )
    return row is not None
