"""Whether a report's acknowledgement went out, for the time Telegram has not said with which id.

A report's acknowledgement is remembered by its message (storage.seizures.reply_of) once
Telegram answers. Between the send and that answer the bot may be killed, or Telegram's answer
may never come: the message may well be in the chat, its id unknown. The report then keeps the
chat it went to without a message id, and an update delivered again is told it was done rather
than acknowledged a second time (handlers.acks).
"""

from __future__ import annotations

import sqlite3

from storage.database import Database


async def going_out(db: Database, *, seizure_id: int, chat_id: int) -> None:
    """The acknowledgement is about to be sent to `chat_id`: from now on it may be there."""

    def work(conn: sqlite3.Connection) -> None:
        conn.execute(
            "UPDATE seizure SET reply_chat_id = ?, reply_message_id = NULL"
            " WHERE id = ? AND reply_message_id IS NULL",
            (chat_id, seizure_id),
        )

    # Not durable: a kill leaves it in the file; a power cut that loses it costs at worst a
    # second acknowledgement, as before it was written at all.
    await db.write(work, durable=False, inline=True)


async def not_sent(db: Database, *, seizure_id: int) -> None:
    """Telegram refused the acknowledgement: it is not in the chat, and may be said again."""

    def work(conn: sqlite3.Connection) -> None:
        conn.execute(
            "UPDATE seizure SET reply_chat_id = NULL WHERE id = ? AND reply_message_id IS NULL",
            (seizure_id,),
        )

    await db.write(work, durable=False, inline=True)
