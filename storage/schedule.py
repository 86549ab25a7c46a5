"""What the clock will send (scheduled_message) and what it sent to each chat (delivery).

A row is created before it falls due; its unique key (kind, ref_id, due_at) makes a recomputed
plan find the row it made before instead of making a second one. A delivery row is claimed as
'sending' in a committed transaction before Telegram is called, so a crash mid-send can never
lead to a second send.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from bot.domain.clock import from_utc_text, utc_text
from bot.domain.digest import Amount, DigestFacts, NilReturn
from bot.domain.summary import DateRange
from bot.domain.unit import Operation
from bot.domain.when import local_moment, zone
from storage import dimensions
from storage import operations as operation_store
from storage import phases as phase_store
from storage.database import Database
from storage.digest_window import earlier_days, recent_reports, window_totals
from storage.pending import visible
from storage.totals_query import substance_totals

# Still to be sent ('sending': a run began and did not finish, e.g. the process was killed).
Key = tuple[str, int, datetime]  # kind, ref_id, due_at


@dataclass(frozen=True)
class ScheduledMessage:
    """One message the clock sends to every chat bound to the operation."""

    id: int
    operation_id: int
    kind: str
    ref_id: int
    due_at: datetime
    status: str

    @property
    def key(self) -> Key:
        """What makes it unique."""
        return (self.kind, self.ref_id, self.due_at)


@dataclass(frozen=True)
class Delivery:
    """One scheduled message in one chat."""

    scheduled_id: int
    chat_id: int
    status: str
    attempts: int
    message_id: int | None
    error: str | None


def _scheduled(row: sqlite3.Row) -> ScheduledMessage:
    return ScheduledMessage(
        id=row["id"],
        operation_id=row["operation_id"],
        kind=row["kind"],
        ref_id=row["ref_id"],
        due_at=from_utc_text(row["due_at"]),
        status=row["status"],
    )


# A cancelled row comes back when the same message is wanted again (digest off, then on).
_UPSERT = (
    "INSERT INTO scheduled_message (operation_id, kind, ref_id, due_at) VALUES (?, ?, ?, ?)"
    " ON CONFLICT (kind, ref_id, due_at) DO UPDATE SET status = 'pending', settled_at = NULL"
    " WHERE scheduled_message.status = 'cancelled'"
)


def _upsert(conn: sqlite3.Connection, operation_id: int, keys: Iterable[Key]) -> None:
    conn.executemany(_UPSERT, [(operation_id, kind, ref, utc_text(due)) for kind, ref, due in keys])


def _select(
    conn: sqlite3.Connection, sql: str, params: tuple[object, ...]
) -> list[ScheduledMessage]:
    return [_scheduled(r) for r in conn.execute(sql, params).fetchall()]


async def sync_operation(
    db: Database, *, operation_id: int, wanted: Iterable[Key], now: datetime
) -> tuple[list[ScheduledMessage], list[ScheduledMessage]]:
    """Make the operation's future rows match `wanted`: (pending future rows, rows cancelled).

    Only rows due after `now` are touched: one already due belongs to the run that sends it.
    """
    wanted_keys = {(kind, ref, due.replace(microsecond=0)) for kind, ref, due in wanted}
    at = utc_text(now)

    def work(conn: sqlite3.Connection) -> tuple[list[ScheduledMessage], list[ScheduledMessage]]:
        _upsert(conn, operation_id, sorted(wanted_keys))
        future = _select(
            conn,
            "SELECT * FROM scheduled_message WHERE operation_id = ? AND status = 'pending'"
            " AND due_at > ? ORDER BY due_at, id",
            (operation_id, at),
        )
        stale = [row for row in future if row.key not in wanted_keys]
        conn.executemany(
            "UPDATE scheduled_message SET status = 'cancelled', settled_at = ? WHERE id = ?",
            [(at, row.id) for row in stale],
        )
        return [row for row in future if row.key in wanted_keys], stale

    return await db.write(work)


async def add_next(db: Database, *, operation_id: int, key: Key) -> ScheduledMessage:
    """The next occurrence of a repeating message (or the row that is already there)."""

    def work(conn: sqlite3.Connection) -> ScheduledMessage:
        _upsert(conn, operation_id, [key])
        rows = _select(
            conn,
            "SELECT * FROM scheduled_message WHERE kind = ? AND ref_id = ? AND due_at = ?",
            (key[0], key[1], utc_text(key[2])),
        )
        return rows[0]

    return await db.write(work)


async def due_rows(
    db: Database, *, now: datetime, operation_id: int | None = None
) -> list[ScheduledMessage]:
    """Rows still to be sent whose time has come, of one operation or all, oldest first."""
    mine = "" if operation_id is None else " AND operation_id = ?"
    rows = await db.fetchall(
        "SELECT * FROM scheduled_message WHERE status IN ('pending', 'sending') AND due_at <= ?"
        f"{mine} ORDER BY due_at, id",
        (utc_text(now),) if operation_id is None else (utc_text(now), operation_id),
    )
    return [_scheduled(r) for r in rows]


async def open_rows(db: Database, *, operation_id: int | None = None) -> list[ScheduledMessage]:
    """Every row still to be sent, of one operation or all, by due time."""
    if operation_id is None:
        rows = await db.fetchall(
            "SELECT * FROM scheduled_message WHERE status IN ('pending', 'sending')"
            " ORDER BY due_at, id"
        )
    else:
        rows = await db.fetchall(
            "SELECT * FROM scheduled_message WHERE status IN ('pending', 'sending')"
            " AND operation_id = ? ORDER BY due_at, id",
            (operation_id,),
        )
    return [_scheduled(r) for r in rows]


async def begin_sending(db: Database, *, scheduled_id: int) -> bool:
    """Mark a row as being sent; False if it was cancelled or settled meanwhile."""

    def work(conn: sqlite3.Connection) -> bool:
        cursor = conn.execute(
            "UPDATE scheduled_message SET status = 'sending' WHERE id = ?"
            " AND status IN ('pending', 'sending')",
            (scheduled_id,),
        )
        return cursor.rowcount > 0

    return await db.write(work)


async def settle(db: Database, *, scheduled_id: int, status: str, now: datetime) -> None:
    """Record how a row ended: sent, late, missed, cancelled or failed."""

    def work(conn: sqlite3.Connection) -> None:
        conn.execute(
            "UPDATE scheduled_message SET status = ?, settled_at = ? WHERE id = ?",
            (status, utc_text(now), scheduled_id),
        )

    await db.write(work)


async def mark_interrupted(db: Database, *, now: datetime) -> int:
    """Deliveries left 'sending' by a killed process: never resent, recorded 'interrupted'."""

    def work(conn: sqlite3.Connection) -> int:
        cursor = conn.execute(
            "UPDATE delivery SET status = 'interrupted', at = ?,"
            " error = 'the bot stopped while sending; not resent, to never send twice'"
            " WHERE status = 'sending'",
            (utc_text(now),),
        )
        return cursor.rowcount

    return await db.write(work)


async def claim_delivery(db: Database, *, scheduled_id: int, chat_id: int, now: datetime) -> bool:
    """Claim one chat's send, committed before Telegram is called; False if claimed before."""

    def work(conn: sqlite3.Connection) -> bool:
        cursor = conn.execute(
            "INSERT INTO delivery (scheduled_id, chat_id, status, attempts, at)"
            " VALUES (?, ?, 'sending', 0, ?) ON CONFLICT (scheduled_id, chat_id) DO NOTHING",
            (scheduled_id, chat_id, utc_text(now)),
        )
        return cursor.rowcount > 0

    return await db.write(work)


async def finish_delivery(
    db: Database,
    *,
    scheduled_id: int,
    chat_id: int,
    status: str,
    attempts: int,
    now: datetime,
    message_id: int | None = None,
    error: str | None = None,
) -> None:
    """Record how one chat's send ended: sent, failed, blocked or migrated."""

    def work(conn: sqlite3.Connection) -> None:
        conn.execute(
            "UPDATE delivery SET status = ?, attempts = ?, message_id = ?, error = ?, at = ?"
            " WHERE scheduled_id = ? AND chat_id = ?",
            (status, attempts, message_id, error, utc_text(now), scheduled_id, chat_id),
        )

    await db.write(work)


async def refused_before(db: Database, *, chat_id: int, scheduled_id: int, error: str) -> bool:
    """Whether the chat's last delivery before row `scheduled_id`'s was refused with `error`
    (matched case-insensitively within the error recorded)."""
    row = await db.fetchone(
        "SELECT error FROM delivery WHERE chat_id = ? AND scheduled_id != ?"
        " AND status != 'sending' ORDER BY at DESC, scheduled_id DESC LIMIT 1",
        (chat_id, scheduled_id),
    )
    return row is not None and error.lower() in str(row["error"] or "").lower()


async def deliveries(db: Database, *, scheduled_id: int) -> list[Delivery]:
    """What happened in each chat for one row."""
    rows = await db.fetchall(
        "SELECT * FROM delivery WHERE scheduled_id = ? ORDER BY chat_id", (scheduled_id,)
    )
    return [
        Delivery(
            r["scheduled_id"], r["chat_id"], r["status"], r["attempts"], r["message_id"], r["error"]
        )
        for r in rows
    ]


async def next_due(db: Database, *, kind: str, ref_ids: list[int]) -> dict[int, datetime]:
    """The earliest open row of each ref: when each reminder (or digest) comes next."""
    return await _when_per_ref(
        db, "min(due_at)", "status IN ('pending', 'sending')", kind=kind, ref_ids=ref_ids
    )


async def last_sent(db: Database, *, kind: str, ref_ids: list[int]) -> dict[int, datetime]:
    """When each ref's message last went out (sent or late), read through (kind, ref_id, ...)."""
    return await _when_per_ref(
        db, "max(coalesce(settled_at, due_at))", "status IN ('sent', 'late')", kind=kind,
        ref_ids=ref_ids,
    )  # fmt: skip


async def _when_per_ref(
    db: Database, when: str, status: str, *, kind: str, ref_ids: list[int]
) -> dict[int, datetime]:
    # `when` and `status` are this module's own SQL, never a caller's text.
    if not ref_ids:
        return {}
    marks = ", ".join("?" * len(ref_ids))
    rows = await db.fetchall(
        f"SELECT ref_id, {when} AS at FROM scheduled_message WHERE kind = ? AND {status}"
        f" AND ref_id IN ({marks}) GROUP BY ref_id",
        (kind, *ref_ids),
    )
    return {int(r["ref_id"]): from_utc_text(r["at"]) for r in rows}


async def _running_totals(db: Database, *, operation_id: int) -> list[Amount]:
    """The whole operation's totals, as /summary counts them (a linked case once)."""
    rows = await substance_totals(db, operation_id=operation_id, dates=DateRange())
    scope = dimensions.Scope(operation_id, DateRange())
    excess = await dimensions.linked_excess(db, scope=scope, dimension=None)
    return [total for _, total in dimensions.counted_once(rows, excess)]


async def digest_since(
    db: Database, *, operation: Operation, until: datetime, preview: bool = False
) -> datetime:
    """Where the digest cut off at `until` begins: the previous digest's cut-off.

    The windows meet end to end whatever the clock does (a DST change makes a day 23 or 25
    hours) and however the digest time moves, so each report is in exactly one digest. A digest
    that never reached any chat (missed, failed) does not count: the next one covers its
    reports. With no digest before, the local day ending at `until`; for a `preview`, from
    the last digest time before it (asked at 21:41, what the next digest will show: since
    08:00, not the last 24 hours).
    """
    row = await db.fetchone(
        "SELECT max(due_at) AS cut FROM scheduled_message WHERE operation_id = ?"
        " AND kind = 'digest' AND due_at < ? AND status IN ('sent', 'late')",
        (operation.id, utc_text(until)),
    )
    if row is not None and row["cut"] is not None:
        return from_utc_text(row["cut"])
    local = until.astimezone(zone(operation.tz))
    timed = operation.digest_time if preview else None
    at = time.fromisoformat(timed) if timed else local.time()
    day = local.date() - timedelta(days=0 if local.time().replace(tzinfo=None) > at else 1)
    return local_moment(day, at, operation.tz, strict=False)


async def digest_facts(
    db: Database, *, operation: Operation, until: datetime, preview: bool = False
) -> DigestFacts:
    """What the digest cut off at `until` shows: what was recorded since the previous one.

    A preview (asked for now) shows what the next digest would, up to this very second.
    """
    op_id = operation.id
    since_at = await digest_since(db, operation=operation, until=until, preview=preview)
    since = utc_text(since_at)
    end = utc_text(until + timedelta(seconds=1) if preview else until)
    rows = await db.fetchall(
        "SELECT agency_id, count(*) AS n, min(day) AS first, max(day) AS last FROM seizure"
        " WHERE operation_id = ? AND voided_at IS NULL AND reported_at >= ? AND reported_at < ?"
        f" AND {visible()} GROUP BY agency_id",
        (op_id, since, end),
    )
    counts = {(int(r["agency_id"]) if r["agency_id"] is not None else 0): int(r["n"]) for r in rows}
    # The seizure days the window's reports cover: a /reports period that lists them all.
    seized = (
        (
            date.fromisoformat(min(r["first"] for r in rows)),
            date.fromisoformat(max(r["last"] for r in rows)),
        )
        if rows
        else None
    )
    nil_returns: dict[int, NilReturn] = {}
    for r in await db.fetchall(
        "SELECT agency_id, reported_at, note FROM nil_return WHERE operation_id = ?"
        " AND reported_at >= ? AND reported_at < ? ORDER BY reported_at, id",
        (op_id, since, end),
    ):
        if r["agency_id"] is not None:
            nil_returns[int(r["agency_id"])] = NilReturn(
                int(r["agency_id"]), from_utc_text(r["reported_at"]), r["note"]
            )
    return DigestFacts(
        operation=operation,
        since=since_at,
        until=until,
        report_count=sum(counts.values()),
        recent=tuple(await recent_reports(db, operation_id=op_id, since=since, until=end)),
        recent_totals=tuple(await window_totals(db, operation_id=op_id, since=since, until=end)),
        totals=tuple(await _running_totals(db, operation_id=op_id)),
        # An agency added after the window is not in this digest: it cannot have been silent.
        agencies=tuple(
            a
            for a in await operation_store.agencies(db, operation_id=op_id)
            if a.joined_at is None
            or utc_text(a.joined_at) < end
            or a.id in counts
            or a.id in nil_returns
        ),
        reported={k: v for k, v in counts.items() if k},
        nil_returns=nil_returns,
        phases=tuple(await phase_store.phases(db, operation_id=op_id)),
        seized=seized,
        earlier_seized=await earlier_days(db, operation_id=op_id, since=since, until=end),
    )
