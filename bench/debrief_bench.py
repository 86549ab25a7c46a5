"""`python -m bench.debrief_bench [SIZES...]`: the debriefing pack's PDF on big operations.

For each size (default 100,000 and 1,000,000 reports) a child process opens the database as
the bot does, builds the PDF in the process the bot starts for it (`bot.debrief.pdf_off_loop`)
and prints the seconds, the CPU seconds of that process, the peak resident memory of the bot's
process and of the pack's (sampled every 5 and 10 ms), and the longest the event loop went
without running (a ticker every 10 ms), which shows the build does not hold the loop. The
databases are built with bench/generate.py once and kept under /tmp/ocu-debrief-bench
(DEBRIEF_BENCH_DIR to move them).
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psutil

from bench import generate

FOLDER = Path(os.environ.get("DEBRIEF_BENCH_DIR", "/tmp/ocu-debrief-bench"))
NOW = datetime(2026, 11, 30, 3, 0, tzinfo=UTC)  # the day after the generated last day
SECONDS_TARGET = 60
RSS_TARGET_MB = 150


def database(reports: int, folder: Path = FOLDER) -> Path:
    """The cached database of `reports` reports (built on first use, a few minutes at 1M)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"siren-{reports}.sqlite3"
    stamp = path.with_suffix(".done")
    if not stamp.exists():
        started = time.perf_counter()
        generate.build(path, reports)
        stamp.write_text(json.dumps(generate.counts(path)))
        print(f"  built {reports:,} reports in {time.perf_counter() - started:.0f} s", flush=True)
    return path


async def _measure(path: Path) -> dict[str, Any]:
    from bot.debrief import pdf_off_loop
    from storage.database import Database

    stall = 0.0
    done = asyncio.Event()

    async def ticker() -> None:
        nonlocal stall
        last = time.perf_counter()
        while not done.is_set():
            await asyncio.sleep(0.01)
            now = time.perf_counter()
            stall = max(stall, now - last - 0.01)
            last = now

    db = await Database.open(path)
    try:
        tick = asyncio.create_task(ticker())
        started, cpu = time.perf_counter(), time.process_time()
        pdf = await pdf_off_loop(db, operation_id=1, now=NOW)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        done.set()
        await tick
    finally:
        await db.close()
    # CPU seconds beside the wall clock: on a shared machine the wall clock also counts the
    # time other processes held the cores.
    return {
        "seconds": seconds,
        "cpu_seconds": cpu,
        "pdf_bytes": len(pdf),
        "loop_stall_ms": stall * 1000,
    }


class _ChildPeak(threading.Thread):
    """The largest resident memory of any child process (the pack's own) and their CPU.

    Light on purpose: it shares two cores with the pack it measures. The children are listed
    every 100 ms (psutil walks /proc for that), and each one's own high-water mark (VmHWM,
    which the kernel keeps) is read every 20 ms, so a peak between two reads is not missed.
    """

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.me = psutil.Process()
        self.peak = 0
        self.cpu: dict[int, float] = {}  # pid -> CPU seconds when last seen
        self.stop = threading.Event()

    def run(self) -> None:
        processes: list[psutil.Process] = []
        tick = 0
        while not self.stop.is_set():
            if tick % 5 == 0:
                processes = self.me.children(recursive=True)
            tick += 1
            for process in processes:
                try:
                    self.peak = max(self.peak, _vm_hwm(process.pid))
                    times = process.cpu_times()
                except (psutil.Error, OSError):
                    continue  # it ended between the listing and the reading
                self.cpu[process.pid] = times.user + times.system
            self.stop.wait(0.02)


def _vm_hwm(pid: int) -> int:
    """A process's peak resident memory so far, in bytes, as the kernel keeps it."""
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    return 0


def child(path: Path) -> dict[str, Any]:
    """In this process: build the PDF once, with both processes' peak RSS sampled."""
    # The Telegram stack the running bot carries, imported first as the bot does (importing
    # bot.domain.phases on its own first runs into the parsing modules' import cycle). Not at
    # the top: the pack's process imports this module again, and the bot's entry point
    # (bot.__main__) does not give it the Telegram stack either.
    import bot.app  # noqa: F401
    from bench.memory import _high_water_mark

    # This process's own peak is the kernel's high-water mark; only the children are sampled.
    children = _ChildPeak()
    children.start()
    try:
        figures = asyncio.run(_measure(path))
    finally:
        children.stop.set()
        children.join()
    figures["peak_rss_mb"] = _high_water_mark() / 2**20
    # The forkserver is a child too, but a small one: the pack's process is the largest.
    figures["pack_peak_rss_mb"] = children.peak / 2**20
    # The pack's process (sampled every 20 ms) and the forkserver that started it.
    figures["pack_cpu_seconds"] = sum(children.cpu.values())
    return figures


def run(
    sizes: tuple[int, ...] = (100_000, 1_000_000),
    folder: Path = FOLDER,
    built: dict[int, Path] | None = None,
) -> dict[str, Any]:
    """Measure each size in a fresh process; print as it goes; return the figures.

    `built`: databases of those sizes already generated (the full bench's), used as they are.
    """
    results: dict[str, Any] = {}
    for reports in sizes:
        path = (built or {}).get(reports) or database(reports, folder)
        out = subprocess.run(
            [sys.executable, "-m", "bench.debrief_bench", "--child", str(path)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        figures = json.loads(out.strip().splitlines()[-1])
        results[str(reports)] = figures
        judged = reports >= 1_000_000
        largest = max(figures["peak_rss_mb"], figures["pack_peak_rss_mb"])
        ok = figures["seconds"] < SECONDS_TARGET and largest < RSS_TARGET_MB
        verdict = (
            f"  [{'ok ' if ok else 'MISS'} < {SECONDS_TARGET} s, < {RSS_TARGET_MB} MB]"
            if judged
            else ""
        )
        print(
            f"  {reports:>9,} reports: PDF in {figures['seconds']:5.1f} s"
            f" ({figures['pack_cpu_seconds']:5.1f} s of the pack process's CPU,"
            f" {figures['cpu_seconds']:4.1f} s of the bot's),"
            f" peak {figures['peak_rss_mb']:4.0f} MB resident (bot),"
            f" {figures['pack_peak_rss_mb']:4.0f} MB (pack process),"
            f" event loop never held over {figures['loop_stall_ms']:.0f} ms{verdict}",
            flush=True,
        )
    return results


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        print(json.dumps(child(Path(sys.argv[2]))))
    else:
        load = ", ".join(f"{n:.1f}" for n in os.getloadavg())
        print(f"Debriefing pack: the PDF built off the event loop (load average {load})")
        chosen = tuple(int(n) for n in sys.argv[1:]) or (100_000, 1_000_000)
        run(chosen)
