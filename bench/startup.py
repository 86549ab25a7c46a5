"""Start-up and idle memory, the bot beside PTB's echo bot: `python -m bench.startup [RUNS]`.

Both run as deployed, without the development tools' packages (bench.deployed hides every
installed package outside ocu-bot's dependencies): beside pytest and import-linter, httpx loads
its command-line client (rich, click, pygments) at import, which no deployment has installed.

Each runs as its own process (`python -m bot run`, bench/echo_bot.py) against the local Bot API
emulation in this one. Start-up is the time from launching the process to its first getUpdates
arriving at the emulation (imports, configuration, the database opened and checked; the handlers,
the clock, the menus and the worker process follow that first getUpdates, bot.after_start and
bot.handling, an update that comes first waiting for them, kept); idle memory is the process's
resident set once it has polled a few times. The worker process (bare: its jobs import their
libraries) is shown apart, as its memory is not the bot's. Alternating runs, medians; the first of
each is discarded (a cold disk cache). Both run with their bytecode cached, as when deployed (pip
compiles site-packages; a bot that has run once has its own __pycache__), in
bench/results/cache/pycache even where PYTHONDONTWRITEBYTECODE is set. Beside the wall time, each
process's own processor time to that first getUpdates: on a busy machine it says more than the wall
time.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import psutil

from bench.deployed import HIDDEN
from fakegram.server import FakeBotAPI

STARTUP_TARGET_S = 0.5
IDLE_RSS_TARGET_MB = 70
RUNS = 5
ROOT = Path(__file__).resolve().parents[1]
PYCACHE = ROOT / "bench" / "results" / "cache" / "pycache"
POLLS_BEFORE_IDLE = 3  # long polls of 1 s: start-up's work is over by then


def _config(folder: Path, api: FakeBotAPI) -> Path:
    config = folder / "startup.toml"
    config.write_text(
        'log_level = "WARNING"\n[telegram]\n'
        f'token = "{api.token}"\nbase_url = "{api.base_url}"\n'
        f'base_file_url = "{api.base_file_url}"\npoll_timeout = 1\n'
        f'[storage]\ndatabase = "{folder / "ocu.sqlite3"}"\n',
        encoding="utf-8",
    )
    return config


def not_deployed() -> list[str]:
    """The installed top-level packages that no deployment has: none of ocu-bot's dependencies."""
    from importlib import metadata

    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    needed: set[str] = set()
    todo = [Requirement("ocu-bot")]
    while todo:
        wanted = todo.pop()
        key = canonicalize_name(wanted.name)
        if key in needed:
            continue
        needed.add(key)
        try:
            requires = metadata.requires(wanted.name) or []
        except metadata.PackageNotFoundError:  # a marker's package for another platform
            continue
        # Once per package: the extras asked for on its first visit (PTB's, in practice).
        extras = {"", *wanted.extras}
        for line in requires:
            need = Requirement(line)
            if need.marker is None or any(need.marker.evaluate({"extra": e}) for e in extras):
                todo.append(need)
    return sorted(
        top
        for top, dists in metadata.packages_distributions().items()
        if not any(canonicalize_name(d) in needed for d in dists)
    )


async def _spawn(
    *args: str, stdout: int = asyncio.subprocess.DEVNULL
) -> asyncio.subprocess.Process:
    drop = {"OCU_BOT_TOKEN", "PYTHONDONTWRITEBYTECODE"}
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    env[HIDDEN] = " ".join(not_deployed())
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bench.deployed", *args, cwd=ROOT, env=env,
        stdin=asyncio.subprocess.DEVNULL, stdout=stdout, stderr=asyncio.subprocess.DEVNULL,
    )  # fmt: skip


async def _stop(process: asyncio.subprocess.Process) -> None:
    if process.returncode is None:
        process.send_signal(signal.SIGTERM)
        await asyncio.wait_for(process.wait(), 30)


def _rss_mb(pid: int) -> tuple[float, float]:
    """The process's resident set and its children's (the worker), in MB."""
    process = psutil.Process(pid)
    own = process.memory_info().rss
    children = sum(c.memory_info().rss for c in process.children(recursive=True))
    return own / 2**20, children / 2**20


async def _once(api: FakeBotAPI, *args: str) -> dict[str, float]:
    after = api.mark()
    started = time.monotonic()
    process = await _spawn(*args)
    try:
        index, first = await api.wait_for_index(
            lambda c: c.method == "getUpdates", after=after, timeout=60
        )
        cpu = psutil.Process(process.pid).cpu_times()
        for _ in range(POLLS_BEFORE_IDLE):
            index, _call = await api.wait_for_index(
                lambda c: c.method == "getUpdates", after=index + 1, timeout=60
            )
        own, children = _rss_mb(process.pid)
    finally:
        await _stop(process)
    return {
        "startup_s": first.at - started,
        "startup_cpu_s": cpu.user + cpu.system,
        "idle_rss_mb": own,
        "worker_rss_mb": children,
    }


async def _floor(*module: str) -> dict[str, float]:
    """The interpreter's start, with the module imported if one is named: wall and CPU."""
    started = time.monotonic()
    process = await _spawn("bench.library_floor", *module, stdout=asyncio.subprocess.PIPE)
    out, _err = await asyncio.wait_for(process.communicate(), 60)
    done = json.loads(out.decode().strip().splitlines()[-1])
    return {"startup_s": done["at"] - started, "startup_cpu_s": done["cpu_s"]}


async def measure(runs: int = RUNS) -> dict[str, Any]:
    """Medians of each, taken in turns; the two bots against one emulation each."""
    samples: dict[str, list[dict[str, float]]] = {"bot": [], "echo": []}
    floors: dict[str, list[dict[str, float]]] = {"python": [], "ptb": []}
    with tempfile.TemporaryDirectory(prefix="ocu-startup-") as name:
        folder = Path(name)
        async with FakeBotAPI() as bot_api, FakeBotAPI() as echo_api:
            config = _config(folder, bot_api)
            for turn in range(runs + 1):
                bot = await _once(bot_api, "bot", "run", "--config", str(config))
                echo = await _once(echo_api, "bench.echo_bot", echo_api.base_url,
                                   echo_api.token)  # fmt: skip
                python = await _floor()
                ptb = await _floor("telegram.ext")
                if turn:  # the first of each warms the disk cache
                    samples["bot"].append(bot)
                    samples["echo"].append(echo)
                    floors["python"].append(python)
                    floors["ptb"].append(ptb)
    figures: dict[str, Any] = {"runs": runs, "load": os.getloadavg()[0]}
    for who, rows in samples.items():
        for key in ("startup_s", "startup_cpu_s", "idle_rss_mb", "worker_rss_mb"):
            figures[f"{who}_{key}"] = statistics.median(r[key] for r in rows)
        figures[f"{who}_startup_max_s"] = max(r["startup_s"] for r in rows)
    for who, rows in floors.items():
        for key in ("startup_s", "startup_cpu_s"):
            figures[f"{who}_{key}"] = statistics.median(r[key] for r in rows)
    figures["startup_ok"] = figures["bot_startup_s"] < STARTUP_TARGET_S
    figures["idle_rss_ok"] = figures["bot_idle_rss_mb"] < IDLE_RSS_TARGET_MB
    return figures


def report(f: dict[str, Any]) -> None:
    """Print both figures beside the echo bot's and the target."""
    print(
        f"  start-up to the first getUpdates: median {f['bot_startup_s']:.2f} s"
        f" (longest {f['bot_startup_max_s']:.2f}; CPU {f['bot_startup_cpu_s']:.2f} s) vs PTB echo"
        f" bot {f['echo_startup_s']:.2f} s (CPU {f['echo_startup_cpu_s']:.2f} s)"
        f"  [{'ok ' if f['startup_ok'] else 'MISS'} < {STARTUP_TARGET_S} s]",
        flush=True,
    )
    # The wall time waits for the processor on a busy machine; the CPU time is the bot's own.
    print(
        f"  the bot's own cost above PTB's: {f['bot_startup_cpu_s'] - f['echo_startup_cpu_s']:+.2f}"
        f" s CPU, {f['bot_startup_s'] - f['echo_startup_s']:+.2f} s wall (load {f['load']:.1f})",
        flush=True,
    )
    print(
        f"  the floor: the interpreter alone {f['python_startup_s']:.2f} s (CPU"
        f" {f['python_startup_cpu_s']:.2f} s); importing telegram.ext and nothing else"
        f" {f['ptb_startup_s']:.2f} s (CPU {f['ptb_startup_cpu_s']:.2f} s),"
        f" {f['ptb_startup_s'] / STARTUP_TARGET_S:.0%} of the {STARTUP_TARGET_S} s target;"
        f" the bot's start-up above that floor: {f['bot_startup_s'] - f['ptb_startup_s']:+.2f}"
        f" s wall, {f['bot_startup_cpu_s'] - f['ptb_startup_cpu_s']:+.2f} s CPU",
        flush=True,
    )
    print(
        f"  idle resident memory: {f['bot_idle_rss_mb']:.0f} MB vs PTB echo bot"
        f" {f['echo_idle_rss_mb']:.0f} MB  [{'ok ' if f['idle_rss_ok'] else 'MISS'}"
        f" < {IDLE_RSS_TARGET_MB} MB]; the bot's worker process apart:"
        f" {f['bot_worker_rss_mb']:.0f} MB ({f['runs']} runs each)",
        flush=True,
    )


def measure_and_report(runs: int = RUNS) -> dict[str, Any]:
    """Measure and print."""
    figures = asyncio.run(measure(runs))
    report(figures)
    return figures


if __name__ == "__main__":
    print(json.dumps(measure_and_report(int(sys.argv[1]) if len(sys.argv) > 1 else RUNS)))
