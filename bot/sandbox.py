"""`python -m bot sandbox`: the real bot against the local Bot API, and a chat in the terminal."""

from __future__ import annotations

import asyncio
import html
import re
import sys
from pathlib import Path
from typing import Any

from bot.app import build_application, start_polling, stop_polling
from bot.botapi import FakeBotAPI
from bot.botapi_types import Call, FakeChat, FakeUser, JSONDict
from bot.config import Access, Config, Storage
from bot.context import OcuApplication
from bot.demo import CAST, GROUP, Conversation, set_up_demo

HELP = """Sandbox commands (anything else is sent to the bot as the current person):
  :as NAME         switch person: admin, coordinator, kcs, tcd, observer, outsider
  :chat group      talk in the operation's group chat   (:chat private for your own chat)
  :press N         press button N of the last message that had buttons
  :edit TEXT       edit your last message to TEXT (e.g. to correct a /seizure)
  :wait SECONDS    show what the bot sends meanwhile (a reminder, say), then go on
  :help            this list
  :quit            leave (Ctrl-D works too)"""
_TAG = re.compile(r"<[^>]+>")
_REPLY_WAIT = 10.0  # seconds to wait for a reply before reading the next piped line
_QUIET = 0.4  # once replies stop for this long, the bot has answered the line


def plain(text: str) -> str:
    """HTML message text as a terminal shows it."""
    return html.unescape(_TAG.sub("", text))


class Sandbox:
    """The terminal side: who you are, where you talk, what the bot answered."""

    def __init__(self, api: FakeBotAPI, files: Path, out: Any = sys.stdout) -> None:
        self.api = api
        self.files = files
        self.out = out
        self.user: FakeUser = CAST["kcs"]
        self.chat_kind = "private"
        self.buttons: list[tuple[int, int, str, str]] = []  # chat, message id, label, data
        self.last_sent: dict[tuple[int, int], int] = {}  # (user, chat) -> message id
        self._seen = 0
        self._printed = asyncio.Event()

    @property
    def chat(self) -> FakeChat:
        """The chat the current person types into."""
        return GROUP if self.chat_kind == "group" else FakeChat.private(self.user)

    def prompt(self) -> str:
        """'park@private> '."""
        return f"{self.user.first_name.lower()}@{self.chat_kind}> "

    async def follow(self) -> None:
        """Print every message the bot sends, as it arrives."""
        while True:
            call = await self.api.wait_for(_shown, after=self._seen, timeout=3600)
            self._seen = self.api.calls.index(call, self._seen) + 1
            self.show(call)
            self._printed.set()

    def show(self, call: Call) -> None:
        """One message from the bot, with its buttons numbered and files saved."""
        message: JSONDict = call.result
        chat = message["chat"]
        where = chat.get("title") or f"{chat.get('first_name', '')} (private)"
        verb = "edited" if call.method.startswith("edit") else "bot"
        text = plain(str(message.get("text") or message.get("caption") or ""))
        lines = [f"[{verb} → {where}] {text}"]
        for upload in call.files.values():
            path = self.files / upload.filename
            path.write_bytes(upload.content)
            lines.append(f"  (file saved: {path})")
        markup = message.get("reply_markup", {}).get("inline_keyboard", [])
        if markup:
            self.buttons = []
            for row in markup:
                for button in row:
                    self.buttons.append(
                        (
                            chat["id"],
                            message["message_id"],
                            button["text"],
                            button.get("callback_data", ""),
                        )
                    )
            lines.append(
                "  buttons: "
                + "  ".join(f"[{n}] {b[2]}" for n, b in enumerate(self.buttons, 1))
                + "   (:press N)"
            )
        print("\n".join(lines), file=self.out, flush=True)

    def command(self, line: str) -> bool:
        """A ':' command; returns False to quit."""
        name, _, arg = line[1:].partition(" ")
        arg = arg.strip()
        if name in ("quit", "q", "exit"):
            return False
        if name == "wait" and _wait_seconds(line) is not None:
            return True  # the loop does the waiting
        if name == "as" and arg in CAST:
            self.user = CAST[arg]
            print(
                f"you are now {self.user.first_name} {self.user.last_name} ({arg})", file=self.out
            )
        elif name == "chat" and arg in ("group", "private"):
            self.chat_kind = arg
            print(f"talking in the {arg} chat", file=self.out)
        elif name == "press" and arg.isdigit() and 0 < int(arg) <= len(self.buttons):
            chat_id, message_id, _, data = self.buttons[int(arg) - 1]
            chat = GROUP if chat_id == GROUP.id else FakeChat.private(self.user)
            self.api.press_button(self.user, chat, message_id, data, check_button=False)
        elif name == "edit" and arg:
            last = self.last_sent.get((self.user.id, self.chat.id))
            if last is None:
                print("you have sent nothing here yet", file=self.out)
            else:
                self.api.edit_text(self.user, self.chat, last, arg)
        else:
            print(HELP, file=self.out)
        return True

    def send(self, line: str) -> None:
        """Type a line into the current chat as the current person."""
        sent = self.api.send_text(self.user, self.chat, line)
        self.last_sent[(self.user.id, self.chat.id)] = int(sent["message_id"])

    async def wait(self, seconds: float) -> None:
        """Let time pass while the follower prints what arrives."""
        try:
            await asyncio.wait_for(asyncio.Event().wait(), min(seconds, 600.0))
        except TimeoutError:
            return

    async def settle(self) -> None:
        """Wait until the bot has answered: a first reply, then a short quiet spell."""
        self._printed.clear()
        try:
            await asyncio.wait_for(self._printed.wait(), _REPLY_WAIT)
        except TimeoutError:
            return
        while True:
            self._printed.clear()
            try:
                await asyncio.wait_for(self._printed.wait(), _QUIET)
            except TimeoutError:
                return


def _wait_seconds(line: str) -> float | None:
    words = line.split()
    if len(words) == 2 and words[0] == ":wait":
        try:
            return max(0.0, float(words[1]))
        except ValueError:
            return None
    return None


def _shown(call: Call) -> bool:
    return (
        call.method in ("sendMessage", "sendPhoto", "sendDocument", "editMessageText")
        and call.delivered
        and isinstance(call.result, dict)
    )


async def _read_line(prompt: str, interactive: bool) -> str | None:
    if interactive:
        try:
            return await asyncio.to_thread(input, prompt)
        except EOFError:
            return None
    line = await asyncio.to_thread(sys.stdin.readline)
    return line.rstrip("\n") if line else None


def _prepare(data: Path, fresh: bool) -> tuple[Path, Path, bool]:
    files = data / "files"
    files.mkdir(parents=True, exist_ok=True)
    database = data / "sandbox.sqlite3"
    if fresh:
        for path in data.glob("sandbox.sqlite3*"):
            path.unlink()
    return files, database, not database.exists()


async def run_sandbox(data: Path, *, fresh: bool = False) -> int:
    """Start the emulation and the real bot, set up the demo once, then chat."""
    files, database, new = await asyncio.to_thread(_prepare, data, fresh)
    admin = CAST["admin"]
    config = Config(access=Access(admins=(admin.id,)), storage=Storage(database=database))
    interactive = sys.stdin.isatty()
    async with FakeBotAPI() as api:
        app: OcuApplication = build_application(
            config, token=api.token, base_url=api.base_url, base_file_url=api.base_file_url
        )
        await start_polling(app)
        try:
            if new:
                await set_up_demo(Conversation(api))
            sandbox = Sandbox(api, files)
            sandbox._seen = api.mark()
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
                while True:
                    line = await _read_line(sandbox.prompt(), interactive)
                    if line is None:
                        break
                    line = line.strip()
                    if not line:
                        continue
                    if not interactive:
                        print(f"{sandbox.prompt()}{line}", flush=True)
                    if line.startswith(":"):
                        if not sandbox.command(line):
                            break
                        seconds = _wait_seconds(line)
                        if seconds is not None:
                            await sandbox.wait(seconds)
                            continue
                        if not line.startswith((":press", ":edit")):
                            continue
                    else:
                        sandbox.send(line)
                    await sandbox.settle()
            finally:
                follower.cancel()
        finally:
            await stop_polling(app)
    return 0
