"""Start-up: the bot polls first; its handlers, the menus and the worker come after the first
getUpdates, and an update that comes before the handlers waits for them, kept."""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot import after_start, handling
from bot.app import build_application, start_polling, stop_polling
from bot.context import OcuApplication
from bot.demo import KCS_OFFICER
from fakegram.calls import SEND_METHODS
from fakegram.server import FakeBotAPI
from fakegram.types import Call, FakeChat
from tests.e2e import conftest as harness
from tests.e2e.conftest import Harness, running_bot


async def test_the_first_getupdates_waits_for_neither_the_menus_nor_the_worker(
    api: FakeBotAPI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Before, nine setMyCommands round trips and the worker's start came before the first poll.
    warmed_at: list[int] = []
    monkeypatch.setattr(after_start.worker, "warm", lambda: warmed_at.append(api.mark()))
    async with running_bot(api, tmp_path):
        methods = [c.method for c in api.calls]
    first_poll = methods.index("getUpdates")
    menus = [i for i, m in enumerate(methods) if m == "setMyCommands"]
    assert len(menus) == 9  # three scopes in three languages, all published once it polls
    assert first_poll < min(menus)
    # Started once the getUpdates was on the wire: no call but it had reached the emulation.
    assert warmed_at and warmed_at[0] >= first_poll
    published = {c.params.get("language_code") for c in api.calls if c.method == "setMyCommands"}
    assert published == {None, "ko", "th"}


def _inbox(path: Path) -> list[tuple[int, bool]]:
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT update_id, handled_at IS NOT NULL FROM update_inbox")
        return [(int(r[0]), bool(r[1])) for r in rows.fetchall()]


def _confirms(call: Call, update_id: int) -> bool:
    return call.method == "getUpdates" and int(call.params.get("offset") or 0) > update_id


@dataclass
class _Held:
    app: OcuApplication
    go: asyncio.Event
    starting: asyncio.Task[None]


async def _starting_held(siren: Harness, monkeypatch: pytest.MonkeyPatch) -> _Held:
    """The bot starting again, its handlers held back from loading until `go` is set."""
    await harness.stop_bot(siren.app)
    go = asyncio.Event()
    take_updates = handling.take_updates

    async def held_back(app: OcuApplication) -> None:
        await go.wait()
        await take_updates(app)

    monkeypatch.setattr(handling, "take_updates", held_back)
    app = build_application(
        harness.make_config(siren.db_path.parent),
        clock=siren.clock,
        token=siren.api.token,
        base_url=siren.api.base_url,
        base_file_url=siren.api.base_file_url,
        pacing=harness.PACING,
    )
    return _Held(app, go, asyncio.create_task(start_polling(app)))


async def test_a_report_that_comes_before_the_handlers_are_loaded_waits_for_them_kept(
    siren: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The bot polls before it loads its handlers (bot.handling, #16): what comes meanwhile is
    # kept and answered once they are there, never dropped nor handled without them.
    private = FakeChat.private(KCS_OFFICER)
    cursor = siren.api.cursor(private)
    after = siren.api.mark()
    held = await _starting_held(siren, monkeypatch)
    siren.api.send_text(KCS_OFFICER, private, "/seizure 4kg heroin at ICN")
    update_id = max(siren.api._updates_by_id)
    await siren.api.wait_for(lambda c: _confirms(c, update_id), after=after)
    assert (update_id, False) in _inbox(siren.db_path)  # kept, Telegram told, not yet handled
    assert not [c for c in siren.api.calls[after:] if c.method in SEND_METHODS]
    held.go.set()
    await held.starting
    try:
        reply = await cursor.next()
        assert reply["text"].startswith("✅ Recorded report SIREN #1 for KCS")
    finally:
        await stop_polling(held.app)
    assert (update_id, True) in _inbox(siren.db_path)


async def test_a_bot_stopped_before_its_handlers_loaded_leaves_the_report_to_the_next_run(
    siren: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    private = FakeChat.private(KCS_OFFICER)
    cursor = siren.api.cursor(private)
    after = siren.api.mark()
    held = await _starting_held(siren, monkeypatch)
    siren.api.send_text(KCS_OFFICER, private, "/seizure 4kg heroin at ICN")
    update_id = max(siren.api._updates_by_id)
    await siren.api.wait_for(lambda c: _confirms(c, update_id), after=after)
    await stop_polling(held.app)  # a SIGTERM before the handlers were there
    with contextlib.suppress(asyncio.CancelledError):
        await held.starting
    assert (update_id, False) in _inbox(siren.db_path)  # not handled, not lost
    assert not [c for c in siren.api.calls[after:] if c.method in SEND_METHODS]

    monkeypatch.undo()
    siren.app = await harness.start_bot(
        siren.api, harness.make_config(siren.db_path.parent), siren.clock
    )
    reply = await cursor.next()
    assert reply["text"].startswith("✅ Recorded report SIREN #1 for KCS")
    assert len(await siren.rows("SELECT id FROM seizure")) == 1
