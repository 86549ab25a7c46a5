"""A /seizure through the real Application and the local Bot API, beside the floor of its stack.

The floor is python-telegram-bot's own: an update that a bare echo handler answers, over the same
emulated Bot API, plus one bare aiosqlite INSERT+COMMIT with the bot's own pragmas. Also: 50
officers reporting at once, and 500 operations whose digests fall due in the same minute.
"""

from __future__ import annotations

import asyncio
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import aiosqlite
from telegram import Update
from telegram.ext import AIORateLimiter, ApplicationBuilder, CommandHandler, ContextTypes

from bot.app import build_application, start_polling, stop_polling
from bot.botapi import FakeBotAPI
from bot.botapi_types import FakeChat, FakeUser
from bot.clock import SystemClock
from bot.config import Access, Config, Storage, Telegram
from bot.demo import ADMIN, KCS_OFFICER, Conversation, invite_code, set_up_demo
from storage.database import PRAGMAS

SAMPLES = 200
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


async def _echo_floor(samples: int, rate: float) -> list[float]:
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
            user = FakeUser(7, "Echo")
            await _round_trips(api, user, ["/seizure warm up"] * 10)
            times = await _round_trips(api, user, [f"/seizure {n}g meth" for n in range(samples)])
            await app.updater.stop()
            await app.stop()
    return times


def smooth_limiter(rate: float) -> AIORateLimiter:
    """PTB's limiter shaped as the bot's is (one message every 1/rate s), for a fair floor."""
    if not rate:
        return AIORateLimiter(overall_max_rate=0)
    return AIORateLimiter(overall_max_rate=1, overall_time_period=1 / rate)


async def _insert_floor(folder: Path, samples: int) -> list[float]:
    async with aiosqlite.connect(
        folder / f"floor-{time.time_ns()}.sqlite3", isolation_level=None
    ) as conn:
        for pragma in PRAGMAS:
            await conn.execute(pragma)
        await conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, text TEXT NOT NULL)")
        times = []
        for n in range(samples):
            started = time.perf_counter()
            await conn.execute("BEGIN IMMEDIATE")
            await conn.execute("INSERT INTO t (text) VALUES (?)", (f"/seizure {n}g meth",))
            await conn.execute("COMMIT")
            times.append(time.perf_counter() - started)
    return times


async def _ocu(folder: Path, samples: int, rate: float) -> dict[str, float]:
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
            talk = Conversation(api, timeout=60)
            await set_up_demo(talk, exercise=False)
            await _round_trips(api, KCS_OFFICER, [f"/seizure {n}kg ketamine" for n in range(1, 11)])
            # Every text differs, so no "sent this already?" question interrupts the run.
            texts = [f"/seizure {n + 1}g meth at ICN via air cargo" for n in range(samples)]
            times = await _round_trips(api, KCS_OFFICER, texts)
            officers = [FakeUser(5000 + n, f"Officer{n}") for n in range(OFFICERS)]
            for officer in officers:
                link = await talk.text(ADMIN, "/invite officer KCS")
                await talk.say(officer, f"/start {invite_code(link)}")
            mark = api.mark()
            started = time.perf_counter()
            for round_ in range(REPORTS_EACH):
                for officer in officers:
                    chat = FakeChat.private(officer)
                    api.send_text(officer, chat, f"/seizure {round_ + 1}g coke")
            expected = OFFICERS * REPORTS_EACH

            def acked(call: Any) -> bool:
                return call.method == "sendMessage" and "Recorded report" in str(call.params)

            seen = 0
            position = mark
            while seen < expected:
                index, _ = await api.wait_for_index(acked, after=position, timeout=120)
                position, seen = index + 1, seen + 1
            burst = time.perf_counter() - started
        finally:
            await stop_polling(app)
    return {"median": statistics.median(times), "p95": _p95(times), "burst_s": burst}


def _p95(values: list[float]) -> float:
    return sorted(values)[int(len(values) * 0.95) - 1]


async def _pair(folder: Path, samples: int, rate: float) -> dict[str, Any]:
    echo = await _echo_floor(samples, rate)
    insert = await _insert_floor(folder, samples)
    ocu = await _ocu(folder, samples, rate)
    floor = statistics.median(echo) + statistics.median(insert)
    return {
        "seizure_median_ms": ocu["median"] * 1000,
        "seizure_p95_ms": ocu["p95"] * 1000,
        "echo_median_ms": statistics.median(echo) * 1000,
        "insert_commit_median_ms": statistics.median(insert) * 1000,
        "floor_ms": floor * 1000,
        "ratio": ocu["median"] / floor,
        "officers": OFFICERS,
        "burst_reports": OFFICERS * REPORTS_EACH,
        "burst_s": ocu["burst_s"],
        "burst_reports_per_s": OFFICERS * REPORTS_EACH / ocu["burst_s"],
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


def _print(label: str, figures: dict[str, Any]) -> None:
    print(
        f"/seizure end to end, {label}: median {figures['seizure_median_ms']:.2f} ms"
        f" (p95 {figures['seizure_p95_ms']:.2f})  vs floor {figures['floor_ms']:.2f} ms"
        f" = echo {figures['echo_median_ms']:.2f} + INSERT+COMMIT"
        f" {figures['insert_commit_median_ms']:.2f}  -> {figures['ratio']:.2f}x"
        f" [{'ok ' if figures['ratio'] <= 1.5 else 'MISS'} <= 1.5x]",
        flush=True,
    )
    print(
        f"  {figures['officers']} officers at once: {figures['burst_reports']} reports"
        f" acknowledged in {figures['burst_s']:.1f} s = {figures['burst_reports_per_s']:.0f}/s",
        flush=True,
    )


def main() -> dict[str, Any]:
    """Measure and print; returns the figures for the JSON."""
    figures = asyncio.run(measure())
    _print("30 msg/s flood control on both", figures["telegram_limit"])
    _print("no overall limit on either", figures["no_overall_limit"])
    return figures


if __name__ == "__main__":
    main()
