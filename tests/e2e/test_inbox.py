"""No update lost to a crash: each is kept in SQLite before Telegram hears it arrived.

PTB tells Telegram an update arrived (the next getUpdates offset) as soon as the update is in its
queue, before it is handled; a run killed in between used to lose it. The queue now commits each
update before queueing it, and a new run handles what was kept and not handled before it polls.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from telegram import Bot, Update

from bot.demo import KCS_OFFICER
from bot.domain.clock import ManualClock
from bot.inbox import InboxQueue
from fakegram.types import FakeChat
from storage import inbox as inbox_store
from storage.database import Database
from tests.e2e import conftest as harness
from tests.e2e.conftest import START, Harness


def _inbox(path: Path) -> list[tuple[int, bool]]:
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT update_id, handled_at IS NOT NULL FROM update_inbox")
        return [(int(r[0]), bool(r[1])) for r in rows.fetchall()]


async def test_the_queue_commits_an_update_before_it_is_queued(
    siren: Harness, tmp_path: Path
) -> None:
    await harness.stop_bot(siren.app)
    siren.api.send_text(KCS_OFFICER, FakeChat.private(KCS_OFFICER), "/seizure 4kg heroin")
    update_id = max(siren.api._updates_by_id)
    body = siren.api._updates_by_id[update_id]
    db = await Database.open(siren.db_path)
    try:
        queue = InboxQueue()
        async with Bot(siren.api.token, base_url=siren.api.base_url) as bot:
            await queue.open(db, ManualClock(START), bot)  # type: ignore[arg-type]
            await queue.put(Update.de_json(body, bot))
        # Read by another connection, as a killed process would leave it: kept, not handled.
        assert (update_id, False) in _inbox(siren.db_path)
        assert queue.qsize() == 1
    finally:
        await db.close()


async def test_an_update_kept_and_confirmed_but_never_handled_is_handled_at_the_next_start(
    siren: Harness,
) -> None:
    await harness.stop_bot(siren.app)
    private = FakeChat.private(KCS_OFFICER)
    siren.api.send_text(KCS_OFFICER, private, "/seizure 4kg heroin at ICN")
    update_id = max(siren.api._updates_by_id)
    # The killed run had kept the update and told Telegram it arrived, then died.
    db = await Database.open(siren.db_path)
    try:
        body = json.dumps(siren.api._updates_by_id[update_id])
        await inbox_store.keep(db, update_id=update_id, body=body, now=START)
    finally:
        await db.close()
    async with Bot(siren.api.token, base_url=siren.api.base_url) as bot:
        await bot.get_updates(offset=update_id + 1, timeout=0)
    assert siren.api.pending_update_count == 0  # Telegram will not send it again

    cursor = siren.api.cursor(private)
    siren.app = await harness.start_bot(
        siren.api, harness.make_config(siren.db_path.parent), siren.clock
    )
    try:
        reply = await cursor.next()
        assert reply["text"].startswith("✅ Recorded report SIREN #1 for KCS")
        assert await siren.rows("SELECT text FROM seizure") == [
            {"text": "/seizure 4kg heroin at ICN"}
        ]
    finally:
        await harness.stop_bot(siren.app)
    # Marked handled after the reply went out; once the bot has stopped, all it took is settled.
    assert (update_id, True) in _inbox(siren.db_path)


async def test_an_update_is_on_disk_before_the_get_updates_that_confirms_it(
    siren: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Polling, the kept copy's fsync waits for the next getUpdates, and never until after it."""
    confirmed_at_sync: list[int] = []
    sync = Database.sync

    async def watched(db: Database) -> None:
        await sync(db)
        # How many getUpdates had told Telegram the update arrived once this fsync was done.
        confirmed_at_sync.append(sum(1 for c in siren.api.calls if _confirms(c, update_id)))

    private = FakeChat.private(KCS_OFFICER)
    cursor = siren.api.cursor(private)
    siren.api.send_text(KCS_OFFICER, private, "/seizure 4kg heroin at ICN")
    update_id = max(siren.api._updates_by_id)
    monkeypatch.setattr(Database, "sync", watched)  # before the bot can see the update
    assert (await cursor.next())["text"].startswith("✅ Recorded report SIREN #1 for KCS")
    await siren.api.wait_for(lambda c: _confirms(c, update_id))
    assert confirmed_at_sync and confirmed_at_sync[0] == 0
    assert update_id in {kept for kept, _handled in _inbox(siren.db_path)}


def _confirms(call: Any, update_id: int) -> bool:
    return bool(call.method == "getUpdates" and int(call.params.get("offset") or 0) > update_id)


async def test_a_polled_update_is_kept_as_the_bot_api_sent_it(siren: Harness) -> None:
    # Taken from getUpdates' own answer rather than rebuilt from PTB's parsed Update (to_dict,
    # 0.2 ms a report); read back at the next start, it is the very same update.
    private = FakeChat.private(KCS_OFFICER)
    cursor = siren.api.cursor(private)
    siren.api.send_text(KCS_OFFICER, private, "/seizure 4kg heroin at ICN")
    update_id = max(siren.api._updates_by_id)
    assert (await cursor.next())["text"].startswith("✅ Recorded report SIREN #1 for KCS")
    with sqlite3.connect(siren.db_path) as conn:
        (body,) = conn.execute(
            "SELECT body FROM update_inbox WHERE update_id = ?", (update_id,)
        ).fetchone()
    assert json.loads(body) == siren.api._updates_by_id[update_id]
