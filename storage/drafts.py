"""Guided entry's drafts: a report as far as the officer has answered, one per person."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.domain.clock import utc_text
from storage.database import Database

# A draft untouched for this long is dropped: the officer has moved on.
DRAFT_LIFETIME = timedelta(days=1)


@dataclass(frozen=True)
class Draft:
    """The answers so far and the step the officer is on."""

    user_id: int
    operation_id: int
    chat_id: int
    step: str
    substance: str | None = None
    amount: str | None = None
    unit: str | None = None
    place: str | None = None


async def current(db: Database, *, user_id: int, now: datetime) -> Draft | None:
    """The person's open draft, unless it is older than a day."""
    row = await db.fetchone(
        "SELECT user_id, operation_id, chat_id, step, substance, amount, unit, place"
        " FROM report_draft WHERE user_id = ? AND updated_at > ?",
        (user_id, utc_text(now - DRAFT_LIFETIME)),
    )
    return Draft(*row) if row else None


async def save(db: Database, draft: Draft, *, now: datetime, update_id: int | None) -> None:
    """Start or move on a draft, claiming the update that did it; old drafts are dropped."""

    def work(conn: sqlite3.Connection) -> None:
        conn.execute(
            "DELETE FROM report_draft WHERE updated_at <= ?", (utc_text(now - DRAFT_LIFETIME),)
        )
        conn.execute(
            "INSERT OR REPLACE INTO report_draft (user_id, operation_id, chat_id, step, substance,"
            " amount, unit, place, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                draft.user_id,
                draft.operation_id,
                draft.chat_id,
                draft.step,
                draft.substance,
                draft.amount,
                draft.unit,
                draft.place,
                utc_text(now),
            ),
        )

    await db.write(work, inline=True, update_id=update_id, now=now)


async def drop(db: Database, *, user_id: int) -> bool:
    """End the person's draft (recorded or cancelled); False if there was none."""

    def work(conn: sqlite3.Connection) -> bool:
        return conn.execute("DELETE FROM report_draft WHERE user_id = ?", (user_id,)).rowcount > 0

    return await db.write(work, inline=True)
