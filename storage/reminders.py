"""Reminders: set and removed (marked, never deleted), each audited."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from bot.domain.clock import from_utc_text, utc_text
from bot.domain.when import Reminder, SentReminder
from storage import audit
from storage.database import Database

# Reminders still to come in one operation. Each is a message in every bound group, and a
# group takes 20 messages a minute: hundreds due at once would crowd out the operation's own
# digest and announcements for many minutes.
MAX_ACTIVE = 50
_ACTIVE = (
    "SELECT r.id, r.spec, r.text FROM reminder AS r"
    " WHERE r.operation_id = ? AND r.removed_at IS NULL AND ("
    " r.spec LIKE 'daily %' OR r.spec LIKE 'weekdays %' OR EXISTS (SELECT 1 FROM"
    " scheduled_message AS m WHERE m.kind = 'reminder' AND m.ref_id = r.id"
    " AND m.status IN ('pending', 'sending'))) ORDER BY r.id"
)


class DuplicateReminder(Exception):
    """An active reminder already has this WHEN and text: the group would get it twice."""

    def __init__(self, existing: int):
        super().__init__(f"already set as reminder #{existing}")
        self.existing = existing


class TooManyReminders(Exception):
    """The operation has MAX_ACTIVE reminders to come already; `oldest` is the first one's id."""

    def __init__(self, limit: int, oldest: int):
        super().__init__(f"{limit} reminders to come already")
        self.limit = limit
        self.oldest = oldest


def _reminder(row: sqlite3.Row) -> Reminder:
    return Reminder(
        id=row["id"],
        operation_id=row["operation_id"],
        spec=row["spec"],
        text=row["text"],
        created_by=row["created_by"],
        created_at=from_utc_text(row["created_at"]),
    )


async def add_reminder(
    db: Database,
    *,
    operation_id: int,
    spec: str,
    text: str,
    actor_id: int,
    now: datetime,
    update_id: int | None = None,
) -> Reminder:
    """Store a reminder; `now` is the moment its WHEN was read, kept to the second.

    TooManyReminders when the operation has MAX_ACTIVE to come already, DuplicateReminder when
    one to come has this very WHEN and text (both checked in the same transaction, so two at
    once cannot both pass).
    """
    created = now.replace(microsecond=0)

    def work(conn: sqlite3.Connection) -> Reminder:
        rows = conn.execute(_ACTIVE, (operation_id,)).fetchall()
        # Before: two coordinators each set 'daily 09:00 same text' and the group got it twice.
        twin = next((int(r["id"]) for r in rows if (r["spec"], r["text"]) == (spec, text)), None)
        if twin is not None:
            raise DuplicateReminder(twin)
        active = [int(r["id"]) for r in rows]
        if len(active) >= MAX_ACTIVE:
            raise TooManyReminders(MAX_ACTIVE, active[0])
        cursor = conn.execute(
            "INSERT INTO reminder (operation_id, spec, text, created_by, created_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (operation_id, spec, text, actor_id, utc_text(created)),
        )
        assert cursor.lastrowid is not None
        audit.add(
            conn,
            at=now,
            actor_id=actor_id,
            operation_id=operation_id,
            action="reminder.add",
            reminder_id=cursor.lastrowid,
            spec=spec,
            text=text,
        )
        return Reminder(cursor.lastrowid, operation_id, spec, text, actor_id, created)

    return await db.write(work, update_id=update_id, now=now)


async def reminders(db: Database, *, operation_id: int) -> list[Reminder]:
    """The operation's reminders that are not removed, oldest first."""
    rows = await db.fetchall(
        "SELECT * FROM reminder WHERE operation_id = ? AND removed_at IS NULL ORDER BY id",
        (operation_id,),
    )
    return [_reminder(r) for r in rows]


SENT_SHOWN = 10  # one-offs already sent that /reminders lists; older ones are counted
# The one-offs already settled, newest first, each by its newest row (a one-off has one);
# a missed one by the time it was due, the others by when they went out.
_SENT = (
    "SELECT r.*, m.status AS sent_status, CASE WHEN m.status = 'missed' THEN m.due_at"
    " ELSE coalesce(m.settled_at, m.due_at) END AS sent_at,"
    " count(*) OVER () AS total FROM reminder AS r JOIN scheduled_message AS m"
    " ON m.id = (SELECT max(id) FROM scheduled_message WHERE kind = 'reminder' AND ref_id = r.id)"
    " WHERE r.operation_id = ? AND r.removed_at IS NULL"
    " AND r.spec NOT LIKE 'daily %' AND r.spec NOT LIKE 'weekdays %'"
    " AND m.status IN ('sent', 'late', 'missed', 'failed')"
    " ORDER BY sent_at DESC, r.id DESC LIMIT ?"
)


async def sent_reminders(
    db: Database, *, operation_id: int, limit: int = SENT_SHOWN
) -> tuple[list[SentReminder], int]:
    """The newest `limit` one-off reminders already sent (or missed), and how many there are."""
    rows = await db.fetchall(_SENT, (operation_id, limit))
    sent = [SentReminder(_reminder(r), r["sent_status"], from_utc_text(r["sent_at"])) for r in rows]
    return sent, int(rows[0]["total"]) if rows else 0


async def get_reminder(db: Database, *, reminder_id: int) -> Reminder | None:
    """A reminder by id, if it has not been removed."""
    row = await db.fetchone(
        "SELECT * FROM reminder WHERE id = ? AND removed_at IS NULL", (reminder_id,)
    )
    return _reminder(row) if row else None


async def remove_reminder(
    db: Database,
    *,
    operation_id: int,
    reminder_id: int,
    actor_id: int,
    now: datetime,
    update_id: int | None = None,
) -> Reminder | None:
    """Mark one of this operation's reminders removed; None if it has no such reminder."""

    def work(conn: sqlite3.Connection) -> Reminder | None:
        row = conn.execute(
            "SELECT * FROM reminder WHERE id = ? AND operation_id = ? AND removed_at IS NULL",
            (reminder_id, operation_id),
        ).fetchone()
        if row is None:
            return None
        conn.execute(
            "UPDATE reminder SET removed_at = ? WHERE id = ?", (utc_text(now), reminder_id)
        )
        audit.add(
            conn,
            at=now,
            actor_id=actor_id,
            operation_id=operation_id,
            action="reminder.remove",
            reminder_id=reminder_id,
            spec=row["spec"],
            text=row["text"],
        )
        return _reminder(row)

    return await db.write(work, update_id=update_id, now=now)
