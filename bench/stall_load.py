"""The people and the server around the bot in bench/stall.py: the Bot API emulation, an officer
reporting, a coordinator's heavy commands, groups receiving a digest, and an import.

By default all of it runs in a process of its own (`serve`), as Telegram's servers and the
operator's shell are not in the bot's process when deployed: only the bot's own work counts
against its event loop. `drive` is the same script for the in-process variant.
"""

from __future__ import annotations

import asyncio
import os
import sys
import time
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from bot.demo import COORDINATOR
from fakegram.server import FakeBotAPI
from fakegram.types import FakeChat, FakeUser

CALM_REPORTS = 60
DIGEST_GROUPS = 100  # groups of the big operation, each sent the digest
# Rows of the big operation's CSV imported: enough to run beside the rest (the whole 100k takes
# minutes on a busy machine, and its last transaction holds the file for seconds: issue 16).
IMPORT_ROWS = 20_000
OFFICER = FakeUser(10_000, "Officer", "10000")  # a member in every bench database
IMPORT_CODE = "IMPORT"
ROOT = Path(__file__).resolve().parents[1]


def group_ids() -> list[int]:
    """The chats of the big operation that receive its digest."""
    return [-100_900_000 - n for n in range(DIGEST_GROUPS)]


@dataclass
class Load:
    """What the bot under test is asked to do, and where."""

    database: Path
    import_csv: Path | None
    commands: tuple[str, ...] = ("/export xlsx", "/chart", "/debrief")
    digest: bool = True


@dataclass
class Timings:
    """Acknowledgements and the monotonic windows they were taken in (time.monotonic)."""

    calm: list[float] = field(default_factory=list)
    busy: list[float] = field(default_factory=list)
    calm_window: tuple[float, float] = (0.0, 0.0)
    busy_window: tuple[float, float] = (0.0, 0.0)
    chart_s: float = 0.0
    import_s: float = 0.0
    import_output: str = ""
    digest_s: float = 0.0
    digests_sent: int = 0
    refused: list[str] = field(default_factory=list)  # reports answered with a fault


async def _report(api: FakeBotAPI, n: int, refused: list[str] | None = None) -> float:
    """Seconds from one /seizure sent to its acknowledgement.

    A report answered otherwise (a fault) is kept in `refused` when given, else fatal.
    """
    chat = FakeChat.private(OFFICER)
    cursor = api.cursor(chat)
    started = time.perf_counter()
    api.send_text(OFFICER, chat, f"/seizure {n}g meth at ICN")
    reply = await cursor.next(timeout=600)
    if "Recorded report" not in str(reply.get("text")):
        if refused is None:
            raise RuntimeError(f"the bench's report was not recorded: {reply.get('text')!r}")
        refused.append(str(reply.get("text")))
    return time.perf_counter() - started


async def _command(api: FakeBotAPI, command: str) -> float:
    """The coordinator's command, answered with a file; its seconds."""
    chat = FakeChat.private(COORDINATOR)
    cursor = api.cursor(chat)
    started = time.perf_counter()
    api.send_text(COORDINATOR, chat, command)
    reply = await cursor.next(timeout=1800)
    while "document" not in reply and "photo" not in reply:
        text = str(reply.get("text"))
        if "%" not in text and not text.startswith("Preparing"):  # progress, then the file
            raise RuntimeError(f"{command} did not answer with a file: {reply.get('text')!r}")
        reply = await cursor.next(timeout=1800)
    return time.perf_counter() - started


async def _import(csv_path: Path, database: Path) -> tuple[float, str]:
    """`python -m bot import` as the operator would run it beside the live bot."""
    started = time.perf_counter()
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "import", str(csv_path), "--operation", IMPORT_CODE,
        "--db", str(database), "--quiet", cwd=ROOT, stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    out, _ = await process.communicate()
    if process.returncode != 0:
        raise RuntimeError(f"the bench's import failed: {out.decode()[-500:]}")
    return time.perf_counter() - started, out.decode().strip()


async def _digests(api: FakeBotAPI, start: Callable[[], None]) -> tuple[float, int]:
    """Ask the bot's clock for the digest; seconds until every group has it."""
    mark = api.mark()
    started = time.perf_counter()
    start()
    groups = set(group_ids())
    got: set[int] = set()

    def to_a_group(call: Any) -> bool:
        return (
            call.method == "sendMessage"
            and call.delivered
            and int(call.params["chat_id"]) in groups
        )

    position = mark
    while got != groups:
        index, call = await api.wait_for_index(to_a_group, after=position, timeout=600)
        got.add(int(call.params["chat_id"]))
        position = index + 1
    return time.perf_counter() - started, len(got)


def _say(line: str) -> None:
    print(f"    ({time.strftime('%H:%M:%S')} {line})", file=sys.stderr, flush=True)


async def drive(api: FakeBotAPI, load: Load, start_digest: Callable[[], None]) -> Timings:
    """Warm up, reports alone, then reports while everything heavy runs at once."""
    timings = Timings()
    numbers: Iterator[int] = iter(range(1, 10**9))  # every text differs: no "sent this already?"
    for _ in range(5):  # warm up: the caller's caches, the first reply
        await _report(api, next(numbers))
    start = time.monotonic()
    timings.calm = [await _report(api, next(numbers)) for _ in range(CALM_REPORTS)]
    timings.calm_window = (start, time.monotonic())
    _say(f"calm: {len(timings.calm)} reports; now the heavy load")

    async def commands() -> None:
        for command in load.commands:
            seconds = await _command(api, command)
            _say(f"{command} answered in {seconds:.1f} s")
            if command == "/chart":
                timings.chart_s = seconds

    async def importing() -> None:
        if load.import_csv is not None:
            timings.import_s, timings.import_output = await _import(load.import_csv, load.database)
            _say(f"import done in {timings.import_s:.1f} s")

    async def digest() -> None:
        if load.digest:
            timings.digest_s, timings.digests_sent = await _digests(api, start_digest)
            _say(f"digest in every group in {timings.digest_s:.1f} s")

    start = time.monotonic()
    heavy: list[Awaitable[None]] = [commands(), importing(), digest()]
    everything = asyncio.ensure_future(asyncio.gather(*heavy))
    while not everything.done():
        timings.busy.append(await _report(api, next(numbers), timings.refused))
    await everything
    timings.busy_window = (start, time.monotonic())
    return timings


def serve(conn: Connection, load: Load) -> None:
    """The emulation and the people, in their own process; talks to the bot's over `conn`."""
    os.environ.pop("OCU_BOT_TOKEN", None)
    asyncio.run(_serve(conn, load))


async def _serve(conn: Connection, load: Load) -> None:
    async with FakeBotAPI() as api:
        for chat_id in group_ids():
            api.add_chat(FakeChat(chat_id, "group", title=f"OCU {chat_id}"))
        conn.send(("api", api.token, api.base_url, api.base_file_url))
        await asyncio.to_thread(conn.recv)  # the bot is polling
        try:
            timings = await drive(api, load, lambda: conn.send(("digest",)))
        except Exception as exc:  # the bot's side reports it
            conn.send(("failed", f"{type(exc).__name__}: {exc}"))
            return
        conn.send(("done", timings))
