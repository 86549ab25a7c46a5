"""A forum supergroup (topics), as a Bot API that follows its documentation has it.

An officer who reports inside a topic reads the answer in that topic: a message sent without
`message_thread_id` goes to General, so the bot names the topic on every send to that chat
while it handles the update (bot.topics). The clock's messages go to General, which every
member has. A quote that is gone is dropped rather than the answer: in a topic Telegram refuses a
reply to a deleted message even with allow_sending_without_reply.
"""

from __future__ import annotations

from datetime import timedelta

from bot.demo import ADMIN, COORDINATOR, KCS_OFFICER
from fakegram.types import FakeChat, JSONDict
from tests.e2e.conftest import Harness

FORUM = FakeChat(-1009000001, "supergroup", title="SIREN desks", is_forum=True)


async def _forum(siren: Harness) -> int:
    """SIREN bound to FORUM (in General); a topic "ICN desk" opened; its id."""
    said = await siren.talk.text(COORDINATOR, "/bind SIREN", FORUM)
    assert "SIREN" in said, said
    return siren.api.open_topic(ADMIN, FORUM, "ICN desk")


def _topic(message: JSONDict) -> int | None:
    return message.get("message_thread_id") if message.get("is_topic_message") else None


async def test_a_report_in_a_topic_is_acknowledged_in_that_topic(siren: Harness) -> None:
    topic = await _forum(siren)
    cursor = siren.api.cursor(FORUM)
    siren.api.send_text(KCS_OFFICER, FORUM, "/s 2kg meth at ICN", topic=topic)
    ack = await cursor.next(text_contains="2 kg")
    assert _topic(ack) == topic
    # Said in General, it is answered in General.
    siren.api.send_text(KCS_OFFICER, FORUM, "/mine")
    assert _topic(await cursor.next()) is None


async def test_the_answer_goes_to_the_topic_when_the_question_was_deleted(siren: Harness) -> None:
    topic = await _forum(siren)
    cursor = siren.api.cursor(FORUM)
    sent = siren.api.send_text(KCS_OFFICER, FORUM, "/s 2kg meth at ICN", topic=topic)
    # Deleted before the bot took it: Telegram refuses the quote in a topic (400), and without
    # the topic the answer went to General. Before: it landed in General, quoting nothing.
    siren.api.delete_message(FORUM, int(sent["message_id"]))
    ack = await cursor.next(text_contains="2 kg")
    assert _topic(ack) == topic, ack
    assert "reply_to_message" not in ack
    refused = [c.error for c in siren.api.calls if c.method == "sendMessage" and c.error]
    assert refused == ["Bad Request: message to be replied not found"]
    (row,) = await siren.rows("SELECT count(*) AS n FROM seizure")
    assert row["n"] == 1


async def test_a_reminder_set_in_a_topic_goes_to_general(siren: Harness) -> None:
    topic = await _forum(siren)
    cursor = siren.api.cursor(FORUM)
    siren.api.send_text(COORDINATOR, FORUM, "/remind in 1h Send your nil returns", topic=topic)
    assert _topic(await cursor.next(text_contains="Send your nil returns")) == topic
    siren.clock.advance(timedelta(hours=1))
    scheduler = siren.app.bot_data.scheduler
    assert scheduler is not None
    await scheduler.run_due()
    reminder = await siren.api.wait_for_message(FORUM, text_contains="Reminder: Send your nil")
    # The clock's messages belong to no one's topic: General, which every member has.
    assert _topic(reminder) is None and "message_thread_id" not in reminder


async def test_an_answer_to_a_topic_deleted_meanwhile_goes_to_general(siren: Harness) -> None:
    topic = await _forum(siren)
    cursor = siren.api.cursor(FORUM)
    siren.api.send_text(KCS_OFFICER, FORUM, "/s 2kg meth at ICN", topic=topic)
    siren.api.delete_topic(FORUM, topic)  # before the bot took the report
    ack = await cursor.next(text_contains="2 kg")
    assert _topic(ack) is None
    refused = [c.error for c in siren.api.calls if c.method == "sendMessage" and c.error]
    assert refused == ["Bad Request: message thread not found"]


async def test_a_location_shared_in_the_topic_after_a_report_goes_to_it(siren: Harness) -> None:
    topic = await _forum(siren)
    cursor = siren.api.cursor(FORUM)
    siren.api.send_text(KCS_OFFICER, FORUM, "/s 2kg meth at ICN", topic=topic)
    await cursor.next(text_contains="2 kg")
    # Every message of a topic replies to the topic's first message, on Telegram: before, the
    # location was taken for a reply to something that is no report, and only pointed at how.
    siren.api.send_location(KCS_OFFICER, FORUM, 37.46, 126.44, topic=topic)
    said = await cursor.next()
    assert "Location 37.46000, 126.44000 attached to report #1" in str(said["text"]), said
    assert _topic(said) == topic
