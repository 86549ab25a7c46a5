"""An edit delivered again late: it never undoes what a newer edit recorded, nor asks again.

Each test here failed on the code before it: a report made by an edit kept no edit date, and
an edit that only asked a question left its update unclaimed, so the redelivered older edit
acted as a fresh one (the officer's message read 6 kg, the report 2 kg).
"""

from __future__ import annotations

from bot.demo import GROUP, KCS_OFFICER, TCD_OFFICER
from fakegram.types import FakeChat, FakeUser, JSONDict
from tests.e2e.conftest import Harness

SEND = "sendMessage"


async def _said(h: Harness, user: FakeUser, text: str) -> JSONDict:
    """The officer sends a message to the group; the bot's next message there."""
    cursor = h.api.cursor(GROUP)
    sent = h.api.send_text(user, GROUP, text)
    reply = await cursor.next()
    return {"sent": sent, "reply": reply}


async def _edit(h: Harness, user: FakeUser, message: JSONDict, text: str) -> tuple[int, JSONDict]:
    """The officer edits a message: the edit's update id, and the bot's next message there."""
    cursor = h.api.cursor(GROUP)
    h.api.edit_text(user, GROUP, int(message["message_id"]), text)
    update_id = h.api.newest_update_id()
    return update_id, await cursor.next()


async def _redelivered(h: Harness, user: FakeUser, update_id: int) -> list[str]:
    """Telegram hands an update over again; what the bot said or edited in the group after."""
    mark = h.api.mark()
    h.api.redeliver(update_id)
    # The officer's next message waits in the same line as the update: answered, it was handled.
    in_private = h.api.cursor(FakeChat.private(user).id)
    await h.talk.say(user, "/mine", GROUP)
    await in_private.next()
    return [
        str(c.params.get("text", ""))
        for c in h.api.calls[mark:]
        if c.method in (SEND, "editMessageText") and c.params.get("chat_id") == GROUP.id
        and "private chat" not in str(c.params.get("text", ""))  # /mine points there
    ]  # fmt: skip


async def _amounts(h: Harness) -> list[tuple[int, str]]:
    rows = await h.rows(
        "SELECT number, amount FROM seizure_item JOIN seizure ON seizure.id = seizure_id"
        " WHERE voided_at IS NULL ORDER BY number"
    )
    return [(int(r["number"]), str(r["amount"])) for r in rows]


def _data(message: JSONDict, label: str) -> str:
    rows = message.get("reply_markup", {}).get("inline_keyboard", [])
    return next(b["callback_data"] for row in rows for b in row if b["text"] == label)


async def _resend_question(h: Harness) -> tuple[JSONDict, JSONDict]:
    """#1 1 kg, a second message M with the same words (asked), #2 2 kg; M edited to 2 kg."""
    assert "SIREN #1" in (await _said(h, TCD_OFFICER, "/s 1kg heroin at BKK"))["reply"]["text"]
    again = await _said(h, TCD_OFFICER, "/s 1kg heroin at BKK")
    assert "Record it again?" in again["reply"]["text"] or "Record again" in str(again["reply"])
    assert "SIREN #2" in (await _said(h, TCD_OFFICER, "/s 2kg heroin at BKK"))["reply"]["text"]
    return again["sent"], again["reply"]


async def test_a_late_edit_does_not_undo_the_report_a_newer_edit_made(siren: Harness) -> None:
    message, _question = await _resend_question(siren)
    first, asked = await _edit(siren, TCD_OFFICER, message, "/s 2kg heroin at BKK")
    assert "Record again" in str(asked), asked  # the same words as #2: asked, nothing recorded
    _second, recorded = await _edit(siren, TCD_OFFICER, message, "/s 6kg heroin at BKK")
    assert recorded["text"].startswith("✅ Recorded report SIREN #3"), recorded["text"]
    said = await _redelivered(siren, TCD_OFFICER, first)
    # Before: "✏️ Corrected report SIREN #3 ... 2 kg heroin", the row 2 kg, the message 6 kg.
    assert not said, said
    assert await _amounts(siren) == [(1, "1000"), (2, "2000"), (3, "6000")]


async def test_a_late_edit_after_record_again_changes_nothing(siren: Harness) -> None:
    message, _question = await _resend_question(siren)
    first, asked = await _edit(siren, TCD_OFFICER, message, "/s 2kg heroin at BKK")
    mark = siren.api.mark()
    siren.api.press_button(TCD_OFFICER, GROUP, asked["message_id"], _data(asked, "Record again"))
    recorded = await siren.api.wait_for_edit(GROUP, message_id=asked["message_id"], after=mark)
    assert recorded["text"].startswith("✅ Recorded report SIREN #3"), recorded["text"]
    mark = siren.api.mark()
    siren.api.edit_text(TCD_OFFICER, GROUP, int(message["message_id"]), "/s 6kg heroin at BKK")
    corrected = await siren.api.wait_for_edit(GROUP, message_id=asked["message_id"], after=mark)
    assert corrected["text"].startswith("✏️ Corrected report SIREN #3"), corrected["text"]
    assert not await _redelivered(siren, TCD_OFFICER, first)
    assert await _amounts(siren) == [(1, "1000"), (2, "2000"), (3, "6000")]


async def test_a_message_its_edit_made_a_report_is_not_asked_about_again(siren: Harness) -> None:
    await _resend_question(siren)  # #1 and #2
    cursor = siren.api.cursor(GROUP)
    message = siren.api.send_text(TCD_OFFICER, GROUP, "/s 1kg heroin at BKK")
    typed = siren.api.newest_update_id()
    assert "Record again" in str(await cursor.next())  # the plain /s: asked, nothing recorded
    _edit_id, recorded = await _edit(siren, TCD_OFFICER, message, "/s 6kg heroin at BKK")
    assert recorded["text"].startswith("✅ Recorded report SIREN #3"), recorded["text"]
    said = await _redelivered(siren, TCD_OFFICER, typed)
    # Before: "You sent exactly this report just now" again, about a message that is #3 now.
    assert all(s.startswith("Already answered") for s in said), said
    assert await _amounts(siren) == [(1, "1000"), (2, "2000"), (3, "6000")]


async def test_a_late_edit_that_asked_is_not_asked_again(siren: Harness) -> None:
    sent = siren.api.send_text(KCS_OFFICER, GROUP, "/s 2kg meth at ICN")
    ack = await siren.api.wait_for_message(GROUP, text_contains="SIREN #1")
    first, asked = await _edit(siren, KCS_OFFICER, sent, "/s 3000kg meth at ICN")
    assert "far more than usual" in asked["text"], asked["text"]
    mark = siren.api.mark()
    siren.api.edit_text(KCS_OFFICER, GROUP, int(sent["message_id"]), "/s 3kg meth at ICN")
    corrected = await siren.api.wait_for_edit(GROUP, message_id=ack["message_id"], after=mark)
    assert corrected["text"].startswith("✏️ Corrected report SIREN #1"), corrected["text"]
    # Before: the 3,000 kg question asked again, about words the message no longer has.
    assert not await _redelivered(siren, KCS_OFFICER, first)
    assert await _amounts(siren) == [(1, "3000")]
