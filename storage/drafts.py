"""Guided entry's drafts: a report as far as the officer has answered, one per person."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
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
    message_id: int | None = None  # the bot message asking the current step; its buttons count
    started_by: int | None = None  # the officer's /seizure message that began it


async def current(db: Database, *, user_id: int, now: datetime) -> Draft | None:
    """The person's open draft, unless it is older than a day."""
    row = await db.fetchone(
        "SELECT user_id, operation_id, chat_id, step, substance, amount, unit, place, message_id,"
        " started_message_id FROM report_draft WHERE user_id = ? AND updated_at > ?",
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
            " amount, unit, place, updated_at, message_id, started_message_id)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)",
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
                draft.started_by,
            ),
        )

    await db.write(work, inline=True, update_id=update_id, now=now)


async def drop(db: Database, *, user_id: int) -> bool:
    """End the person's draft (recorded or cancelled); False if there was none."""

    def work(conn: sqlite3.Connection) -> bool:
        return conn.execute("DELETE FROM report_draft WHERE user_id = ?", (user_id,)).rowcount > 0

    return await db.write(work, inline=True)


async def asked_in(db: Database, *, user_id: int, message_id: int) -> None:
    """Remember the message that asks the draft's current step: only its buttons move it."""

    def work(conn: sqlite3.Connection) -> None:
        conn.execute(
            "UPDATE report_draft SET message_id = ? WHERE user_id = ?", (message_id, user_id)
        )

    await db.write(work, inline=True)


class Gone(Exception):
    """The draft was taken before (recorded, cancelled or started again): nothing is recorded."""


def confirmed_under(draft: Draft | None, *, chat_id: int, message_id: int) -> bool:
    """Whether the draft is confirmed and waits for Record it under this very message."""
    return (
        draft is not None
        and draft.step == "confirm"
        and draft.chat_id == chat_id
        and (draft.message_id or message_id) == message_id
    )


def taking(draft: Draft) -> Callable[[sqlite3.Connection], None]:
    """The draft taken in the transaction that records its report (storage.seizures), so that
    the draft goes when its report comes, together: Gone if it is no longer this draft."""

    def work(conn: sqlite3.Connection) -> None:
        row = conn.execute(
            "DELETE FROM report_draft WHERE user_id = ? RETURNING user_id, operation_id, chat_id,"
            " step, substance, amount, unit, place, message_id, started_message_id",
            (draft.user_id,),
        ).fetchone()
        if row is None or Draft(*row) != draft:
            raise Gone  # rolled back with the report's transaction: nothing taken either

    return work


@dataclass(frozen=True)
class GuidedStart:
    """A message began a step-by-step report: recorded as this report, or still a draft."""

    seizure_id: int | None


async def begun_by(
    db: Database, *, user_id: int, chat_id: int, message_id: int, now: datetime
) -> GuidedStart | None:
    """The step-by-step report this person's message began, recorded or still open; else None."""
    row = await db.fetchone(
        "SELECT seizure_id FROM guided_start WHERE chat_id = ? AND message_id = ?",
        (chat_id, message_id),
    )
    if row is not None:
        return GuidedStart(int(row[0]))
    row = await db.fetchone(
        "SELECT 1 FROM report_draft WHERE user_id = ? AND chat_id = ? AND started_message_id = ?"
        " AND updated_at > ?",
        (user_id, chat_id, message_id, utc_text(now - DRAFT_LIFETIME)),
    )
    return GuidedStart(None) if row is not None else None


async def claim(db: Database, *, update_id: int, now: datetime) -> None:
    """Claim an update that is only answered (an edit of a draft's first message), once."""

    def work(conn: sqlite3.Connection) -> None:
        return None

    await db.write(work, inline=True, update_id=update_id, now=now)
