"""An officer's report while a coordinator's heavy command runs: acknowledgement and loop stall.

The real Application on a copy of the bench's database, against the local Bot API emulation in
this process (whose own work counts against the loop, as in bench/e2e.py). A ticker task sleeps
5 ms at a time and records how late it wakes: the longest lateness is the longest time the event
loop was held by anything. Measured twice: calm (reports alone), and while a coordinator's
`/export xlsx` of every report (the heaviest command there is), a `/chart` and a `/debrief` run,
with reports sent one after another throughout. Targets: every acknowledgement within 300 ms, no
stall over 50 ms.

`python -m bench.stall N --before` also measures, in the same run, the way exports and the
debriefing pack were built before (a thread of the bot's process, `asyncio.to_thread`) beside
the way they are now (the worker process).
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import shutil
import sqlite3
import statistics
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from bot import debrief, exporting, worker
from bot.app import build_application, start_polling, stop_polling
from bot.config import Access, Config, Storage, Telegram
from bot.demo import ADMIN, COORDINATOR
from bot.domain.clock import SystemClock
from fakegram.server import FakeBotAPI
from fakegram.types import FakeChat, FakeUser

ACK_TARGET_MS = 300
STALL_TARGET_MS = 50
TICK_S = 0.005
CALM_REPORTS = 60
OFFICER = FakeUser(10_000, "Officer", "10000")  # a member in every bench database


class Ticker:
    """Wakes every TICK_S and keeps how late each wake was: the loop's stalls."""

    def __init__(self) -> None:
        self.late: list[float] = []
        self._task: asyncio.Task[None] | None = None

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            started = loop.time()
            await asyncio.sleep(TICK_S)
            self.late.append(loop.time() - started - TICK_S)

    def __enter__(self) -> Ticker:
        self._task = asyncio.ensure_future(self._run())
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._task is not None
        self._task.cancel()


def _prepare(source: Path, target: Path) -> None:
    """A copy of the bench database with the demo coordinator in it, to ask for the export."""
    shutil.copyfile(source, target)
    conn = sqlite3.connect(target, isolation_level=None)
    try:
        conn.execute(
            "INSERT OR IGNORE INTO person (user_id, full_name) VALUES (?, 'Kim Min-jun')",
            (COORDINATOR.id,),
        )
        conn.execute(
            "INSERT OR IGNORE INTO membership (operation_id, user_id, role, joined_at)"
            " VALUES (1, ?, 'coordinator', '2026-10-01T00:00:00+00:00')",
            (COORDINATOR.id,),
        )
    finally:
        conn.close()


@asynccontextmanager
async def _bot(path: Path) -> AsyncIterator[FakeBotAPI]:
    config = Config(
        access=Access(admins=(ADMIN.id,)),
        storage=Storage(database=path),
        telegram=Telegram(max_messages_per_second=30),
    )
    async with FakeBotAPI() as api:
        app = build_application(
            config,
            clock=SystemClock(),
            token=api.token,
            base_url=api.base_url,
            base_file_url=api.base_file_url,
        )
        await start_polling(app)
        await worker.ready()
        try:
            yield api
        finally:
            await stop_polling(app)


async def _report(api: FakeBotAPI, n: int) -> float:
    """Seconds from one /seizure sent to its acknowledgement."""
    chat = FakeChat.private(OFFICER)
    cursor = api.cursor(chat)
    started = time.perf_counter()
    api.send_text(OFFICER, chat, f"/seizure {n}g meth at ICN")
    reply = await cursor.next(timeout=600)
    if "Recorded report" not in str(reply.get("text")):
        raise RuntimeError(f"the bench's report was not recorded: {reply.get('text')!r}")
    return time.perf_counter() - started


async def _while(api: FakeBotAPI, command: str, numbers: Iterator[int]) -> list[float]:
    """Reports one after another until the coordinator's `command` is answered."""
    chat = FakeChat.private(COORDINATOR)
    answered = asyncio.ensure_future(api.cursor(chat).next(timeout=1800))
    api.send_text(COORDINATOR, chat, command)
    acks = []
    while not answered.done():
        acks.append(await _report(api, next(numbers)))
    reply = await answered
    if "document" not in reply and "photo" not in reply:
        raise RuntimeError(f"{command} did not answer with a file: {reply.get('text')!r}")
    return acks


def _figures(acks: list[float], ticker: Ticker) -> dict[str, Any]:
    return {
        "reports": len(acks),
        "ack_median_ms": statistics.median(acks) * 1000,
        "ack_max_ms": max(acks) * 1000,
        "stall_max_ms": max(ticker.late) * 1000,
        "stall_p99_ms": sorted(ticker.late)[int(len(ticker.late) * 0.99)] * 1000,
    }


async def _in_a_thread(work: Any, *args: Any, **kwargs: Any) -> Any:
    return await asyncio.to_thread(work, *args, **kwargs)


@contextlib.contextmanager
def _threads(before: bool) -> Iterator[None]:
    """With `before`, heavy work goes to a thread of the bot's process, as it did."""
    if not before:
        yield
        return
    saved = exporting.off_loop, debrief.off_loop
    exporting.off_loop = debrief.off_loop = _in_a_thread  # type: ignore[assignment]
    try:
        yield
    finally:
        exporting.off_loop, debrief.off_loop = saved


async def measure(source: Path, folder: Path, *, before: bool = False) -> dict[str, Any]:
    """Calm, then during /export xlsx, /chart and /debrief; the figures of each."""
    path = folder / ("stall-before.sqlite3" if before else "stall.sqlite3")
    _prepare(source, path)
    with _threads(before):
        return await _measure(path)


async def _measure(path: Path) -> dict[str, Any]:
    async with _bot(path) as api:
        # Every text differs, so no "sent this already?" question interrupts the run.
        numbers = itertools.count(1)
        for _ in range(5):  # warm up: the caller's caches, the first reply
            await _report(api, next(numbers))
        with Ticker() as calm_ticker:
            calm = [await _report(api, next(numbers)) for _ in range(CALM_REPORTS)]
        with Ticker() as busy_ticker:
            busy = await _while(api, "/export xlsx", numbers)
            started = time.perf_counter()
            busy += await _while(api, "/chart", numbers)
            chart_s = time.perf_counter() - started
            busy += await _while(api, "/debrief", numbers)
        heavy = _figures(busy, busy_ticker)
        heavy["chart_s"] = chart_s
    worker.shutdown()
    return {"calm": _figures(calm, calm_ticker), "heavy": heavy}


def _verdict(ok: bool) -> str:
    return "ok " if ok else "MISS"


def main(source: Path, folder: Path, reports: int, *, before: bool = False) -> dict[str, Any]:
    """Measure and print; returns the figures for the JSON."""
    if before:
        print("  before (exports and the debriefing pack in a thread of the bot):", flush=True)
        _print(asyncio.run(measure(source, folder, before=True)), reports)
        print("  now (in the worker process):", flush=True)
    figures = asyncio.run(measure(source, folder))
    figures["database_reports"] = reports
    _print(figures, reports)
    return figures


def _print(figures: dict[str, Any], reports: int) -> None:
    heavy = f"during /export xlsx + /chart + /debrief of {reports:,}"
    for label, key in (("calm", "calm"), (heavy, "heavy")):
        f = figures[key]
        ack_ok = f["ack_max_ms"] <= ACK_TARGET_MS
        stall_ok = f["stall_max_ms"] <= STALL_TARGET_MS
        print(
            f"  {label}: {f['reports']} reports acknowledged, median {f['ack_median_ms']:.0f} ms,"
            f" longest {f['ack_max_ms']:.0f} ms [{_verdict(ack_ok)} <= {ACK_TARGET_MS} ms];"
            f" longest loop stall {f['stall_max_ms']:.1f} ms (p99 {f['stall_p99_ms']:.1f})"
            f" [{_verdict(stall_ok)} <= {STALL_TARGET_MS} ms]",
            flush=True,
        )


if __name__ == "__main__":
    import sys
    import tempfile

    from bench import generate

    size = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with tempfile.TemporaryDirectory(prefix="ocu-stall-") as name:
        built = Path(name) / "source.sqlite3"
        generate.build(built, size)
        main(built, Path(name), size, before="--before" in sys.argv)
