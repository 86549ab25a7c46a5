"""Seizure reports recorded and corrected, and read back; never deleted.

Voiding (storage/seizure_voids.py), nil returns (storage/nil_returns.py) and aliases
(storage/aliases.py) live beside it and are named here too, for the callers that know this module.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal
from functools import partial
from zoneinfo import ZoneInfo

from bot.domain.clock import from_utc_text, utc_text
from bot.domain.seizure import SeizureItem, SeizureReport
from bot.domain.stored import StoredSeizure
from bot.domain.unit import Operation
from bot.domain.voids import VoidRefusal as VoidRefusal
from bot.domain.voids import VoidRefused as VoidRefused
from storage import audit
from storage.aliases import _aliases, _classified
from storage.aliases import add_alias as add_alias
from storage.checks import TooLarge, first_unusual, same_text_since
from storage.database import Database
from storage.nil_returns import record_nil as record_nil
from storage.pending import visible
from storage.seizure_claims import _claim_update as _claim_update
from storage.seizure_claims import _count as _count
from storage.seizure_claims import _mark_edit, _older_than_applied
from storage.seizure_rows import (
    _INSERT_SEIZURE,
    _READ_COLUMNS,
    _load,
    _read_values,
    _stored_items,
    _write_items,
)
from storage.seizure_voids import find_report as find_report
from storage.seizure_voids import void_seizure as void_seizure


@dataclass(frozen=True)
class Recorded:
    """The outcome of recording: the report, and whether this update was seen before."""

    seizure: StoredSeizure
    duplicate_update: bool


@dataclass(frozen=True)
class SentBefore:
    """Not recorded: the officer sent the very same text a moment ago, as this report."""

    earlier: StoredSeizure


@dataclass(frozen=True)
class Unusual:
    """Not recorded: an item far outside what the operation has seen (its largest so far)."""

    item: SeizureItem
    largest: Decimal | None


# Every function below that takes a sqlite3.Connection runs inside a Database.write: on the
# event loop's own thread for a report's dozen statements (inline=True), in the writer's thread
# for work that grows with the data (an alias over past reports).


def _day(
    conn: sqlite3.Connection,
    report: SeizureReport,
    operation: Operation,
    agency_id: int | None,
    now: datetime,
) -> str:
    # An undated report is of the officer's today: their agency's date, not the operation's.
    row = conn.execute("SELECT tz FROM agency WHERE id = ?", (agency_id,)).fetchone()
    zone = ZoneInfo(str(row[0])) if row else operation.zone
    when: date = report.occurred_on or now.astimezone(zone).date()
    return when.isoformat()


def _unusual(
    conn: sqlite3.Connection, operation_id: int, report: SeizureReport, too_large: TooLarge
) -> Unusual | None:
    found = first_unusual(conn, operation_id=operation_id, items=report.items, too_large=too_large)
    return None if found is None else Unusual(*found)


# The live report a message made, for this operation and officer. Imported reports keep the
# chat and message ids of another history, so they never answer for a live message.
_BY_MESSAGE = (
    "SELECT id FROM seizure WHERE chat_id = ? AND message_id = ? AND operation_id = ?"
    " AND officer_id = ? AND import_id IS NULL"
)


async def record_seizure(
    db: Database,
    *,
    operation: Operation,
    agency_id: int | None,
    officer_id: int,
    chat_id: int,
    message_id: int,
    update_id: int | None,
    text: str,
    report: SeizureReport,
    now: datetime,
    resent_since: datetime | None = None,
    too_large: TooLarge | None = None,
    edit_date: datetime | None = None,
    taking: Callable[[sqlite3.Connection], None] | None = None,
    started_by: int | None = None,
) -> Recorded | SentBefore | Unusual:
    """Record a report with its items and totals in one transaction; a repeat update is a no-op.

    With `too_large`, a report with an item that it finds far outside the operation's largest
    is not recorded: the item comes back so that the officer can be asked (asked first, before
    the resend check, and in this transaction: no trip to the reader's thread). With
    `resent_since`, a report whose text the officer already sent since then, from another
    message, is not recorded: the earlier one comes back so that the officer can be asked.
    `edit_date`: the report is made by an edit, and an older edit delivered late changes nothing.
    `taking` takes what the report is made of (a step-by-step draft) in this transaction; what
    it raises records nothing. `started_by`: the officer's message that began a step-by-step
    report, remembered with it (guided_start) so that its edits find this report.
    """

    def work(conn: sqlite3.Connection) -> Recorded | SentBefore | Unusual:
        # A message makes one report, however often its update comes: asked nothing again.
        row = conn.execute(_BY_MESSAGE, (chat_id, message_id, operation.id, officer_id)).fetchone()
        if row is not None:
            _claim_update(conn, update_id, now)
            return Recorded(_load(conn, int(row[0])), duplicate_update=True)
        if taking is not None:
            taking(conn)
        if too_large is not None:
            unusual = _unusual(conn, operation.id, report, too_large)
            if unusual is not None:
                return unusual
        if resent_since is not None:
            earlier = same_text_since(conn, operation.id, officer_id, text, resent_since)
            if earlier is not None and (earlier.chat_id, earlier.message_id) != (
                chat_id,
                message_id,
            ):
                return SentBefore(earlier)
        _claim_update(conn, update_id, now)
        items = _classified(report.items, _aliases(conn, operation.id, report.items))
        day = _day(conn, report, operation, agency_id, now)
        cursor = conn.execute(
            _INSERT_SEIZURE,
            (
                operation.id,
                agency_id,
                officer_id,
                chat_id,
                message_id,
                update_id,
                utc_text(now),
                *_read_values(text, day, report),
            ),
        )
        seizure_id = cursor.lastrowid
        assert seizure_id is not None
        _write_items(conn, seizure_id, items)
        _mark_edit(conn, seizure_id, edit_date, update_id)
        if started_by is not None:
            conn.execute(
                "INSERT OR IGNORE INTO guided_start (chat_id, message_id, seizure_id)"
                " VALUES (?, ?, ?)",
                (chat_id, started_by, seizure_id),
            )
        # Numbered by the migration's trigger, within the operation, in this transaction.
        (number,) = conn.execute(
            "SELECT number FROM seizure WHERE id = ?", (seizure_id,)
        ).fetchone()
        stored = StoredSeizure(
            id=seizure_id,
            number=int(number),
            operation_id=operation.id,
            officer_id=officer_id,
            agency_id=agency_id,
            chat_id=chat_id,
            message_id=message_id,
            text=text,
            reported_at=from_utc_text(utc_text(now)),
            day=day,
            report=replace(report, items=tuple(items)),
            items=_stored_items(items),
            voided_at=None,
            void_reason=None,
            edited_at=None,
            reply_chat_id=None,
            reply_message_id=None,
        )
        _count(conn, stored, +1)
        audit.add(
            conn,
            at=now,
            actor_id=officer_id,
            operation_id=operation.id,
            action="seizure.report",
            seizure_id=seizure_id,
            text=text,
        )
        return Recorded(stored, duplicate_update=False)

    return await db.write(work, inline=True)


async def correct_seizure(
    db: Database,
    *,
    operation: Operation,
    seizure_id: int,
    update_id: int | None,
    text: str,
    report: SeizureReport,
    actor_id: int,
    now: datetime,
    edit_date: datetime | None = None,
) -> StoredSeizure:
    """Replace a report's items and details with a corrected reading, totals moved along.

    `edit_date` is Telegram's time of the edit: an edit older than the one the report reads as
    (delivered late, after a newer one) changes nothing.
    """

    def work(conn: sqlite3.Connection) -> StoredSeizure:
        old = _load(conn, seizure_id)
        if not _claim_update(conn, update_id, now) or old.voided_at is not None:
            return old
        if edit_date is not None and _older_than_applied(conn, seizure_id, edit_date, update_id):
            return old
        if text == old.text:  # edited to the same words: nothing to correct, nothing recorded
            return old
        _count(conn, old, -1)
        items = _classified(report.items, _aliases(conn, operation.id, report.items))
        day = _day(conn, report, operation, old.agency_id, old.reported_at)
        conn.execute("DELETE FROM seizure_item WHERE seizure_id = ?", (seizure_id,))
        conn.execute(
            f"UPDATE seizure SET {', '.join(f'{c} = ?' for c in _READ_COLUMNS)}, edited_at = ?"
            " WHERE id = ?",
            (*_read_values(text, day, report), utc_text(now), seizure_id),
        )
        # Without an edit date (a press on a question), the report keeps the newest it knows.
        _mark_edit(conn, seizure_id, edit_date, update_id)
        _write_items(conn, seizure_id, items)
        corrected = replace(
            old,
            text=text,
            day=day,
            report=replace(report, items=tuple(items)),
            items=_stored_items(items),
            edited_at=from_utc_text(utc_text(now)),
        )
        _count(conn, corrected, +1)
        audit.add(
            conn,
            at=now,
            actor_id=actor_id,
            operation_id=operation.id,
            action="seizure.correct",
            seizure_id=seizure_id,
            old_text=old.text,
            text=text,
        )
        return corrected

    return await db.write(work, inline=True)


async def keep_unchanged(
    db: Database,
    *,
    seizure_id: int,
    update_id: int | None,
    edit_date: datetime | None,
    now: datetime,
) -> None:
    """An edit that reads as the report already does: nothing corrected, nothing audited.

    Its update is claimed and its time remembered all the same, so that an older edit
    delivered after it is refused as it would be after a correction.
    """

    def work(conn: sqlite3.Connection) -> None:
        if not _claim_update(conn, update_id, now):
            return
        if edit_date is not None and _older_than_applied(conn, seizure_id, edit_date, update_id):
            return
        _mark_edit(conn, seizure_id, edit_date, update_id)

    await db.write(work, inline=True)


def reply_of(
    seizure_id: int, chat_id: int, message_id: int
) -> Callable[[sqlite3.Connection], None]:
    """The write that remembers the bot's confirmation, to run in a transaction of the caller's.

    bot.inbox runs it in the transaction that marks the update handled: one fewer per report.
    """

    def work(conn: sqlite3.Connection) -> None:
        conn.execute(
            "UPDATE seizure SET reply_chat_id = ?, reply_message_id = ? WHERE id = ?",
            (chat_id, message_id, seizure_id),
        )

    return work


async def set_reply(db: Database, *, seizure_id: int, chat_id: int, message_id: int) -> None:
    """Remember the bot's confirmation, so a correction can edit it."""
    # Not durable: lost at a power cut, a correction answers with a new message instead.
    await db.write(reply_of(seizure_id, chat_id, message_id), durable=False, inline=True)


async def get_seizure(db: Database, *, operation_id: int, seizure_id: int) -> StoredSeizure | None:
    """A report of this operation by id."""
    row = await db.fetchone(
        f"SELECT id FROM seizure WHERE id = ? AND operation_id = ? AND {visible()}",
        (seizure_id, operation_id),
    )
    return await load(db, int(row["id"])) if row else None


async def operation_of(db: Database, *, seizure_id: int) -> int | None:
    """The operation a report belongs to (None: no such report, or one not yet counted)."""
    row = await db.fetchone(
        f"SELECT operation_id FROM seizure WHERE id = ? AND {visible()}", (seizure_id,)
    )
    return int(row["operation_id"]) if row else None


async def find_by_message(
    db: Database, *, chat_id: int, message_id: int, officer_id: int
) -> StoredSeizure | None:
    """The live report an officer made with a given Telegram message, in any operation."""
    row = await db.fetchone(
        "SELECT id FROM seizure WHERE chat_id = ? AND message_id = ? AND officer_id = ?"
        " AND import_id IS NULL ORDER BY id DESC LIMIT 1",
        (chat_id, message_id, officer_id),
    )
    return await load(db, int(row["id"])) if row else None


async def author_of(db: Database, *, chat_id: int, message_id: int) -> int | None:
    """Who made a report (live or voided) with a given Telegram message; None for no one."""
    row = await db.fetchone(
        "SELECT officer_id FROM seizure WHERE chat_id = ? AND message_id = ?"
        " AND import_id IS NULL ORDER BY id DESC LIMIT 1",
        (chat_id, message_id),
    )
    return int(row["officer_id"]) if row else None


async def last_of(db: Database, *, operation_id: int, officer_id: int) -> StoredSeizure | None:
    """The officer's latest report, voided or not (/undo undoes that one, or nothing)."""
    row = await db.fetchone(
        f"SELECT id FROM seizure WHERE operation_id = ? AND officer_id = ? AND {visible()}"
        " ORDER BY id DESC LIMIT 1",
        (operation_id, officer_id),
    )
    return await load(db, int(row["id"])) if row else None


async def recent_of(
    db: Database, *, operation_id: int, officer_id: int, limit: int = 10, skip: int = 0
) -> list[StoredSeizure]:
    """The officer's latest reports, voided ones included, newest first (the `skip` newest
    left out)."""
    rows = await db.fetchall(
        f"SELECT id FROM seizure WHERE operation_id = ? AND officer_id = ? AND {visible()}"
        " ORDER BY id DESC LIMIT ? OFFSET ?",
        (operation_id, officer_id, limit, skip),
    )
    return [await load(db, int(r["id"])) for r in rows]


async def count_of(db: Database, *, operation_id: int, officer_id: int) -> int:
    """How many reports the officer has in the operation, voided ones included."""
    row = await db.fetchone(
        f"SELECT count(*) FROM seizure WHERE operation_id = ? AND officer_id = ? AND {visible()}",
        (operation_id, officer_id),
    )
    return int(row[0]) if row else 0


async def load(db: Database, seizure_id: int) -> StoredSeizure:
    """A stored report with its items, from committed data."""
    return await db.read(partial(_load, seizure_id=seizure_id))
