"""`python -m bot sandbox`: the real bot against the local Bot API, and a chat in the terminal."""

from __future__ import annotations

import asyncio
import contextlib
import html
import re
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from bot import worker
from bot.app import build_application, start_polling, stop_polling
from bot.config import Access, Config, Storage
from bot.context import OcuApplication
from bot.demo import CAST, GROUP, Conversation, set_up_demo
from bot.sandbox_parts import (
    AS_USAGE,
    KEEP,
    Button,
    buttons_of,
    catch_stop_signals,
    ignore_stop_signals,
    keep_file,
    kept_language,
    kept_note,
    listed,
    person_and_phone,
    phone_said,
    prepare,
    read_line,
    reopen_chats,
    start_parameter,
    until_signal,
    wait_seconds,
)
from fakegram.server import FakeBotAPI
from fakegram.types import Call, FakeChat, FakeUser, JSONDict

HELP = """Sandbox commands (anything else is sent to the bot as the current person):
  :as NAME         switch person: admin, coordinator, kcs, tcd, observer, outsider;
                   :as kcs lang=ko also sets the language of their Telegram (ko, th, en,
                   any code, or none), which the bot meets at its first message from them
  :chat group      talk in the operation's group chat   (:chat private for your own chat)
  :press N         press button N of the last message with buttons in this chat
  :edit TEXT       edit your last report (/seizure or /s) in this chat to TEXT
  :wait SECONDS    let SECONDS of real time pass (at most 600), showing what the bot
                   sends meanwhile (a reminder, say); the clock is not sped up
  :help            this list
  :quit            leave (Ctrl-D works too)"""
_TAG = re.compile(r"<[^>]+>")
_REPORT = re.compile(r"^/(seizure|s)(@\w+)?(\s|$)", re.IGNORECASE)
# Only a bound for a bot that never takes the update (stopped, say): a line is over as soon as
# the bot has taken its update and finished handling it.
_REPLY_WAIT = 60.0
# `:wait` lets real time pass (the bot's clock is not sped up): a longer wait froze a script.
MAX_WAIT_SECONDS = 600
_SHOWN = frozenset(
    {"sendMessage", "sendPhoto", "sendDocument", "editMessageText", "answerCallbackQuery"}
)


def plain(text: str) -> str:
    """HTML message text as a terminal shows it."""
    return html.unescape(_TAG.sub("", text))


async def _nothing() -> None:
    return None


class Sandbox:
    """The terminal side: who you are, where you talk, what the bot answered."""

    def __init__(
        self,
        api: FakeBotAPI,
        files: Path,
        out: Any = sys.stdout,
        *,
        idle: Callable[[], Awaitable[None]] = _nothing,
        seen: int | None = None,
        kept_language: Callable[[int], Awaitable[str | None]] | None = None,
    ) -> None:
        self.api = api
        self.files = files
        self.out = out
        # Returns once the bot has finished every update it has taken (its Application's queue).
        self.idle = idle
        self.reply_wait = _REPLY_WAIT
        # The language the bot keeps for a person (met, or chosen with /language), if known.
        self.kept_language = kept_language
        self.user: FakeUser = CAST["kcs"]
        self.phones: dict[str, str | None] = {}  # cast name -> its Telegram's language_code
        self.chat_kind = "private"
        self.buttons: dict[int, list[Button]] = {}  # chat -> the last message's buttons
        self.last_report: dict[tuple[int, int], int] = {}  # (user, chat) -> message id
        self.presses: dict[str, str] = {}  # callback query id -> who pressed
        self.shown = 0  # things printed from the bot so far
        self._seen = api.mark() if seen is None else seen  # shown from there on

    @property
    def chat(self) -> FakeChat:
        """The chat the current person types into."""
        return GROUP if self.chat_kind == "group" else FakeChat.private(self.user)

    def prompt(self) -> str:
        """'park@private> '."""
        return f"{self.user.first_name.lower()}@{self.chat_kind}> "

    def say(self, text: str) -> None:
        """A line from the sandbox itself."""
        print(text, file=self.out, flush=True)

    async def follow(self) -> None:
        """Print every message the bot sends, as it arrives (a reminder between lines, say)."""
        while True:
            with contextlib.suppress(TimeoutError):
                await self.api.wait_for(_shown, after=self._seen, timeout=3600)
            self.catch_up()

    def catch_up(self) -> None:
        """Print what the bot did since last time, in the order it did it."""
        calls = self.api.calls
        while self._seen < len(calls):
            call = calls[self._seen]
            self._seen += 1
            if _shown(call):
                self.show(call)

    def show(self, call: Call) -> None:
        """One message (or button answer) from the bot, its buttons numbered, its file kept."""
        if call.method == "answerCallbackQuery":
            self._show_answer(call.params)
            return
        message: JSONDict = call.result
        chat = message["chat"]
        where = chat.get("title") or f"{chat.get('first_name', '')} (private)"
        verb = "edited" if call.method.startswith("edit") else "bot"
        # The message Telegram returns is already plain text, its markup read into entities:
        # stripping "tags" again took '<zombie>' out of an officer's words.
        text = str(message.get("text") or message.get("caption") or "")
        lines = [f"[{verb} → {where}] {text}"]
        kept = self._keep_file(message)
        if kept is not None:
            lines.append(f"  (file saved: {kept})")
        buttons = buttons_of(message)
        if buttons:
            self.buttons[chat["id"]] = buttons
            lines.append(f"  buttons: {listed(buttons)}   (:press N)")
        elif any(b.message_id == message["message_id"] for b in self.buttons.get(chat["id"], [])):
            del self.buttons[chat["id"]]  # an edit took the buttons away
        self.shown += 1
        self.say("\n".join(lines))

    def _show_answer(self, params: JSONDict) -> None:
        text = str(params.get("text") or "")
        if not text:
            return  # Telegram shows nothing; the press only stops the button's spinner
        who = self.presses.get(str(params.get("callback_query_id")), "")
        kind = "alert" if params.get("show_alert") else "notice"
        self.shown += 1
        self.say(f"[{kind} to {who}] {text}")

    def _keep_file(self, message: JSONDict) -> Path | None:
        """Save a sent document or photo under its own name, never over an earlier one."""
        if "document" in message:
            file_id, name = message["document"]["file_id"], message["document"].get("file_name")
        elif message.get("photo"):
            file_id, name = message["photo"][-1]["file_id"], None
        else:
            return None
        stored = self.api.stored_file(str(file_id))
        if stored is None:
            return None
        return keep_file(self.files, str(name or stored.filename or "file"), stored.content)

    async def handle(self, line: str) -> bool:
        """One line typed or piped: a ':' command or a message; returns False to quit."""
        line = line.strip()
        if not line:
            return True
        if not line.startswith(":"):
            await self._settle(lambda: self._send(line))
            return True
        name, _, arg = line[1:].partition(" ")
        arg = arg.strip()
        if name in ("quit", "q", "exit"):
            return False
        seconds = wait_seconds(line)
        if seconds is not None:
            await self.wait(seconds)
        elif name == "as":
            found = person_and_phone(arg)
            if found is None or found[0] not in CAST:
                self.say(AS_USAGE)
            else:
                await self._become(*found)
        elif name == "chat" and arg in ("group", "private"):
            self.chat_kind = arg
            self.say(f"talking in the {arg} chat")
        elif name == "press":
            await self._press(arg)
        elif name == "edit":
            await self._edit(arg)
        else:
            self.say(HELP)
        return True

    async def _become(self, name: str, phone: str | None) -> None:
        """Be NAME of the cast, their Telegram set to `phone` (KEEP: as they had it last)."""
        if phone != KEEP:
            self.phones[name] = phone
        code = self.phones.get(name, CAST[name].language_code)
        self.user = replace(CAST[name], language_code=code)
        said = f"you are now {self.user.first_name} {self.user.last_name} ({name})"
        self.say(f"{said}, Telegram {phone_said(code)}" if name in self.phones else said)
        kept = await self.kept_language(self.user.id) if self.kept_language else None
        note = kept_note(self.user.first_name, kept, code)
        if note:
            self.say(note)

    async def _press(self, arg: str) -> None:
        buttons = self.buttons.get(self.chat.id, [])
        if not buttons:
            self.say("no buttons to press in this chat (a bot message shows them as [1] Undo)")
            return
        if not (arg.isdecimal() and 0 < int(arg) <= len(buttons)):
            self.say(f"the buttons here are {listed(buttons)}: :press 1 presses the first")
            return
        button = buttons[int(arg) - 1]
        if button.url:
            await self._open(button.url)
            return
        user, chat = self.user, self.chat

        def press() -> None:
            query_id = self.api.press_button(user, chat, button.message_id, button.data)
            self.presses[query_id] = user.first_name

        await self._settle(press)

    async def _open(self, url: str) -> None:
        """A link button: Telegram opens the link, and a link to the bot its private chat."""
        bot = str(self.api.bot_user["username"])
        payload = start_parameter(url, bot)
        if payload is None:
            self.say(f"(Telegram would open {url} in the browser; the sandbox has none)")
            return
        started = self.api.has_chat(self.user.id)
        self.chat_kind = "private"
        self.say(f"(Telegram opens your private chat with @{bot}; talking in the private chat)")
        if payload or not started:  # Telegram shows its Start button: pressed for you
            start = f"/start {payload}".rstrip()
            self.say(f"(you press Start, which sends {start})")
            await self._settle(lambda: self._send(start))

    async def _edit(self, text: str) -> None:
        if not text:
            self.say(":edit needs the new text, e.g. :edit /seizure 3kg meth at ICN")
            return
        user, chat = self.user, self.chat
        last = self.last_report.get((user.id, chat.id))
        if last is None:
            self.say(
                f"{user.first_name} has sent no report (/seizure or /s) in this chat yet, "
                "so there is nothing to edit; send one first, e.g. /seizure 2kg meth at ICN"
            )
            return
        await self._settle(lambda: self.api.edit_text(user, chat, last, text))

    def _send(self, line: str) -> None:
        message = self.api.send_text(self.user, self.chat, line)
        if _REPORT.match(line):
            self.last_report[(self.user.id, self.chat.id)] = int(message["message_id"])

    async def _settle(self, act: Callable[[], object]) -> None:
        """Do `act` (which queues one update) and print all the bot did about it."""
        before, mark = self.shown, self.api.mark()
        try:
            act()
        except (LookupError, ValueError) as exc:
            self.say(f"Telegram would not let you: {exc}")
            return
        update_id = self.api.newest_update_id()
        try:
            await self.api.wait_confirmed(update_id, after=mark, timeout=self.reply_wait)
        except TimeoutError:
            self.catch_up()
            self.say("(the bot has not taken this yet; its answer shows when it comes)")
            return
        await self.idle()
        self.catch_up()
        if self.shown == before:
            self.say("(no reply)")

    async def wait(self, seconds: float) -> None:
        """Let real time pass while the follower prints what arrives; then say what did."""
        if seconds > MAX_WAIT_SECONDS:
            self.say(
                f"(:wait lets real time pass, at most {MAX_WAIT_SECONDS} s; "
                f"nothing was waited for: try :wait {MAX_WAIT_SECONDS})"
            )
            return
        before = self.shown
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(asyncio.Event().wait(), seconds)
        self.catch_up()
        arrived = self.shown - before
        waited = f"{seconds:g}"
        if arrived == 0:
            self.say(f"(waited {waited} s; nothing was sent)")
        else:
            things = "message" if arrived == 1 else "messages"
            self.say(f"(waited {waited} s; the bot sent {arrived} {things}, shown above)")


def _shown(call: Call) -> bool:
    return (
        call.method in _SHOWN
        and call.delivered
        and (isinstance(call.result, dict) or call.method == "answerCallbackQuery")
    )


async def run_sandbox(data: Path, *, fresh: bool = False) -> int:
    """Start the emulation and the real bot, set up the demo once, then chat."""
    requested = catch_stop_signals()  # asked while starting, the chat ends at once
    files, database, new = await asyncio.to_thread(prepare, data, fresh)
    admin = CAST["admin"]
    config = Config(access=Access(admins=(admin.id,)), storage=Storage(database=database))
    interactive = sys.stdin.isatty()
    # The banner comes after the bot and the demo are up: seconds on a busy machine.
    print("Starting the sandbox…", flush=True)
    async with FakeBotAPI() as api:
        if not new:
            # Ids on from the last run's (hundredths of a second since 2026 outrun any typing).
            api.start_ids_at(int((time.time() - 1_767_225_600) * 100))
            await reopen_chats(api, database)
        # Before the bot starts: what it sends at once (a reminder due while down) shows too.
        start = api.mark()
        app: OcuApplication = build_application(
            config, token=api.token, base_url=api.base_url, base_file_url=api.base_file_url
        )
        await start_polling(app)
        sandbox: Sandbox | None = None
        try:
            if new:
                # No language while they join: each one's is met at their first line here.
                await set_up_demo(Conversation(api), phones=None)
            sandbox = Sandbox(
                api, files, idle=lambda: settled(app), seen=None if new else start,
                kept_language=lambda user_id: kept_language(app, user_id),
            )  # fmt: skip
            print(
                f"OCU bot sandbox: the real bot, an emulated Telegram on {api.base_url[:-4]}, "
                f"no network.\nDatabase {database}; files the bot sends are saved in {files}.\n"
                "Demo: operation SIREN (an exercise), agencies KCS (Seoul) and TCD (Bangkok).\n"
                "You are Park, an officer of KCS. Try: /seizure 2kg meth at ICN   "
                "(:help for sandbox commands)",
                flush=True,
            )
            follower = asyncio.create_task(sandbox.follow())
            try:
                await until_signal(_chat(sandbox, interactive), requested)
            finally:
                follower.cancel()
        finally:
            await stop_polling(app)
            if sandbox is not None:  # what it sent while stopping (a reminder just due) shows
                sandbox.catch_up()
            # The worker may still be starting (a script that ends at once): it is let come up
            # and then ended, so that its start cannot print a traceback after the sandbox ends.
            await asyncio.to_thread(worker.shutdown)
    # Closing the loop would set them back to killing outright, for the exit's last moments.
    ignore_stop_signals()
    return 0


async def _chat(sandbox: Sandbox, interactive: bool) -> None:
    while True:
        line = await read_line(sandbox.prompt(), interactive)
        if line is None:
            return
        if not interactive and line.strip():
            print(f"{sandbox.prompt()}{line.strip()}", flush=True)
        if not await sandbox.handle(line):
            return


async def settled(app: OcuApplication) -> None:
    """The bot has handled every update typed, and sent what its heavy commands prepare."""
    from handlers import heavy

    await app.update_queue.join()
    await heavy.settled()
