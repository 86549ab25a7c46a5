"""What an adversary and a newcomer found in reports, drafts and invites (session 13).

Each test here failed on the code before it, unless its comment says it pins a choice: an edit
of another bot's /seizure recorded a report, a step-by-step report begun in one operation could
not be recorded after /use of another, and /invites listed links that no longer let anyone in.
"""

from __future__ import annotations

from bot.demo import GROUP, KCS_OFFICER
from fakegram.types import FakeUser, JSONDict
from tests.e2e.conftest import Harness

JPEG = b"\xff\xd8\xff\xe0fake-jpeg"
NEWCOMER = FakeUser(2101, "Nam", "New", username="nam_new")


def _text(message: JSONDict) -> str:
    return str(message.get("text") or message.get("caption") or "")


async def test_an_edit_of_another_bots_seizure_command_records_nothing(siren: Harness) -> None:
    cursor = siren.api.cursor(GROUP)
    sent = siren.api.send_text(KCS_OFFICER, GROUP, "/s@OtherBot 3kg meth at ICN")
    siren.api.edit_text(KCS_OFFICER, GROUP, sent["message_id"], "/s@OtherBot 4kg meth at ICN")
    siren.api.send_photo(KCS_OFFICER, GROUP, JPEG, caption="/seizure@OtherBot 9kg meth")
    # Addressed to us, in any case, it is ours: the next answer in the group is its report.
    siren.api.edit_text(KCS_OFFICER, GROUP, sent["message_id"], "/s@ocubot 5kg meth at ICN")
    ack = _text(await cursor.next())
    assert ack.startswith("✅ Recorded report SIREN #1 for KCS:\n• 5 kg methamphetamine"), ack
    rows = await siren.rows("SELECT text FROM seizure")
    assert rows == [{"text": "/s@ocubot 5kg meth at ICN"}]


async def test_chatter_edited_into_a_seizure_in_a_group_is_recorded(siren: Harness) -> None:
    # A choice pinned, not a defect: the officer meant a report, and the acknowledgement
    # answers the edited message, so the group sees it where the words now are.
    cursor = siren.api.cursor(GROUP)
    sent = siren.api.send_text(KCS_OFFICER, GROUP, "lunch?")
    siren.api.edit_text(KCS_OFFICER, GROUP, sent["message_id"], "/seizure 5kg meth at ICN")
    ack = await cursor.next()
    assert _text(ack).startswith("✅ Recorded report SIREN #1 for KCS:"), _text(ack)
    assert ack["reply_to_message"]["message_id"] == sent["message_id"]
