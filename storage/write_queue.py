"""The bot's own writers in line for its write connection: an officer's before the clock's.

Every write of the process waits its turn for the one writer (Database.write). First come,
first served let a report wait behind a hundred digest deliveries' bookkeeping writes, each with
its fsync: 2.4 s in bench/stall.py at load 6 (issue #16). So work that may wait (the clock's
digests and reminders, a bulk send) marks its writes as background, and a waiting foreground
write is let in before every waiting background one.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from contextvars import ContextVar

_BACKGROUND: ContextVar[bool] = ContextVar("ocu_background_writes", default=False)


@contextmanager
def background() -> Iterator[None]:
    """Writes made inside this block (and tasks started in it) give way to every other."""
    token = _BACKGROUND.set(True)
    try:
        yield
    finally:
        _BACKGROUND.reset(token)


class WriteQueue:
    """An asyncio lock with two lines: a waiting foreground holder goes before background ones."""

    def __init__(self) -> None:
        self._held = False
        self._waiting: tuple[deque[asyncio.Future[None]], ...] = (deque(), deque())

    @asynccontextmanager
    async def turn(self) -> AsyncIterator[None]:
        """Hold the lock; in the background line when inside `background()`."""
        await self._acquire(_BACKGROUND.get())
        try:
            yield
        finally:
            self._release()

    async def _acquire(self, in_background: bool) -> None:
        if not self._held and not any(self._waiting):
            self._held = True
            return
        turn: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        line = self._waiting[1 if in_background else 0]
        line.append(turn)
        try:
            await turn
        except asyncio.CancelledError:
            if turn.done() and not turn.cancelled():
                self._release()  # handed the lock as it was cancelled: pass it on
            else:
                line.remove(turn)
            raise

    def _release(self) -> None:
        for line in self._waiting:
            while line:
                turn = line.popleft()
                if not turn.done():
                    turn.set_result(None)  # handed over: still held
                    return
        self._held = False
