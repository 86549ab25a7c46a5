"""A saved emulation state loads into a new server as the same Telegram, counting on from it."""

from __future__ import annotations

from telegram import Bot

from fakegram.server import FakeBotAPI, FakeChat, FakeUser

ALICE = FakeUser(7, "Alice")
GROUP = FakeChat(-100500, "group", title="Ops")


async def test_a_loaded_state_keeps_messages_and_numbers_on() -> None:
    async with FakeBotAPI() as first:
        first.send_text(ALICE, GROUP, "hello")
        async with Bot(first.token, base_url=first.base_url) as bot:
            sent = await bot.send_message(GROUP.id, "welcome")
        saved = first.saved_state()
    async with FakeBotAPI() as second:
        second.load_state(saved)
        async with Bot(second.token, base_url=second.base_url) as bot:
            (update,) = await bot.get_updates(timeout=0)
            assert update.message is not None and update.message.text == "hello"
            again = await bot.send_message(GROUP.id, "welcome back")
        assert [m["text"] for m in second.sent_messages(GROUP)] == ["welcome", "welcome back"]
        assert again.message_id > sent.message_id
        second.send_text(ALICE, GROUP, "next")
        assert second.newest_update_id() == update.update_id + 1
    # The saved bytes are a copy: the second server's messages are not the first's.
    assert [m["text"] for m in first.sent_messages(GROUP)] == ["welcome"]
