"""Peak resident memory of the bot's process: answering every /summary and /chart, and exporting.

`python -m bench.memory --reports N` (default 10,000, for CI) builds (or reuses, in
bench/results/cache) an operation of N reports over 1,000 days and measures each in a process of
its own, with the bot's modules loaded as in production, so that building the database does not
count: every /summary and /chart (`python -m bench.memory DB`), then the CSV export as /export
builds it in the bot (compressed, in parts under Telegram's 50 MB), then the XLSX export
(`--export csv|xlsx DB`); the XLSX unlimited, as `python -m bot export` writes it, since the bot
refuses a workbook over one sheet's rows before any work.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import psutil

from bench import generate
from bench.summary_bench import NOW, VARIANTS
from bot.chart import build_chart
from bot.domain.unit import Operation
from bot.parsing.summary import parse_chart_args, parse_summary_args
from bot.render.summary import group_label, render_summary
from storage.database import Database
from storage.summary import load_summary, operation


async def build_summary(db, *, operation_id, request, now) -> list[str]:
    """The /summary answer's messages, as the handler builds them."""
    summary = await load_summary(
        db, operation_id=operation_id, request=request, now=now, label=group_label
    )
    return render_summary(summary)


class _Sampler(threading.Thread):
    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.process = psutil.Process()
        self.peak = 0
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            self.peak = max(self.peak, self.process.memory_info().rss)
            self.stop.wait(0.005)


async def _work(path: Path) -> None:
    db = await Database.open(path)
    try:
        for args in VARIANTS:
            await load(db, args)
        for args in ("", "by agency"):
            await build_chart(db, operation_id=1, request=parse_chart_args(args), now=NOW)
    finally:
        await db.close()


async def load(db: Database, args: str) -> None:
    await build_summary(db, operation_id=1, request=parse_summary_args(args), now=NOW)


def _high_water_mark() -> int:
    # VmHWM is this process's own peak; ru_maxrss would carry over the parent's across exec.
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _bot_loaded() -> int:
    try:
        import bot.app  # noqa: F401  (the Telegram stack the running bot carries)
    except ImportError:
        pass
    return int(psutil.Process().memory_info().rss)


def _measured(work: Callable[[], object]) -> dict[str, float]:
    idle = _bot_loaded()
    sampler = _Sampler()
    sampler.start()
    try:
        work()
    finally:
        sampler.stop.set()
        sampler.join()
    return {
        "peak_rss_mb": max(sampler.peak, _high_water_mark()) / 2**20,
        "idle_rss_mb": idle / 2**20,
    }


def main(path: Path) -> dict[str, float]:
    """Peak RSS in MB while answering, with the bot's own modules loaded as in production."""
    return _measured(lambda: asyncio.run(_work(path)))


def export(path: Path, fmt: str) -> dict[str, float]:
    """Peak RSS in MB while exporting, as the bot does (CSV) or `python -m bot export` (XLSX)."""
    from bot.exporting import UPLOAD_LIMIT, Progress, build_files, plan_export, read_size

    async def op_of() -> Operation:
        db = await Database.open(path)
        try:
            return await operation(db, operation_id=1)
        finally:
            await db.close()

    def work() -> None:
        op = asyncio.run(op_of())
        plan = plan_export(read_size(path, op.id), fmt, UPLOAD_LIMIT if fmt == "csv" else 1 << 62)
        with tempfile.TemporaryDirectory(prefix="ocu-memory-") as folder:
            started = time.perf_counter()
            files = build_files(path, op, plan, Path(folder), NOW, Progress(plan.total))
            figures["seconds"] = time.perf_counter() - started
            figures["files"] = len(files)
            figures["mb"] = sum(f.path.stat().st_size for f in files) / 1e6
            figures["items"] = plan.size.items

    figures: dict[str, float] = {}
    return {**_measured(work), **figures}


def _child(*args: str) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-m", "bench.memory", *args], check=True, capture_output=True, text=True
    ).stdout
    return dict(json.loads(out.strip().splitlines()[-1]))


def measure_all(path: Path, reports: int | None = None) -> dict[str, dict[str, float]]:
    """Every measure, each in a fresh process; printed as each ends when `reports` is given."""
    figures: dict[str, dict[str, float]] = {}
    for key, args in (
        ("answers", [str(path)]),
        ("csv", ["--export", "csv", str(path)]),
        ("xlsx", ["--export", "xlsx", str(path)]),
    ):
        figures[key] = _child(*args)
        if reports is not None:  # a long run cut short still shows what it measured
            report(reports, {key: figures[key]})
    return figures


def report(reports: int, figures: dict[str, dict[str, float]]) -> None:
    """Print each peak beside the idle bot and the target."""
    target = 150
    for key, label in (
        ("answers", "every /summary and /chart"),
        ("csv", "CSV export (as /export sends it)"),
        ("xlsx", "XLSX export (unlimited, as python -m bot export)"),
    ):
        if key not in figures:
            continue
        f = figures[key]
        extra = (
            f", {f['items']:,.0f} rows, {f['mb']:.0f} MB in {f['files']:.0f} file(s),"
            f" {f['seconds']:.0f} s"
            if "items" in f
            else ""
        )
        print(
            f"  {label} at {reports:,} reports: peak {f['peak_rss_mb']:.0f} MB resident"
            f" (bot modules loaded, idle {f['idle_rss_mb']:.0f} MB{extra})"
            f"  [{'ok ' if f['peak_rss_mb'] < target else 'MISS'} < {target} MB]",
            flush=True,
        )


def _cli(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.memory")
    parser.add_argument("database", type=Path, nargs="?")
    parser.add_argument("--export", choices=("csv", "xlsx"))
    parser.add_argument("--reports", type=int, default=10_000)
    args = parser.parse_args(argv)
    if args.database is not None:
        result = export(args.database, args.export) if args.export else main(args.database)
        print(json.dumps(result))
        return
    cache = Path(__file__).resolve().parent / "results" / "cache"
    cache.mkdir(parents=True, exist_ok=True)
    path = cache / f"siren-{args.reports}-{generate.LONG_DAYS}d.sqlite3"
    if not path.with_suffix(".done").exists():
        started = time.perf_counter()
        generate.build(path, args.reports, days=generate.LONG_DAYS)
        path.with_suffix(".done").write_text(json.dumps({"built_s": time.perf_counter() - started}))
    print(json.dumps(measure_all(path, args.reports)))


if __name__ == "__main__":
    _cli(sys.argv[1:])
