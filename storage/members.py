"""People and their memberships of operations."""

from __future__ import annotations

import re
import sqlite3
from datetime import datetime, timedelta

from bot.domain.clock import from_utc_text, utc_text
from bot.domain.unit import Member, Role
from storage import audit
from storage.database import Database

# A Telegram user id: ASCII digits ('²'.isdigit() is True), within SQLite's 64-bit integers.
_USER_ID = re.compile(r"-?[0-9]{1,18}")


async def remember_person(
    db: Database,
    *,
    user_id: int,
    username: str | None,
    full_name: str,
    private_chat_id: int | None,
    language: str | None = None,
) -> None:
    """Keep a person's current name and username (people rename themselves).

    `language` (from Telegram) is kept only at first contact: a choice made with /language stays.
    """

    def work(conn: sqlite3.Connection) -> None:
        conn.execute(
            "INSERT INTO person (user_id, username, full_name, private_chat_id, language)"
            " VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT (user_id) DO UPDATE SET username = excluded.username,"
            " full_name = excluded.full_name,"
            " private_chat_id = coalesce(excluded.private_chat_id, person.private_chat_id),"
            " language = coalesce(person.language, excluded.language)"
            " WHERE person.username IS NOT excluded.username"
            " OR person.full_name IS NOT excluded.full_name"
            " OR (excluded.private_chat_id IS NOT NULL"
            "     AND person.private_chat_id IS NOT excluded.private_chat_id)"
            " OR (person.language IS NULL AND excluded.language IS NOT NULL)",
            (user_id, username, full_name, private_chat_id, language),
        )

    await db.write(work, access=True)


async def language_of(db: Database, *, user_id: int) -> str | None:
    """The language a person reads, once known."""
    row = await db.fetchone("SELECT language FROM person WHERE user_id = ?", (user_id,))
    return str(row["language"]) if row and row["language"] else None


async def set_language(
    db: Database,
    *,
    user_id: int,
    language: str,
    update_id: int | None = None,
    now: datetime | None = None,
) -> None:
    """A person's own choice of language (/language); Repeated if `update_id` was done before."""

    def work(conn: sqlite3.Connection) -> None:
        conn.execute(
            "INSERT INTO person (user_id, language) VALUES (?, ?)"
            " ON CONFLICT (user_id) DO UPDATE SET language = excluded.language",
            (user_id, language),
        )

    await db.write(work, update_id=update_id, now=now)


async def private_chat_of(db: Database, *, user_id: int) -> int | None:
    """The person's private chat with the bot, once they have written to it there."""
    row = await db.fetchone("SELECT private_chat_id FROM person WHERE user_id = ?", (user_id,))
    return int(row["private_chat_id"]) if row and row["private_chat_id"] is not None else None


def _member(row: sqlite3.Row) -> Member:
    return Member(
        operation_id=row["operation_id"],
        user_id=row["user_id"],
        role=Role(row["role"]),
        agency_id=row["agency_id"],
        agency_code=row["agency_code"],
        username=row["username"],
        full_name=row["full_name"],
        agency_tz=row["agency_tz"],
    )


_MEMBER_SQL = (
    "SELECT m.operation_id, m.user_id, m.role, m.agency_id, a.code AS agency_code,"
    " a.tz AS agency_tz,"
    " p.username, p.full_name FROM membership m JOIN person p ON p.user_id = m.user_id"
    " LEFT JOIN agency a ON a.id = m.agency_id WHERE m.revoked_at IS NULL"
)


async def speaks_for(db: Database, *, operation_id: int, officer_id: int, chat_id: int) -> bool:
    """Whether this chat may show the operation's report by this officer: a group bound to it,
    or the officer's own private chat while a current member of it."""
    row = await db.fetchone(
        "SELECT 1 FROM chat_binding WHERE chat_id = ? AND operation_id = ?"
        " UNION ALL SELECT 1 FROM membership m JOIN person p ON p.user_id = m.user_id"
        " WHERE m.operation_id = ? AND m.user_id = ? AND m.revoked_at IS NULL"
        " AND ? IN (m.user_id, p.private_chat_id) LIMIT 1",
        (chat_id, operation_id, operation_id, officer_id, chat_id),
    )
    return row is not None


async def membership(db: Database, *, operation_id: int, user_id: int) -> Member | None:
    """The person's active membership of the operation."""
    row = await db.fetchone(
        _MEMBER_SQL + " AND m.operation_id = ? AND m.user_id = ?", (operation_id, user_id)
    )
    return _member(row) if row else None


async def memberships_of(db: Database, *, user_id: int) -> list[Member]:
    """Every active membership of one person."""
    rows = await db.fetchall(_MEMBER_SQL + " AND m.user_id = ? ORDER BY m.operation_id", (user_id,))
    return [_member(r) for r in rows]


async def members(db: Database, *, operation_id: int) -> list[Member]:
    """The operation's active members, by role then name."""
    rows = await db.fetchall(
        _MEMBER_SQL + " AND m.operation_id = ? ORDER BY m.role, a.code, p.full_name",
        (operation_id,),
    )
    return [_member(r) for r in rows]


async def current_operation_id(db: Database, *, user_id: int) -> int | None:
    """The operation a person chose with /use."""
    row = await db.fetchone("SELECT current_operation_id FROM person WHERE user_id = ?", (user_id,))
    return row["current_operation_id"] if row else None


async def use_operation(
    db: Database,
    *,
    user_id: int,
    operation_id: int,
    now: datetime,
    update_id: int | None = None,
) -> None:
    """Make an operation the one a person's private messages belong to."""

    def work(conn: sqlite3.Connection) -> None:
        conn.execute(
            "UPDATE person SET current_operation_id = ? WHERE user_id = ?", (operation_id, user_id)
        )
        audit.add(conn, at=now, actor_id=user_id, operation_id=operation_id, action="person.use")

    await db.write(work, access=True, update_id=update_id, now=now)


async def find_member(db: Database, *, operation_id: int, who: str) -> Member | None:
    """A member by @username or numeric id."""
    who = who.strip()
    if _USER_ID.fullmatch(who):
        return await membership(db, operation_id=operation_id, user_id=int(who))
    row = await db.fetchone(
        _MEMBER_SQL + " AND m.operation_id = ? AND lower(p.username) = lower(?)",
        (operation_id, who.removeprefix("@")),
    )
    return _member(row) if row else None


async def revoke(
    db: Database,
    *,
    operation_id: int,
    user_id: int,
    actor_id: int,
    now: datetime,
    update_id: int | None = None,
) -> None:
    """End a membership; the person's reports stay."""

    def work(conn: sqlite3.Connection) -> None:
        conn.execute(
            "UPDATE membership SET revoked_at = ? WHERE operation_id = ? AND user_id = ?",
            (utc_text(now), operation_id, user_id),
        )
        audit.add(
            conn,
            at=now,
            actor_id=actor_id,
            operation_id=operation_id,
            action="member.revoke",
            user_id=user_id,
        )

    await db.write(work, access=True, update_id=update_id, now=now)


# An outsider refused in a chat is not answered there again for this long (handlers.guard).
REFUSED_QUIET = timedelta(minutes=10)
REFUSALS_LOOKED_AT = 1000


async def record_refusal(
    db: Database, *, user_id: int | None, chat_id: int, command: str, now: datetime
) -> bool:
    """An outsider tried a command: the attempt goes to the audit log. Returns whether the same
    person was refused in the same chat within REFUSED_QUIET before."""

    def work(conn: sqlite3.Connection) -> bool:
        # Among the newest REFUSALS_LOOKED_AT entries of no operation only: a flood of other
        # people's refusals must not make each look read the whole log under the write lock.
        last = conn.execute(
            "SELECT at FROM (SELECT at, actor_id, action, detail FROM audit_log"
            " WHERE operation_id IS NULL ORDER BY id DESC LIMIT ?)"
            " WHERE action = 'access.refused' AND actor_id IS ?"
            " AND json_extract(detail, '$.chat_id') = ? LIMIT 1",
            (REFUSALS_LOOKED_AT, user_id, chat_id),
        ).fetchone()
        audit.add(
            conn,
            at=now,
            actor_id=user_id,
            operation_id=None,
            action="access.refused",
            chat_id=chat_id,
            command=command[:64],
        )
        return last is not None and from_utc_text(str(last[0])) > now - REFUSED_QUIET

    return await db.write(work, access=True)
