"""A forum whose General topic an admin closed: the clock's messages are refused there
(Telegram's TOPIC_CLOSED). Each is tried once and recorded failed, never dropped unsaid: the
coordinators are told in private, once while it stays closed; reopened, the next one is posted."""

from __future__ import annotations

from datetime import timedelta

from bot.demo import ADMIN, COORDINATOR
from fakegram.types import FakeChat
from tests.e2e.conftest import Harness

FORUM = FakeChat(-1009000002, "supergroup", title="SIREN desks", is_forum=True)


async def _due(siren: Harness, hours: int) -> None:
    siren.clock.advance(timedelta(hours=hours))
    scheduler = siren.app.bot_data.scheduler
    assert scheduler is not None
    await scheduler.run_due()


async def test_reminders_refused_by_a_closed_general_topic_are_told_once(siren: Harness) -> None:
    assert "SIREN" in await siren.talk.text(COORDINATOR, "/bind SIREN", FORUM)
    for hours in (1, 2, 3):
        said = await siren.talk.text(COORDINATOR, f"/remind in {hours}h nil returns {hours}", FORUM)
        assert "nil returns" in said, said
    private = siren.api.cursor(FakeChat.private(COORDINATOR))
    siren.api.close_topic(ADMIN, FORUM)  # General
    await _due(siren, 1)
    told = await private.next(text_contains="General topic is closed")
    assert told["text"] == (
        "⚠️ A reminder of SIREN was not posted in SIREN desks: its General topic is closed, and "
        "only the group's admins may write there. Reopen General, or make me an admin who may "
        "manage topics. Until then the digest, reminders and phase announcements are not posted "
        "there (each is tried once, not again); you are not told again."
    )
    await _due(siren, 1)  # the second is refused too: not told again
    refused = [
        c
        for c in siren.api.calls
        if c.method == "sendMessage" and c.params.get("chat_id") == FORUM.id and c.error
    ]
    assert [c.error for c in refused] == ["Bad Request: TOPIC_CLOSED"] * 2  # each tried once
    rows = await siren.rows(
        "SELECT d.status, d.error FROM delivery d JOIN scheduled_message s ON s.id = d.scheduled_id"
        " WHERE s.kind = 'reminder' AND d.chat_id = ? ORDER BY s.due_at",
        (FORUM.id,),
    )
    assert [(r["status"], r["error"]) for r in rows] == [("failed", "Topic_closed")] * 2
    # Reopened: the next is posted in General, and a later closing is told again.
    siren.api.reopen_topic(ADMIN, FORUM)
    await _due(siren, 1)
    posted = await siren.api.wait_for_message(FORUM, text_contains="nil returns 3")
    assert "message_thread_id" not in posted
    notices = [
        c
        for c in siren.api.calls
        if c.method == "sendMessage"
        and c.params.get("chat_id") == COORDINATOR.id
        and "General topic is closed" in str(c.params.get("text"))
    ]
    assert len(notices) == 1
