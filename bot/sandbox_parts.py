"""The sandbox's smaller parts: its buttons and links, its data folder, reading a line."""

from __future__ import annotations

import asyncio
import contextlib
import signal
import sys
import threading
from collections.abc import Coroutine
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import parse_qs, urlsplit

from fakegram.types import JSONDict

_TELEGRAM_HOSTS = frozenset({"t.me", "www.t.me", "telegram.me", "www.telegram.me"})


class Button(NamedTuple):
    """One inline button of a bot message as the terminal lists it."""

    message_id: int
    label: str
    data: str  # its callback_data; "" for a link
    url: str = ""  # a link button opens this instead


def buttons_of(message: JSONDict) -> list[Button]:
    """The message's inline buttons, in the order Telegram shows them."""
    rows = message.get("reply_markup", {}).get("inline_keyboard", [])
    return [
        Button(
            int(message["message_id"]),
            str(button["text"]),
            str(button.get("callback_data", "")),
            str(button.get("url", "")),
        )
        for row in rows
        for button in row
    ]


def listed(buttons: list[Button]) -> str:
    """'[1] Undo  [2] Details'."""
    return "  ".join(f"[{n}] {button.label}" for n, button in enumerate(buttons, 1))


def start_parameter(url: str, bot_username: str) -> str | None:
    """For a link to the bot itself, its start parameter ('' for none); None for any other."""
    parts = urlsplit(url)
    query = parse_qs(parts.query)
    if parts.scheme == "tg" and parts.netloc == "resolve":
        target = (query.get("domain") or [""])[0]
    elif parts.scheme in ("http", "https") and parts.netloc.lower() in _TELEGRAM_HOSTS:
        target = parts.path.strip("/")
    else:
        return None
    if target.lower() != bot_username.lower():
        return None
    return (query.get("start") or [""])[0]


def keep_file(folder: Path, name: str, content: bytes) -> Path:
    """Write `content` to folder/NAME-N.EXT with the first N not taken; return the path."""
    base = Path(name).name or "file"
    stem, dot, suffix = base.rpartition(".")
    if not stem:
        stem, dot, suffix = base, "", ""
    number = 1
    while True:
        path = folder / f"{stem}-{number}{dot}{suffix}"
        try:
            with path.open("xb") as handle:
                handle.write(content)
        except FileExistsError:
            number += 1
            continue
        return path


def prepare(data: Path, fresh: bool) -> tuple[Path, Path, bool]:
    """The files folder, the database (deleted if `fresh`), and whether it is new."""
    files = data / "files"
    files.mkdir(parents=True, exist_ok=True)
    database = data / "sandbox.sqlite3"
    if fresh:
        for path in data.glob("sandbox.sqlite3*"):
            path.unlink()
    return files, database, not database.exists()


async def read_line(prompt: str, interactive: bool) -> str | None:
    """The next line typed (after `prompt`) or piped; None at the end of the input."""
    # In a daemon thread, not the loop's executor: a stop (SIGTERM) must not wait for a line
    # that may never come before the process can exit.
    loop = asyncio.get_running_loop()
    got: asyncio.Future[str | None] = loop.create_future()

    def read() -> None:
        try:
            if interactive:
                line: str | None = input(prompt)
            else:
                piped = sys.stdin.readline()
                line = piped.rstrip("\n") if piped else None
        except EOFError:
            line = None
        with contextlib.suppress(RuntimeError):  # the loop closed meanwhile: nobody waits
            loop.call_soon_threadsafe(_settle, got, line)

    threading.Thread(target=read, name="sandbox-input", daemon=True).start()
    return await got


def _settle(got: asyncio.Future[str | None], line: str | None) -> None:
    if not got.done():
        got.set_result(line)


async def until_signal(work: Coroutine[Any, Any, None]) -> None:
    """Run `work`; SIGTERM or SIGHUP ends it as the end of the input does.

    Killed by the signal instead, the sandbox left its worker's queues behind: the
    resource_tracker warned of leaked semaphores on stderr after every such exit.
    """
    loop = asyncio.get_running_loop()
    task = asyncio.ensure_future(work)
    signals = (signal.SIGTERM, signal.SIGHUP)
    for signum in signals:
        loop.add_signal_handler(signum, task.cancel)
    try:
        await asyncio.wait({task})
    finally:
        task.cancel()  # this task itself was cancelled: the chat ends with it
        for signum in signals:
            loop.remove_signal_handler(signum)
    if not task.cancelled():
        task.result()  # an error in the chat is raised here
