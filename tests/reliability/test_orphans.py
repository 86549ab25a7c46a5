"""A bot killed outright leaves no process behind, and one told to stop does not wait for a job."""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import signal
import tempfile
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

import pytest

from bot import worker
from bot.demo import COORDINATOR, GROUP, KCS_OFFICER, Conversation, set_up_demo
from fakegram.server import FakeBotAPI
from fakegram.types import FakeChat
from tests.reliability.process import BotProcess, write_config


def _descendants(pid: int) -> set[int]:
    """Every process below `pid`, read from /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:  # ended while we looked
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    found: set[int] = set()
    todo = [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def _exports(folder: str) -> list[str]:
    return [name for name in os.listdir(folder) if name.startswith("ocu-export-")]


async def _until(found: Callable[[], bool], timeout: float) -> None:  # noqa: ASYNC109
    """Check `found` until it holds; /proc has no event to wait on for a process appearing."""
    async with asyncio.timeout(timeout):
        while not found():  # noqa: ASYNC110 - /proc has no event to wait on
            await asyncio.sleep(0.1)


async def _ended(pid: int) -> None:
    """Wait for a process that is not our child to end (a pidfd becomes readable)."""
    try:
        fd = os.pidfd_open(pid)
    except ProcessLookupError:
        return
    ended = asyncio.Event()
    loop = asyncio.get_running_loop()
    loop.add_reader(fd, ended.set)
    try:
        await ended.wait()
    finally:
        loop.remove_reader(fd)
        os.close(fd)


@asynccontextmanager
async def _running(bot: BotProcess) -> AsyncIterator[BotProcess]:
    """The bot started, and killed at the end if it still runs: a failed test leaves no bot."""
    await bot.start()
    try:
        yield bot
    finally:
        if bot.running:
            bot.kill()
            await bot.wait_exit(30)  # its worker follows it (bot.worker._follow)


async def test_a_killed_bot_leaves_no_worker_behind(tmp_path: Path) -> None:
    async with FakeBotAPI() as api:
        bot = BotProcess(write_config(tmp_path, api), tmp_path / "logs")
        async with _running(bot):
            # The worker starts with the bot (a forkserver and its worker process below it).
            await _until(lambda: len(_descendants(bot.pid)) >= 2, 120)
            family = _descendants(bot.pid)
            bot.kill()
            await bot.wait_exit(30)
            # Before: the worker held its own end of the job queue and waited for work forever,
            # and its forkserver with it; each crash left about 100 MB behind.
            await asyncio.wait_for(asyncio.gather(*(_ended(p) for p in family)), 30)


async def test_a_bot_told_to_stop_during_an_export_stops_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    held = tmp_path / "held-job"
    # Short: the worker's forkserver puts a Unix socket under TMPDIR, and a socket's path may not
    # pass 107 bytes (under pytest-xdist, tmp_path alone is 70).
    temp = tempfile.mkdtemp(prefix="ocu-", dir="/tmp")
    # The export's job never ends by itself (as one at a million reports takes minutes).
    monkeypatch.setenv(worker.HOLD_JOBS, str(held))
    monkeypatch.setenv("TMPDIR", temp)
    async with FakeBotAPI() as api:
        config = write_config(tmp_path, api)
        with config.open("a", encoding="utf-8") as file:
            file.write("[export]\nprogress_from_rows = 0\n")
        bot = BotProcess(config, tmp_path / "logs")
        try:
            async with _running(bot):
                talk = Conversation(api, timeout=120)
                await set_up_demo(talk)
                assert "Recorded" in await talk.text(KCS_OFFICER, "/seizure 2kg meth at ICN", GROUP)
                private = FakeChat.private(COORDINATOR)
                progress = await talk.say(COORDINATOR, "/export csv", private)
                assert "Exporting" in progress["text"]
                await _until(held.exists, 120)
                job = int(held.read_text())
                assert _exports(temp)  # the export's folder, being written
                mark = api.mark()
                # Before: PTB's stop waited for the export's handler, which waited for its job.
                assert await bot.stop(timeout=30) == 0
                await asyncio.wait_for(_ended(job), 30)
                assert not _exports(temp)
        finally:
            shutil.rmtree(temp, ignore_errors=True)
    edits = [
        c.params["text"]
        for c in api.calls[mark:]
        if c.method == "editMessageText" and c.params.get("message_id") == progress["message_id"]
    ]
    assert edits and edits[-1].endswith(
        "The export was stopped because the bot restarted; nothing was sent."
        " Send /export csv again."
    )
    assert not [c for c in api.calls[mark:] if c.method == "sendDocument"]


def _workers(bot_pid: int) -> set[int]:
    """The worker processes: below the bot's forkserver, so two levels down."""
    children = {p for p in _descendants(bot_pid) if _parent(p) == bot_pid}
    return {p for c in children for p in _descendants(c)}


def _parent(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except OSError:
        return 0


async def test_a_bot_told_to_stop_with_its_worker_frozen_ends_it_and_exits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    temp = tempfile.mkdtemp(prefix="ocu-", dir="/tmp")  # the forkserver's socket: a short path
    monkeypatch.setenv("TMPDIR", temp)
    frozen: set[int] = set()
    async with FakeBotAPI() as api:
        bot = BotProcess(write_config(tmp_path, api), tmp_path / "logs")
        try:
            async with _running(bot):
                talk = Conversation(api, timeout=120)
                await set_up_demo(talk)
                assert "Recorded" in await talk.text(KCS_OFFICER, "/seizure 2kg meth at ICN", GROUP)
                private = FakeChat.private(COORDINATOR)
                await _until(lambda: bool(_workers(bot.pid)), 120)
                frozen = _workers(bot.pid)
                for pid in frozen:  # hung: it never acts on a SIGTERM
                    os.kill(pid, signal.SIGSTOP)
                mark = api.mark()
                api.send_text(COORDINATOR, private, "/chart")
                await api.wait_for(
                    lambda c: c.method == "sendChatAction", after=mark, timeout=60
                )  # the chart's job is on its way to the frozen worker
                # Before: "Application.stop() complete", then the pool's exit handler waited
                # for ever for a worker that was only sent SIGTERM.
                assert await bot.stop(timeout=30) == 0
                await asyncio.wait_for(asyncio.gather(*(_ended(p) for p in frozen)), 30)
        finally:
            for pid in frozen:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
            shutil.rmtree(temp, ignore_errors=True)
    said = [c.params["text"] for c in api.calls[mark:] if c.method == "sendMessage"]
    assert said[-1] == "The bot restarted before this was done. Please send the command again."
