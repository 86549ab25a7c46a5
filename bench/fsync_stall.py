"""Reports while another process floods the same disk: how long the event loop is held.

A lighter bench/stall.py for one cause only, the commit's fsync. The real Application and the
Bot API emulation in this process (bench/e2e.py's stack), an officer's reports one after
another, and a ticker task that sleeps 5 ms at a time and records how late it wakes. Measured
calm and while a separate process writes 64 MB to a file in the database's folder and fsyncs
it, over and over (as an import, an export or a backup does). In the same run, the way it was
before (storage.inline_commits): the report's whole commit, fsync included, on the loop's
thread. Target: no stall over 50 ms (issue 16).
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from multiprocessing.synchronize import Event
from pathlib import Path
from typing import Any
from unittest import mock

import storage.database
from bench.e2e import _ocu_stack, _quantile, _round_trips
from bench.stall import STALL_TARGET_MS, Ticker
from bench.stall_holders import Watchdog
from bot.demo import KCS_OFFICER

REPORTS = 200
CHUNK = 1 << 20
FILE_MB = 64


def _flood(folder: str, stop: Event) -> None:
    """Write FILE_MB and fsync it, again and again, until told to stop."""
    path = Path(folder) / "flood.bin"
    chunk = os.urandom(CHUNK)
    while not stop.is_set():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            for _ in range(FILE_MB):
                os.write(fd, chunk)
            os.fsync(fd)
        finally:
            os.close(fd)
    path.unlink(missing_ok=True)


@contextmanager
def _flooded(folder: Path, on: bool) -> Iterator[None]:
    if not on:
        yield
        return
    stop = multiprocessing.Event()
    process = multiprocessing.Process(target=_flood, args=(str(folder), stop), daemon=True)
    process.start()
    try:
        time.sleep(1)  # the page cache filling up, as it would by the time a report comes
        yield
    finally:
        stop.set()
        process.join(60)


@contextmanager
def _before() -> Iterator[None]:
    """Inline writes as they were: the whole commit, its fsync included, on the loop's thread."""
    db = storage.database
    write = db.Database.write

    async def old_write(
        self: db.Database,
        work: Any,
        *,
        durable: bool = True,
        inline: bool = False,
        update_id: int | None = None,
        now: Any = None,
        **rest: Any,
    ) -> Any:
        if not inline:
            return await write(self, work, durable=durable, update_id=update_id, now=now, **rest)
        if update_id is not None:
            work = db._once(work, update_id, now or db._now())
        async with self._write_lock.turn():
            try:
                result = db.transact(self._inline, work, durable, inline=True)
            except db.Busy:
                pass
            else:
                self._committed_inline()
                if rest.get("access"):
                    self.access_changed()
                return result
        return await write(self, work, durable=durable, **rest)

    # The inline connection at synchronous=FULL, as every connection was.
    with (
        mock.patch.object(
            db, "INLINE_PRAGMAS", ("PRAGMA busy_timeout = 0", "PRAGMA wal_autocheckpoint = 0")
        ),
        mock.patch.object(db.Database, "write", old_write),
    ):
        yield


async def _phase(folder: Path, label: str, flood: bool, why: bool) -> dict[str, Any]:
    ticker = Ticker()
    async with _ocu_stack(folder, 0) as api:
        texts = [f"/seizure {n}g meth at ICN via air cargo" for n in range(1, REPORTS + 1)]
        with _flooded(folder, flood), Watchdog(ticker, enabled=why) as watchdog:
            ticker.start()
            cpu, started = time.process_time(), time.monotonic()
            acks = await _round_trips(api, KCS_OFFICER, texts)
            window = (started, time.monotonic())
            cpu = time.process_time() - cpu
            ticker.stop()
    late = ticker.late(window)
    return {
        "label": label,
        "ack_median_ms": statistics.median(acks) * 1000,
        "ack_max_ms": max(acks) * 1000,
        "stall_p99_ms": _quantile(late, 0.99) * 1000,
        "stall_max_ms": max(late) * 1000,
        "wall_s": window[1] - window[0],
        "cpu_s": cpu,
        "load": os.getloadavg()[0],
        "why": watchdog.report(),
    }


async def measure(why: bool = False) -> list[dict[str, Any]]:
    """Before and now, each calm and flooded, in one run."""
    figures = []
    with tempfile.TemporaryDirectory(prefix="ocu-fsync-", dir=os.environ.get("BENCH_DIR")) as name:
        for n, (label, flood) in enumerate([("calm", False), ("disk flooded", True)]):
            for way in ("before", "now"):
                folder = Path(name) / f"{way}-{n}"
                folder.mkdir()
                if way == "before":
                    with _before():
                        figure = await _phase(folder, label, flood, why)
                else:
                    figure = await _phase(folder, label, flood, why)
                figures.append({"way": way, **figure})
                _print(figures[-1])
    return figures


def _print(f: dict[str, Any]) -> None:
    ok = f["stall_max_ms"] <= STALL_TARGET_MS
    print(
        f"{f['way']:6} {f['label']:12}: {REPORTS} reports, ack median {f['ack_median_ms']:.2f} ms"
        f" (max {f['ack_max_ms']:.1f}); loop stall p99 {f['stall_p99_ms']:.1f} ms,"
        f" longest {f['stall_max_ms']:.1f} [{'ok ' if ok else 'MISS'} <= {STALL_TARGET_MS} ms]"
        f"  ({f['wall_s']:.1f} s wall, {f['cpu_s']:.1f} s CPU, load {f['load']:.1f})",
        flush=True,
    )
    for line in f["why"]:
        print("    " + line, flush=True)


def main(why: bool = False) -> list[dict[str, Any]]:
    """Measure and print; returns the figures for the JSON. why: sample what held the loop."""
    return asyncio.run(measure(why))


if __name__ == "__main__":
    sys.exit(0 if main(why="--why" in sys.argv[1:]) else 1)
