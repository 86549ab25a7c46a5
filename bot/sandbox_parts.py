"""The sandbox's smaller parts: its buttons and links, its data folder, reading a line."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import NamedTuple
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
    if interactive:
        try:
            return await asyncio.to_thread(input, prompt)
        except EOFError:
            return None
    line = await asyncio.to_thread(sys.stdin.readline)
    return line.rstrip("\n") if line else None
