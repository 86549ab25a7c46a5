"""A forum whose General topic an admin closed: the clock's messages are refused there
(Telegram's TOPIC_CLOSED). Each is tried once and recorded failed, never dropped unsaid: the
coordinators are told in private, once while it stays closed; reopened, the next one is posted."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest

from bot.demo import ADMIN, COORDINATOR, KCS_OFFICER, TCD_OFFICER
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


async def test_an_answer_refused_by_a_closed_general_goes_to_the_asker_in_private(
    siren: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    # Found by review: every answer in a closed General was refused, then the "fault on our
    # side" line too (ERROR logged); report #1 was kept but never acknowledged.
    assert "SIREN" in await siren.talk.text(COORDINATOR, "/bind SIREN", FORUM)
    siren.api.close_topic(ADMIN, FORUM)
    private = siren.api.cursor(FakeChat.private(KCS_OFFICER))
    siren.api.send_text(KCS_OFFICER, FORUM, "/s 2kg meth at ICN")
    why = await private.next(text_contains="General topic")
    assert why["text"] == (
        "⚠️ The General topic of SIREN desks is closed: only its admins may write there, so my "
        "answer to you is here."
    )
    ack = await private.next(text_contains="Recorded report")
    assert "SIREN #1" in ack["text"] and "2 kg methamphetamine" in ack["text"], ack
    reminded = siren.api.cursor(FakeChat.private(COORDINATOR))
    siren.api.send_text(COORDINATOR, FORUM, "/remind in 1h hello")
    await reminded.next(text_contains="General topic")
    await reminded.next(text_contains="Reminder #1 set")
    # One who never opened the private chat is not reachable: their report is kept, nobody
    # is told of a fault, and a warning is logged once for them.
    siren.api.forget_chat(TCD_OFFICER.id)
    siren.api.send_text(TCD_OFFICER, FORUM, "/s 1kg heroin at BKK")
    siren.api.send_text(TCD_OFFICER, FORUM, "/s 1kg cocaine at BKK")
    siren.api.send_text(COORDINATOR, FORUM, "/summary")  # after them: one chat, in order
    await reminded.next(text_contains="General topic")
    await reminded.next(text_contains="Summary")
    rows = await siren.rows("SELECT id FROM seizure WHERE voided_at IS NULL ORDER BY id")
    assert [r["id"] for r in rows] == [1, 2, 3]
    texts = [str(c.params.get("text")) for c in siren.api.calls if c.method == "sendMessage"]
    assert not [t for t in texts if "fault on our side" in t]
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []
    warned = [
        r
        for r in caplog.records
        if r.levelno == logging.WARNING and "topic closed" in r.getMessage()
    ]
    assert len(warned) == 1, warned
