"""Turns at the write lock between processes: a waiting writer goes before an import's next."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


class WriteTurns:
    """Writers waiting for SQLite's write lock, made known to a process that writes in a loop.

    SQLite keeps no queue: a writer waiting in its busy handler looks again after 1 to 100 ms,
    and an import writing transaction after transaction, back to back, may get there first every
    time. So a writer that may wait holds a shared lock on a file beside the database until it
    has committed, and the import takes that lock exclusively before each of its transactions
    (`make_way`), which waits until every such writer is through.
    """

    def __init__(self, database: Path):
        self.path = Path(f"{database}.write-turn")
        self.fd: int | None = None

    def _lock(self, operation: int) -> bool:
        if self.fd is None:
            try:
                self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
            except OSError:
                return False  # a folder we may not write in: no handover, writers still work
        fcntl.flock(self.fd, operation)
        return True

    def waiting(self, work: Callable[[], T]) -> T:
        """`work()` (a transaction that may wait for the lock) with this writer's turn held."""
        held = self._lock(fcntl.LOCK_SH)
        try:
            return work()
        finally:
            if held and self.fd is not None:
                fcntl.flock(self.fd, fcntl.LOCK_UN)

    def make_way(self, work: Callable[[], T]) -> T:
        """`work()`, once no writer of another process is waiting for the write lock."""
        if self._lock(fcntl.LOCK_EX) and self.fd is not None:
            fcntl.flock(self.fd, fcntl.LOCK_UN)
        return work()

    def others_waiting(self) -> bool:
        """Whether a writer of another process is waiting for the write lock right now."""
        try:
            held = self._lock(fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        if held and self.fd is not None:
            fcntl.flock(self.fd, fcntl.LOCK_UN)
        return False

    def close(self) -> None:
        """Close the lock file."""
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None
