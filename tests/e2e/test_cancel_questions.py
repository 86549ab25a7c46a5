"""/cancel takes back the caller's questions waiting for Record it / Cancel, and says so."""

from __future__ import annotations

from bot.demo import GROUP, KCS_OFFICER
from fakegram.types import FakeChat, FakeUser, JSONDict
from tests.e2e.conftest import Harness


def _data(message: JSONDict, label: str) -> str:
    rows = message.get("reply_markup", {}).get("inline_keyboard", [])
    return next(b["callback_data"] for row in rows for b in row if b["text"] == label)


async def _press(h: Harness, user: FakeUser, chat: FakeChat, message: JSONDict, data: str) -> str:
    """Press a button (shown or not any more) and return its alert text."""
    mark = h.api.mark()
    query = h.api.press_button(user, chat, message["message_id"], data, check_button=False)
    await h.api.wait_for(
        lambda c: c.method == "answerCallbackQuery" and c.params["callback_query_id"] == query,
        after=mark,
    )
    return str(h.api.callback_answers[query].get("text") or "")


async def test_cancel_takes_back_an_outsized_amounts_question(siren: Harness) -> None:
    private = FakeChat.private(KCS_OFFICER)
    await siren.talk.say(KCS_OFFICER, "/s 2kg meth at ICN", GROUP)
    asked = await siren.talk.say(KCS_OFFICER, "/s 2000kg meth at ICN")
    assert "far more than usual" in asked["text"], asked
    said = await siren.talk.text(KCS_OFFICER, "/cancel")
    # Before: "There is no report in progress." and Record it still recorded 900,000 kg.
    assert said == ("Cancelled your question waiting for an answer; nothing of it was recorded."), (
        said
    )
    alert = await _press(siren, KCS_OFFICER, private, asked, _data(asked, "Record it"))
    assert alert == "Cancelled with /cancel: nothing of it was recorded.", alert
    rows = await siren.rows("SELECT amount FROM seizure_item")
    assert [r["amount"] for r in rows] == ["2000"]
    assert (await siren.talk.text(KCS_OFFICER, "/cancel")).startswith(
        "There is no report in progress."
    )


async def test_cancel_in_the_group_takes_back_the_callers_question_there(siren: Harness) -> None:
    await siren.talk.say(KCS_OFFICER, "/s 2kg meth at ICN", GROUP)
    asked = await siren.talk.say(KCS_OFFICER, "/s 2000kg meth at ICN", GROUP)
    assert "far more than usual" in asked["text"], asked
    said = await siren.talk.text(KCS_OFFICER, "/cancel", GROUP)
    # Before: "Send /cancel to me in a private chat", and the question went on waiting.
    assert said.startswith("Cancelled your question waiting for an answer"), said
    alert = await _press(siren, KCS_OFFICER, GROUP, asked, _data(asked, "Record it"))
    assert alert.startswith("Cancelled with /cancel"), alert
    assert len(await siren.rows("SELECT id FROM seizure")) == 1
    said = await siren.talk.text(KCS_OFFICER, "/cancel", GROUP)
    assert said.startswith("Nothing to cancel here. In the group, /cancel takes back"), said
    assert "/void 12 typed twice" in said


async def test_undo_takes_back_a_question_and_says_it_was_undo(siren: Harness) -> None:
    # Found by review: the question said "Cancelled with /cancel" though /undo was typed.
    private = FakeChat.private(KCS_OFFICER)
    asked = await siren.talk.say(KCS_OFFICER, "/s 2000kg meth at ICN")
    assert "far more than usual" in asked["text"], asked
    await siren.talk.text(KCS_OFFICER, "/undo")
    alert = await _press(siren, KCS_OFFICER, private, asked, _data(asked, "Record it"))
    assert alert == "Taken back with /undo: nothing of it was recorded.", alert
    assert await siren.rows("SELECT id FROM seizure") == []
