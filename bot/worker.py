"""Heavy work off the event loop: a job runs in a worker process with its own read connection.

An officer's report is acknowledged on the event loop; anything that reads or computes in
proportion to the operation's size (an export, a chart, the digest, the debriefing pack) must
not run there, nor on the bot's one reader connection, nor in a thread of the bot's process
(a thread that computes in Python holds the interpreter lock the loop needs: a 60 s XLSX in a
thread still slowed every acknowledgement). So it runs in a process of its own.

How to use it (exports, the debriefing pack, a future in-bot import)::

    from bot import worker

    filename, content = await worker.run(
        context.db, build_export, operation_id=op.id, fmt="csv", now=now
    )

`worker.run(db, job, *args, **kwargs)` awaits `job(read_db, *args, **kwargs)` in the worker,
where `job` is an `async def` taking a `storage.database.Database` first, exactly as the code
that runs on the bot's own database: there it is the same file opened read-only
(`Database.open_read_only`), a connection of its own, closed when the job ends; a write on it
fails. `worker.compute(fn, *args, **kwargs)` runs a plain function with no database (drawing,
compressing). Rules, because the job crosses into another process:

- `job` must be a module-level function, and its arguments and result picklable (plain data,
  domain dataclasses, bytes, a path). Return a file's path rather than a very large `bytes`.
- It sees what was committed before it started, not the caller's open transaction; a change
  committed meanwhile may or may not be seen, so read a consistent set in one `db.read`.
- An exception raised by the job is raised here (it must be picklable: the project's own
  exceptions take one message). If the worker dies, a new one is started and the job run once
  more (a `run_writing` job only if it had not started); `WorkerLost` is raised if that fails.
  So a job must be safe to run twice: `run` and `compute` jobs only read and compute.
- `writable=True` opens the file for writing instead (an import): the worker's transactions
  then take SQLite's file lock, so keep each short; the bot's writes wait for it (busy_timeout).
- Progress: a job cannot send messages; poll what it wrote, or split the job in steps.
- The worker starts a fresh interpreter that imports the main module again: a script that runs
  the bot must guard its start with `if __name__ == "__main__":` (python -m bot does).

One worker process by default on two cores (WORKERS), so that the loop keeps a core of its own,
at a lower priority (nice 5), so that the bot comes first when the processors are busy;
jobs beyond that queue in order. It is started in the background once the bot first polls
(`warm`, bot.after_start), bare: each job imports what it needs when it first runs (an export
never loads matplotlib, and the first /chart pays for it, about a second, in the worker and off
the loop), so that an idle worker holds little. When the bot stops, `abandoning` ends a job
still running (the stop must not wait minutes for an export; its caller gets `Abandoned`), and
`shutdown` ends the worker.

Every job has a time limit (`JOB_SECONDS`, or `limited(seconds)` around the call): past it
the job is interrupted in the worker (bot.worker_process) and its caller gets `TimedOut`,
and the worker takes the next job. Before, a chart that never ended held the worker (and
every job after it) for good.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import threading
import time
from collections.abc import Awaitable, Callable, Iterator
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from contextvars import ContextVar
from functools import partial
from typing import Any, Concatenate, ParamSpec, TypeVar

from bot import pool_end
from bot.render.i18n import carried, carrying
from bot.worker_process import HOLD_JOBS as HOLD_JOBS
from bot.worker_process import TooLong, bounded
from bot.worker_process import booted as _booted
from bot.worker_process import call as _call
from bot.worker_process import run_job as _run_job
from bot.worker_process import start_as_worker as start_as_worker
from storage.database import Database

log = logging.getLogger(__name__)
P = ParamSpec("P")
T = TypeVar("T")

# The loop keeps a core; beyond two workers the disk, not the processor, is the limit.
WORKERS = max(1, min(2, (os.cpu_count() or 2) - 1))
_pool: ProcessPoolExecutor | None = None
_warming: Future[None] | None = None
_running: set[Future[Any]] = set()  # jobs submitted and not yet done
_stopping = False  # inside `abandoning`: no job starts while the bot stops
# A job's limit unless `limited` says otherwise: an in-bot XLSX of a full sheet (about a
# million rows) takes some 9 minutes alone on the machine, so three times that.
JOB_SECONDS = 1800.0
_limit: ContextVar[float] = ContextVar("worker_limit", default=JOB_SECONDS)
# How long a new worker may take to come up (a second or two when busy) before the jobs waiting
# for it get WorkerLost: one that cannot start must not leave an export waiting for ever.
START_SECONDS = 60.0
_booting: tuple[ProcessPoolExecutor, Future[None]] | None = None  # the pool's first job
# Each waiting `_submit`'s way out when the bot stops, whatever state the pool is in.
_waiters: set[asyncio.Future[None]] = set()
_own_pools: set[ProcessPoolExecutor] = set()  # pools of a job's own (`run_in`), ended likewise


class WorkerLost(RuntimeError):
    """The worker process died during a job (killed, out of memory); nothing was returned."""


class TimedOut(WorkerLost):
    """The job ran past its limit and was stopped; the worker takes the next one."""

    def __init__(self, seconds: float):
        super().__init__(f"the job ran past its limit of {seconds:g} s and was stopped")
        self.seconds = seconds


@contextmanager
def limited(seconds: float) -> Iterator[None]:
    """The jobs started within (by this task) are stopped past `seconds` (see TimedOut)."""
    token = _limit.set(seconds)
    try:
        yield
    finally:
        _limit.reset(token)


class Abandoned(RuntimeError):
    """The bot is stopping: the job was ended (or never started) and returned nothing."""


def _executor() -> ProcessPoolExecutor:
    global _pool
    if _pool is None:
        # A fresh interpreter rather than a fork of this one: the bot's threads and open
        # connections must not be copied into the worker half-way through something.
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
        _pool = ProcessPoolExecutor(
            max_workers=WORKERS,
            mp_context=context,
            initializer=start_as_worker,
            initargs=(os.getpid(),),
        )
    return _pool


async def _submit(call: Callable[[], T], *, repeatable: bool = True) -> T:
    """`call()` in the worker; a worker found dead is replaced and the job tried once more.

    A worker killed while idle (out of memory after a big export) is only noticed by the next
    job: that job never started, so it runs in a new worker whatever it does. A worker lost
    *during* a job is retried only for a `repeatable` job (reads, computations): a writing job
    may have committed part of its work, and is reported lost instead.
    """
    global _booting
    limit = _limit.get()
    # In the asker's language (not English), and stopped past its limit.
    call = partial(bounded, limit, partial(carrying, carried(), call))
    for attempt in (1, 2):
        if _stopping:
            raise Abandoned("the bot is stopping")
        pool = _executor()
        try:
            if _booting is None or _booting[0] is not pool:  # its first job: done once it is up
                _booting = (pool, pool.submit(_booted))
            started, future = _booting[1], pool.submit(call)
            submitted = time.monotonic()
        except Exception as exc:  # dead before the job, or never started: nothing of it ran
            _forget(pool)  # a job left queued in it must not run later, unasked
            if attempt == 2 or not isinstance(exc, BrokenProcessPool):
                raise WorkerLost("the worker process could not be started") from exc
            log.warning("the worker process had stopped; a new one runs the job")
            continue
        _running.add(future)
        future.add_done_callback(_running.discard)
        try:
            await _started(pool, started)
            return await _unless_stopped(_retrieved(future))
        except TooLong:
            log.warning("a job ran past its limit of %g s and was stopped", limit)
            raise TimedOut(limit) from None
        except asyncio.CancelledError:
            task = asyncio.current_task()
            if _stopping and future.cancelled() and task is not None and not task.cancelling():
                raise Abandoned("the bot stopped before the job started") from None
            raise  # this task itself was cancelled
        except BrokenProcessPool as exc:
            if _stopping:
                raise Abandoned("the bot stopped during the job") from exc
            _forget(pool)
            if time.monotonic() - submitted > limit:  # it ended itself, deaf to TooLong
                raise TimedOut(limit) from exc
            if attempt == 2 or not repeatable:
                raise WorkerLost("the worker process stopped during the job") from exc
            log.warning("the worker process stopped during a job; a new one runs it again")
    raise AssertionError("unreachable: the second attempt returns or raises")


def _forget(pool: ProcessPoolExecutor) -> None:
    global _pool
    if _pool is pool:
        _pool = None  # the next job starts a new worker
        _end(pool)


def _retrieved(future: Future[T]) -> asyncio.Future[T]:
    """The pool's future to await, its failure retrieved even if no one awaits it any more.

    Before: a stop while a job waited for its worker to start left the wait's future alone;
    the pool, ended, failed it, and asyncio printed "Future exception was never retrieved …
    BrokenProcessPool" at exit.
    """
    wrapped = asyncio.wrap_future(future)
    wrapped.add_done_callback(lambda done: done.cancelled() or done.exception())
    return wrapped


async def _started(pool: ProcessPoolExecutor, booted: Future[None]) -> None:
    """Wait for the pool's worker to be up; WorkerLost if it does not come up in time."""
    if not booted.done():
        # Not wait_for: the boot is shared by the jobs waiting, and must not be cancelled.
        await _unless_stopped(asyncio.wait({_retrieved(booted)}, timeout=START_SECONDS))
    if not booted.done():
        _forget(pool)
        raise WorkerLost(f"the worker process did not start in {START_SECONDS:g} s")
    failed = None if booted.cancelled() else booted.exception()
    if isinstance(failed, BrokenProcessPool):
        raise failed  # died at once: tried again as a worker found dead
    if booted.cancelled() or failed is not None:  # ended meanwhile, or could not start
        if _stopping:
            raise Abandoned("the bot stopped before the job started")
        _forget(pool)
        raise WorkerLost("the worker process could not be started") from failed


async def _unless_stopped(waiting: Awaitable[T]) -> T:
    """`waiting`'s result, or Abandoned as soon as the bot stops, even if the pool never answers."""
    # A pool whose worker never started (or hangs) may never settle its futures; PTB's stop
    # waits for the handler waiting here, and a SIGTERM would go unheeded.
    task = asyncio.ensure_future(waiting)
    stop = asyncio.get_running_loop().create_future()
    _waiters.add(stop)
    try:
        await asyncio.wait({task, stop}, return_when=asyncio.FIRST_COMPLETED)
    except BaseException:  # this task itself was cancelled
        task.cancel()
        raise
    finally:
        _waiters.discard(stop)
    if not task.done():
        task.cancel()
        raise Abandoned("the bot stopped during the job")
    return task.result()


async def run(
    db: Database,
    job: Callable[Concatenate[Database, P], Awaitable[T]],
    *args: P.args,
    **kwargs: P.kwargs,
) -> T:
    """`await job(read_only_db, *args, **kwargs)` in the worker process; its result."""
    return await _submit(partial(_run_job, str(db.path), False, job, args, kwargs))


async def run_writing(
    db: Database,
    job: Callable[Concatenate[Database, P], Awaitable[T]],
    *args: P.args,
    **kwargs: P.kwargs,
) -> T:
    """As `run`, with the file opened for writing (short transactions; see the module).

    Not repeated if the worker dies during the job: part of it may be committed.
    """
    return await _submit(partial(_run_job, str(db.path), True, job, args, kwargs), repeatable=False)


async def run_in(pool: ProcessPoolExecutor, call: Callable[[], T]) -> T:
    """`call()` in a pool of the caller's own, ended as the worker's jobs are when the bot stops."""
    # The debriefing pack's PDF (bot.debrief); BrokenProcessPool if its process died by itself.
    if _stopping:
        raise Abandoned("the bot is stopping")
    _own_pools.add(pool)
    limit = _limit.get()
    try:
        future = pool.submit(partial(bounded, limit, partial(carrying, carried(), call)))
        return await _unless_stopped(_retrieved(future))
    except TooLong:
        raise TimedOut(limit) from None
    except BrokenProcessPool as exc:
        if _stopping:
            raise Abandoned("the bot stopped during the job") from exc
        raise
    finally:
        _own_pools.discard(pool)


async def compute(fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """`fn(*args, **kwargs)` in the worker process, with no database; its result."""
    return await _submit(partial(_call, fn, args, kwargs))


def warm() -> None:
    """Start the worker in the background, bare (its jobs import what they need).

    Called once the bot first polls (bot.after_start): the first job then does not wait for
    a fresh interpreter to boot. The bot's own process never loads the chart and file
    libraries, and an idle worker neither.
    """
    global _warming
    pool = _executor()
    warming: Future[None] = Future()
    _warming = warming
    warming.add_done_callback(_log_failure)

    def start() -> None:
        # Starting a worker waits for a fresh interpreter to boot (half a second or more on a
        # busy machine): in a thread of its own, so that the bot polls meanwhile.
        try:
            pool.submit(_booted).result()
        except CancelledError:
            warming.cancel()
        except BaseException as exc:  # handed to whoever awaits `ready`
            if _pool is not pool:  # the bot stopped meanwhile: nothing to report
                warming.cancel()
            else:
                warming.set_exception(exc)
        else:
            warming.set_result(None)

    threading.Thread(target=start, name="worker-warm", daemon=True).start()


async def ready() -> None:
    """Wait for `warm` to be done (the bench measures a warmed bot, as in deployment)."""
    if _warming is not None:
        await _retrieved(_warming)


def _log_failure(future: Future[None]) -> None:
    if not future.cancelled() and future.exception() is not None:
        log.warning("the worker could not be started", exc_info=future.exception())


@contextmanager
def abandoning() -> Iterator[None]:
    """While the bot stops: end the jobs still running, start none (callers get `Abandoned`).

    PTB's stop waits for every handler to return, and an export's handler waits for its job:
    a SIGTERM waited minutes, then was killed. An idle worker is left alone (tests start and
    stop bots in one process).
    """
    global _stopping
    _stopping = True
    try:
        if _running or _waiters:
            shutdown()
        for pool in list(_own_pools):
            _end(pool)
        for waiter in [w for w in _waiters if not w.done()]:
            waiter.set_result(None)
        yield
    finally:
        _stopping = False


def stopping() -> bool:
    """Whether the bot is stopping (inside `abandoning`): start nothing long now."""
    return _stopping


def shutdown() -> None:
    """Stop the worker: a job still running is abandoned (the bot is stopping)."""
    global _pool
    pool_end.let_start_finish(_warming)  # one ended while it starts prints a traceback
    pool, _pool = _pool, None
    if pool is not None:
        _end(pool)


def _end(pool: ProcessPoolExecutor) -> None:
    pool_end.end(pool)  # killed if it does not end when told (a frozen worker)
