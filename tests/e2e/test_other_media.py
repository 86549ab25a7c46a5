"""Messages the bot cannot read are answered, not met with silence (adversary, session 18): a
voice note, a sticker or a video in private got no reply, and a video captioned as a report was
never recorded while its officer read the silence as "sent"."""

from __future__ import annotations

import pytest

from bot.demo import GROUP, KCS_OFFICER
from fakegram.types import FakeChat, JSONDict
from tests.e2e.conftest import Harness

SAID = (
    "I read text, photos, documents and locations, not this kind of message. Send your report "
    "as text, e.g. /seizure 2kg meth at ICN, and a picture of it as a photo."
)
VOICE = {"voice": {"file_id": "v1", "file_unique_id": "v1u", "duration": 3}}
STICKER = {
    "sticker": {"file_id": "s1", "file_unique_id": "s1u", "type": "regular", "width": 512,
                "height": 512, "is_animated": False, "is_video": False}
}  # fmt: skip
VIDEO = {
    "video": {"file_id": "f1", "file_unique_id": "f1u", "width": 640, "height": 480,
              "duration": 5},
    "caption": "/seizure 2kg meth at ICN",
    "caption_entities": [{"type": "bot_command", "offset": 0, "length": 8}],
}  # fmt: skip


@pytest.mark.parametrize(
    ("chat", "content"),
    [(FakeChat.private(KCS_OFFICER), VOICE), (FakeChat.private(KCS_OFFICER), STICKER),
     (FakeChat.private(KCS_OFFICER), VIDEO), (GROUP, VIDEO)],
)  # fmt: skip
async def test_a_message_the_bot_cannot_read_is_answered(
    siren: Harness, chat: FakeChat, content: JSONDict
) -> None:
    cursor = siren.api.cursor(chat)
    siren.api._user_message(KCS_OFFICER, chat, dict(content))
    said = str((await cursor.next(timeout=15)).get("text"))
    assert said.endswith(SAID), said
    assert await siren.rows("SELECT count(*) AS n FROM seizure") == [{"n": 0}]


async def test_a_voice_note_in_the_group_stays_unanswered(siren: Harness) -> None:
    cursor = siren.api.cursor(GROUP)
    siren.api._user_message(KCS_OFFICER, GROUP, dict(VOICE))
    siren.api.send_text(KCS_OFFICER, GROUP, "/start")
    first = await cursor.next(timeout=15)  # one chat's updates are handled in order
    assert SAID not in str(first.get("text")), first
