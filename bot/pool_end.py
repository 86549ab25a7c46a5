"""Ending a worker pool at once: its processes told to stop, and killed if they do not."""

from __future__ import annotations

import logging
import multiprocessing
import multiprocessing.connection
import threading
from concurrent.futures import Future, ProcessPoolExecutor, wait

log = logging.getLogger(__name__)

# How long a worker told to end (SIGTERM) has before it is killed (SIGKILL): a job ends at once.
KILL_AFTER_SECONDS = 3.0
# How long a stop waits for a worker being started to be up (it then ends quietly).
QUIET_STOP_SECONDS = 15.0


def let_start_finish(starting: Future[None] | None) -> None:
    """Wait (a few seconds at most) for a worker being started to be up, before ending it."""
    # A worker ended, or its parent gone, while it is being started dies reading the locks
    # the parent already removed (SemLock._rebuild), and prints a traceback to the terminal:
    # a sandbox piped an empty script did. Once up, a worker ends quietly when told.
    if starting is not None and not starting.done():
        wait([starting], timeout=QUIET_STOP_SECONDS)


def end(pool: ProcessPoolExecutor) -> None:
    """Terminate the pool's processes and shut it down; one still there after a grace is killed."""
    # A long export must not hold the stop up: its process is ended, its result unwanted.
    processes = list((getattr(pool, "_processes", None) or {}).values())
    for process in processes:
        process.terminate()
    pool.shutdown(wait=False, cancel_futures=True)
    if processes:
        # A stopped (SIGSTOP) or hung worker never acts on SIGTERM, and the pool's exit handler
        # joins it: the bot logged its stop and never exited. After a grace, it is killed.
        threading.Thread(
            target=_kill_after, args=(processes,), name="worker-kill", daemon=True
        ).start()


def _kill_after(processes: list[multiprocessing.process.BaseProcess]) -> None:
    # The sentinels, not join: the pool's own thread reaps the processes, and still must.
    waiting = {process.sentinel: process for process in processes}
    ended = multiprocessing.connection.wait(list(waiting), timeout=KILL_AFTER_SECONDS)
    for sentinel, process in waiting.items():
        if sentinel not in ended:
            log.warning("the worker process %s did not end when told; killed", process.pid)
            process.kill()
