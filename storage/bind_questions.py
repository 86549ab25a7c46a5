"""A /bind question (Move it / Cancel) is answered once: its first press closes it.

Two presses on the question can both arrive before the first is handled (a double tap; Telegram
hands each over with the message as it was, buttons and all): before, both were carried out, and
a Move it then Cancel left the group moved under "Not moved". The first press is kept in the audit
log, in the transaction that checks for it; a later one finds it and changes nothing.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime

from storage import audit
from storage.database import Database

ANSWERED = "bind.answered"


async def first_answer(
    db: Database, *, chat_id: int, message_id: int, actor_id: int, choice: str, now: datetime
) -> bool:
    """Close the question with this press; False if an earlier press already closed it."""

    def work(conn: sqlite3.Connection) -> bool:
        seen = conn.execute(
            "SELECT 1 FROM audit_log WHERE action = ? AND json_extract(detail, '$.chat_id') = ?"
            " AND json_extract(detail, '$.message_id') = ? LIMIT 1",
            (ANSWERED, chat_id, message_id),
        ).fetchone()
        if seen is not None:
            return False
        audit.add(
            conn, at=now, actor_id=actor_id, operation_id=None, action=ANSWERED,
            chat_id=chat_id, message_id=message_id, choice=choice,
        )  # fmt: skip
        return True

    return await db.write(work)
