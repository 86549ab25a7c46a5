"""A command whose message comes without its bot_command entity ('/seizure 2kg meth' and no
`entities`), as a Bot API server or client other than Telegram's may send it. PTB's
CommandHandler reads the entity, not the text: before, such a report was taken for chatter
('I did not understand that. To report a seizure, start with /seizure') and nothing was
recorded; /start with an invite code was not a /start at all."""

from __future__ import annotations

import asyncio
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


async def test_a_command_quoted_as_code_is_no_command(siren: harness.Harness) -> None:
    # Adversary review, round 2: a coordinator's how-to with '/void 1 entered twice' in a code
    # block voided report #1, as the first version marked any text starting with a command.
    # Telegram marks no command inside code or pre: the text stays chatter.
    ack = await siren.talk.text(KCS_OFFICER, "/seizure 2kg meth at ICN", GROUP)
    assert "Recorded report SIREN #1" in ack, ack
    text = "/void 1 entered twice\n^ this is how you void a report entered twice"
    shown_before = len(siren.api.sent_messages(GROUP))
    siren.api._user_message(
        COORDINATOR, GROUP, {"text": text, "entities": [{"type": "pre", "offset": 0, "length": 21}]}
    )
    officer = FakeChat.private(KCS_OFFICER)
    quoted = "/seizure 2kg meth at ICN is how you report"
    siren.api._user_message(
        KCS_OFFICER,
        officer,
        {"text": quoted, "entities": [{"type": "code", "offset": 0, "length": 24}]},
    )
    # Handled once what came after each, in the same chat, is answered (a chat keeps its order).
    assert "Summary" in await siren.talk.text(COORDINATOR, "/summary", GROUP)
    assert "Summary" in await siren.talk.text(KCS_OFFICER, "/summary", officer)
    await asyncio.wait_for(siren.app.update_queue.join(), 30)
    assert await siren.rows("SELECT number, voided_at FROM seizure") == [
        {"number": 1, "voided_at": None}
    ]
    said = siren.api.sent_messages(GROUP)[shown_before:]
    assert not [m for m in said if "voided" in str(m.get("text", "")).lower()], said
