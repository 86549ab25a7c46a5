"""One write transaction on one connection: BEGIN IMMEDIATE waited for, COMMIT or ROLLBACK.

Also how long each held SQLite's write lock (`holds`), which the import bench reports: a
transaction of another process that holds it long makes the bot's writes wait.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")

# How long a write waits in SQLite's busy handler before `transact` logs it and tries again.
BUSY_TIMEOUT_MS = 10000
# The pauses before trying again, the last repeated.
BUSY_BACKOFF = (0.01, 0.02, 0.05, 0.1, 0.2, 0.5)


@dataclass
class Holds:
    """The longest time this process held the write lock, wall and CPU seconds, and count."""

    longest_s: float = 0.0
    longest_cpu_s: float = 0.0
    transactions: int = 0
    longest_what: str = ""

    def reset(self) -> None:
        """Start counting again."""
        self.longest_s = self.longest_cpu_s = 0.0
        self.transactions = 0
        self.longest_what = ""

    def held(self, wall: float, cpu: float, work: object) -> None:
        """Count one transaction's hold of the lock (`work` names the longest)."""
        self.transactions += 1
        if wall > self.longest_s:
            self.longest_s = wall
            self.longest_what = str(getattr(getattr(work, "func", work), "__qualname__", ""))
        self.longest_cpu_s = max(self.longest_cpu_s, cpu)


holds = Holds()


class Busy(Exception):
    """Another process holds the write lock; nothing was done."""


def _is_busy(exc: sqlite3.OperationalError) -> bool:
    return exc.sqlite_errorcode & 0xFF == sqlite3.SQLITE_BUSY


def _begin(conn: sqlite3.Connection, *, inline: bool) -> None:
    """BEGIN IMMEDIATE; on the writer's thread, again and again until the write lock is free.

    Another process (an import, a worker) may hold the lock longer than the busy timeout: the
    write waits its turn rather than fail. Nothing is done before BEGIN, so trying again is safe.
    """
    tries = 0
    while True:
        try:
            conn.execute("BEGIN IMMEDIATE")
            return
        except sqlite3.OperationalError as exc:
            if not _is_busy(exc):
                raise
            # The inline connection does not wait (busy_timeout 0): the thread will.
            if inline:
                raise Busy from exc
            pause = BUSY_BACKOFF[min(tries, len(BUSY_BACKOFF) - 1)]
            tries += 1
            log.warning(
                "the database is busy (another process holds the write lock for over %d ms);"
                " trying again in %.0f ms (attempt %d)",
                BUSY_TIMEOUT_MS,
                pause * 1000,
                tries,
            )
            time.sleep(pause)


def transact(
    conn: sqlite3.Connection,
    work: Callable[[sqlite3.Connection], T],
    durable: bool,
    *,
    inline: bool = False,
) -> T:
    """`work(conn)` in a write transaction: committed when it returns, rolled back if it raises.

    inline=True: a connection that must not wait (busy_timeout 0); Busy if the lock is taken.
    """
    if not durable:
        conn.execute("PRAGMA synchronous = NORMAL")
    try:
        _begin(conn, inline=inline)
        wall, cpu = time.perf_counter(), time.thread_time()
        try:
            result = work(conn)
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        holds.held(time.perf_counter() - wall, time.thread_time() - cpu, work)
        return result
    finally:
        if not durable:
            conn.execute("PRAGMA synchronous = FULL")
