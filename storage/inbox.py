"""Updates kept from their arrival until they are handled, so that a killed process loses none."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from bot.domain.clock import utc_text
from storage.database import Database
from storage.update_claims import UPDATE_MEMORY


@dataclass(frozen=True)
class Handled:
    """An update that arrived again after it was handled; whether its handling answered."""

    answered: bool


async def keep(
    db: Database, *, update_id: int, body: str, now: datetime, durable: bool = True
) -> Handled | None:
    """Keep an arriving update, committed, as waiting to be handled; Handled if it was already.

    An update handled before and delivered again (Telegram redelivers) is not kept to be handled
    again: its handling carried it out or refused it then, and handled again now, against a
    state that has moved on (a group bound since, a report voided since), a refusal could take
    effect. The caller answers the repeat instead (bot.inbox). One kept and not yet handled (its
    handling under way, or a killed run's) waits again. durable=False leaves the fsync to the
    caller, who must call `db.sync()` before Telegram hears that the update arrived.
    """

    def work(conn: sqlite3.Connection) -> Handled | None:
        before = conn.execute(
            "SELECT answered FROM update_inbox WHERE update_id = ? AND handled_at IS NOT NULL",
            (update_id,),
        ).fetchone()
        if before is not None:
            # NULL: handled before the answer was recorded (migration 0031), when every repeat
            # was answered.
            return Handled(answered=before[0] is None or bool(before[0]))
        conn.execute(
            "INSERT INTO update_inbox (update_id, body, received_at) VALUES (?, ?, ?)"
            " ON CONFLICT (update_id) DO UPDATE SET body = excluded.body,"
            " received_at = excluded.received_at, handled_at = NULL",
            (update_id, body, utc_text(now)),
        )
        return None

    # Durable (now or by the caller's sync): once Telegram hears the update arrived it will
    # not send it again.
    return await db.write(work, durable=durable, inline=True)


async def handled(
    db: Database,
    *,
    update_id: int,
    now: datetime,
    answered: bool,
    also: Sequence[Callable[[sqlite3.Connection], None]] = (),
) -> None:
    """Mark an update handled, and whether it was answered; handled updates older than
    UPDATE_MEMORY are forgotten.

    `also`: its handler's own bookkeeping, as lossy as the mark (storage.seizures.reply_of),
    written in the same transaction rather than one of its own.
    """

    def work(conn: sqlite3.Connection) -> None:
        for write in also:
            write(conn)
        conn.execute(
            "UPDATE update_inbox SET handled_at = ?, answered = ? WHERE update_id = ?",
            (utc_text(now), int(answered), update_id),
        )
        conn.execute(
            "DELETE FROM update_inbox WHERE handled_at < ?", (utc_text(now - UPDATE_MEMORY),)
        )

    # Not durable: lost at a power cut, the update is handled again, and every change it asks
    # for is once-only (storage.update_claims.claim_update).
    await db.write(work, durable=False, inline=True)


async def waiting(db: Database) -> list[str]:
    """The bodies of the updates kept and not handled, in the order Telegram numbered them."""
    rows = await db.fetchall(
        "SELECT body FROM update_inbox WHERE handled_at IS NULL ORDER BY update_id"
    )
    return [str(r["body"]) for r in rows]
