"""A /seizure through the real Application and the local Bot API, beside the floor of its stack.

The floor is python-telegram-bot's own: an update that a bare echo handler answers, over the same
emulated Bot API, plus one bare aiosqlite INSERT+COMMIT with the bot's own pragmas. Also: 50
officers reporting at once.

Here the bot, the echo and the emulation share one process and one interpreter lock, so the
emulation's work on the bot's richer reply (HTML, an Undo button, a quote of the report) counts
against the bot, as Telegram's servers would not in deployment. bench/e2e_process.py measures
the same with the bot and the echo each as a process of their own.
"""

from __future__ import annotations

import asyncio
import statistics
import tempfile
import threading
import time
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import Any

import aiosqlite
from telegram import Update
from telegram.ext import AIORateLimiter, ApplicationBuilder, CommandHandler, ContextTypes

import storage.database
from bot.app import OcuApplication, build_application, start_polling, stop_polling
from bot.config import Access, Config, Storage, Telegram
from bot.demo import ADMIN, KCS_OFFICER, Conversation, invite_code, set_up_demo
from bot.domain.clock import SystemClock
from fakegram.server import FakeBotAPI
from fakegram.types import FakeChat, FakeUser
from storage.database import PRAGMAS

SAMPLES = 300
BLOCK = 20
ECHO_USER = FakeUser(7, "Echo")
OFFICERS = 50
REPORTS_EACH = 10


async def _round_trips(api: FakeBotAPI, user: FakeUser, texts: list[str]) -> list[float]:
    """Seconds from each update queued to the bot's reply delivered, one after another."""
    chat = FakeChat.private(user)
    times = []
    for text in texts:
        cursor = api.cursor(chat)
        started = time.perf_counter()
        api.send_text(user, chat, text)
        await cursor.next(timeout=30)
        times.append(time.perf_counter() - started)
    return times


@asynccontextmanager
async def _echo_stack(rate: float) -> AsyncIterator[FakeBotAPI]:
    """The floor's stack: a bare echo handler on PTB, polling its own emulated Bot API."""

    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_text(update.effective_message.text or "")

    async with FakeBotAPI() as api:
        app = (
            ApplicationBuilder()
            .token(api.token)
            .base_url(api.base_url)
            .base_file_url(api.base_file_url)
            .rate_limiter(smooth_limiter(rate))
            .build()
        )
        app.add_handler(CommandHandler("seizure", echo))
        async with app:
            await app.start()
            assert app.updater is not None
            await app.updater.start_polling(poll_interval=0.0, timeout=1)
            try:
                await _round_trips(api, ECHO_USER, ["/seizure warm up"] * 10)
                yield api
            finally:
                await app.updater.stop()
                await app.stop()


async def _echo_floor(samples: int, rate: float) -> list[float]:
    """The echo floor alone (for bench.seizure_profile)."""
    async with _echo_stack(rate) as api:
        texts = [f"/seizure {n}g meth" for n in range(samples)]
        return await _round_trips(api, ECHO_USER, texts)


def smooth_limiter(rate: float) -> AIORateLimiter:
    """PTB's limiter shaped as the bot's is (one message every 1/rate s), for a fair floor."""
    if not rate:
        return AIORateLimiter(overall_max_rate=0)
    return AIORateLimiter(overall_max_rate=1, overall_time_period=1 / rate)


@asynccontextmanager
async def _bare_connection(folder: Path) -> AsyncIterator[aiosqlite.Connection]:
    async with aiosqlite.connect(
        folder / f"floor-{time.time_ns()}.sqlite3", isolation_level=None
    ) as conn:
        for pragma in PRAGMAS:
            await conn.execute(pragma)
        await conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, text TEXT NOT NULL)")
        yield conn


async def _insert_once(conn: aiosqlite.Connection, text: str) -> float:
    """Seconds for one bare INSERT+COMMIT with the bot's own pragmas."""
    started = time.perf_counter()
    await conn.execute("BEGIN IMMEDIATE")
    await conn.execute("INSERT INTO t (text) VALUES (?)", (text,))
    await conn.execute("COMMIT")
    return time.perf_counter() - started


async def _insert_floor(folder: Path, samples: int) -> list[float]:
    """The INSERT+COMMIT floor alone."""
    async with _bare_connection(folder) as conn:
        return [await _insert_once(conn, f"/seizure {n}g meth") for n in range(samples)]


@asynccontextmanager
async def _ocu_stack(
    folder: Path, rate: float, prepare: Callable[[OcuApplication], None] | None = None
) -> AsyncIterator[FakeBotAPI]:
    """The bot as deployed, with the demo operation set up through its own commands.

    `prepare` sees the application once it polls and its handlers are registered, before the
    demo is set up (bench.seizure_profile wraps a handler): the handlers wait for the first
    getUpdates (bot.after_start), so before start_polling there are none to wrap.
    """
    config = Config(
        access=Access(admins=(ADMIN.id,)),
        storage=Storage(database=folder / f"ocu-{rate:g}.sqlite3"),
        telegram=Telegram(max_messages_per_second=rate),
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
        try:
            if prepare is not None:
                prepare(app)
            await set_up_demo(Conversation(api, timeout=60), exercise=False)
            await _round_trips(api, KCS_OFFICER, [f"/seizure {n}kg ketamine" for n in range(1, 11)])
            yield api
        finally:
            await stop_polling(app)


async def _burst(api: FakeBotAPI) -> float:
    """Seconds for 50 officers, all at once, to have 10 reports each acknowledged."""
    talk = Conversation(api, timeout=60)
    officers = [FakeUser(5000 + n, f"Officer{n}") for n in range(OFFICERS)]
    for officer in officers:
        link = await talk.text(ADMIN, "/invite officer KCS")
        await talk.say(officer, f"/start {invite_code(link)}")
    mark = api.mark()
    started = time.perf_counter()
    for round_ in range(REPORTS_EACH):
        for officer in officers:
            api.send_text(officer, FakeChat.private(officer), f"/seizure {round_ + 1}g coke")

    def acked(call: Any) -> bool:
        return call.method == "sendMessage" and "Recorded report" in str(call.params)

    position = mark
    for _ in range(OFFICERS * REPORTS_EACH):
        index, _ = await api.wait_for_index(acked, after=position, timeout=120)
        position = index + 1
    return time.perf_counter() - started


def _p95(values: list[float]) -> float:
    return _quantile(values, 0.95)


def _quantile(values: list[float], q: float) -> float:
    return sorted(values)[max(int(len(values) * q) - 1, 0)]


@contextmanager
def _loop_stalls() -> Iterator[list[float]]:
    """Seconds each write transaction held the event loop's thread (Database.write inline=True).

    The price of running a report's transaction inline rather than in the writer's thread:
    nothing else in the bot runs meanwhile. Measured here so that it is seen beside the gain.
    """
    stalls: list[float] = []
    transact = storage.database.transact

    def timed(*args: Any, **kwargs: Any) -> Any:
        if threading.current_thread() is not threading.main_thread():
            return transact(*args, **kwargs)
        started = time.perf_counter()
        try:
            return transact(*args, **kwargs)
        finally:
            stalls.append(time.perf_counter() - started)

    storage.database.transact = timed
    try:
        yield stalls
    finally:
        storage.database.transact = transact


async def take_turns(
    echo_api: FakeBotAPI, conn: aiosqlite.Connection, ocu_api: FakeBotAPI, samples: int
) -> dict[str, Any]:
    """Echo, INSERT+COMMIT and /seizure measured side by side, in turns of BLOCK samples each.

    Both stacks run throughout, and the measuring takes turns (20 echoes, 20 INSERT+COMMITs,
    20 reports, 20 echoes, ...): a shared machine that slows down for a while slows all three
    alike instead of whichever happened to run then. Turns of a block rather than of one
    sample, so that one stack's work after its reply (the bot remembering its reply's id) does
    not land in the other's measurement. The loop stalls are those of writes in this process
    (none when the bot runs as its own process).
    """
    echo: list[float] = []
    insert: list[float] = []
    ocu: list[float] = []
    stalls: list[float] = []
    for first in range(0, samples, BLOCK):
        numbers = range(first + 1, min(first + BLOCK, samples) + 1)
        texts = [f"/seizure {n}g meth" for n in numbers]
        echo += await _round_trips(echo_api, ECHO_USER, texts)
        insert += [await _insert_once(conn, text) for text in texts]
        # Every text differs, so no "sent this already?" question interrupts the run.
        texts = [f"/seizure {n}g meth at ICN via air cargo" for n in numbers]
        with _loop_stalls() as measured:
            ocu += await _round_trips(ocu_api, KCS_OFFICER, texts)
        stalls += measured
    floor = statistics.median(echo) + statistics.median(insert)
    figures: dict[str, Any] = {
        "seizure_median_ms": statistics.median(ocu) * 1000,
        "seizure_p95_ms": _p95(ocu) * 1000,
        "echo_median_ms": statistics.median(echo) * 1000,
        "insert_commit_median_ms": statistics.median(insert) * 1000,
        "floor_ms": floor * 1000,
        "ratio": statistics.median(ocu) / floor,
    }
    if stalls:
        figures["loop_stall_median_ms"] = statistics.median(stalls) * 1000
        figures["loop_stall_p99_ms"] = _quantile(stalls, 0.99) * 1000
        figures["loop_stall_max_ms"] = max(stalls) * 1000
    return figures


async def _pair(folder: Path, samples: int, rate: float) -> dict[str, Any]:
    """Both stacks in this process, in turns; then 50 officers at once."""
    async with (
        _echo_stack(rate) as echo_api,
        _bare_connection(folder) as conn,
        _ocu_stack(folder, rate) as ocu_api,
    ):
        figures = await take_turns(echo_api, conn, ocu_api, samples)
        burst = await _burst(ocu_api)
    return {
        **figures,
        "officers": OFFICERS,
        "burst_reports": OFFICERS * REPORTS_EACH,
        "burst_s": burst,
        "burst_reports_per_s": OFFICERS * REPORTS_EACH / burst,
    }


async def measure(samples: int = SAMPLES) -> dict[str, Any]:
    """The figures, each with its baseline from this same run, with and without flood control."""
    with tempfile.TemporaryDirectory(prefix="ocu-e2e-") as name:
        folder = Path(name)
        # As deployed: Telegram's 30 messages a second, enforced on both sides alike.
        limited = await _pair(folder, samples, 30)
        # The bot's own cost, with the overall limit off on both sides.
        unlimited = await _pair(folder, samples, 0)
    return {"telegram_limit": limited, "no_overall_limit": unlimited}


def loop_held(figures: dict[str, Any]) -> str:
    """How long the writes held the loop; or that none ran on it. On a busy machine a slow
    inline commit sends the next ones to the writer's thread (storage.inline_commits): a run
    whose every write went there has no figure, and said so instead of failing (a whole bench
    run stopped here after 37 minutes, at load 7)."""
    if "loop_stall_median_ms" not in figures:
        return "no write ran on the event loop (each went to the writer's thread)"
    return (
        f"median {figures['loop_stall_median_ms']:.2f} ms, p99 {figures['loop_stall_p99_ms']:.2f}"
        f" ms, longest {figures['loop_stall_max_ms']:.2f} ms"
    )


def _print(label: str, figures: dict[str, Any]) -> None:
    print(
        f"/seizure end to end, {label}: median {figures['seizure_median_ms']:.2f} ms"
        f" (p95 {figures['seizure_p95_ms']:.2f})  vs floor {figures['floor_ms']:.2f} ms"
        f" = echo {figures['echo_median_ms']:.2f} + INSERT+COMMIT"
        f" {figures['insert_commit_median_ms']:.2f}  -> {figures['ratio']:.2f}x"
        f" [{'ok ' if figures['ratio'] <= 1.5 else 'MISS'} <= 1.5x]",
        flush=True,
    )
    print(f"  the event loop held by each write transaction: {loop_held(figures)}", flush=True)
    print(
        f"  {figures['officers']} officers at once: {figures['burst_reports']} reports"
        f" acknowledged in {figures['burst_s']:.1f} s = {figures['burst_reports_per_s']:.0f}/s",
        flush=True,
    )


def main() -> dict[str, Any]:
    """Measure and print; returns the figures for the JSON."""
    figures = asyncio.run(measure())
    _print("30 msg/s flood control on both", figures["telegram_limit"])
    _print("no overall limit on either, all in one process", figures["no_overall_limit"])
    return figures


if __name__ == "__main__":
    main()
