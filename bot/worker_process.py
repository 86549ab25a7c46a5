"""The worker's side of bot.worker: what runs in the worker process, and its time limit.

A job runs in the process's main thread, so a limit is a timer signal there: past it the job
is interrupted by `TooLong` (its caller is told, and the process takes the next job), and if
it does not yield even then (held in C code), the process ends itself a little later, and
bot.worker starts a new one. Either way no job holds the worker for ever.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import threading
import time
from collections.abc import Awaitable, Callable
from types import FrameType
from typing import Any, TypeVar

from storage.database import Database

log = logging.getLogger(__name__)
T = TypeVar("T")

_FOLLOW_EVERY_S = 2.0
# After its limit, how long a job has to yield to `TooLong` before its process ends itself.
GRACE_SECONDS = 10.0
# Tests only: a job that never ends, as a long export is while the bot is told to stop. With
# this set to a file's path, each job writes its process id there and then waits to be killed.
HOLD_JOBS = "OCU_TEST_HOLD_JOBS"


class TooLong(RuntimeError):
    """The job ran past its limit and was interrupted; its message is the limit in seconds."""


def start_as_worker(bot_pid: int) -> None:
    """In a worker process, first: yield the processor to the bot, and end when the bot ends."""
    # The worker yields the processor to the bot: an acknowledgement before a spreadsheet.
    try:
        os.nice(5)
    except OSError:  # not allowed here: the worker runs at the bot's priority
        log.info("the worker could not lower its priority")
    # A bot killed outright (SIGKILL, out of memory) cannot shut its pool down, and the worker
    # holds its own end of the job queue, so it would wait for work forever: every crash would
    # leave a worker (and the forkserver it came from) behind, 100 MB each.
    threading.Thread(target=_follow, args=(bot_pid,), name="follow-bot", daemon=True).start()


def _follow(bot_pid: int) -> None:
    while True:
        time.sleep(_FOLLOW_EVERY_S)
        try:
            os.kill(bot_pid, 0)
        except ProcessLookupError:
            os._exit(0)
        except PermissionError:  # the pid now belongs to another user's process: ours is gone
            os._exit(0)


def booted() -> None:
    """Nothing: the worker's first job, so that it is started (and its forkserver) before use."""


def bounded(seconds: float, call: Callable[[], T]) -> T:
    """`call()`, interrupted by TooLong past `seconds` (see the module)."""

    def interrupt(_signal: int, _frame: FrameType | None) -> None:
        raise TooLong(f"{seconds:g}")

    ended = threading.Event()
    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    threading.Thread(
        target=_end_if_stuck, args=(ended, seconds + GRACE_SECONDS), daemon=True
    ).start()
    try:
        return call()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        ended.set()


def _end_if_stuck(ended: threading.Event, seconds: float) -> None:
    if not ended.wait(seconds):  # deaf to TooLong: the process ends; bot.worker starts another
        os._exit(70)


def _held() -> None:
    held = os.environ.get(HOLD_JOBS)
    if held:
        with open(f"{held}.part", "w", encoding="ascii") as file:
            file.write(str(os.getpid()))
        os.replace(f"{held}.part", held)  # read whole or not at all
        threading.Event().wait()


def call(fn: Callable[..., T], args: tuple[Any, ...], kwargs: dict[str, Any]) -> T:
    _held()
    return fn(*args, **kwargs)


def run_job(
    path: str,
    writable: bool,
    job: Callable[..., Awaitable[T]],
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
) -> T:
    _held()
    return asyncio.run(_with_database(path, writable, job, args, kwargs))


async def _with_database(
    path: str,
    writable: bool,
    job: Callable[..., Awaitable[T]],
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
) -> T:
    db = await (Database.open(path) if writable else Database.open_read_only(path))
    try:
        return await job(db, *args, **kwargs)
    finally:
        await db.close()
