"""The emulation's forums and chats that speak, driven by the real PTB client (fakegram.forums)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from telegram import Bot, ReplyParameters
from telegram.error import BadRequest

from fakegram.server import FakeBotAPI, FakeChat, FakeUser

ANN = FakeUser(1001, "Ann", username="ann")
FORUM = FakeChat(-1004001, "supergroup", title="Desks", is_forum=True)


@pytest.fixture
async def api() -> AsyncIterator[FakeBotAPI]:
    async with FakeBotAPI() as server:
        yield server


@pytest.fixture
async def bot(api: FakeBotAPI) -> AsyncIterator[Bot]:
    async with Bot(api.token, base_url=api.base_url, base_file_url=api.base_file_url) as client:
        yield client


async def test_a_topic_message_and_where_the_bots_messages_go(api: FakeBotAPI, bot: Bot) -> None:
    topic = api.open_topic(ANN, FORUM, "ICN")
    said = api.send_text(ANN, FORUM, "hello", topic=topic)
    assert said["message_thread_id"] == topic and said["is_topic_message"] is True
    assert said["reply_to_message"]["forum_topic_created"]["name"] == "ICN"  # Telegram's quirk
    quoted = await bot.send_message(
        FORUM.id, "a", reply_parameters=ReplyParameters(said["message_id"])
    )
    assert quoted.message_thread_id == topic and quoted.is_topic_message
    named = await bot.send_message(FORUM.id, "b", message_thread_id=topic)
    assert named.message_thread_id == topic
    general = await bot.send_message(FORUM.id, "c")
    assert general.message_thread_id is None and not general.is_topic_message
    with pytest.raises(BadRequest, match="thread not found"):
        await bot.send_message(FORUM.id, "d", message_thread_id=topic + 1000)
    api.delete_message(FORUM, said["message_id"])
    gone = ReplyParameters(said["message_id"], allow_sending_without_reply=True)
    with pytest.raises(BadRequest, match="replied not found"):  # not allowed in a topic
        await bot.send_message(FORUM.id, "e", message_thread_id=topic, reply_parameters=gone)
    assert (await bot.send_message(FORUM.id, "f", reply_parameters=gone)).message_thread_id is None


async def test_posts_as_the_group_and_as_a_channel(api: FakeBotAPI) -> None:
    channel = FakeChat(-1004002, "channel", title="News")
    anonymous = api.send_text(ANN, FORUM, "hi", as_chat=FORUM)
    assert anonymous["from"]["id"] == 1087968824 and anonymous["sender_chat"]["id"] == FORUM.id
    posted = api.send_text(ANN, FORUM, "hi", as_chat=channel)
    assert posted["from"]["username"] == "Channel_Bot" and posted["sender_chat"]["id"] == channel.id
