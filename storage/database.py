"""The SQLite file: opening it, its pragmas, and transactions that serialise writers."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import aiosqlite

from storage.migrate import apply_migrations

Params = Iterable[Any] | dict[str, Any]

# FULL: a report acknowledged to an officer must survive a power cut, not only a killed process.
PRAGMAS = (
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = FULL",
    "PRAGMA foreign_keys = ON",
    "PRAGMA busy_timeout = 10000",
)


async def _connect(path: Path) -> aiosqlite.Connection:
    conn = await aiosqlite.connect(path, isolation_level=None)
    conn.row_factory = sqlite3.Row
    for pragma in PRAGMAS:
        await conn.execute(pragma)
    return conn


class Database:
    """One writer connection behind a lock, one reader connection; WAL lets them overlap."""

    def __init__(self, path: Path, writer: aiosqlite.Connection, reader: aiosqlite.Connection):
        self.path = path
        self._writer = writer
        self._reader = reader
        self._write_lock = asyncio.Lock()
        # Bumped by every change to who may do what (memberships, bindings, operations), so
        # that a cache of resolved callers knows when to forget.
        self.access_generation = 0

    @classmethod
    async def open(cls, path: Path | str) -> Database:
        """Migrate the file to the current schema and open it."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        await asyncio.to_thread(apply_migrations, path)
        writer = await _connect(path)
        reader = await _connect(path)
        return cls(path, writer, reader)

    async def close(self) -> None:
        """Close both connections, waiting for a running transaction to end."""
        async with self._write_lock:
            await self._reader.close()
            await self._writer.close()

    def access_changed(self) -> None:
        """Memberships, bindings or operations changed: cached callers are stale."""
        self.access_generation += 1

    @asynccontextmanager
    async def transaction(
        self, *, durable: bool = True, access: bool = False
    ) -> AsyncIterator[aiosqlite.Connection]:
        """A write transaction: committed when the block ends, rolled back if it raises.

        durable=False skips the fsync at commit, for bookkeeping whose loss at a power cut
        costs nothing (the data stays consistent; the next durable commit syncs it too).
        access=True says the transaction may change who may do what (see access_changed).
        """
        async with self._write_lock:
            if not durable:
                await self._writer.execute("PRAGMA synchronous = NORMAL")
            try:
                await self._writer.execute("BEGIN IMMEDIATE")
                try:
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
