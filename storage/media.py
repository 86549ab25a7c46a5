"""Photos, documents and locations attached to reports: the seizure_media rows and coordinates."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime

from bot.domain.clock import utc_text
from bot.domain.media import Attached as Attached
from bot.domain.media import MediaFile as MediaFile
from storage import audit
from storage.database import Database
from storage.pending import visible


@dataclass(frozen=True)
class ReportRef:
    """The report a later photo or location goes to: enough to check and to answer."""

    seizure_id: int
    operation_id: int
    officer_id: int
    voided: bool
    reply_chat_id: int | None
    reply_message_id: int | None
    number: int = 0  # the report's number in its operation, what people see


_INSERT = (
    "INSERT OR IGNORE INTO seizure_media (seizure_id, kind, file_id, file_unique_id, file_name,"
    " mime_type, size, content, kept, chat_id, message_id, media_group_id, added_by, added_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_REF = (
    "SELECT id, number, operation_id, officer_id, voided_at, reply_chat_id, reply_message_id"
    " FROM seizure WHERE "
)


def _ref(row: sqlite3.Row | None) -> ReportRef | None:
    if row is None:
        return None
    return ReportRef(
        seizure_id=int(row["id"]),
        operation_id=int(row["operation_id"]),
        officer_id=int(row["officer_id"]),
        voided=row["voided_at"] is not None,
        reply_chat_id=row["reply_chat_id"],
        reply_message_id=row["reply_message_id"],
        number=int(row["number"]),
    )


async def attach(
    db: Database,
    *,
    seizure_id: int,
    media: MediaFile,
    chat_id: int,
    message_id: int,
    actor_id: int,
    operation_id: int,
    update_id: int | None,
    now: datetime,
) -> Attached:
    """Keep a file with a report, once; with update_id, the update is claimed (Repeated if not)."""

    def work(conn: sqlite3.Connection) -> Attached:
        new = keep_file(
            conn,
            seizure_id=seizure_id,
            media=media,
            chat_id=chat_id,
            message_id=message_id,
            actor_id=actor_id,
            operation_id=operation_id,
            now=now,
        )
        return attached(conn, seizure_id, media, new)

    # Not inline: a file of up to 20 MB is no small transaction for the event loop's thread.
    return await db.write(work, update_id=update_id, now=now)


async def set_location(
    db: Database,
    *,
    seizure_id: int,
    operation_id: int,
    latitude: float,
    longitude: float,
    actor_id: int,
    update_id: int | None,
    now: datetime,
) -> None:
    """Attach coordinates to a report (a later location replaces them); the update claimed."""

    def work(conn: sqlite3.Connection) -> None:
        conn.execute(
            "UPDATE seizure SET latitude = ?, longitude = ? WHERE id = ?",
            (latitude, longitude, seizure_id),
        )
        audit.add(
            conn,
            at=now,
            actor_id=actor_id,
            operation_id=operation_id,
            action="seizure.location",
            seizure_id=seizure_id,
            latitude=latitude,
            longitude=longitude,
        )

    await db.write(work, update_id=update_id, now=now, inline=True)


async def by_acknowledgement(db: Database, *, chat_id: int, message_id: int) -> ReportRef | None:
    """The report whose acknowledgement is this bot message, if any."""
    row = await db.fetchone(
        _REF + "reply_chat_id = ? AND reply_message_id = ? AND import_id IS NULL"
        " ORDER BY id DESC LIMIT 1",
        (chat_id, message_id),
    )
    return _ref(row)


async def by_message(db: Database, *, chat_id: int, message_id: int) -> ReportRef | None:
    """The report made by this officer's message (a reply to the report itself), if any."""
    row = await db.fetchone(
        _REF + "chat_id = ? AND message_id = ? AND import_id IS NULL ORDER BY id DESC LIMIT 1",
        (chat_id, message_id),
    )
    return _ref(row)


async def by_album(
    db: Database, *, chat_id: int, media_group_id: str, since: datetime
) -> int | None:
    """The report an album's first file went to, if it came in this chat since `since`."""
    row = await db.fetchone(
        "SELECT seizure_id FROM seizure_media WHERE chat_id = ? AND media_group_id = ?"
        " AND added_at >= ? ORDER BY id LIMIT 1",
        (chat_id, media_group_id, utc_text(since)),
    )
    return int(row["seizure_id"]) if row else None


async def latest_of(
    db: Database, *, officer_id: int, chat_id: int, since: datetime
) -> ReportRef | None:
    """The officer's latest live report sent in this chat since `since`."""
    row = await db.fetchone(
        _REF + "officer_id = ? AND chat_id = ? AND reported_at >= ? AND voided_at IS NULL"
        f" AND import_id IS NULL AND {visible()} ORDER BY id DESC LIMIT 1",
        (officer_id, chat_id, utc_text(since)),
    )
    return _ref(row)


async def ref_of(db: Database, seizure_id: int) -> ReportRef | None:
    """The report with this id, for checks before attaching to it."""
    return _ref(await db.fetchone(_REF + "id = ?", (seizure_id,)))


def keep_file(
    conn: sqlite3.Connection,
    *,
    seizure_id: int,
    media: MediaFile,
    chat_id: int,
    message_id: int,
    actor_id: int,
    operation_id: int,
    now: datetime,
) -> bool:
    """Keep one file with a report, audited; False if that file was already kept with it."""
    cursor = conn.execute(
        _INSERT,
        (
            seizure_id, media.kind, media.file_id, media.file_unique_id, media.file_name,
            media.mime_type, media.size, media.content, media.kept, chat_id, message_id,
            media.media_group_id, actor_id, utc_text(now),
        ),
    )  # fmt: skip
    if cursor.rowcount != 1:
        return False
    audit.add(
        conn, at=now, actor_id=actor_id, operation_id=operation_id, action="seizure.media",
        seizure_id=seizure_id, kind=media.kind, kept=media.kept,
    )  # fmt: skip
    return True


def attached(conn: sqlite3.Connection, seizure_id: int, media: MediaFile, new: bool) -> Attached:
    """What a report holds now that `media` was attached: files kept and lost, its number."""
    kept, lost = conn.execute(
        "SELECT coalesce(sum(kept = 'kept'), 0), coalesce(sum(kept != 'kept'), 0)"
        " FROM seizure_media WHERE seizure_id = ?",
        (seizure_id,),
    ).fetchone()
    (number,) = conn.execute("SELECT number FROM seizure WHERE id = ?", (seizure_id,)).fetchone()
    return Attached(seizure_id, media, new, int(kept), int(lost), int(number))
