"""Edits, replies and answers to a report whose group was bound to another operation since.

Each test here failed on the code before it: the rebound group's edit corrected the old
operation's report and showed it there, a photo reply was attached to it, a correction of a
restored report brought its Undo back, and a revoked officer's Record it said "expired".
"""

from __future__ import annotations

from bot.demo import ADMIN, COORDINATOR, GROUP, KCS_OFFICER
from bot.render.asked import NO_LONGER_MEMBER
from bot.render.seizure import OTHER_OPERATIONS_REPORT
from tests.e2e import asking
from tests.e2e.conftest import Harness
from tests.e2e.test_edit_findings import _amounts, _answered, _data, _edit, _now


async def test_a_rebound_group_neither_changes_nor_shows_the_old_operations_report(
    siren: Harness,
) -> None:
    sent = siren.api.send_text(KCS_OFFICER, GROUP, "/s 1kg meth at ICN")
    ack = await siren.api.wait_for_message(GROUP, text_contains="SIREN #1")
    asked = await _edit(siren, sent, "/s 9000kg meth at ICN")  # asked before the rebinding
    await siren.talk.say(ADMIN, '/operation new TUNDRA "Operation Tundra" Europe/Moscow')
    await asking.moved(siren, ADMIN, GROUP, "TUNDRA")
    mark = siren.api.mark()
    # A question asked before the rebinding, answered after: nothing of SIREN's shows either.
    corrected = await _answered(siren, asked, "Record it")
    assert corrected["text"] == OTHER_OPERATIONS_REPORT, corrected["text"]
    # Before: "✏️ Corrected report SIREN #1 for KCS: 5 kg" in TUNDRA's group, and stored.
    said = await _edit(siren, sent, "/s 5kg meth at ICN")
    assert said["text"] == OTHER_OPERATIONS_REPORT, said["text"]
    # Before: "The largest methamphetamine report in SIREN so far is 1 kg", Record it / Cancel.
    said = await _edit(siren, sent, "/s 90000kg meth at ICN")
    assert said["text"] == OTHER_OPERATIONS_REPORT, said["text"]
    # Before: "Photo attached to report #1".
    cursor = siren.api.cursor(GROUP)
    siren.api.send_photo(
        KCS_OFFICER, GROUP, b"\xff\xd8y" * 30, reply_to_message_id=ack["message_id"]
    )
    said = await cursor.next()
    assert said["text"] == OTHER_OPERATIONS_REPORT, said["text"]
    assert await _amounts(siren) == ["1000"]
    assert await siren.rows("SELECT * FROM seizure_media") == []
    shown = [c.params for c in siren.api.calls[mark:] if c.params.get("chat_id") == GROUP.id]
    assert not [p for p in shown if "SIREN" in str(p.get("text")) or " kg" in str(p.get("text"))]
    assert "1 kg" in _now(siren, ack)["text"]


async def test_correcting_a_restored_report_brings_no_undo_back(siren: Harness) -> None:
    sent = siren.api.send_text(KCS_OFFICER, GROUP, "/s 2kg meth at ICN")
    ack = await siren.api.wait_for_message(GROUP, text_contains="SIREN #1")
    for said in ("/void 1 wrong", "/restore 1 right"):  # each marks the acknowledgement
        mark = siren.api.mark()
        await siren.talk.say(COORDINATOR, said, GROUP)
        await siren.api.wait_for_edit(GROUP, message_id=ack["message_id"], after=mark)
    mark = siren.api.mark()
    siren.api.edit_text(KCS_OFFICER, GROUP, int(sent["message_id"]), "/s 2.5kg meth at ICN")
    edited = await siren.api.wait_for_edit(GROUP, message_id=ack["message_id"], after=mark)
    assert "2.5 kg" in edited["text"]
    # Before: "...or press Undo." and the Undo button, under a report whose Undo is spent.
    assert "press Undo" not in edited["text"], edited["text"]
    assert not edited.get("reply_markup", {}).get("inline_keyboard")


async def test_record_it_under_an_outsized_edit_offers_undo_where_the_button_is(
    siren: Harness,
) -> None:
    sent = siren.api.send_text(KCS_OFFICER, GROUP, "/s 2kg meth at ICN")
    ack = await siren.api.wait_for_message(GROUP, text_contains="SIREN #1")
    question = await _edit(siren, sent, "/s 3000kg meth at ICN")
    corrected = await _answered(siren, question, "Record it")
    assert corrected["text"].startswith("✏️ Corrected report SIREN #1"), corrected["text"]
    # Before: "...or press Undo." on the question, which has no button; the ack has it.
    assert "press Undo" not in corrected["text"], corrected["text"]
    assert not corrected.get("reply_markup", {}).get("inline_keyboard")
    now = _now(siren, ack)
    assert "press Undo" in now["text"] and _data(now, "Undo") == "undo:1"


async def test_record_it_after_being_revoked_says_so(siren: Harness) -> None:
    sent = siren.api.send_text(KCS_OFFICER, GROUP, "/s 2kg meth at ICN")
    await siren.api.wait_for_message(GROUP, text_contains="SIREN #1")
    question = await _edit(siren, sent, "/s 3000kg meth at ICN")
    await siren.talk.say(COORDINATOR, f"/revoke {KCS_OFFICER.id}")
    answered = await _answered(siren, question, "Record it")
    # Before: an alert "This question has expired (the bot restarted or it was answered)".
    assert answered["text"] == NO_LONGER_MEMBER, answered["text"]
    assert await _amounts(siren) == ["2000"]
