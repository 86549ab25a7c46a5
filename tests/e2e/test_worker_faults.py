"""A worker that cannot start: heavy requests are answered, and the bot still stops at once."""

from __future__ import annotations

import asyncio
import multiprocessing
import time
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from functools import partial
from pathlib import Path
from typing import Any

import pytest

import bot.debrief
from bot import worker
from bot.demo import COORDINATOR, GROUP, KCS_OFFICER, Conversation, set_up_demo
from bot.domain.clock import ManualClock
from fakegram.server import FakeBotAPI
from fakegram.types import FakeChat
from tests.e2e.conftest import START, Harness, make_config, start_bot, stop_bot

PRIVATE = FakeChat.private(COORDINATOR)


def _stuck_at_start() -> ProcessPoolExecutor:
    """A worker whose process never comes up (its start-up never ends)."""
    if worker._pool is None:
        context = multiprocessing.get_context("forkserver")
        worker._pool = ProcessPoolExecutor(
            max_workers=1, mp_context=context, initializer=partial(time.sleep, 3600)
        )
    return worker._pool


class _Silent(ProcessPoolExecutor):
    """A pool that takes jobs and never settles them, nor ends when told (its manager hung)."""

    def __init__(self) -> None:
        super().__init__(max_workers=1)
        self.taken: list[Future[Any]] = []

    def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        future.set_running_or_notify_cancel()  # taken: shutdown's cancel_futures cannot end it
        self.taken.append(future)
        return future

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        pass


@pytest.fixture
def no_worker() -> Iterator[None]:
    """The running worker put aside; whatever the test's pool is, ended after it."""
    worker.shutdown()
    yield
    worker.shutdown()


async def test_a_worker_that_cannot_start_is_answered_not_waited_for(
    siren: Harness, monkeypatch: pytest.MonkeyPatch, no_worker: None
) -> None:
    await siren.talk.say(KCS_OFFICER, "/seizure 22kg methamphetamine at ICN via air cargo", GROUP)
    monkeypatch.setattr(worker, "_executor", _stuck_at_start)
    monkeypatch.setattr(worker, "START_SECONDS", 1.0, raising=False)
    mark = siren.api.mark()
    progress = await siren.talk.say(COORDINATOR, "/export csv", PRIVATE)
    assert progress["text"] == "Exporting… 0 %"
    # Before: the export waited for ever for a worker that never came (and nothing was said).
    edit = await siren.api.wait_for_edit(
        PRIVATE, message_id=progress["message_id"], after=mark, timeout=60
    )
    assert edit["text"] == (
        "Exporting… 0 %\nThis could not be prepared because of a fault on our side;"
        " nothing was sent. Please send /export csv again in a minute."
    )
    chart = await siren.talk.text(COORDINATOR, "/chart", PRIVATE)
    assert chart == (
        "This could not be prepared because of a fault on our side; nothing was sent."
        " Please send /chart again in a minute."
    )
    assert not [c for c in siren.api.calls[mark:] if c.method in ("sendDocument", "sendPhoto")]


async def test_a_stop_does_not_wait_for_a_worker_that_never_answers(
    api: FakeBotAPI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_worker: None
) -> None:
    app = await start_bot(api, make_config(tmp_path), ManualClock(START))
    try:
        talk = Conversation(api, timeout=15)
        await set_up_demo(talk, exercise=False)
        await talk.say(KCS_OFFICER, "/seizure 22kg methamphetamine at ICN via air cargo", GROUP)
        silent = _Silent()
        monkeypatch.setattr(worker, "_executor", lambda: silent)
        mark = api.mark()
        progress = await talk.say(COORDINATOR, "/export csv", PRIVATE)
        while not silent.taken:  # noqa: ASYNC110 - the pool has no event to wait on
            await asyncio.sleep(0.05)
    finally:
        # Before: the stop waited for the export's handler, which waited for ever (SIGTERM
        # unheeded).
        await asyncio.wait_for(stop_bot(app), 30)
    edit = await api.wait_for_edit(PRIVATE, message_id=progress["message_id"], after=mark)
    assert edit["text"].endswith(
        "The export was stopped because the bot restarted; nothing was sent."
        " Send /export csv again."
    )


async def test_a_stop_during_the_debriefing_pack_does_not_wait_for_its_pdf(
    api: FakeBotAPI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pools: list[ProcessPoolExecutor] = []

    def slow_pdf_pool(**kwargs: Any) -> ProcessPoolExecutor:
        # The PDF's process takes minutes (a pack at a million reports): here, for ever.
        pool = ProcessPoolExecutor(
            max_workers=1, mp_context=kwargs["mp_context"], initializer=partial(time.sleep, 3600)
        )
        pools.append(pool)
        return pool

    monkeypatch.setattr(bot.debrief, "ProcessPoolExecutor", slow_pdf_pool)
    app = await start_bot(api, make_config(tmp_path), ManualClock(START))
    try:
        talk = Conversation(api, timeout=15)
        await set_up_demo(talk, exercise=False)
        await talk.say(KCS_OFFICER, "/seizure 22kg methamphetamine at ICN via air cargo", GROUP)
        mark = api.mark()
        progress = await talk.text(COORDINATOR, "/debrief", PRIVATE)
        assert progress == "Preparing the debriefing pack of SIREN…"
        while not (pools and pools[0]._processes):  # noqa: ASYNC110 - no event to wait on
            await asyncio.sleep(0.05)
        processes = list(pools[0]._processes.values())
    finally:
        # Before: the stop waited for the PDF (minutes), as a SIGTERM during /debrief did.
        await asyncio.wait_for(stop_bot(app), 30)
    said = [c.params["text"] for c in api.calls[mark:] if c.method == "sendMessage"]
    assert said[-1] == "The bot restarted before this was done. Please send the command again."
    assert not [c for c in api.calls[mark:] if c.method == "sendDocument"]
    for process in processes:  # the PDF's process is ended, not left behind
        await asyncio.to_thread(process.join, 30)
        assert not process.is_alive()
