"""The bot as a separate process (`python -m bot run`), and an emulation that can kill it."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bot.demo import ADMIN
from fakegram.server import FakeBotAPI
from fakegram.types import ApiError, JSONDict

ROOT = Path(__file__).resolve().parents[2]
# Told (method, params) as a call arrives (True: the call fails) and once it took effect.
Hook = Callable[[str, JSONDict], bool | None]


def write_config(
    folder: Path, api: FakeBotAPI, *, admins: tuple[int, ...] = (ADMIN.id,), telegram: str = ""
) -> Path:
    """A config file pointing the bot at the emulation, with its database in `folder`.

    `telegram` is more TOML for the end of the [telegram] table (a webhook, say).
    """
    path = folder / "cfg.toml"
    listed = ", ".join(str(a) for a in admins)
    path.write_text(
        'log_level = "INFO"\n'
        "[telegram]\n"
        f'token = "{api.token}"\n'
        f'base_url = "{api.base_url}"\n'
        f'base_file_url = "{api.base_file_url}"\n'
        "poll_timeout = 1\n"
        f"{telegram}"
        "[access]\n"
        f"admins = [{listed}]\n"
        "[storage]\n"
        f'database = "{folder / "ocu.sqlite3"}"\n',
        encoding="utf-8",
    )
    return path


class BotProcess:
    """`python -m bot run --config FILE`, started, killed and restarted; logs kept per run."""

    def __init__(self, config: Path, logs: Path) -> None:
        self.config = config
        self.logs = logs
        self.runs = 0
        self._proc: asyncio.subprocess.Process | None = None
        self._exited = asyncio.Event()
        self._killed = False

    @property
    def pid(self) -> int:
        """The running process's id."""
        assert self._proc is not None
        return self._proc.pid

    @property
    def running(self) -> bool:
        """Whether a process was started and has not been seen to exit."""
        return self._proc is not None and self._proc.returncode is None

    async def start(self) -> None:
        """Start a fresh process; its stderr goes to logs/run-N.log."""
        if self.running:
            raise RuntimeError("the bot is already running")
        self.runs += 1
        self.logs.mkdir(parents=True, exist_ok=True)
        env = {k: v for k, v in os.environ.items() if k != "OCU_BOT_TOKEN"}
        # A small local file: opening it does not block the loop in any way that matters.
        with (self.logs / f"run-{self.runs:04d}.log").open("wb") as log:
            self._proc = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "bot", "run", "--config", str(self.config),
                cwd=ROOT, env=env, stdin=asyncio.subprocess.DEVNULL,
                stdout=log, stderr=asyncio.subprocess.STDOUT,
            )  # fmt: skip
        self._exited = asyncio.Event()
        self._killed = False
        asyncio.get_running_loop().create_task(self._watch(self._proc, self._exited))

    @staticmethod
    async def _watch(proc: asyncio.subprocess.Process, exited: asyncio.Event) -> None:
        await proc.wait()
        exited.set()

    def kill(self) -> None:
        """SIGKILL now (callable from inside an emulated Bot API call)."""
        if self.running:
            assert self._proc is not None
            self._proc.send_signal(signal.SIGKILL)
            self._killed = True

    async def wait_exit(self, timeout: float) -> int:  # noqa: ASYNC109 - a bound, not a pace
        """Wait for the process to end; its exit status."""
        assert self._proc is not None
        await asyncio.wait_for(self._exited.wait(), timeout)
        assert self._proc.returncode is not None
        if self._proc.returncode == 255 and self._killed:
            # asyncio's child watcher says 255 when it found the status already collected
            # ("Unknown child process pid", seen on a loaded machine); the bot never exits
            # with 255 itself, and this process did send the SIGKILL.
            return -signal.SIGKILL
        return self._proc.returncode

    async def stop(self, timeout: float = 30.0) -> int:  # noqa: ASYNC109
        """SIGTERM (run_polling stops gracefully on it); its exit status."""
        if not self.running:
            return self._proc.returncode if self._proc and self._proc.returncode else 0
        assert self._proc is not None
        self._proc.send_signal(signal.SIGTERM)
        try:
            return await self.wait_exit(timeout)
        except TimeoutError:
            self.kill()
            await self.wait_exit(timeout)
            raise

    def log_text(self) -> str:
        """Every run's log, in order."""
        return "".join(
            p.read_text("utf-8", errors="replace") for p in sorted(self.logs.glob("run-*.log"))
        )


class WatchedBotAPI(FakeBotAPI):
    """The emulation, telling hooks about each call before and after it takes effect.

    A hook may kill the bot: killed by a `before` hook (which returns True), the call never takes
    effect; killed by an `after` hook, it took effect although the bot never hears the answer.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.before: list[Hook] = []
        self.after: list[Hook] = []

    def _watched(self, method: str, params: JSONDict, call: Callable[[], Any]) -> Any:
        refused = [hook(method, params) for hook in list(self.before)]
        if any(refused):
            raise ApiError(500, "Internal Server Error")
        result = call()
        for hook in list(self.after):
            hook(method, params)
        return result

    def m_getMe(self, params: JSONDict, files: dict[str, Any]) -> Any:
        return self._watched(
            "getMe", params, lambda: super(WatchedBotAPI, self).m_getMe(params, files)
        )

    def m_deleteWebhook(self, params: JSONDict, files: dict[str, Any]) -> Any:
        return self._watched(
            "deleteWebhook",
            params,
            lambda: super(WatchedBotAPI, self).m_deleteWebhook(params, files),
        )

    def m_setMyCommands(self, params: JSONDict, files: dict[str, Any]) -> Any:
        return self._watched(
            "setMyCommands",
            params,
            lambda: super(WatchedBotAPI, self).m_setMyCommands(params, files),
        )

    def m_sendMessage(self, params: JSONDict, files: dict[str, Any]) -> Any:
        return self._watched(
            "sendMessage", params, lambda: super(WatchedBotAPI, self).m_sendMessage(params, files)
        )

    def m_editMessageText(self, params: JSONDict, files: dict[str, Any]) -> Any:
        return self._watched(
            "editMessageText",
            params,
            lambda: super(WatchedBotAPI, self).m_editMessageText(params, files),
        )

    def m_answerCallbackQuery(self, params: JSONDict, files: dict[str, Any]) -> Any:
        return self._watched(
            "answerCallbackQuery",
            params,
            lambda: super(WatchedBotAPI, self).m_answerCallbackQuery(params, files),
        )
