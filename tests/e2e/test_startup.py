"""Start-up: the bot polls first; the menus and the worker come after the first getUpdates."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot import after_start
from fakegram.server import FakeBotAPI
from tests.e2e.conftest import running_bot


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
