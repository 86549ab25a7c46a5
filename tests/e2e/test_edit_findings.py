"""Edits and restores as an adversary drove them: every answer names the report people see.

Each test here failed on the code before it: a revoked officer's edit was answered with the
report's internal id, an edit to an outsized amount went into the totals unasked, a question
outlived the edit of its message, and a restored report's acknowledgement offered an Undo it
no longer had (while an old Undo press still voided it).
"""

from __future__ import annotations

from bot.demo import ADMIN, COORDINATOR, GROUP, KCS_OFFICER, TCD_OFFICER, invite_code
from fakegram.types import FakeUser, JSONDict
from tests.e2e.conftest import Harness

IVAN = FakeUser(2003, "Ivan", "Ice", username="ivan_i")


def _data(message: JSONDict, label: str) -> str:
    rows = message.get("reply_markup", {}).get("inline_keyboard", [])
    return next(b["callback_data"] for row in rows for b in row if b["text"] == label)


async def _press(h: Harness, user: FakeUser, message: JSONDict, data: str) -> str:
    """Press a button and return its alert text, empty when none."""
    mark = h.api.mark()
    query = h.api.press_button(user, GROUP, message["message_id"], data, check_button=False)
    await h.api.wait_for(
        lambda c: c.method == "answerCallbackQuery" and c.params["callback_query_id"] == query,
        after=mark,
    )
    return str(h.api.callback_answers[query].get("text") or "")


async def _amounts(h: Harness) -> list[object]:
    rows = await h.rows(
        "SELECT amount FROM seizure_item JOIN seizure ON seizure.id = seizure_id"
        " WHERE voided_at IS NULL ORDER BY seizure_item.id"
    )
    return [r["amount"] for r in rows]


async def test_a_revoked_officers_edit_names_the_reports_number(siren: Harness) -> None:
    # Another operation's report first: SIREN #1 is then not the database's report 1.
    talk = siren.talk
    await talk.say(ADMIN, '/operation new TUNDRA "Operation Tundra" Europe/Moscow')
    await talk.say(ADMIN, "/use TUNDRA")
    await talk.say(ADMIN, '/agency add FCS "Fed Customs" Europe/Moscow')
    await talk.say(IVAN, f"/start {invite_code(await talk.text(ADMIN, '/invite officer FCS'))}")
    assert "TUNDRA #1" in await talk.text(IVAN, "/s 10kg meth at SVO")
    sent = siren.api.send_text(TCD_OFFICER, GROUP, "/s 3kg heroin at BKK")
    await siren.api.wait_for_message(GROUP, text_contains="SIREN #1")
    await talk.say(COORDINATOR, f"/revoke {TCD_OFFICER.id}")
    cursor = siren.api.cursor(GROUP)
    siren.api.edit_text(TCD_OFFICER, GROUP, int(sent["message_id"]), "/s 30kg heroin at BKK")
    said = str((await cursor.next()).get("text", ""))
    assert said.startswith("Report #1 is unchanged: you are no longer a member"), said


def _now(h: Harness, message: JSONDict) -> JSONDict:
    """A bot message as it is now, edits applied."""
    return next(m for m in h.api.sent_messages(GROUP) if m["message_id"] == message["message_id"])


async def _edit(h: Harness, sent: JSONDict, text: str) -> JSONDict:
    """The officer edits a message; the bot's next message in the group."""
    cursor = h.api.cursor(GROUP)
    h.api.edit_text(KCS_OFFICER, GROUP, int(sent["message_id"]), text)
    return await cursor.next()


async def _answered(h: Harness, question: JSONDict, label: str) -> JSONDict:
    """Press a button under a question; the question as edited by the answer."""
    mark = h.api.mark()
    h.api.press_button(KCS_OFFICER, GROUP, question["message_id"], _data(question, label))
    return await h.api.wait_for_edit(GROUP, message_id=question["message_id"], after=mark)


async def test_an_edit_to_an_outsized_amount_is_asked_about_first(siren: Harness) -> None:
    sent = siren.api.send_text(KCS_OFFICER, GROUP, "/s 2kg meth at ICN")
    ack = await siren.api.wait_for_message(GROUP, text_contains="SIREN #1")
    question = await _edit(siren, sent, "/s 2000kg meth at ICN")
    # Before: "✏️ Corrected report SIREN #1 ... 2,000 kg", straight into the totals.
    assert "report #1 2,000 kg methamphetamine, far more than usual" in question["text"]
    assert await _amounts(siren) == ["2000"]  # nothing changed until confirmed
    cancelled = await _answered(siren, question, "Cancel")
    assert cancelled["text"] == "Not corrected: report #1 stays as it was."
    assert await _amounts(siren) == ["2000"]
    assert "2 kg" in _now(siren, ack)["text"]
    again = await _edit(siren, sent, "/s 3000kg meth at ICN")
    assert "report #1 3,000 kg" in again["text"]
    corrected = await _answered(siren, again, "Record it")
    assert corrected["text"].startswith("✏️ Corrected report SIREN #1"), corrected["text"]
    assert await _amounts(siren) == ["3000000"]
    assert "3,000 kg" in _now(siren, ack)["text"]  # the acknowledgement follows too


async def test_an_edit_closes_the_question_about_the_old_words(siren: Harness) -> None:
    sent = siren.api.send_text(KCS_OFFICER, GROUP, "/s 3000kg meth at GMP")
    question = await siren.api.wait_for_message(GROUP, text_contains="far more than usual")
    cancel = _data(question, "Cancel")
    recorded = await _edit(siren, sent, "/s 30kg meth at GMP")
    assert recorded["text"].startswith("✅ Recorded report SIREN #1"), recorded["text"]
    closed = _now(siren, question)
    assert closed["text"].startswith("Replaced by your edit"), closed
    assert "reply_markup" not in closed or not closed["reply_markup"].get("inline_keyboard")
    # Before: Cancel said "Not recorded." although #1 was recorded.
    alert = await _press(siren, KCS_OFFICER, question, cancel)
    assert alert.startswith("This question was replaced"), alert
    assert await _amounts(siren) == ["30000"]


async def test_only_the_newest_text_of_an_edited_message_can_be_recorded(siren: Harness) -> None:
    sent = siren.api.send_text(KCS_OFFICER, GROUP, "/s 7000kg meth at ICN")
    first = await siren.api.wait_for_message(GROUP, text_contains="7,000 kg")
    second = await _edit(siren, sent, "/s 8000kg meth at ICN")
    assert "8,000 kg" in second["text"]
    assert _now(siren, first)["text"].startswith("Replaced by your edit")
    # Before: Record it under the 7,000 kg question recorded 8,000 kg.
    alert = await _press(siren, KCS_OFFICER, first, _data(first, "Record it"))
    assert alert.startswith("This question was replaced"), alert
    assert await _amounts(siren) == []
    ack = await _answered(siren, second, "Record it")
    assert ack["text"].startswith("✅ Recorded report SIREN #1")
    assert await _amounts(siren) == ["8000000"]


async def test_a_restored_reports_acknowledgement_offers_no_undo(siren: Harness) -> None:
    siren.api.send_text(KCS_OFFICER, GROUP, "/s 2kg cocaine at ICN")
    ack = await siren.api.wait_for_message(GROUP, text_contains="SIREN #1")
    undo = _data(ack, "Undo")
    mark = siren.api.mark()
    await siren.talk.say(COORDINATOR, "/void 1 wrong", GROUP)
    voided = await siren.api.wait_for_edit(GROUP, message_id=ack["message_id"], after=mark)
    assert "❌ Voided: wrong" in voided["text"]
    mark = siren.api.mark()
    await siren.talk.say(COORDINATOR, "/restore 1 right", GROUP)
    restored = await siren.api.wait_for_edit(GROUP, message_id=ack["message_id"], after=mark)
    # Before: "...or press Undo." under an acknowledgement without the button.
    assert "press Undo" not in restored["text"], restored["text"]
    assert "/void 1 entered twice" in restored["text"]
    assert not restored.get("reply_markup", {}).get("inline_keyboard")
    # Before: the old undo data voided the restored report again.
    alert = await _press(siren, KCS_OFFICER, ack, undo)
    assert alert.startswith("The undo for report #1 has expired"), alert
    assert await _amounts(siren) == ["2000"]
