"""When a small write may run on the event loop's own thread, and its fsync off it.

A report's transaction is a dozen statements (~0.2 ms) and one fsync. The statements are
cheap enough for the loop's thread, where they save a hop to the writer's thread (about 1 ms
on a busy loop, bench/e2e.py); the fsync is not: on a disk shared with an import or an export
it takes tens of milliseconds, sometimes hundreds, and every officer waits meanwhile
(bench/fsync_stall.py). So the inline connection commits with synchronous=NORMAL (in WAL mode:
the frames are written, not synced) and the write then waits, off the loop, for an fsync of the
WAL file before it returns. What it returned is as durable as a commit with synchronous=FULL:
the same file synced after the same frames, before anyone is told.

And when even the unsynced commit held the loop for long (writes to the page cache throttled by
another process's flood of dirty pages), or the file was locked by another process, writes go
to the writer's thread for a while before trying the loop's thread again.
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

log = logging.getLogger(__name__)

# An inline commit (without its fsync) that held the loop longer than this is a sign of a
# contended disk: the loop's budget is 50 ms for everything, and a calm commit takes ~0.2 ms.
SLOW_COMMIT_S = 0.010
# For how long writes then go to the writer's thread before the loop's thread is tried again.
BACK_OFF_S = 10.0

# The inline connection's own pragmas: it never waits for a lock on the loop's thread (busy
# file: the thread waits instead), leaves checkpoints to a thread, and leaves the fsync of its
# commits to InlineCommits.sync.
INLINE_PRAGMAS = (
    "PRAGMA busy_timeout = 0",
    "PRAGMA wal_autocheckpoint = 0",
    "PRAGMA synchronous = NORMAL",
)


def sync_file(path: Path) -> None:
    """fsync a file by name (run in the sync thread; a test may put a slow one in its place)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class _Pending:
    """One fsync asked for; `started` is set in the sync thread just before it begins."""

    def __init__(self) -> None:
        self.started = False
        self.done: asyncio.Future[None] | None = None


class InlineCommits:
    """The inline writer's fsync thread, and whether the next write may be inline."""

    def __init__(self, database: Path, clock: Callable[[], float] = time.monotonic):
        self.wal = Path(f"{database}-wal")
        self.clock = clock
        self._thread_until = float("-inf")
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ocu-db-sync")
        # The last fsync asked for: a commit made now may share it if it has not started.
        self._pending: _Pending | None = None

    def allowed(self) -> bool:
        """Whether the next write may run on the loop's thread (no recent sign of contention)."""
        return self.clock() >= self._thread_until

    def started(self) -> float:
        """The clock's reading as an inline commit starts."""
        return self.clock()

    def committed(self, started: float) -> None:
        """An inline commit ended: after a slow one, the next writes go to the thread."""
        held = self.clock() - started
        if held > SLOW_COMMIT_S:
            self.back_off(f"an inline commit held the event loop {held * 1000:.0f} ms")

    def back_off(self, why: str) -> None:
        """Send writes to the writer's thread for BACK_OFF_S."""
        if self.allowed():
            log.info("writes go to the writer's thread for %.0f s: %s", BACK_OFF_S, why)
        self._thread_until = self.clock() + BACK_OFF_S

    async def sync(self) -> None:
        """fsync the WAL, in the sync thread: the inline commits before this are then durable.

        Commits that ask while an fsync waits to start share it (it starts after all of them):
        a report's commit and the update's kept copy cost one fsync where they come together.
        """
        pending = self._pending
        if pending is None or pending.started:
            pending = self._pending = _Pending()
            pending.done = asyncio.get_running_loop().run_in_executor(
                self._executor, self._sync, pending
            )
        assert pending.done is not None
        await asyncio.shield(pending.done)

    def _sync(self, pending: _Pending) -> None:
        # From here on a commit's caller must wait for the next fsync: this one may miss it.
        pending.started = True
        sync_file(self.wal)

    def close(self) -> None:
        """End the sync thread (after the fsync under way, if any)."""
        self._executor.shutdown(wait=False)
