"""Acknowledgements first: a report sent while a digest goes to many groups is not queued behind it.

The bot's 30 messages a second are shared by every chat (bot.limiter). Here the bot may send 10 a
second: the clock has up to 32 groups' digests waiting for their turns at any time, and an
officer's acknowledgement must take one of the next free turns, not the 33rd.
"""

from __future__ import annotations

import asyncio
import gc
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.config import Telegram
from bot.demo import ADMIN, KCS_OFFICER, Conversation, set_up_demo
from bot.domain.clock import ManualClock
from fakegram.calls import Call
from fakegram.server import FakeBotAPI
from fakegram.types import FakeChat
from storage import operations as operation_store
from tests.e2e import conftest as harness
from tests.e2e.test_clock import scheduler

DIGEST_AT_8 = datetime(2026, 11, 20, 23, 0, tzinfo=UTC)  # Sat 21 Nov 08:00 in Seoul
GROUPS = 48
RATE = 10  # messages a second: slow, so that the report's handling takes few turns


async def _many_groups(siren: harness.Harness) -> list[int]:
    ids = []
    for n in range(GROUPS):
        group = FakeChat(-100_950_000 - n, "group", title=f"SIREN desk {n}")
        siren.api.add_chat(group)
        await operation_store.bind_chat(
            siren.db,
            chat_id=group.id,
            title=group.title or "",
            operation_id=1,
            actor_id=ADMIN.id,
            now=siren.clock.now(),
        )
        ids.append(group.id)
    return ids


@pytest.fixture
async def siren(api: FakeBotAPI, tmp_path: Path) -> AsyncIterator[harness.Harness]:
    """SIREN set up, on a bot that may send RATE messages a second."""
    clock = ManualClock(harness.START)
    config = harness.make_config(tmp_path, telegram=Telegram(max_messages_per_second=RATE))
    # The overall gap between two sends kept at 1/RATE s (the other tests' bots shorten it).
    pacing = replace(harness.PACING, overall_factor=1.0)
    app = await harness.start_bot(api, config, clock, pacing=pacing)
    try:
        bot = harness.Harness(api, app, clock, Conversation(api, timeout=15), tmp_path)
        await set_up_demo(bot.talk, exercise=False)
        yield bot
    finally:
        await harness.stop_bot(app)


async def test_a_report_is_acknowledged_before_the_digest_queued_for_many_groups(siren):
    groups = set(await _many_groups(siren))

    def a_digest(call: Call) -> bool:
        return (
            call.method == "sendMessage"
            and call.delivered
            and int(call.params["chat_id"]) in groups
            and "Daily digest" in str(call.params.get("text"))
        )

    siren.clock.set(DIGEST_AT_8)
    sending = asyncio.create_task(scheduler(siren).run_due())
    # The digest is on its way: the first group has it, the others wait their turns.
    await siren.api.wait_for(a_digest, timeout=30)
    private = FakeChat.private(KCS_OFFICER)
    cursor = siren.api.cursor(private)
    sent_at = siren.api.mark()
    siren.api.send_text(KCS_OFFICER, private, "/seizure 2kg meth at ICN")
    reply = await cursor.next(timeout=30)
    assert "✅ Recorded report" in reply["text"], reply["text"]
    report = await sending
    assert report.sent == GROUPS + 1  # and the demo's own group
    # Digests delivered while the report was handled: a few turns' worth. When every call
    # took its turn in the order asked, the acknowledgement waited for the 32 queued before it.
    between = [c for c in siren.api.calls[sent_at : cursor.position] if a_digest(c)]
    assert len(between) < 16, f"{len(between)} digests went before the acknowledgement"


async def test_what_start_up_made_is_left_out_of_full_collections(bot):
    # A full collection scanned every object the bot holds from start-up: 45 ms of CPU on the
    # event loop's thread at a time, longer on a busy machine. Frozen, it scans only newer ones.
    assert gc.get_freeze_count() > 10_000
    reply = await bot.talk.text(ADMIN, "/help")
    assert reply
