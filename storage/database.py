"""The SQLite file: opening it, its pragmas, and transactions that serialise writers."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any, TypeVar, cast

import aiosqlite

from bot.domain.clock import utc_text
from storage.migrate import MigrationError, apply_migrations

log = logging.getLogger(__name__)
Params = Iterable[Any] | dict[str, Any]
T = TypeVar("T")

# FULL: a report acknowledged to an officer must survive a power cut, not only a killed process.
PRAGMAS = (
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = FULL",
    "PRAGMA foreign_keys = ON",
    "PRAGMA busy_timeout = 10000",
)


# A connection for short transactions run on the event loop's own thread (Database.write with
# inline=True). It never waits for a lock there (a file busy with another process goes to the
# database thread instead), and leaves WAL checkpoints to the threads.
_INLINE_PRAGMAS = ("PRAGMA busy_timeout = 0", "PRAGMA wal_autocheckpoint = 0")
# After this many inline commits, a passive checkpoint runs in the reader's thread.
CHECKPOINT_EVERY = 200


def _now() -> datetime:
    return datetime.now(UTC)


def _connect_inline(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)  # used from the loop's thread only
    conn.row_factory = sqlite3.Row
    for pragma in (*PRAGMAS, *_INLINE_PRAGMAS):
        conn.execute(pragma)
    return conn


# How long an update id is remembered. Telegram keeps an undelivered update for 24 hours at
# most, so no repeat comes later than that; and after a week without updates it may choose the
# next ids at random, so an id remembered for longer could pass a new command off as a repeat.
UPDATE_MEMORY = timedelta(days=3)


class Repeated(Exception):
    """This update was carried out before (redelivered, or replayed after a crash): nothing done."""


def claim_update(conn: sqlite3.Connection, update_id: int | None, now: datetime) -> bool:
    """Remember an update id in the caller's transaction; False if it was claimed already.

    Every change a Telegram update makes claims the update's id in the transaction of the
    change, so the change and the claim commit together or not at all: an update delivered
    twice, or replayed after a crash, changes nothing the second time.
    """
    if update_id is None:
        return True
    conn.execute("DELETE FROM processed_update WHERE at < ?", (utc_text(now - UPDATE_MEMORY),))
    cursor = conn.execute(
        "INSERT OR IGNORE INTO processed_update (update_id, at) VALUES (?, ?)",
        (update_id, utc_text(now)),
    )
    return cursor.rowcount == 1


def _once(
    work: Callable[[sqlite3.Connection], T], update_id: int, now: datetime
) -> Callable[[sqlite3.Connection], T]:
    """`work`, preceded by the claim of its update; Repeated (rolled back) if claimed before."""

    def claimed(conn: sqlite3.Connection) -> T:
        if not claim_update(conn, update_id, now):
            raise Repeated(update_id)
        return work(conn)

    return claimed


class _Busy(Exception):
    """Another process holds the write lock; nothing was done."""


def _checkpoint(path: Path) -> None:
    # A connection of its own: the reader's may hold a statement open between two awaits (a
    # cursor not yet closed), and a checkpoint on it then fails with "table is locked".
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
    finally:
        conn.close()


async def _connect(path: Path) -> aiosqlite.Connection:
    conn = await aiosqlite.connect(path, isolation_level=None)
    conn.row_factory = sqlite3.Row
    for pragma in PRAGMAS:
        await conn.execute(pragma)
    return conn


def _in_thread(conn: aiosqlite.Connection, work: Callable[[], T]) -> Awaitable[T]:
    """Run `work` in the connection's own thread, where its sqlite3 connection lives.

    aiosqlite sends each statement to that thread and back, a round trip of a few tenths of a
    millisecond on a busy event loop; a transaction of ten statements pays it ten times.
    aiosqlite has no public way to send one function instead, so this one place uses its
    internal queue (`_execute`, present since 0.17 and covered by the storage tests).
    """
    execute = cast("Callable[[Callable[[], T]], Awaitable[T]]", conn._execute)
    return execute(work)


def _transact(
    conn: sqlite3.Connection,
    work: Callable[[sqlite3.Connection], T],
    durable: bool,
    *,
    inline: bool = False,
) -> T:
    if not durable:
        conn.execute("PRAGMA synchronous = NORMAL")
    try:
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            # The inline connection does not wait (busy_timeout 0): the thread will.
            if inline and exc.sqlite_errorcode & 0xFF == sqlite3.SQLITE_BUSY:
                raise _Busy from exc
            raise
        try:
            result = work(conn)
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        return result
    finally:
        if not durable:
            conn.execute("PRAGMA synchronous = FULL")


def prepare(path: Path) -> None:
    """Make the file's folder and migrate it, or raise MigrationError saying what is wrong."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise MigrationError(
            f"database {path}: cannot make its folder ({exc.strerror or exc})"
        ) from exc
    apply_migrations(path)


class Database:
    """Writers one at a time behind a lock, a reader beside them (WAL lets them overlap).

    Three connections: the writer and the reader each live in a thread of their own
    (aiosqlite); the inline writer is used on the event loop's thread for small transactions
    (see `write`).
    """

    def __init__(
        self,
        path: Path,
        writer: aiosqlite.Connection,
        reader: aiosqlite.Connection,
        inline: sqlite3.Connection,
    ):
        self.path = path
        self._writer = writer
        self._reader = reader
        self._inline = inline
        self._inline_commits = 0
        self._checkpointing: asyncio.Task[None] | None = None
        self._write_lock = asyncio.Lock()
        # Bumped by every change to who may do what (memberships, bindings, operations), so
        # that a cache of resolved callers knows when to forget.
        self.access_generation = 0

    @classmethod
    async def open(cls, path: Path | str) -> Database:
        """Migrate the file to the current schema and open it."""
        path = Path(path)
        await asyncio.to_thread(prepare, path)
        writer = await _connect(path)
        reader = await _connect(path)
        return cls(path, writer, reader, _connect_inline(path))

    @classmethod
    async def open_read_only(cls, path: Path | str) -> Database:
        """The file opened for reading alone (a worker's, bot.worker): every write is refused.

        No migration (the bot that runs it migrated the file) and one connection in a thread,
        which serves as both reader and writer: a write on it fails as a read-only query.
        """
        path = Path(path)
        reader = await _connect(path)
        await reader.execute("PRAGMA query_only = ON")
        inline = _connect_inline(path)
        inline.execute("PRAGMA query_only = ON")
        return cls(path, reader, reader, inline)

    async def close(self) -> None:
        """Close the connections, waiting for a running transaction to end."""
        if self._checkpointing is not None:
            await self._checkpointing
        async with self._write_lock:
            self._inline.close()
            await self._reader.close()
            if self._writer is not self._reader:
                await self._writer.close()

    def access_changed(self) -> None:
        """Memberships, bindings or operations changed: cached callers are stale."""
        self.access_generation += 1

    @asynccontextmanager
    async def transaction(
        self,
        *,
        durable: bool = True,
        access: bool = False,
        update_id: int | None = None,
        now: datetime | None = None,
    ) -> AsyncIterator[aiosqlite.Connection]:
        """A write transaction: committed when the block ends, rolled back if it raises.

        durable=False skips the fsync at commit, for bookkeeping whose loss at a power cut
        costs nothing (the data stays consistent; the next durable commit syncs it too).
        access=True says the transaction may change who may do what (see access_changed).
        update_id (with `now`) claims the Telegram update that asks for the change, in this
        transaction: Repeated, with nothing done, if that update was carried out before.
        """
        async with self._write_lock:
            if not durable:
                await self._writer.execute("PRAGMA synchronous = NORMAL")
            try:
                await self._writer.execute("BEGIN IMMEDIATE")
                try:
                    if update_id is not None:
                        writer = self._writer
                        claim = partial(claim_update, writer._conn, update_id, now or _now())
                        if not await _in_thread(writer, claim):
                            raise Repeated(update_id)
                    yield self._writer
                except BaseException:
                    await self._writer.execute("ROLLBACK")
                    raise
                await self._writer.execute("COMMIT")
                if access:
                    self.access_changed()
            finally:
                if not durable:
                    await self._writer.execute("PRAGMA synchronous = FULL")

    async def write(
        self,
        work: Callable[[sqlite3.Connection], T],
        *,
        durable: bool = True,
        access: bool = False,
        inline: bool = False,
        update_id: int | None = None,
        now: datetime | None = None,
    ) -> T:
        """Run `work` as one write transaction of plain sqlite3 code.

        The same guarantees as `transaction`: committed when `work` returns, rolled back if it
        raises, writers one at a time. By default all of it runs in the writer's thread: one
        hop there and back instead of one per statement.

        inline=True runs it on the event loop's own thread instead, for a small transaction
        whose size does not grow with the data (a report: a dozen statements, ~0.2 ms, and one
        fsync). Measured on the bot's own stack, a hop to a thread costs more than that: the
        thread waits for the interpreter lock while the loop is busy with the next long poll
        (bench/e2e.py). The loop stalls for the fsync; anything that reads or writes an
        unbounded number of rows must not be inline. If another process holds the write lock,
        the transaction goes to the thread, which waits for it.

        update_id (with `now`) claims the Telegram update that asks for the change, as in
        `transaction`: Repeated, with nothing done, if that update was carried out before.
        """
        if update_id is not None:
            work = _once(work, update_id, now or _now())
        async with self._write_lock:
            if inline:
                try:
                    result = _transact(self._inline, work, durable, inline=True)
                except _Busy:
                    inline = False
                else:
                    self._committed_inline()
            if not inline:
                writer = self._writer
                result = await _in_thread(writer, partial(_transact, writer._conn, work, durable))
            if access:
                self.access_changed()
            return result

    async def claim(self, conn: aiosqlite.Connection, update_id: int | None, now: datetime) -> bool:
        """claim_update inside a `transaction` block, for a change whose repeat has an answer."""
        if conn is not self._writer:
            raise ValueError("claim() runs inside this database's transaction")
        return await _in_thread(conn, partial(claim_update, conn._conn, update_id, now))

    async def carried_out(self, update_id: int) -> bool:
        """Whether a change claimed this update already (it is a redelivery or a replay)."""
        row = await self.fetchone(
            "SELECT 1 FROM processed_update WHERE update_id = ?", (update_id,)
        )
        return row is not None

    def _committed_inline(self) -> None:
        """Count inline commits; every CHECKPOINT_EVERY, checkpoint in a thread."""
        self._inline_commits += 1
        if self._inline_commits % CHECKPOINT_EVERY == 0 and self._checkpointing is None:
            self._checkpointing = asyncio.create_task(self._checkpoint())

    async def _checkpoint(self) -> None:
        """Copy the WAL back into the database file, off the loop; readers and writers go on."""
        try:
            await asyncio.to_thread(_checkpoint, self.path)
        except sqlite3.Error:
            log.exception("a WAL checkpoint failed; the next one will try again")
        finally:
            self._checkpointing = None

    async def read(self, work: Callable[[sqlite3.Connection], T]) -> T:
        """Run `work` on the reader connection, in its thread, over committed data."""
        reader = self._reader
        return await _in_thread(reader, partial(work, reader._conn))

    async def fetchall(self, sql: str, params: Params = ()) -> list[sqlite3.Row]:
        """Rows of a read-only query, from committed data."""
        async with self._reader.execute(sql, params) as cursor:
            return list(await cursor.fetchall())

    async def fetchone(self, sql: str, params: Params = ()) -> sqlite3.Row | None:
        """The first row of a read-only query, or None."""
        async with self._reader.execute(sql, params) as cursor:
            row = await cursor.fetchone()
            return row

    async def backup(self, target: Path | str) -> None:
        """A consistent copy of the database while it is in use (SQLite online backup)."""
        target_conn = await aiosqlite.connect(target)
        try:
            await self._reader.backup(target_conn)
        finally:
            await target_conn.close()
