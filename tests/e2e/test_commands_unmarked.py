"""A command whose message comes without its bot_command entity ('/seizure 2kg meth' and no
`entities`), as a Bot API server or client other than Telegram's may send it. PTB's
CommandHandler reads the entity, not the text: before, such a report was taken for chatter
('I did not understand that. To report a seizure, start with /seizure') and nothing was
recorded; /start with an invite code was not a /start at all."""

from __future__ import annotations

from typing import Any

from bot.demo import COORDINATOR, GROUP, KCS_OFFICER, OUTSIDER
from fakegram.types import FakeChat, FakeUser
from tests.e2e import conftest as harness


async def _unmarked(siren: harness.Harness, user: FakeUser, text: str, chat: FakeChat) -> str:
    """`user` types `text` into `chat`, sent with no entities; the bot's next message there."""
    cursor = siren.api.cursor(chat.id)
    message: dict[str, Any] = siren.api._user_message(user, chat, {"text": text})
    assert "entities" not in message
    reply = await cursor.next(timeout=15)
    return str(reply.get("text") or "")


async def test_a_report_sent_without_its_entity_is_recorded(siren: harness.Harness) -> None:
    chat = FakeChat.private(KCS_OFFICER)
    reply = await _unmarked(siren, KCS_OFFICER, "/seizure 2kg meth at ICN", chat)
    assert "Recorded report SIREN #1 for KCS" in reply, reply
    assert "2 kg methamphetamine" in reply, reply
    rows = await siren.rows("SELECT text FROM seizure")
    assert rows == [{"text": "/seizure 2kg meth at ICN"}]


async def test_a_command_to_the_bot_by_name_in_the_group_is_answered(
    siren: harness.Harness,
) -> None:
    name = siren.api.bot_user["username"]
    reply = await _unmarked(siren, COORDINATOR, f"/summary@{name}", GROUP)
    assert "Summary · SIREN" in reply, reply


async def test_start_without_its_entity_is_a_start(siren: harness.Harness) -> None:
    reply = await _unmarked(siren, OUTSIDER, "/start", FakeChat.private(OUTSIDER))
    assert "I did not understand" not in reply, reply
    assert reply == await siren.talk.text(OUTSIDER, "/start"), reply
