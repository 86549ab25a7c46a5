"""A report message that recorded nothing, kept in the audit log: refused unread, or held by a
question (an amount far outside the usual, sent twice, a plain line offered as a /seizure).
/undo right after it means that message, so it must not void the officer's report before it."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from storage import audit
from storage.database import Database
from storage.update_claims import claim_update

UNREAD = "seizure.unread"
ASKED = "seizure.asked"  # held by a question: recorded only if the officer says so


async def note_unread(
    db: Database, *, operation_id: int, officer_id: int, update_id: int | None, now: datetime
) -> None:
    """Remember that an officer's report was refused unread, once for an update sent twice."""

    def work(conn: sqlite3.Connection) -> None:
        # A refusal delivered again after a newer report must not land after that report.
        if claim_update(conn, update_id, now):
            audit.add(conn, at=now, actor_id=officer_id, operation_id=operation_id, action=UNREAD)

    await db.write(work, inline=True)


def note_asked(
    conn: sqlite3.Connection, *, operation_id: int, officer_id: int, now: datetime
) -> None:
    """Remember, in the transaction that keeps the question, that a message waits on one."""
    audit.add(conn, at=now, actor_id=officer_id, operation_id=operation_id, action=ASKED)


async def unread_since(
    db: Database, *, operation_id: int, officer_id: int, seizure_id: int
) -> str | None:
    """How the officer's last report message after report `seizure_id` recorded nothing
    (UNREAD or ASKED), or None if none did.

    Read from that report's own audit entry on: a short stretch while /undo may void it.
    """
    row = await db.fetchone(
        "SELECT action FROM audit_log WHERE operation_id = ?1 AND id > (SELECT min(id)"
        " FROM audit_log WHERE operation_id = ?1 AND json_extract(detail, '$.seizure_id') = ?2)"
        " AND actor_id = ?3 AND action IN (?4, ?5) ORDER BY id DESC LIMIT 1",
        (operation_id, seizure_id, officer_id, UNREAD, ASKED),
    )
    return None if row is None else str(row[0])
