"""Peak resident memory of a process that opens the big database and answers every /summary.

Run as its own process (python -m bench.memory DB) so that building the database does not count.
"""

from __future__ import annotations

import asyncio
import json
import sys
import threading
from pathlib import Path

import psutil

from bench.summary_bench import NOW, VARIANTS
from bot.chart import build_chart
from bot.parsing.summary import parse_chart_args, parse_summary_args
from bot.render.summary import group_label, render_summary
from storage.database import Database
from storage.summary import load_summary


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


def main(path: Path) -> dict[str, float]:
    """Peak RSS in MB while answering, with the bot's own modules loaded as in production."""
    try:
        import bot.app  # noqa: F401  (the Telegram stack the running bot carries)
    except ImportError:
        pass
    idle = psutil.Process().memory_info().rss
    sampler = _Sampler()
    sampler.start()
    asyncio.run(_work(path))
    sampler.stop.set()
    sampler.join()
    return {
        "peak_rss_mb": max(sampler.peak, _high_water_mark()) / 2**20,
        "idle_rss_mb": idle / 2**20,
    }


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]))))
