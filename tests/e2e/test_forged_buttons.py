"""Buttons pressed with valid data under a message they were never attached to change nothing;
an update delivered twice asks its question once; /seizure alone in a group points to private.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta

from bot.demo import ADMIN, COORDINATOR, GROUP, KCS_OFFICER, TCD_OFFICER, invite_code
from fakegram.types import FakeChat, FakeUser, JSONDict
from tests.e2e.conftest import Harness

FIN_OFFICER = FakeUser(2003, "Aino", "Virtanen", username="aino_fin")
NOT_ACTIVE = "This button is no longer active."
STALE_LIST = "This list is out of date. Send /reports again."


async def _tundra_with_a_report(h: Harness) -> None:
    """Another operation, TUNDRA (internal id 2), with one report the SIREN group must not see."""
    await h.talk.say(ADMIN, '/operation new TUNDRA "Operation Tundra" Europe/Helsinki')
    await h.talk.say(ADMIN, "/use TUNDRA")
    await h.talk.say(ADMIN, '/agency add FIN "Finnish Customs" Europe/Helsinki')
    link = await h.talk.text(ADMIN, "/invite officer FIN")
    await h.talk.say(FIN_OFFICER, f"/start {invite_code(link)}")
    ack = await h.talk.text(FIN_OFFICER, "/seizure 3 kg cocaine at HEL")
    assert ack.startswith("✅ Recorded report TUNDRA #1 for FIN:"), ack
    await h.talk.say(ADMIN, "/use SIREN")
    assert await h.rows("SELECT id FROM operation WHERE code = 'TUNDRA'") == [{"id": 2}]


async def _forge(h: Harness, who: FakeUser, chat: FakeChat, message_id: int, data: str) -> str:
    """Press `data` under a message that does not show it; the alert, once all is handled."""
    mark = h.api.mark()
    query = h.api.press_button(who, chat, message_id, data, check_button=False)
    await h.api.wait_for(
        lambda c: c.method == "answerCallbackQuery" and c.params["callback_query_id"] == query,
        after=mark,
    )
    await asyncio.wait_for(h.app.update_queue.join(), 30)  # whatever the press did is done
    return str(h.api.callback_answers[query].get("text") or "")


def _shown(h: Harness, chat: FakeChat, message_id: int) -> JSONDict:
    return next(m for m in h.api.sent_messages(chat) if m["message_id"] == message_id)


def _data(message: JSONDict) -> list[str]:
    rows = message.get("reply_markup", {}).get("inline_keyboard", [])
    return [b.get("callback_data") or b.get("url") for row in rows for b in row]


async def test_a_list_button_forged_on_a_group_ack_shows_no_list(siren: Harness) -> None:
    await _tundra_with_a_report(siren)
    ack = await siren.talk.say(KCS_OFFICER, "/s 2kg meth at ICN", GROUP)
    before = dict(ack)
    mark = siren.api.mark()
    # Before: the admin's press turned Park's ack into "Reports of TUNDRA … #1 · FIN · 3 kg
    # cocaine · HEL" for the whole group; the coordinator's into SIREN's list.
    for who, data in ((ADMIN, "rp:2:o99:a:::"), (COORDINATOR, "rp:1:o99:a:::")):
        assert await _forge(siren, who, GROUP, ack["message_id"], data) == STALE_LIST
    assert not [c for c in siren.api.calls[mark:] if c.method.startswith("edit")]
    shown = _shown(siren, GROUP, ack["message_id"])
    assert shown["text"] == before["text"] and _data(shown) == _data(before)
    assert not any("TUNDRA" in str(m.get("text")) for m in siren.api.sent_messages(GROUP))
    # In private, under a message that is no list, neither.
    private = FakeChat.private(ADMIN)
    help_message = await siren.talk.say(ADMIN, "/help")
    said = await _forge(siren, ADMIN, private, help_message["message_id"], "rp:2:o99:a:::")
    assert said == STALE_LIST
    assert _shown(siren, private, help_message["message_id"])["text"] == help_message["text"]


async def test_draft_buttons_forged_on_a_group_ack_change_nothing(siren: Harness) -> None:
    ack = await siren.talk.say(KCS_OFFICER, "/s 2kg meth at ICN", GROUP)
    before = dict(ack)
    sent = len(siren.api.sent_messages(GROUP))
    # Before: "Report cancelled; nothing was recorded." over a report that stayed recorded, and
    # the guided entry's first question posted to the group.
    assert await _forge(siren, TCD_OFFICER, GROUP, ack["message_id"], "draft:cancel") == NOT_ACTIVE
    assert await _forge(siren, KCS_OFFICER, GROUP, ack["message_id"], "draft:new") == NOT_ACTIVE
    shown = _shown(siren, GROUP, ack["message_id"])
    assert shown["text"] == before["text"] and _data(shown) == _data(before)
    assert len(siren.api.sent_messages(GROUP)) == sent
    assert await siren.rows("SELECT number, voided_at FROM seizure") == [
        {"number": 1, "voided_at": None}
    ]
    assert await siren.rows("SELECT * FROM report_draft") == []


async def test_a_cancel_forged_under_an_old_question_keeps_the_draft(siren: Harness) -> None:
    private = FakeChat.private(KCS_OFFICER)
    await siren.talk.say(KCS_OFFICER, "/seizure")
    await siren.talk.say(KCS_OFFICER, "meth")  # step 2 asked; step 1's message stays
    cursor = siren.api.cursor(private.id)
    help_message = await siren.talk.say(KCS_OFFICER, "/mine")
    await cursor.next()
    second = await cursor.next()  # step 2 asked again below /mine's answer: the current one
    assert second["text"].startswith("Your report in progress is still open")
    said = await _forge(siren, KCS_OFFICER, private, help_message["message_id"], "draft:cancel")
    assert said.startswith("This button is not under your report's current question")
    assert _shown(siren, private, help_message["message_id"])["text"] == help_message["text"]
    assert await siren.rows("SELECT step, message_id FROM report_draft") == [
        {"step": "amount", "message_id": second["message_id"]}
    ]
    # A forged New report under a message that is not the welcome starts nothing either.
    assert await _forge(siren, KCS_OFFICER, private, help_message["message_id"], "draft:new") == (
        NOT_ACTIVE
    )
    assert await siren.rows("SELECT step FROM report_draft") == [{"step": "amount"}]


async def test_undo_forged_under_another_message_voids_nothing(siren: Harness) -> None:
    mine = await siren.talk.say(KCS_OFFICER, "/s 2kg meth at ICN", GROUP)
    theirs = await siren.talk.say(TCD_OFFICER, "/s 300 yaba at BKK", GROUP)
    before = dict(theirs)
    own_id = (await siren.rows("SELECT id FROM seizure WHERE number = 1"))[0]["id"]
    # Before: Park's report was voided and Somchai's ack edited into Park's, in the group.
    said = await _forge(siren, KCS_OFFICER, GROUP, theirs["message_id"], f"undo:{own_id}")
    assert said == NOT_ACTIVE
    shown = _shown(siren, GROUP, theirs["message_id"])
    assert shown["text"] == before["text"] and _data(shown) == _data(before)
    assert await siren.rows("SELECT voided_at FROM seizure ORDER BY number") == [
        {"voided_at": None},
        {"voided_at": None},
    ]
    assert _shown(siren, GROUP, mine["message_id"])["text"] == mine["text"]


async def test_record_it_forged_under_another_message_records_nothing(siren: Harness) -> None:
    theirs = await siren.talk.say(TCD_OFFICER, "/s 300 yaba at BKK", GROUP)
    cursor = siren.api.cursor(GROUP)
    sent = siren.api.send_text(KCS_OFFICER, GROUP, "/seizure 22000 kg meth at ICN")
    question = await cursor.next()
    assert "far more than usual" in question["text"]
    data = f"ask:yes:{sent['message_id']}"
    assert data in _data(question)
    # Before: the question was taken, the report recorded, and Somchai's ack became Park's.
    said = await _forge(siren, KCS_OFFICER, GROUP, theirs["message_id"], data)
    assert "expired" in said
    assert _shown(siren, GROUP, theirs["message_id"])["text"] == theirs["text"]
    assert await siren.rows("SELECT count(*) AS n FROM seizure") == [{"n": 1}]
    assert await siren.rows("SELECT kind FROM question") == [{"kind": "large"}]
    # The question's own button still records it.
    mark = siren.api.mark()
    siren.api.press_button(KCS_OFFICER, GROUP, question["message_id"], data)
    edited = await siren.api.wait_for_edit(GROUP, message_id=question["message_id"], after=mark)
    assert edited["text"].startswith("✅ Recorded report SIREN #2")


async def test_link_forged_under_another_message_decides_nothing(siren: Harness) -> None:
    await siren.talk.say(KCS_OFFICER, "/seizure 2kg meth at ICN from TH to KR", GROUP)
    siren.clock.advance(timedelta(days=1))
    cursor = siren.api.cursor(GROUP)
    siren.api.send_text(TCD_OFFICER, GROUP, "/seizure 1.9kg meth @BKK from Thailand to Korea")
    ack = await cursor.next()
    suggestion = await cursor.next()
    data = next(d for d in _data(suggestion) if d.startswith("link:yes:"))
    # Before: the two reports were linked and Somchai's ack replaced by the decision.
    said = await _forge(siren, COORDINATOR, GROUP, ack["message_id"], data)
    assert said == NOT_ACTIVE
    assert _shown(siren, GROUP, ack["message_id"])["text"] == ack["text"]
    assert await siren.rows("SELECT status FROM link_suggestion") == [{"status": "open"}]
    assert await siren.rows("SELECT count(*) AS n FROM seizure_case") == [{"n": 0}]


def _questions_sent(h: Harness) -> int:
    return sum(
        1
        for c in h.api.calls
        if c.method == "sendMessage" and "nil return anyway" in str(c.params.get("text"))
    )


async def test_a_redelivered_nil_after_seizures_asks_once(siren: Harness) -> None:
    await siren.talk.say(KCS_OFFICER, "/seizure 2kg meth at ICN")
    private = FakeChat.private(KCS_OFFICER)
    question = await siren.talk.text(KCS_OFFICER, "/nil ICN checked")
    assert "Record a nil return anyway" in question
    siren.api.redeliver(siren.api.newest_update_id())
    await siren.talk.say(KCS_OFFICER, "/help")  # handled in order: after the repeat
    await asyncio.wait_for(siren.app.update_queue.join(), 30)
    asked = [m for m in siren.api.sent_messages(private) if "nil return anyway" in str(m["text"])]
    # Before: the same question a second time, with its own buttons.
    assert len(asked) == 1 and _questions_sent(siren) == 1
    assert await siren.rows("SELECT count(*) AS n FROM nil_return") == [{"n": 0}]
    # Answered Cancel, a later repeat of the update asks nothing either.
    mark = siren.api.mark()
    no = next(d for d in _data(asked[0]) if d.startswith("ask:no:"))
    siren.api.press_button(KCS_OFFICER, private, asked[0]["message_id"], no)
    await siren.api.wait_for_edit(private, message_id=asked[0]["message_id"], after=mark)
    nil_update = next(
        u for u, update in siren.api._updates_by_id.items()
        if str(update.get("message", {}).get("text")) == "/nil ICN checked"
    )  # fmt: skip
    siren.api.redeliver(nil_update)
    await siren.talk.say(KCS_OFFICER, "/help")
    await asyncio.wait_for(siren.app.update_queue.join(), 30)
    assert _questions_sent(siren) == 1
    assert await siren.rows("SELECT count(*) AS n FROM nil_return") == [{"n": 0}]


async def test_seizure_alone_in_a_group_points_to_step_by_step_in_private(siren: Harness) -> None:
    reply = await siren.talk.say(KCS_OFFICER, "/seizure", GROUP)
    # Before: "Nothing to record: write the amount…", with no word of step-by-step entry.
    assert reply["text"] == (
        "For step-by-step entry, send /seizure to me in a private chat: https://t.me/OcuBot\n"
        "Or write the whole report here in one line, e.g. /seizure 2kg meth at ICN"
    )
    # Before (a newcomer's review, session 16): the button only opened the private chat, and
    # nothing asked there. Telegram sends its start parameter as the chat opens.
    assert _data(reply) == ["https://t.me/OcuBot?start=seizure-SIREN"]
    assert await siren.rows("SELECT * FROM report_draft") == []
    assert await siren.rows("SELECT count(*) AS n FROM seizure") == [{"n": 0}]
    first = await siren.talk.text(KCS_OFFICER, "/start seizure-SIREN")
    assert first.startswith("New report (1/3): what was seized?"), first
    # Anyone else opening that link is refused as /seizure refuses them.
    refused = await siren.talk.text(COORDINATOR, "/start seizure-SIREN")
    assert not refused.startswith("New report"), refused


async def test_record_again_forged_under_another_message_records_nothing(siren: Harness) -> None:
    theirs = await siren.talk.say(TCD_OFFICER, "/s 300 yaba at BKK", GROUP)
    await siren.talk.say(KCS_OFFICER, "/s 2kg meth at ICN", GROUP)
    cursor = siren.api.cursor(GROUP)
    sent = siren.api.send_text(KCS_OFFICER, GROUP, "/s 2kg meth at ICN")
    question = await cursor.next()
    data = f"resend:yes:{sent['message_id']}"
    assert data in _data(question)
    # Before: recorded again, and Somchai's ack edited into Park's second report.
    said = await _forge(siren, KCS_OFFICER, GROUP, theirs["message_id"], data)
    assert "expired" in said
    assert _shown(siren, GROUP, theirs["message_id"])["text"] == theirs["text"]
    assert await siren.rows("SELECT count(*) AS n FROM seizure") == [{"n": 2}]
    assert await siren.rows("SELECT kind FROM question") == [{"kind": "resend"}]
