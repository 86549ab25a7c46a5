"""/export inside the running bot: memory of the bot and of its worker, time, files, edits.

`python -m bench.export_inbot DB [csv|xlsx]` copies DB (an operation built by bench.generate,
never written to) into a temporary folder, makes the demo coordinator a coordinator of it, runs
the real bot (`python -m bot run`) as a process of its own against the local Bot API in this
one, and has the coordinator send /export in private. Sampled every 100 ms until the last file
(or the refusal) arrives: the resident memory of the bot's process, of its worker processes (the
forkserver and the worker it starts), and of all of them at once; their CPU time; how often the
progress message was edited; then the first /chart's time (matplotlib loaded in the worker on
first use) beside a second's. `report` prints them beside the 150 MB target.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import re
import sqlite3
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import psutil

from bench import generate
from bench.e2e_process import _spawn, _stop
from bot.demo import ADMIN, COORDINATOR
from fakegram.server import FakeBotAPI
from fakegram.types import FakeChat

PRIVATE = FakeChat.private(COORDINATOR)
_LAST_PART = re.compile(r"Part (\d+) of \1:")


class _Sampler(threading.Thread):
    """Peak resident memory of a process, of its children, and of both at once."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.bot = psutil.Process(pid)
        self.peak = {"bot": 0, "workers": 0, "total": 0, "worker": 0, "pss": 0}
        self.stop = threading.Event()

    def sample(self, *, pss: bool = False) -> dict[str, int]:
        """Resident bytes now: the bot, its children summed, the largest child; and their PSS.

        RSS counts a page shared by the forkserver and the worker it forked in both; PSS
        shares it out, so the PSS sum is what the processes together take from the machine.
        """
        bot = self.bot.memory_info().rss
        workers = largest = shared = 0
        processes = [self.bot, *self.bot.children(recursive=True)]
        for child in processes[1:]:
            try:
                rss = child.memory_info().rss
            except psutil.NoSuchProcess:
                continue
            workers += rss
            largest = max(largest, rss)
        if pss:
            for process in processes:
                try:
                    shared += process.memory_full_info().pss
                except (psutil.NoSuchProcess, AttributeError):
                    pass
        return {
            "bot": bot, "workers": workers, "total": bot + workers, "worker": largest,
            "pss": shared,
        }  # fmt: skip

    def cpu(self) -> float:
        """CPU seconds (user + system) of the bot and its living children so far."""
        total = 0.0
        for process in (self.bot, *self.bot.children(recursive=True)):
            try:
                times = process.cpu_times()
            except psutil.NoSuchProcess:
                continue
            total += times.user + times.system
        return total

    def run(self) -> None:
        turn = 0
        while not self.stop.is_set():
            turn += 1
            try:
                now = self.sample(pss=turn % 10 == 0)  # smaps is dearer: every second
            except psutil.NoSuchProcess:
                return
            for key, value in now.items():
                self.peak[key] = max(self.peak[key], value)
            self.stop.wait(0.1)


def _prepare(source: Path, folder: Path) -> Path:
    target = folder / "ocu.sqlite3"
    generate.copy_with_coordinator(source, target, COORDINATOR.id)
    return target


async def _settled(pid: int) -> None:
    """Wait until the bot's worker is started and its memory stays put for a second.

    Not a /chart: that loads matplotlib into the worker, which an export never needs (the bot
    no longer preloads it). A bot that did preload is measured once that is done.
    """
    bot = psutil.Process(pid)
    last, steady = -1, 0
    for _ in range(1200):
        children = bot.children(recursive=True)
        rss = sum(c.memory_info().rss for c in children) if len(children) >= 2 else -1
        steady = steady + 1 if rss == last and rss > 0 else 0
        if steady >= 10:
            return
        last = rss
        await asyncio.sleep(0.1)


async def _first_chart(api: FakeBotAPI, sampler: _Sampler) -> dict[str, float]:
    """The first /chart after the export, then a second: the price of loading matplotlib late."""
    figures: dict[str, float] = {}
    for key in ("first_chart", "second_chart"):
        cursor = api.cursor(PRIVATE)
        cpu, started = sampler.cpu(), time.perf_counter()
        api.send_text(COORDINATOR, PRIVATE, "/chart")
        while "photo" not in await cursor.next(timeout=600):
            pass
        figures[f"{key}_s"] = time.perf_counter() - started
        figures[f"{key}_cpu_s"] = sampler.cpu() - cpu
    return figures


async def measure(database: Path, fmt: str) -> dict[str, Any]:
    """Everything about one /export of `fmt` through the running bot."""
    with tempfile.TemporaryDirectory(prefix="ocu-export-inbot-") as name:
        folder = Path(name)
        path = _prepare(database, folder)
        async with FakeBotAPI() as api:
            config = folder / "bench.toml"
            config.write_text(
                'log_level = "WARNING"\n[telegram]\n'
                f'token = "{api.token}"\nbase_url = "{api.base_url}"\n'
                f'base_file_url = "{api.base_file_url}"\npoll_timeout = 1\n'
                f"[access]\nadmins = [{ADMIN.id}]\n"
                f'[storage]\ndatabase = "{path}"\n',
                encoding="utf-8",
            )
            process = await _spawn("-m", "bot", "run", "--config", str(config))
            try:
                cursor = api.cursor(PRIVATE)
                api.send_text(COORDINATOR, PRIVATE, "/help")
                await cursor.next(timeout=300)  # migrations, if any, ran first
                await _settled(process.pid)
                sampler = _Sampler(process.pid)
                result = await _export(api, sampler, fmt)
                return result | await _first_chart(api, sampler)
            finally:
                await _stop(process)


async def _export(api: FakeBotAPI, sampler: _Sampler, fmt: str) -> dict[str, Any]:
    idle = sampler.sample(pss=True)
    cpu_before = sampler.cpu()
    sampler.start()
    cursor = api.cursor(PRIVATE)
    mark = api.mark()
    started = time.perf_counter()
    api.send_text(COORDINATOR, PRIVATE, f"/export {fmt}")
    progress_id: int | None = None
    first_answer = 0.0
    sizes: list[int] = []
    refusal = ""
    while True:
        message = await cursor.next(timeout=3600)
        first_answer = first_answer or time.perf_counter() - started
        text = message.get("text") or ""
        if text.startswith("Exporting"):
            progress_id = message["message_id"]
            continue
        if "document" not in message:
            refusal = text
            break
        sizes.append(message["document"].get("file_size") or 0)
        caption = message.get("caption") or ""
        if "Part " not in caption or _LAST_PART.search(caption):
            break
    seconds = time.perf_counter() - started
    cpu = sampler.cpu() - cpu_before
    sampler.stop.set()
    sampler.join()
    edits = [
        c.at
        for c in api.calls[mark:]
        if c.method == "editMessageText" and c.params.get("message_id") == progress_id
    ]
    gaps = [b - a for a, b in itertools.pairwise(edits)]
    mb = 2**20
    return {
        "format": fmt,
        "seconds": seconds,
        "first_answer_s": first_answer,
        "cpu_s": cpu,
        "files": len(sizes),
        "mb": sum(sizes) / 1e6,
        "largest_mb": max(sizes, default=0) / 1e6,
        "refusal": refusal,
        "progress_edits": len(edits),
        "min_edit_gap_s": min(gaps, default=0.0),
        "idle_bot_mb": idle["bot"] / mb,
        "idle_workers_mb": idle["workers"] / mb,
        "peak_bot_mb": sampler.peak["bot"] / mb,
        "peak_workers_mb": sampler.peak["workers"] / mb,
        "peak_total_mb": sampler.peak["total"] / mb,
        "idle_worker_mb": idle["worker"] / mb,
        "peak_worker_mb": sampler.peak["worker"] / mb,
        "idle_pss_mb": idle["pss"] / mb,
        "peak_pss_mb": sampler.peak["pss"] / mb,
        "load": psutil.getloadavg()[0],
    }


def _reports(database: Path) -> int:
    conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        return int(conn.execute("SELECT count(*) FROM seizure").fetchone()[0])
    finally:
        conn.close()


TARGET_MB = 150
EDIT_GAP_S = 1.0  # Telegram: about one message a second in one chat


def report(reports: int, f: dict[str, Any]) -> None:
    """Print the peaks beside the idle bot and the target, and what the coordinator got."""

    def verdict(ok: bool) -> str:
        return "ok " if ok else "MISS"

    spaced = f["min_edit_gap_s"] >= EDIT_GAP_S or f["progress_edits"] < 2

    got = (
        f"refused at once ({f['first_answer_s']:.1f} s): {f['refusal'].splitlines()[0]}"
        if f["refusal"]
        else f"{f['files']} file(s), {f['mb']:.0f} MB (largest {f['largest_mb']:.0f} MB"
        f" [{verdict(f['largest_mb'] <= 50)} <= 50 MB]) in {f['seconds']:.0f} s wall,"
        f" {f['cpu_s']:.0f} s CPU, load {f['load']:.1f}; {f['progress_edits']} progress edits,"
        f" at least {f['min_edit_gap_s']:.1f} s apart [{verdict(spaced)} >= {EDIT_GAP_S:.0f} s]"
    )
    print(f"  /export {f['format']} in the running bot at {reports:,} reports: {got}", flush=True)
    print(
        f"    the first /chart after it {f['first_chart_s']:.2f} s wall,"
        f" {f['first_chart_cpu_s']:.2f} s CPU (a second one {f['second_chart_s']:.2f} s,"
        f" {f['second_chart_cpu_s']:.2f} s CPU): matplotlib is loaded by the first chart, in the"
        " worker, off the loop",
        flush=True,
    )
    print(
        f"    peak resident: bot {f['peak_bot_mb']:.0f} MB (idle {f['idle_bot_mb']:.0f})"
        f" [{verdict(f['peak_bot_mb'] < TARGET_MB)} < {TARGET_MB} MB];"
        f" worker {f['peak_worker_mb']:.0f} MB (idle {f['idle_worker_mb']:.0f})"
        f" [{verdict(f['peak_worker_mb'] < TARGET_MB)} < {TARGET_MB} MB];"
        f" both together {f['peak_pss_mb']:.0f} MB PSS (idle {f['idle_pss_mb']:.0f};"
        f" RSS summed {f['peak_total_mb']:.0f}) [{verdict(f['peak_pss_mb'] < TARGET_MB)}"
        f" < {TARGET_MB} MB]",
        flush=True,
    )


if __name__ == "__main__":
    source = Path(sys.argv[1])
    result = asyncio.run(measure(source, sys.argv[2] if len(sys.argv) > 2 else "csv"))
    print(json.dumps(result))
    report(_reports(source), result)
