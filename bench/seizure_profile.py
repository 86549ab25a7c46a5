"""Where the time of one /seizure goes, against the echo floor: `python -m bench.seizure_profile`.

The same stack as bench/e2e.py (the real Application polling the local Bot API in this process),
with Telegram's overall limit off so that only the bot's own work shows. Each step of the handler
is timed in wall-clock time by wrapping it where the handler calls it; the emulation's own work
(parsing the reply's HTML, storing the message) is timed inside its sendMessage. What is left is
python-telegram-bot's dispatch and the HTTP round trips, which the echo floor pays too.
"""

from __future__ import annotations

import asyncio
import functools
import json
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from telegram.ext import CommandHandler, ExtBot

import handlers.guard
import handlers.seizures
import storage.database
from bench.e2e import _echo_floor, _insert_floor, _ocu_stack
from bot.demo import KCS_OFFICER
from fakegram.server import FakeBotAPI
from fakegram.types import FakeChat
from storage import inbox as inbox_store
from storage import seizures as seizure_store

SAMPLES = 300
RESULTS = Path(__file__).resolve().parent / "results"
Spent = dict[str, list[float]]


def _timed(spent: Spent, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    if asyncio.iscoroutinefunction(function):

        @functools.wraps(function)
        async def timed_async(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return await function(*args, **kwargs)
            finally:
                spent[name].append(time.perf_counter() - started)

        return timed_async

    @functools.wraps(function)
    def timed(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            spent[name].append(time.perf_counter() - started)

    return timed


def _instrument(spent: Spent, api: FakeBotAPI) -> Callable[[], None]:
    """Wrap each step where the handler calls it; returns a function that unwraps them."""
    targets: list[tuple[Any, str, str]] = [
        (handlers.guard, "remember", "who is asking (remember)"),
        (handlers.guard, "resolve_caller", "who is asking (resolve_caller)"),
        (handlers.seizures, "parse_seizure", "parse the text"),
        (seizure_store, "record_seizure", "unusual? sent twice? record: one transaction"),
        (inbox_store, "handled", "after: handled mark + reply id, one transaction"),
        (handlers.seizures.render_seizure, "seizure_ack", "render the reply"),
        # Every reply goes out through bot.outbox, which calls the bot's send_message.
        (ExtBot, "send_message", "reply: HTTP round trip to the Bot API"),
    ]  # fmt: skip
    originals = []
    for owner, attribute, label in targets:
        original = getattr(owner, attribute)
        originals.append((owner, attribute, original))
        setattr(owner, attribute, _timed(spent, label, original))
    # The report's transaction itself (durable), as run on the loop's thread: SQL and fsync.
    transact = storage.database.transact

    def timed_transact(conn: Any, work: Any, durable: bool, **kwargs: Any) -> Any:
        if not durable:
            return transact(conn, work, durable, **kwargs)
        started = time.perf_counter()
        try:
            return transact(conn, work, durable, **kwargs)
        finally:
            spent["  of which: SQL and fsync, on the loop's thread"].append(
                time.perf_counter() - started
            )

    storage.database.transact = timed_transact
    originals.append((storage.database, "transact", transact))
    # The emulation answers in this same process and loop: time its side of the reply too.
    api._handlers["sendmessage"] = (  # the emulation looks its methods up here
        "sendMessage",
        _timed(spent, "  of which: the emulation storing the reply", api.m_sendMessage),
    )

    def undo() -> None:
        for owner, attribute, original in originals:
            setattr(owner, attribute, original)

    return undo


async def _one_at_a_time(
    api: FakeBotAPI, done: asyncio.Event, texts: list[str]
) -> tuple[list[float], list[float]]:
    """Per report: seconds to the reply delivered, and to the handler's end (not overlapped)."""
    chat = FakeChat.private(KCS_OFFICER)
    to_reply, to_end = [], []
    for text in texts:
        done.clear()
        cursor = api.cursor(chat)
        started = time.perf_counter()
        api.send_text(KCS_OFFICER, chat, text)
        await cursor.next(timeout=30)
        to_reply.append(time.perf_counter() - started)
        await asyncio.wait_for(done.wait(), 30)
        to_end.append(time.perf_counter() - started)
    return to_reply, to_end


def _watch_handler(app: Any, spent: Spent, done: asyncio.Event) -> None:
    """Time the /seizure handler as registered, and say when it has finished."""
    for handler in app.handlers[0]:
        if isinstance(handler, CommandHandler) and "seizure" in handler.commands:

            async def watched(update: Any, context: Any, inner: Any = handler.callback) -> None:
                started = time.perf_counter()
                try:
                    await inner(update, context)
                finally:
                    spent["the whole handler"].append(time.perf_counter() - started)
                    done.set()

            handler.callback = watched
            return
    raise LookupError("no /seizure handler")


async def _profile(folder: Path, samples: int) -> dict[str, Any]:
    spent: Spent = defaultdict(list)
    done = asyncio.Event()
    # bench.e2e's stack, its warm-up included; the handler watched from the start.
    async with _ocu_stack(folder, 0, prepare=lambda app: _watch_handler(app, spent, done)) as api:
        spent.clear()
        undo = _instrument(spent, api)
        try:
            texts = [f"/seizure {n + 1}g meth at ICN via air cargo" for n in range(samples)]
            to_reply, to_end = await _one_at_a_time(api, done, texts)
        finally:
            undo()
    return {"total": to_reply, "to_end": to_end, "steps": dict(spent)}


def _ms(values: list[float]) -> float:
    return statistics.median(values) * 1000 if values else 0.0


async def measure(samples: int = SAMPLES) -> dict[str, Any]:
    """Median milliseconds of each step of a /seizure, and of the floor's two parts."""
    with tempfile.TemporaryDirectory(prefix="ocu-profile-") as name:
        folder = Path(name)
        echo = await _echo_floor(samples, 0)
        insert = await _insert_floor(folder, samples)
        profile = await _profile(folder, samples)
    # A part ("  of which: ...") is recorded before the step around it ends: print it after.
    labels = list(profile["steps"])
    parents = [label for label in labels if not label.startswith("  ")]
    ordered: list[str] = []
    for label in parents:
        ordered.append(label)
        if label.startswith("unusual?"):
            ordered += [part for part in labels if part.startswith("  of which: SQL")]
        if label.startswith("reply:"):
            ordered += [part for part in labels if part.startswith("  of which: the emulation")]
    steps = {label: _ms(profile["steps"][label]) for label in ordered}
    return {
        "seizure_median_ms": _ms(profile["total"]),
        "seizure_to_handler_end_median_ms": _ms(profile["to_end"]),
        "echo_median_ms": _ms(echo),
        "insert_commit_median_ms": _ms(insert),
        "steps_median_ms": steps,
    }


def main() -> dict[str, Any]:
    """Measure and print; also writes bench/results/seizure_profile.json."""
    figures = asyncio.run(measure())
    floor = figures["echo_median_ms"] + figures["insert_commit_median_ms"]
    print(
        f"/seizure, overall limit off: median {figures['seizure_median_ms']:.2f} ms vs floor"
        f" {floor:.2f} ms (echo {figures['echo_median_ms']:.2f} + INSERT+COMMIT"
        f" {figures['insert_commit_median_ms']:.2f}) = {figures['seizure_median_ms'] / floor:.2f}x"
    )
    print(
        f"  one at a time (the next report only once the handler has finished): reply after"
        f" {figures['seizure_median_ms']:.2f} ms, handler done after"
        f" {figures['seizure_to_handler_end_median_ms']:.2f} ms"
    )
    print("where the time goes (median ms per report, steps in the order the handler takes):")
    for label, ms in figures["steps_median_ms"].items():
        print(f"  {ms:6.2f}  {label}")
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "seizure_profile.json").write_text(json.dumps(figures, indent=2) + "\n")
    return figures


if __name__ == "__main__":
    main()
    sys.exit(0)
