"""An officer's report while everything heavy runs at once: acknowledgement and loop stall.

The real Application on a copy of the bench's database. The Bot API emulation, the officer, the
coordinator, the digest's groups and the import live in another process (bench/stall_load.py),
as Telegram and the operator's shell do when deployed, so that only the bot's own work counts
against its loop (`--in-process` puts them back in, as bench/e2e.py does). A ticker task sleeps
5 ms at a time and records how late it wakes: the longest lateness is the longest time the event
loop was held by anything. Measured twice: calm (reports alone), and while a coordinator's
`/export xlsx` of every report, a `/chart` and a `/debrief` run one after another, the daily
digest goes to 100 groups, and `python -m bot import` loads an operation's CSV into the same
file, with reports sent one after another throughout. Targets: every acknowledgement within
300 ms, no stall over 50 ms.

`--before` also measures, in the same run, the way exports and the debriefing pack were built
before (a thread of the bot's process, `asyncio.to_thread`). `--why` samples the loop's stack
whenever the ticker is over 30 ms late and prints where the loop was held (bench/stall_holders.py);
`--debug` turns on asyncio's debug mode, which names every callback that held the loop over 20 ms
(it slows the loop several times over: its figures are for finding, not for reporting).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import multiprocessing
import statistics
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from bench import generate
from bench.import_bench import _export, _first_rows
from bench.stall_holders import SlowCallbacks, Watchdog
from bench.stall_load import IMPORT_CODE, IMPORT_ROWS, Load, Timings, drive, group_ids, serve
from bot import debrief, exporting, worker
from bot.app import OcuApplication, build_application, start_polling, stop_polling
from bot.config import Access, Config, Storage, Telegram
from bot.demo import ADMIN, COORDINATOR
from bot.domain.clock import SystemClock
from fakegram.server import FakeBotAPI
from fakegram.types import FakeChat
from storage import operations as operation_store
from storage import schedule as schedule_store

ACK_TARGET_MS = 300
STALL_TARGET_MS = 50
TICK_S = 0.005


class Ticker:
    """Wakes every TICK_S and keeps when (time.monotonic) and how late each wake was."""

    def __init__(self) -> None:
        self.wakes: list[tuple[float, float]] = []
        self.last = time.monotonic()  # read by the watchdog's thread
        self._task: asyncio.Task[None] | None = None

    async def _run(self) -> None:
        while True:
            started = time.monotonic()
            await asyncio.sleep(TICK_S)
            self.last = now = time.monotonic()
            self.wakes.append((now, now - started - TICK_S))

    def late(self, window: tuple[float, float]) -> list[float]:
        """The lateness of every wake inside `window`."""
        return [late for at, late in self.wakes if window[0] <= at <= window[1]]

    def start(self) -> None:
        self._task = asyncio.ensure_future(self._run())

    def stop(self) -> None:
        assert self._task is not None
        self._task.cancel()


def _prepare(source: Path, target: Path) -> None:
    """A copy of the bench database with the demo coordinator, and an operation to import into."""
    generate.copy_with_coordinator(
        source,
        target,
        COORDINATOR.id,
        (
            "INSERT OR IGNORE INTO operation (code, title, tz, created_at) VALUES"
            " (?, 'Imported', 'Asia/Seoul', '2026-10-01T00:00:00+00:00')",
            (IMPORT_CODE,),
        ),
    )


def _config(path: Path) -> Config:
    return Config(
        access=Access(admins=(ADMIN.id,)),
        storage=Storage(database=path),
        telegram=Telegram(max_messages_per_second=30),
    )


@asynccontextmanager
async def _bot(path: Path, urls: tuple[str, str, str]) -> AsyncIterator[OcuApplication]:
    token, base_url, base_file_url = urls
    app = build_application(
        _config(path),
        clock=SystemClock(),
        token=token,
        base_url=base_url,
        base_file_url=base_file_url,
    )
    await start_polling(app)
    await worker.ready()
    now = datetime.now(UTC)
    for chat_id in group_ids():
        await operation_store.bind_chat(
            app.bot_data.db, chat_id=chat_id, title=f"OCU {chat_id}", operation_id=1,
            actor_id=ADMIN.id, now=now,
        )  # fmt: skip
    try:
        yield app
    finally:
        await stop_polling(app)


async def _digest(app: OcuApplication) -> None:
    """The daily digest of the big operation falls due now: the clock sends it to its groups."""
    db, scheduler = app.bot_data.db, app.bot_data.scheduler
    assert scheduler is not None
    op = await operation_store.get_operation(db, operation_id=1)
    assert op is not None
    due = datetime.now(ZoneInfo(op.tz)).replace(second=0, microsecond=0)
    await operation_store.set_digest_time(
        db, operation_id=1, digest_time=f"{due:%H:%M}", actor_id=ADMIN.id, now=datetime.now(UTC)
    )
    await schedule_store.add_next(db, operation_id=1, key=("digest", 1, due.astimezone(UTC)))
    await scheduler.run_due()


async def _elsewhere(path: Path, load: Load) -> Timings:
    """The bot here; the emulation and the people in their own process."""
    context = multiprocessing.get_context("spawn")
    ours, theirs = context.Pipe()
    process = context.Process(target=serve, args=(theirs, load), daemon=True)
    process.start()
    tasks: list[asyncio.Task[None]] = []
    try:
        kind, *urls = await asyncio.to_thread(ours.recv)
        assert kind == "api"
        async with _bot(path, (urls[0], urls[1], urls[2])) as app:
            ours.send("go")
            while True:
                kind, *rest = await asyncio.to_thread(ours.recv)
                if kind == "digest":
                    tasks.append(asyncio.ensure_future(_digest(app)))
                elif kind == "failed":
                    raise RuntimeError(rest[0])
                else:
                    timings: Timings = rest[0]
                    break
            await asyncio.gather(*tasks)
        return timings
    finally:
        process.join(30)
        if process.is_alive():
            process.terminate()


async def _inside(path: Path, load: Load) -> Timings:
    """The bot, the emulation and the people in this one process, as bench/e2e.py has them."""
    async with FakeBotAPI() as api:
        for chat_id in group_ids():
            api.add_chat(FakeChat(chat_id, "group", title=f"OCU {chat_id}"))
        async with _bot(path, (api.token, api.base_url, api.base_file_url)) as app:
            tasks: list[asyncio.Task[None]] = []
            timings = await drive(
                api, load, lambda: tasks.append(asyncio.ensure_future(_digest(app)))
            )
            await asyncio.gather(*tasks)
            return timings


def _figures(acks: list[float], late: list[float]) -> dict[str, Any]:
    return {
        "reports": len(acks),
        "ack_median_ms": statistics.median(acks) * 1000,
        "ack_max_ms": max(acks) * 1000,
        "stall_max_ms": max(late) * 1000,
        "stall_p99_ms": sorted(late)[int(len(late) * 0.99)] * 1000,
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


async def measure(
    source: Path, folder: Path, *, before: bool = False, in_process: bool = False,
    why: bool = False, debug: bool = False,
) -> dict[str, Any]:  # fmt: skip
    """Calm, then during everything heavy at once; the figures of each."""
    path = folder / ("stall-before.sqlite3" if before else "stall.sqlite3")
    csv_path = folder / "stall-import.csv"
    _prepare(source, path)
    if not csv_path.exists():  # the big operation's first reports, exported, are imported
        await _export(source, csv_path)
        _first_rows(csv_path, IMPORT_ROWS)
    load = Load(database=path, import_csv=csv_path)
    slow = SlowCallbacks()
    if debug:  # asyncio's own account too: every callback that held the loop over 20 ms, named
        loop = asyncio.get_running_loop()
        loop.set_debug(True)
        loop.slow_callback_duration = 0.02
        logging.getLogger("asyncio").addHandler(slow)
    ticker = Ticker()
    ticker.start()
    cpu = time.process_time()
    with _threads(before), Watchdog(ticker, enabled=why) as watchdog:
        timings = await (_inside(path, load) if in_process else _elsewhere(path, load))
    cpu = time.process_time() - cpu
    ticker.stop()
    worker.shutdown()
    heavy = _figures(timings.busy, ticker.late(timings.busy_window))
    heavy.update(
        chart_s=timings.chart_s, import_s=timings.import_s, import_output=timings.import_output,
        digest_s=timings.digest_s, digests_sent=timings.digests_sent, bot_cpu_s=cpu,
        holders=watchdog.report() + slow.report(), refused=len(timings.refused),
    )  # fmt: skip
    return {"calm": _figures(timings.calm, ticker.late(timings.calm_window)), "heavy": heavy}


def _verdict(ok: bool) -> str:
    return "ok " if ok else "MISS"


def _load_average() -> str:
    with contextlib.suppress(OSError):
        return Path("/proc/loadavg").read_text().split()[0]
    return "?"


def main(
    source: Path, folder: Path, reports: int, *, before: bool = False, in_process: bool = False,
    why: bool = False, debug: bool = False,
) -> dict[str, Any]:  # fmt: skip
    """Measure and print; returns the figures for the JSON."""
    where = "in the bot's process" if in_process else "in a process of their own"
    print(f"  (emulation and people {where}; load average {_load_average()})", flush=True)
    if before:
        print("  before (exports and the debriefing pack in a thread of the bot):", flush=True)
        _print(asyncio.run(measure(source, folder, before=True, in_process=in_process)), reports)
        print("  now (in the worker process):", flush=True)
    figures = asyncio.run(measure(source, folder, in_process=in_process, why=why, debug=debug))
    figures["database_reports"] = reports
    _print(figures, reports)
    return figures


def _refused(f: dict[str, Any]) -> str:
    return f", {f['refused']} answered with a fault" if f.get("refused") else ""


def _print(figures: dict[str, Any], reports: int) -> None:
    heavy = (
        f"during /export xlsx + /chart + /debrief of {reports:,}, the digest to"
        f" {figures['heavy']['digests_sent']} groups and an import of {IMPORT_ROWS:,} rows"
    )
    for label, key in (("calm", "calm"), (heavy, "heavy")):
        f = figures[key]
        ack_ok = f["ack_max_ms"] <= ACK_TARGET_MS and not f.get("refused")
        stall_ok = f["stall_max_ms"] <= STALL_TARGET_MS
        print(
            f"  {label}: {f['reports']} reports acknowledged, median {f['ack_median_ms']:.0f} ms,"
            f" longest {f['ack_max_ms']:.0f} ms{_refused(f)}"
            f" [{_verdict(ack_ok)} <= {ACK_TARGET_MS} ms];"
            f" longest loop stall {f['stall_max_ms']:.1f} ms (p99 {f['stall_p99_ms']:.1f})"
            f" [{_verdict(stall_ok)} <= {STALL_TARGET_MS} ms]",
            flush=True,
        )
    f = figures["heavy"]
    print(
        f"    chart {f['chart_s']:.1f} s, digest to every group {f['digest_s']:.1f} s, import"
        f" {f['import_s']:.1f} s ({f['import_output']}); the bot's CPU {f['bot_cpu_s']:.1f} s"
        f" (load average now {_load_average()})",
        flush=True,
    )
    for line in f["holders"]:
        print(f"    {line}", flush=True)


if __name__ == "__main__":
    import sys
    import tempfile

    from bench import generate

    size = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 100_000
    with tempfile.TemporaryDirectory(prefix="ocu-stall-") as name:
        built = Path(name) / "source.sqlite3"
        if "--db" in sys.argv:  # a bench database already built (read only: it is copied)
            built = Path(sys.argv[sys.argv.index("--db") + 1])
        else:
            generate.build(built, size)
        main(
            built, Path(name), size, before="--before" in sys.argv,
            in_process="--in-process" in sys.argv, why="--why" in sys.argv,
            debug="--debug" in sys.argv,
        )  # fmt: skip
