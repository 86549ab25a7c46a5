"""Updates kept from their arrival until they are handled, so that a killed process loses none."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from datetime import datetime

from bot.domain.clock import utc_text
from storage.database import Database
from storage.update_claims import UPDATE_MEMORY


async def keep(
    db: Database, *, update_id: int, body: str, now: datetime, durable: bool = True
) -> None:
    """Keep an arriving update, committed, as waiting to be handled.

    An update that was handled before and comes again (Telegram redelivers) waits again: its
    handlers, each once-only, answer the repeat. durable=False leaves the fsync to the caller,
    who must call `db.sync()` before Telegram hears that the update arrived.
    """

    def work(conn: sqlite3.Connection) -> None:
        conn.execute(
            "INSERT INTO update_inbox (update_id, body, received_at) VALUES (?, ?, ?)"
            " ON CONFLICT (update_id) DO UPDATE SET body = excluded.body,"
            " received_at = excluded.received_at, handled_at = NULL",
            (update_id, body, utc_text(now)),
        )

    # Durable (now or by the caller's sync): once Telegram hears the update arrived it will
    # not send it again.
    await db.write(work, durable=durable, inline=True)


async def handled(
    db: Database,
    *,
    update_id: int,
    now: datetime,
    also: Sequence[Callable[[sqlite3.Connection], None]] = (),
) -> None:
    """Mark an update handled; handled updates older than UPDATE_MEMORY are forgotten.

    `also`: its handler's own bookkeeping, as lossy as the mark (storage.seizures.reply_of),
    written in the same transaction rather than one of its own.
    """

    def work(conn: sqlite3.Connection) -> None:
        for write in also:
            write(conn)
        conn.execute(
            "UPDATE update_inbox SET handled_at = ? WHERE update_id = ?", (utc_text(now), update_id)
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
