"""Operations, their agencies, and the group chats bound to them."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot.domain.clock import from_utc_text, utc_text
from bot.domain.unit import Agency, Operation
from storage import audit
from storage.database import Database
from storage.pending import agency_visible


class AlreadyExists(Exception):
    """A code that must be unique is taken."""


class BeingImported(AlreadyExists):
    """The agency code is taken by an import still running: it shows when the import finishes."""


def operation_from_row(row: sqlite3.Row) -> Operation:
    """An operation row as the domain object."""
    return Operation(
        id=row["id"],
        code=row["code"],
        title=row["title"],
        tz=row["tz"],
        exercise=bool(row["exercise"]),
        digest_time=row["digest_time"],
        undo_window_s=row["undo_window_s"],
        phase_warning_s=row["phase_warning_s"],
        languages=tuple((row["languages"] or "en").split()),
        began=_began(row),
    )


# An operation's row with its first phase's start: it began on the earlier of that day and the
# day it was set up (a preparation phase added afterwards may start days before).
SELECT_OPERATION = (
    "SELECT *, (SELECT min(starts_at) FROM phase WHERE phase.operation_id = operation.id"
    " AND phase.removed_at IS NULL) AS first_phase_at FROM operation"
)


def _began(row: sqlite3.Row) -> date | None:
    keys = row.keys()
    days = [
        from_utc_text(row[k]).astimezone(ZoneInfo(row["tz"])).date()
        for k in ("created_at", "first_phase_at")
        if k in keys and row[k]
    ]
    return min(days) if days else None


def _agency(row: sqlite3.Row) -> Agency:
    joined = row["joined_at"]
    return Agency(
        row["id"],
        row["operation_id"],
        row["code"],
        row["name"],
        row["tz"],
        from_utc_text(joined) if joined else None,
    )


async def create_operation(
    db: Database,
    *,
    code: str,
    title: str,
    tz: str,
    exercise: bool,
    actor_id: int | None,
    now: datetime,
    digest_time: str = "08:00",
    undo_window_s: int = 900,
    phase_warning_s: int = 86400,
    update_id: int | None = None,
) -> Operation:
    """Create an operation; AlreadyExists if the code is taken."""

    def work(conn: sqlite3.Connection) -> int:
        try:
            cursor = conn.execute(
                "INSERT INTO operation (code, title, tz, exercise, digest_time, undo_window_s,"
                " phase_warning_s, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    code,
                    title,
                    tz,
                    int(exercise),
                    digest_time,
                    undo_window_s,
                    phase_warning_s,
                    utc_text(now),
                    actor_id,
                ),
            )
        except sqlite3.IntegrityError:
            raise AlreadyExists(code) from None
        operation_id = cursor.lastrowid
        assert operation_id is not None
        audit.add(
            conn,
            at=now,
            actor_id=actor_id,
            operation_id=operation_id,
            action="operation.create",
            code=code,
            title=title,
            tz=tz,
            exercise=exercise,
        )
        return operation_id

    operation_id = await db.write(work, access=True, update_id=update_id, now=now)
    found = await get_operation(db, operation_id=operation_id)
    assert found is not None
    return found


async def get_operation(db: Database, *, operation_id: int) -> Operation | None:
    """The operation with this id."""
    row = await db.fetchone(f"{SELECT_OPERATION} WHERE id = ?", (operation_id,))
    return operation_from_row(row) if row else None


async def find_operation(db: Database, *, code: str) -> Operation | None:
    """The operation with this code, ignoring case."""
    row = await db.fetchone(f"{SELECT_OPERATION} WHERE code = ? COLLATE NOCASE", (code,))
    return operation_from_row(row) if row else None


async def all_operations(db: Database) -> list[Operation]:
    """Every operation, oldest first."""
    return [operation_from_row(r) for r in await db.fetchall(f"{SELECT_OPERATION} ORDER BY id")]


async def set_digest_time(
    db: Database,
    *,
    operation_id: int,
    digest_time: str | None,
    actor_id: int,
    now: datetime,
    update_id: int | None = None,
) -> None:
    """Set the local time of the daily digest, or None to turn it off."""

    def work(conn: sqlite3.Connection) -> None:
        conn.execute(
            "UPDATE operation SET digest_time = ? WHERE id = ?", (digest_time, operation_id)
        )
        audit.add(
            conn,
            at=now,
            actor_id=actor_id,
            operation_id=operation_id,
            action="digest.set",
            digest_time=digest_time,
        )

    await db.write(work, access=True, update_id=update_id, now=now)


async def set_languages(
    db: Database,
    *,
    operation_id: int,
    languages: tuple[str, ...],
    actor_id: int,
    now: datetime,
    update_id: int | None = None,
) -> None:
    """Set the language(s) the operation's group messages are written in."""
    # access=True: cached callers carry the operation, whose languages change here.

    def work(conn: sqlite3.Connection) -> None:
        conn.execute(
            "UPDATE operation SET languages = ? WHERE id = ?", (" ".join(languages), operation_id)
        )
        audit.add(
            conn,
            at=now,
            actor_id=actor_id,
            operation_id=operation_id,
            action="languages.set",
            languages=" ".join(languages),
        )

    await db.write(work, access=True, update_id=update_id, now=now)


async def add_agency(
    db: Database,
    *,
    operation_id: int,
    code: str,
    name: str,
    tz: str,
    actor_id: int | None,
    now: datetime,
    update_id: int | None = None,
) -> Agency:
    """Add a participating administration; AlreadyExists if the code is taken here.

    BeingImported if an unfinished import added it (unseen until the import finishes).
    """

    def work(conn: sqlite3.Connection) -> Agency:
        try:
            cursor = conn.execute(
                "INSERT INTO agency (operation_id, code, name, tz, joined_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (operation_id, code, name, tz, utc_text(now)),
            )
        except sqlite3.IntegrityError:
            unseen = conn.execute(
                "SELECT 1 FROM agency WHERE operation_id = ? AND code = ?"
                f" AND NOT {agency_visible()}",
                (operation_id, code),
            ).fetchone()
            raise (BeingImported if unseen else AlreadyExists)(code) from None
        audit.add(
            conn,
            at=now,
            actor_id=actor_id,
            operation_id=operation_id,
            action="agency.add",
            code=code,
            name=name,
            tz=tz,
        )
        assert cursor.lastrowid is not None
        return Agency(cursor.lastrowid, operation_id, code, name, tz, now)

    return await db.write(work, access=True, update_id=update_id, now=now)


async def agencies(db: Database, *, operation_id: int) -> list[Agency]:
    """The operation's agencies, by code."""
    rows = await db.fetchall(
        f"SELECT * FROM agency WHERE operation_id = ? AND {agency_visible()} ORDER BY code",
        (operation_id,),
    )
    return [_agency(r) for r in rows]


async def find_agency(db: Database, *, operation_id: int, code: str) -> Agency | None:
    """The operation's agency with this code, ignoring case."""
    row = await db.fetchone(
        "SELECT * FROM agency WHERE operation_id = ? AND code = ? COLLATE NOCASE"
        f" AND {agency_visible()}",
        (operation_id, code),
    )
    return _agency(row) if row else None


class BindingChanged(Exception):
    """The group's binding is not the one the caller checked; nothing was changed."""


async def bind_chat(
    db: Database,
    *,
    chat_id: int,
    title: str,
    operation_id: int,
    actor_id: int,
    now: datetime,
    replacing: int | None = None,
    update_id: int | None = None,
) -> None:
    """Bind a group chat to an operation, if it is still bound to `replacing` (None: unbound).

    The check and the change are one transaction, so a permission checked against the
    group's binding cannot be spent on another binding; BindingChanged otherwise.
    """

    def work(conn: sqlite3.Connection) -> None:
        row = conn.execute(
            "SELECT operation_id FROM chat_binding WHERE chat_id = ?", (chat_id,)
        ).fetchone()
        if (int(row[0]) if row else None) != replacing:
            raise BindingChanged(chat_id)
        conn.execute(
            "INSERT INTO chat_binding (chat_id, operation_id, title, bound_by, bound_at)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT (chat_id) DO UPDATE SET"
            " operation_id = excluded.operation_id, title = excluded.title,"
            " bound_by = excluded.bound_by, bound_at = excluded.bound_at, blocked_at = NULL",
            (chat_id, operation_id, title, actor_id, utc_text(now)),
        )
        audit.add(
            conn,
            at=now,
            actor_id=actor_id,
            operation_id=operation_id,
            action="chat.bind",
            chat_id=chat_id,
            title=title,
            previous_operation_id=replacing,
        )
        if replacing is not None and replacing != operation_id:
            # The operation that loses the group finds it in its own audit trail too.
            audit.add(
                conn,
                at=now,
                actor_id=actor_id,
                operation_id=replacing,
                action="chat.unbind",
                chat_id=chat_id,
                title=title,
                new_operation_id=operation_id,
            )

    await db.write(work, access=True, update_id=update_id, now=now)


async def bound_operation_id(db: Database, *, chat_id: int) -> int | None:
    """The operation a group chat is bound to."""
    row = await db.fetchone("SELECT operation_id FROM chat_binding WHERE chat_id = ?", (chat_id,))
    return int(row["operation_id"]) if row else None


async def chat_title(db: Database, *, chat_id: int) -> str:
    """A bound chat's title as it was when bound ('' when not bound, or untitled)."""
    row = await db.fetchone("SELECT title FROM chat_binding WHERE chat_id = ?", (chat_id,))
    return str(row["title"]) if row is not None else ""


async def bound_chats(db: Database, *, operation_id: int) -> list[int]:
    """The chats that receive an operation's announcements, reminders and digests."""
    rows = await db.fetchall(
        "SELECT chat_id FROM chat_binding WHERE operation_id = ? AND blocked_at IS NULL"
        " ORDER BY chat_id",
        (operation_id,),
    )
    return [int(r["chat_id"]) for r in rows]


async def migrate_chat(db: Database, *, old_chat_id: int, new_chat_id: int, now: datetime) -> bool:
    """A group became a supergroup: its new id takes over the binding. True if it had one."""

    def work(conn: sqlite3.Connection) -> bool:
        cursor = conn.execute(
            "UPDATE chat_binding SET chat_id = ? WHERE chat_id = ?"
            " AND NOT EXISTS (SELECT 1 FROM chat_binding WHERE chat_id = ?)",
            (new_chat_id, old_chat_id, new_chat_id),
        )
        if cursor.rowcount:
            audit.add(
                conn,
                at=now,
                actor_id=None,
                operation_id=None,
                action="chat.migrate",
                old_chat_id=old_chat_id,
                new_chat_id=new_chat_id,
            )
        return cursor.rowcount > 0

    return await db.write(work, access=True)


async def mark_chat_blocked(db: Database, *, chat_id: int, now: datetime, reason: str) -> None:
    """The bot can no longer write to this chat; stop sending there."""

    def work(conn: sqlite3.Connection) -> None:
        conn.execute(
            "UPDATE chat_binding SET blocked_at = ? WHERE chat_id = ?", (utc_text(now), chat_id)
        )
        audit.add(
            conn,
            at=now,
            actor_id=None,
            operation_id=None,
            action="chat.blocked",
            chat_id=chat_id,
            reason=reason,
        )

    await db.write(work, access=True)
