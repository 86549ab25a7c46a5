"""The SQLite file: opening it, its pragmas, and transactions that serialise writers."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from storage.inline_commits import INLINE_PRAGMAS, InlineCommits
from storage.migrate import MigrationError, apply_migrations
from storage.transactions import BUSY_TIMEOUT_MS, Busy, transact
from storage.update_claims import _once
from storage.write_queue import WriteQueue
from storage.write_turns import WriteTurns

log = logging.getLogger(__name__)
Params = Sequence[Any] | dict[str, Any]
T = TypeVar("T")

# FULL: a report acknowledged to an officer must survive a power cut, not only a killed process.
PRAGMAS = (
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = FULL",
    "PRAGMA foreign_keys = ON",
)


# After this many inline commits, a passive checkpoint runs in a thread of its own.
CHECKPOINT_EVERY = 200


def _now() -> datetime:
    return datetime.now(UTC)


def _connect(path: Path, *pragmas: str) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)  # used by the thread that made it only
    conn.row_factory = sqlite3.Row
    for pragma in (*PRAGMAS, f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}", *pragmas):
        conn.execute(pragma)
    return conn


def _checkpoint(path: Path) -> None:
    # A connection and a thread of their own: the reader's thread goes on answering queries
    # while the checkpoint copies pages, and no statement of the reader's is open on this one.
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
    finally:
        conn.close()


class _Thread:
    """A thread of its own with one sqlite3 connection, made there and used there only.

    A whole function goes to the thread and its result comes back: one hop for a transaction or
    a query, where aiosqlite would make one per statement (a few tenths of a millisecond each on
    a busy event loop).
    """

    def __init__(self, name: str):
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)
        self._conn: sqlite3.Connection | None = None

    def _call(self, function: Callable[[], T]) -> asyncio.Future[T]:
        return asyncio.get_running_loop().run_in_executor(self._executor, function)

    async def open(self, path: Path) -> None:
        """Make the connection, in the thread."""
        self._conn = await self._call(lambda: _connect(path))

    async def run(self, work: Callable[[sqlite3.Connection], T]) -> T:
        """`work(connection)`, run in the thread."""
        conn = self._conn
        if conn is None:
            raise sqlite3.ProgrammingError("the database is closed")
        return await self._call(lambda: work(conn))

    async def close(self) -> None:
        """Close the connection in its thread, then end the thread."""
        conn, self._conn = self._conn, None
        if conn is not None:
            await self._call(conn.close)
        self._executor.shutdown(wait=False)


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

    Three sqlite3 connections: the writer and the reader each live in a thread of their own;
    the inline writer is used on the event loop's own thread for small transactions (see
    `write`).
    """

    def __init__(self, path: Path, writer: _Thread, reader: _Thread, inline: sqlite3.Connection):
        self.path = path
        self._writer = writer
        self._reader = reader
        self._inline = inline
        self._inline_commits = 0
        self._commits = InlineCommits(path)
        self._checkpointing: asyncio.Task[None] | None = None
        self._write_lock = WriteQueue()  # an officer's writes before the clock's
        self._turns = WriteTurns(path)
        # Bumped by every change to who may do what (memberships, bindings, operations), so
        # that a cache of resolved callers knows when to forget.
        self.access_generation = 0

    @classmethod
    async def open(cls, path: Path | str) -> Database:
        """Migrate the file to the current schema and open it."""
        path = Path(path)
        await asyncio.to_thread(prepare, path)
        writer, reader = _Thread("ocu-db-writer"), _Thread("ocu-db-reader")
        await writer.open(path)
        await reader.open(path)
        return cls(path, writer, reader, _connect(path, *INLINE_PRAGMAS))

    @classmethod
    async def open_read_only(cls, path: Path | str) -> Database:
        """The file opened for reading alone (a worker's, bot.worker): every write is refused.

        No migration (the bot that runs it migrated the file) and one connection in a thread,
        which serves as both reader and writer: a write on it fails as a read-only query.
        """
        path = Path(path)
        reader = _Thread("ocu-db-read-only")
        await reader.open(path)
        await reader.run(lambda conn: conn.execute("PRAGMA query_only = ON"))
        return cls(path, reader, reader, _connect(path, "PRAGMA query_only = ON"))

    async def close(self) -> None:
        """Close the connections, waiting for a running transaction to end."""
        if self._checkpointing is not None:
            await self._checkpointing
        async with self._write_lock.turn():
            self._inline.close()
            self._commits.close()
            await self._reader.close()
            if self._writer is not self._reader:
                await self._writer.close()
            self._turns.close()

    def access_changed(self) -> None:
        """Memberships, bindings or operations changed: cached callers are stale."""
        self.access_generation += 1

    async def write(
        self,
        work: Callable[[sqlite3.Connection], T],
        *,
        durable: bool = True,
        access: bool = False,
        inline: bool = False,
        make_way: bool = False,
        update_id: int | None = None,
        now: datetime | None = None,
    ) -> T:
        """Run `work` as one write transaction of plain sqlite3 code; return what it returns.

        Committed when `work` returns, rolled back if it raises, writers one at a time. By
        default all of it runs in the writer's thread: one hop there and back.

        durable=False skips the fsync at commit, for bookkeeping whose loss at a power cut
        costs nothing (the data stays consistent; the next durable commit syncs it too).
        access=True says the transaction may change who may do what (see access_changed).

        inline=True runs its statements on the event loop's own thread instead, for a small
        transaction whose size does not grow with the data (a report: a dozen statements,
        ~0.2 ms). Measured on the bot's own stack, a hop to a thread costs more than that: the
        thread waits for the interpreter lock while the loop is busy with the next long poll
        (bench/e2e.py). The commit's fsync waits off the loop (storage.inline_commits); anything
        that reads or writes an unbounded number of rows must not be inline. If another process
        holds the write lock, or a recent inline commit was slow, the transaction goes to the
        thread, which waits for the lock.

        make_way=True (a long run of transactions: an import) first lets through every writer of
        another process that is waiting for the write lock (storage/write_turns.py).

        update_id (with `now`) claims the Telegram update that asks for the change, in this
        transaction: Repeated, with nothing done, if that update was carried out before. A
        change whose repeat has an answer calls claim_update itself instead.
        """
        if update_id is not None:
            work = _once(work, update_id, now or _now())
        async with self._write_lock.turn():
            inline = inline and self._commits.allowed()
            if inline:
                started = self._commits.started()
                try:
                    # durable=True leaves the connection's synchronous=NORMAL as it is: the
                    # fsync, if durable, is the sync below.
                    result = transact(self._inline, work, True, inline=True)
                except Busy:
                    self._commits.back_off("another process holds the write lock")
                    inline = False
                else:
                    self._commits.committed(started)
                    self._committed_inline()
                    if durable:
                        await self._commits.sync()
            if not inline:
                turns = self._turns
                if make_way:
                    result = await self._writer.run(
                        lambda conn: turns.make_way(lambda: transact(conn, work, durable))
                    )
                else:
                    result = await self._writer.run(
                        lambda conn: turns.waiting(lambda: transact(conn, work, durable))
                    )
            if access:
                self.access_changed()
            return result

    def others_waiting(self) -> bool:
        """Inside a make_way transaction: whether another process's writer waits for the lock."""
        return self._turns.others_waiting()

    async def sync(self) -> None:
        """Make every commit so far durable (those written with durable=False too): one fsync."""
        await self._commits.sync()

    async def prepare(self, work: Callable[[sqlite3.Connection], T]) -> T:
        """`work` on the writer's connection outside a transaction, for the temp tables it fills.

        A later `write` reads them. Nothing but temp tables may be written: without a
        transaction, each statement would commit on its own.
        """
        async with self._write_lock.turn():
            return await self._writer.run(work)

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
        return await self._reader.run(work)

    async def fetchall(self, sql: str, params: Params = ()) -> list[sqlite3.Row]:
        """Rows of a read-only query, from committed data."""
        return await self._reader.run(lambda conn: _rows(conn, sql, params))

    async def fetchone(self, sql: str, params: Params = ()) -> sqlite3.Row | None:
        """The first row of a read-only query, or None."""
        return await self._reader.run(lambda conn: _row(conn, sql, params))

    async def backup(self, target: Path | str) -> None:
        """A consistent copy of the database while it is in use (SQLite online backup)."""
        await self._reader.run(lambda conn: _backup(conn, target))


def _rows(conn: sqlite3.Connection, sql: str, params: Params) -> list[sqlite3.Row]:
    cursor = conn.execute(sql, params)
    try:
        return list(cursor.fetchall())
    finally:
        cursor.close()


def _row(conn: sqlite3.Connection, sql: str, params: Params) -> sqlite3.Row | None:
    # Closed at once, so that a statement not run to its end holds no read snapshot open.
    cursor = conn.execute(sql, params)
    try:
        row: sqlite3.Row | None = cursor.fetchone()
        return row
    finally:
        cursor.close()


def _backup(conn: sqlite3.Connection, target: Path | str) -> None:
    target_conn = sqlite3.connect(target)
    try:
        conn.backup(target_conn)
    finally:
        target_conn.close()
