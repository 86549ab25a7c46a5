"""What an adversary and a newcomer found in reports, drafts and invites (session 13).

Each test here failed on the code before it, unless its comment says it pins a choice: an edit
of another bot's /seizure recorded a report, a step-by-step report begun in one operation could
not be recorded after /use of another, and /invites listed links that no longer let anyone in.
"""

from __future__ import annotations

from bot.demo import ADMIN, COORDINATOR, GROUP, KCS_OFFICER, invite_code
from fakegram.types import FakeChat, FakeUser, JSONDict
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


def _buttons(message: JSONDict) -> dict[str, str]:
    rows = message.get("reply_markup", {}).get("inline_keyboard", [])
    return {b["text"]: b["callback_data"] for row in rows for b in row}


async def _also_in_live(siren: Harness) -> None:
    """LIVE, a second operation, with Park an officer of KCS there too."""
    talk = siren.talk
    await talk.say(ADMIN, '/operation new LIVE "Live op" Asia/Seoul')
    await talk.say(ADMIN, "/use LIVE")
    await talk.say(ADMIN, '/agency add KCS "Korea Customs Service" Asia/Seoul')
    link = await talk.text(ADMIN, "/invite officer KCS")
    await talk.say(KCS_OFFICER, f"/start {invite_code(link)}")


async def test_a_step_by_step_report_begun_before_use_records_where_it_was_begun(
    siren: Harness,
) -> None:
    await _also_in_live(siren)
    private = FakeChat.private(KCS_OFFICER)
    talk = siren.talk
    await talk.say(KCS_OFFICER, "/use SIREN")
    await talk.say(KCS_OFFICER, "/seizure")
    await talk.say(KCS_OFFICER, "ketamine")
    await talk.say(KCS_OFFICER, "2kg")
    confirm = await talk.say(KCS_OFFICER, "ICN")
    assert confirm["text"].startswith("Record this report?\n/seizure 2 kg ketamine at ICN")
    cursor = siren.api.cursor(private.id)
    siren.api.send_text(KCS_OFFICER, private, "/use LIVE")
    assert _text(await cursor.next()) == "Your messages in this chat now go to LIVE."
    again = await cursor.next()
    assert _text(again).startswith(
        "Your report is not recorded yet: press Record it below, or /cancel. "
        "It was begun in SIREN and is recorded in SIREN, not in LIVE."
    ), _text(again)
    mark = siren.api.mark()
    siren.api.press_button(KCS_OFFICER, private, again["message_id"], _buttons(again)["Record it"])
    ack = await siren.api.wait_for_edit(private, message_id=again["message_id"], after=mark)
    assert _text(ack).startswith("✅ Recorded report SIREN #1 for KCS:\n• 2 kg ketamine"), ack
    rows = await siren.rows(
        "SELECT o.code, s.text FROM seizure s JOIN operation o ON o.id = s.operation_id"
    )
    assert rows == [{"code": "SIREN", "text": "/seizure 2 kg ketamine at ICN"}]


async def test_invites_leaves_off_a_link_whose_maker_was_revoked(siren: Harness) -> None:
    talk = siren.talk
    await talk.say(ADMIN, "/use SIREN")
    theirs = invite_code(await talk.text(COORDINATOR, "/invite officer TCD"))
    mine = invite_code(await talk.text(ADMIN, "/invite observer"))
    await talk.say(ADMIN, "/revoke @kim_ocu")
    listed = await talk.text(ADMIN, "/invites")
    assert mine in listed and theirs not in listed, listed
    assert listed.count(" joined — expires ") == 1, listed
    # What the list leaves off is what opening it says: the link was revoked with its maker.
    refused = await talk.text(NEWCOMER, f"/start {theirs}")
    assert refused.startswith("This invite link was revoked."), refused
