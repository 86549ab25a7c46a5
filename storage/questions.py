"""Questions asked before a write, and the files that wait with them, kept in SQLite.

A question (did you mean, an unusual amount, /nil after seizures, sent twice?) is asked about
one message; its buttons name that message. Taking the question is one transaction, so only
one press of Record it records, and after a restart an old button still finds it.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from bot.domain.clock import from_utc_text, utc_text
from bot.domain.media import Attached, MediaFile
from storage.database import Database
from storage.media import attached, keep_file
from storage.seizure_claims import _claim_update
from storage.unread_reports import note_asked
from storage.update_claims import claim_update

NOT_THE_ASKER = "not_the_asker"
REPLACED = "replaced"  # a newer question about the same message (it was edited) took its place
# An album's file waiting for a report that never came is dropped after this long.
WAITING_LIFETIME = timedelta(days=1)


@dataclass(frozen=True)
class Question:
    """What would be recorded, for whom, from which message; the answer decides."""

    kind: str  # 'typed', 'large', 'nil' or 'resend'
    user_id: int
    text: str
    update_id: int
    operation_id: int
    chat_id: int
    message_id: int
    media_group_id: str | None = None
    # When it was asked (None before it is kept): the text is read as of then when answered.
    asked_at: datetime | None = None


_COLUMNS = "kind, user_id, text, update_id, operation_id, chat_id, message_id, media_group_id"


def _wait(
    conn: sqlite3.Connection,
    media: MediaFile,
    *,
    chat_id: int,
    message_id: int,
    actor_id: int,
    now: datetime,
) -> None:
    conn.execute(
        "INSERT OR IGNORE INTO waiting_media (chat_id, message_id, media_group_id, kind, file_id,"
        " file_unique_id, file_name, mime_type, size, content, kept, added_by, added_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            chat_id, message_id, media.media_group_id, media.kind, media.file_id,
            media.file_unique_id, media.file_name, media.mime_type, media.size, media.content,
            media.kept, actor_id, utc_text(now),
        ),
    )  # fmt: skip


async def keep(
    db: Database,
    question: Question,
    *,
    media: MediaFile | None,
    now: datetime,
    claim: bool = False,
    report: bool = False,
) -> bool:
    """Keep a question (a new one for the same message replaces it) and the message's file.

    False, keeping nothing, if this very update asked it already: the update came again, and
    its question is up there (or was answered, which claimed the update). With `claim` (an
    edit's question), the update is claimed now: a newer edit closes the question, and this
    one, delivered again after, must not act as a fresh edit. With `report` (a message that
    would record, held by the question), /undo is told it recorded nothing.
    """

    def work(conn: sqlite3.Connection) -> bool:
        asked = conn.execute(
            "SELECT update_id FROM question WHERE chat_id = ? AND message_id = ?",
            (question.chat_id, question.message_id),
        ).fetchone()
        claimed = conn.execute(
            "SELECT 1 FROM processed_update WHERE update_id = ?", (question.update_id,)
        ).fetchone()
        if claimed is not None or (asked is not None and asked[0] == question.update_id):
            return False
        if claim:
            _claim_update(conn, question.update_id, now)
        conn.execute(
            f"INSERT OR REPLACE INTO question ({_COLUMNS}, asked_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                question.kind, question.user_id, question.text, question.update_id,
                question.operation_id, question.chat_id, question.message_id,
                question.media_group_id, utc_text(question.asked_at or now),
            ),
        )  # fmt: skip
        if media is not None:
            _wait(
                conn, media, chat_id=question.chat_id, message_id=question.message_id,
                actor_id=question.user_id, now=now,
            )  # fmt: skip
        if report:
            note_asked(
                conn, operation_id=question.operation_id, officer_id=question.user_id, now=now
            )
        return True

    return await db.write(work, inline=media is None)


async def take(
    db: Database,
    *,
    chat_id: int,
    message_id: int,
    user_id: int,
    kinds: tuple[str, ...],
    asked_in: int | None = None,
) -> Question | str | None:
    """The question about this message, taken so that no other press finds it.

    None if there is none of these kinds (answered, never asked, or a button of another
    question forged on it); NOT_THE_ASKER, left in place, if someone other than the asker pressed;
    REPLACED, left in place, if pressed under `asked_in`, a question since asked again.
    """

    def work(conn: sqlite3.Connection) -> Question | str | None:
        row = conn.execute(
            f"SELECT {_COLUMNS}, asked_at, asked_message_id FROM question"
            " WHERE chat_id = ? AND message_id = ?",
            (chat_id, message_id),
        ).fetchone()
        if row is None or row[0] not in kinds:
            return None
        if asked_in is not None and row[-1] is not None and row[-1] != asked_in:
            return REPLACED  # pressed under an older question: the newest text is asked now
        question = replace(Question(*row[:-2]), asked_at=from_utc_text(row[-2]))
        if question.user_id != user_id:
            return NOT_THE_ASKER
        conn.execute(
            "DELETE FROM question WHERE chat_id = ? AND message_id = ?", (chat_id, message_id)
        )
        return question

    return await db.write(work, inline=True)


async def asked_in(db: Database, *, chat_id: int, message_id: int, asked_message_id: int) -> None:
    """Remember which bot message asks the question about this message."""

    def work(conn: sqlite3.Connection) -> None:
        conn.execute(
            "UPDATE question SET asked_message_id = ? WHERE chat_id = ? AND message_id = ?",
            (asked_message_id, chat_id, message_id),
        )

    await db.write(work, inline=True)


async def close(
    db: Database, *, chat_id: int, message_id: int, update_id: int
) -> tuple[int, int] | None:
    """Drop the question about a message (it was edited); the bot message that asked it, and
    the question's operation.

    A question this very update asked stays: the edit came twice, and it is the newest.
    """

    def work(conn: sqlite3.Connection) -> tuple[int, int] | None:
        row = conn.execute(
            "SELECT asked_message_id, update_id, operation_id FROM question"
            " WHERE chat_id = ? AND message_id = ?",
            (chat_id, message_id),
        ).fetchone()
        if row is None or row[1] == update_id:
            return None
        conn.execute(
            "DELETE FROM question WHERE chat_id = ? AND message_id = ?", (chat_id, message_id)
        )
        return None if row[0] is None else (int(row[0]), int(row[2]))

    return await db.write(work, inline=True)


async def asked_about(db: Database, *, chat_id: int, message_id: int) -> bool:
    """Whether a question about this message waits, asked under it with its own buttons."""
    row = await db.fetchone(
        "SELECT 1 FROM question WHERE chat_id = ? AND message_id = ?"
        " AND asked_message_id IS NOT NULL",
        (chat_id, message_id),
    )
    return row is not None


async def asker_of(db: Database, *, chat_id: int, message_id: int) -> int | None:
    """Who was asked about a message (its author); None if no question waits on it."""
    row = await db.fetchone(
        "SELECT user_id FROM question WHERE chat_id = ? AND message_id = ?", (chat_id, message_id)
    )
    return None if row is None else int(row[0])


async def album_asked(db: Database, *, chat_id: int, media_group_id: str) -> bool:
    """Whether a question waits on a message of this album."""
    row = await db.fetchone(
        "SELECT 1 FROM question WHERE chat_id = ? AND media_group_id = ?",
        (chat_id, media_group_id),
    )
    return row is not None


async def wait(
    db: Database,
    media: MediaFile,
    *,
    chat_id: int,
    message_id: int,
    actor_id: int,
    now: datetime,
) -> None:
    """Keep an album's file until the report it belongs to is recorded."""

    def work(conn: sqlite3.Connection) -> None:
        # An album none of whose messages became a report is forgotten after a day.
        conn.execute(
            "DELETE FROM waiting_media WHERE added_at < ? AND NOT EXISTS (SELECT 1 FROM question"
            " AS q WHERE q.chat_id = waiting_media.chat_id"
            " AND q.message_id = waiting_media.message_id)",
            (utc_text(now - WAITING_LIFETIME),),
        )
        _wait(conn, media, chat_id=chat_id, message_id=message_id, actor_id=actor_id, now=now)

    await db.write(work)


async def attach_waiting(
    db: Database,
    *,
    seizure_id: int,
    operation_id: int,
    chat_id: int,
    message_id: int,
    media_group_id: str | None,
    actor_id: int,
    now: datetime,
) -> Attached | None:
    """Move the files waiting for this message (and its album) to its report; None if none."""

    def work(conn: sqlite3.Connection) -> Attached | None:
        where = (
            "chat_id = ? AND (message_id = ? OR (media_group_id IS NOT NULL"
            " AND media_group_id = ?))"
        )
        params = (chat_id, message_id, media_group_id)
        rows = conn.execute(
            "SELECT kind, file_id, file_unique_id, file_name, mime_type, size, content, kept,"
            f" media_group_id, message_id FROM waiting_media WHERE {where} ORDER BY message_id",
            params,
        ).fetchall()
        if not rows:
            return None
        for row in rows:
            media = MediaFile(*row[:9])
            keep_file(
                conn, seizure_id=seizure_id, media=media, chat_id=chat_id,
                message_id=int(row[9]), actor_id=actor_id, operation_id=operation_id, now=now,
            )  # fmt: skip
        conn.execute(f"DELETE FROM waiting_media WHERE {where}", params)
        return attached(conn, seizure_id, media, True)

    # Not inline: an album's files are no small transaction for the event loop's thread.
    return await db.write(work)


async def drop_waiting(
    db: Database,
    *,
    chat_id: int,
    message_id: int,
    media_group_id: str | None,
    update_id: int | None = None,
    now: datetime | None = None,
) -> None:
    """Forget the files of a report that was not recorded (its question answered Cancel).

    With update_id, the update that asked is claimed: answered, it asks nothing if it comes again.
    """

    def work(conn: sqlite3.Connection) -> None:
        if update_id is not None and now is not None:
            claim_update(conn, update_id, now)
        conn.execute(
            "DELETE FROM waiting_media WHERE chat_id = ? AND (message_id = ?"
            " OR (media_group_id IS NOT NULL AND media_group_id = ?))",
            (chat_id, message_id, media_group_id),
        )

    await db.write(work, inline=True)


async def drop_asked(
    db: Database,
    *,
    user_id: int,
    chat_id: int,
    kinds: tuple[str, ...],
    update_id: int | None = None,
    now: datetime | None = None,
) -> list[tuple[str, int | None]]:
    """Forget this person's open questions of these kinds in this chat (/cancel), claiming the
    update; each one's kind and the bot message that asked it (None if none is known)."""
    marks = ", ".join("?" for _ in kinds)

    def work(conn: sqlite3.Connection) -> list[tuple[str, int | None]]:
        gone = conn.execute(
            f"DELETE FROM question WHERE user_id = ? AND chat_id = ? AND kind IN ({marks})"
            " RETURNING kind, asked_message_id",
            (user_id, chat_id, *kinds),
        ).fetchall()
        return [(str(r[0]), None if r[1] is None else int(r[1])) for r in gone]

    return await db.write(work, inline=True, update_id=update_id, now=now)
