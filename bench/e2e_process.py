"""A /seizure with the bot in its own process, as deployed: `python -m bench.e2e_process`.

bench/e2e.py runs the bot and the local Bot API in one process and one event loop, so the
emulation's work (answering the bot's next long poll, parsing the reply's HTML) competes with
the handler for the same loop. Here the real bot (`python -m bot run`) and the floor
(bench/echo_bot.py, PTB's bare echo handler) each run as their own process against the emulation
in this one, with the overall flood limit off: the same comparison, without that artefact. The
floor is the echo's round trip plus one bare aiosqlite INSERT+COMMIT with the bot's pragmas.
Both processes run throughout and are measured in turns of 20 reports, as in bench/e2e.py.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sys
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from bench.e2e import ECHO_USER, _bare_connection, _round_trips, take_turns
from bot.demo import ADMIN, KCS_OFFICER, Conversation, set_up_demo
from fakegram.server import FakeBotAPI

SAMPLES = 300
ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"


async def _spawn(*args: str) -> asyncio.subprocess.Process:
    env = {k: v for k, v in os.environ.items() if k != "OCU_BOT_TOKEN"}
    return await asyncio.create_subprocess_exec(
        sys.executable, *args, cwd=ROOT, env=env, stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL,
    )  # fmt: skip


async def _stop(process: asyncio.subprocess.Process) -> None:
    if process.returncode is None:
        process.send_signal(signal.SIGTERM)
        await asyncio.wait_for(process.wait(), 30)


@asynccontextmanager
async def _echo_process() -> AsyncIterator[FakeBotAPI]:
    async with FakeBotAPI() as api:
        process = await _spawn("-m", "bench.echo_bot", api.base_url, api.token)
        try:
            await _round_trips(api, ECHO_USER, ["/seizure warm up"] * 20)
            yield api
        finally:
            await _stop(process)


@asynccontextmanager
async def _ocu_process(folder: Path) -> AsyncIterator[FakeBotAPI]:
    async with FakeBotAPI() as api:
        config = folder / "bench.toml"
        config.write_text(
            'log_level = "WARNING"\n[telegram]\n'
            f'token = "{api.token}"\nbase_url = "{api.base_url}"\n'
            f'base_file_url = "{api.base_file_url}"\npoll_timeout = 1\n'
            "max_messages_per_second = 0\n"
            f"[access]\nadmins = [{ADMIN.id}]\n"
            f'[storage]\ndatabase = "{folder / "ocu.sqlite3"}"\n',
            encoding="utf-8",
        )
        process = await _spawn("-m", "bot", "run", "--config", str(config))
        try:
            await set_up_demo(Conversation(api, timeout=60), exercise=False)
            await _round_trips(api, KCS_OFFICER, [f"/seizure {n}kg ketamine" for n in range(20)])
            yield api
        finally:
            await _stop(process)


async def measure(samples: int = SAMPLES) -> dict[str, Any]:
    """Median and p95 of both, the floor, and the ratio; measured in turns, as in bench.e2e."""
    with tempfile.TemporaryDirectory(prefix="ocu-e2e-process-") as name:
        folder = Path(name)
        async with (
            _echo_process() as echo_api,
            _bare_connection(folder) as conn,
            _ocu_process(folder) as ocu_api,
        ):
            return await take_turns(echo_api, conn, ocu_api, samples)


def main() -> dict[str, Any]:
    """Measure, print, and write bench/results/e2e_process.json."""
    figures = asyncio.run(measure())
    print(
        f"/seizure end to end, bot in its own process, no overall limit: median"
        f" {figures['seizure_median_ms']:.2f} ms (p95 {figures['seizure_p95_ms']:.2f})"
        f"  vs floor {figures['floor_ms']:.2f} ms = echo process {figures['echo_median_ms']:.2f}"
        f" + INSERT+COMMIT {figures['insert_commit_median_ms']:.2f}  -> {figures['ratio']:.2f}x"
        f" [{'ok ' if figures['ratio'] <= 1.5 else 'MISS'} <= 1.5x]",
        flush=True,
    )
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "e2e_process.json").write_text(json.dumps(figures, indent=2) + "\n")
    return figures


if __name__ == "__main__":
    main()
