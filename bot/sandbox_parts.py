"""The sandbox's smaller parts: its buttons and links, who you are, its data folder, reading a
line."""

from __future__ import annotations

import asyncio
import contextlib
import re
import signal
import sys
import threading
from collections.abc import Coroutine
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import parse_qs, urlsplit

from bot.context import OcuApplication
from bot.demo import CAST, GROUP
from fakegram.server import FakeBotAPI
from fakegram.types import FakeChat, JSONDict
from storage import members, operations
from storage.database import Database

_PHONE = re.compile(r"^lang=([a-z]{2,3}(?:-[a-z0-9]{2,8})?|none)$", re.IGNORECASE)
# Named in the sandbox's own words: the languages the bot speaks, and "none" for no setting.
_PHONE_NAMES = {"en": "English", "ko": "Korean", "th": "Thai"}
KEEP = "keep"  # `:as NAME` without lang=: the phone language that person had last


def person_and_phone(arg: str) -> tuple[str, str | None] | None:
    """`:as NAME [lang=CODE]`: the name, and the Telegram language_code its person's phone
    sends (None for `lang=none`, KEEP without lang=); None if it is not of that form."""
    words = arg.split()
    if len(words) == 1:
        return words[0].lower(), KEEP
    if len(words) != 2 or (found := _PHONE.match(words[1])) is None:
        return None
    code = found[1].lower()
    return words[0].lower(), None if code == "none" else code


async def kept_language(app: OcuApplication, user_id: int) -> str | None:
    """The language the bot writes to a person in: the one it met them in since it started
    (bot_data), else the one it keeps for them (met at their first contact, or chosen)."""
    met = app.bot_data.languages.get(user_id)
    return met or await members.language_of(app.bot_data.db, user_id=user_id)


def kept_note(first_name: str, kept: str | None, code: str | None) -> str | None:
    """Said when the bot keeps another language for the person than their phone now sends:
    a bot keeps the language it met a person in (or they chose), as the real one does."""
    wanted = (code or "").split("-")[0]
    if kept is None or kept == wanted:
        return None
    how = f"; /language {wanted} changes it" if wanted in _PHONE_NAMES else ""
    return f"(the bot writes to {first_name} {phone_said(kept)}, met or chosen before{how})"


def phone_said(code: str | None) -> str:
    """'in Korean (ko)', 'in ja', 'with no language set': how a person's Telegram is set."""
    if code is None:
        return "with no language set"
    name = _PHONE_NAMES.get(code.split("-")[0])
    return f"in {name} ({code})" if name else f"in {code}"


AS_USAGE = (
    ":as NAME, or :as NAME lang=CODE: NAME is one of admin, coordinator, kcs, tcd, observer, "
    "outsider; CODE the language of their Telegram (ko, th, en, another code, or none), "
    "e.g. :as kcs lang=ko"
)


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


_STOP_SIGNALS = (signal.SIGTERM, signal.SIGHUP)


def catch_stop_signals() -> asyncio.Event:
    """From now to the end of the loop, SIGTERM and SIGHUP set the event returned: the sandbox
    is never killed outright by them, starting or stopping.

    Killed outright, the sandbox left its worker's queues behind: the resource_tracker warned
    of leaked semaphores on stderr. Before, the signals were caught during the chat only, so
    `timeout` or a closed terminal during the stop (the input had ended; the worker being
    ended) still killed it.
    """
    loop = asyncio.get_running_loop()
    requested = asyncio.Event()
    for signum in _STOP_SIGNALS:
        loop.add_signal_handler(signum, requested.set)
    return requested


def ignore_stop_signals() -> None:
    """SIGTERM and SIGHUP ignored from now on: the sandbox has stopped and is exiting."""
    loop = asyncio.get_running_loop()
    for signum in _STOP_SIGNALS:
        loop.remove_signal_handler(signum)  # sets the default back (killed outright) ...
        signal.signal(signum, signal.SIG_IGN)  # ... which the exit's last moments must not be


async def until_signal(work: Coroutine[Any, Any, None], requested: asyncio.Event) -> None:
    """Run `work`; SIGTERM or SIGHUP (`requested`, from catch_stop_signals) ends it as the end
    of the input does."""
    task = asyncio.ensure_future(work)
    stop = asyncio.ensure_future(requested.wait())
    try:
        await asyncio.wait({task, stop}, return_when=asyncio.FIRST_COMPLETED)
        if not task.done():
            task.cancel()  # the chat ends with the signal
            await asyncio.wait({task})
    finally:
        task.cancel()  # this task itself was cancelled: the chat ends with it
        stop.cancel()
    if not task.cancelled():
        task.result()  # an error in the chat is raised here


def wait_seconds(line: str) -> float | None:
    """The SECONDS of a ':wait SECONDS' line, or None."""
    words = line.split()
    if len(words) == 2 and words[0] == ":wait":
        try:
            return max(0.0, float(words[1]))
        except ValueError:
            return None
    return None


async def reopen_chats(api: FakeBotAPI, database: Path) -> None:
    """Make the chats the bot had with the cast in earlier runs known to a new emulation.

    The emulation keeps its chats in memory, the bot its database: without this, the bot could
    not write to anyone's private chat after a restart until they pressed Start again. Someone
    the bot has no private chat with (never started it) still gets its "cannot write to you".
    """
    db = await Database.open_read_only(database)
    try:
        for user in CAST.values():
            if await members.private_chat_of(db, user_id=user.id) == user.id:
                api.add_chat(FakeChat.private(user))
        if await operations.bound_operation_id(db, chat_id=GROUP.id) is not None:
            api.add_chat(GROUP)
    finally:
        await db.close()
