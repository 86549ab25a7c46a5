"""Fixtures shared across folders, and the `slow` mark that `dev.py test --quick` leaves out."""

from __future__ import annotations

import multiprocessing
import multiprocessing.forkserver as forkserver
import os
import ssl
import tempfile
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import httpx
import httpx._transports.default as httpx_transport
import pytest

from bot import after_start, tls
from tests.e2e.conftest import (  # noqa: F401 - re-exported as fixtures
    api,
    bot,
    migrated_template,
    read_timeout_s,
    siren,
    siren_scene,
)


def _temporary_files_in_memory() -> None:
    """The tests' files (tmp_path, each bot's database, a sandbox's folder) in memory on Linux.

    Every commit of the bot's syncs its database to disk (synchronous=FULL), some forty a test
    that talks to a bot. On this project's shared disk a sync waits 5 ms or more: the 30 tests
    of test_seizures.py and test_totals.py waited 4.7 s on 1,208 syncs, more than the processor
    time they took. /dev/shm is a file system in memory: the same SQLite files, write-ahead log
    and locks, with syncs that return at once. No test checks a sync itself (a killed bot loses
    nothing either way: the kernel holds what was written). A TMPDIR set by whoever runs the
    tests is kept.
    """
    shm = "/dev/shm"
    if "TMPDIR" in os.environ or not os.path.isdir(shm) or not os.access(shm, os.W_OK | os.X_OK):
        return
    # A container's /dev/shm is often 64 MB: a full run's files would fill it and fail tests.
    free = os.statvfs(shm)
    if free.f_bavail * free.f_frsize >= 4 * 1024**3:
        os.environ["TMPDIR"] = shm  # the bots and tools the tests start, and pytest-xdist's workers
        tempfile.tempdir = None  # tmp_path and tempfile here read TMPDIR again


_temporary_files_in_memory()

# The bot's worker process (bot.worker) comes from a forkserver, bare, and imports what a job
# needs when the job first runs: matplotlib for a chart, fpdf and PIL for the debriefing pack,
# xlsxwriter for a workbook. A bot lives as long as a test, so every test that draws or builds
# a file paid for those imports again. Here the forkserver of a test process loads them once
# and each worker starts with them: the chart and debriefing suites took 23.9 s of processor
# time instead of 27.4 s, their workers counted. The bot's own worker stays bare (it lives for
# weeks, and an idle one should hold little).
PRELOADED = [
    "matplotlib.figure",
    "matplotlib.backends.backend_agg",
    "fpdf",
    "PIL.Image",
    "xlsxwriter",
]
multiprocessing.set_forkserver_preload(PRELOADED)


@pytest.fixture
def bare_forkserver() -> Iterator[None]:
    """Workers from a forkserver that loaded nothing, as the bot's own: for a test of what a
    worker loads. The process's forkserver is stopped (the standard library's own tests do it
    so) and started again bare at the next worker, and again with PRELOADED after the test."""
    multiprocessing.set_forkserver_preload([])
    forkserver._forkserver._stop()
    yield
    forkserver._forkserver._stop()
    multiprocessing.set_forkserver_preload(PRELOADED)


# The reliability runs that start processes, kill them or generate hundreds of conversations:
# minutes, not seconds. Everything else is the quick loop.
# test_orphans.py kills bots and freezes their worker: about 4 s of processor time in
# subprocesses that the quick loop does not need on every edit.
SLOW = frozenset(
    {
        "test_crash.py",
        "test_kill_between.py",
        "test_faults.py",
        "test_bad_input.py",
        "test_isolation.py",
        "test_backup.py",
        "test_orphans.py",
    }
)


# The suites that read the command menus every bot publishes at its start (nine setMyCommands
# round trips, about a third of the processor time a bot's start takes in a test). Elsewhere the
# bots of the tests start without them; a person's and a group's own menus are published as ever.
MENUS = frozenset({"test_foundation.py", "test_help_roles.py", "test_startup.py"})


@pytest.fixture(autouse=True)
def _menus_only_where_read(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Leave the start-up menus out of the tests that never look at them."""
    if Path(str(request.node.fspath)).name in MENUS:
        return

    async def left_out(app: object) -> None:
        return None

    monkeypatch.setattr("bot.after_start.publish_menus", left_out)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the slow reliability suites, so `-m "not slow"` is the quick loop."""
    for item in items:
        if Path(str(item.fspath)).name in SLOW:
            item.add_marker(pytest.mark.slow)


_create_ssl_context = httpx_transport.create_ssl_context


@cache
def _shared_ssl_context(verify: object, cert: object, trust_env: bool) -> ssl.SSLContext:
    return _create_ssl_context(verify=verify, cert=cert, trust_env=trust_env)


def _ssl_context(
    verify: object = True, cert: object = None, trust_env: bool = True
) -> ssl.SSLContext:
    """httpx's context, built once per (plain) setting instead of once per client.

    Every bot an end-to-end test starts builds two httpx clients, each loading the certificate
    store (together more than half of the processor time a bot's start takes: 0.23 s to 0.10 s),
    for a connection to 127.0.0.1 over plain HTTP. An SSLContext is meant to be shared.
    """
    if isinstance(verify, bool) and cert is None:
        return _shared_ssl_context(verify, cert, trust_env)
    return _create_ssl_context(verify=verify, cert=cert, trust_env=trust_env)


httpx_transport.create_ssl_context = _ssl_context
# The bot builds its one context itself (bot.after_start.connections), through httpx's own name.
httpx.create_ssl_context = _ssl_context


class _OneContext:
    """bot.tls as the bots the tests start see it: the certificate bundle read once a process.

    A bot reads the bundle for its own context at every start (bot.tls.context): 0.09 s of
    processor time, nine tenths of what starting a bot in a test costs, for a connection to
    127.0.0.1 over plain HTTP. bot.tls itself is tested as the bot runs it (test_lazy_imports).
    """

    @staticmethod
    @cache
    def context() -> ssl.SSLContext:
        return tls.context()


after_start.tls = _OneContext  # type: ignore[assignment]
