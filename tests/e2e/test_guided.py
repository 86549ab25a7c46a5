"""Guided entry (issue 13, deliverable 5): /seizure alone asks step by step, keeps the draft in
SQLite, and records the same report a typed /seizure would."""

from __future__ import annotations

from datetime import timedelta

from bot.demo import GROUP, KCS_OFFICER, OBSERVER, TCD_OFFICER
from fakegram.types import FakeChat, JSONDict
from tests.e2e import conftest as harness
from tests.e2e.conftest import Harness

PRIVATE = FakeChat.private(KCS_OFFICER)


def _buttons(message: JSONDict) -> dict[str, str]:
    rows = message.get("reply_markup", {}).get("inline_keyboard", [])
    return {b["text"]: b["callback_data"] for row in rows for b in row}


async def _press(h: Harness, message: JSONDict, label: str) -> JSONDict:
    """Press a button under a bot message; the bot's next message or edit in the chat."""
    cursor = h.api.cursor(PRIVATE.id)
    mark = h.api.mark()
    h.api.press_button(KCS_OFFICER, PRIVATE, message["message_id"], _buttons(message)[label])
    if label == "Record it":
        return await h.api.wait_for_edit(PRIVATE, message_id=message["message_id"], after=mark)
    return await cursor.next()


async def test_seizure_alone_walks_the_officer_through_and_survives_a_restart(
    siren: Harness,
) -> None:
    # Before: /seizure alone only answered with the syntax; officers who did not know the
    # grammar had no way in.
    first = await siren.talk.say(KCS_OFFICER, "/seizure")
    assert first["text"].startswith("New report (1/3): what was seized?")
    assert list(_buttons(first)) == [
        "methamphetamine", "cocaine", "heroin", "cannabis", "ketamine", "MDMA", "yaba", "Cancel"
    ]  # fmt: skip
    assert _buttons(first)["methamphetamine"] == "draft:sub:0"  # the report says "meth"
    amount = await _press(siren, first, "methamphetamine")
    assert amount["text"].startswith("New report (2/3): how much methamphetamine?")
    wrong = await siren.talk.text(KCS_OFFICER, "lots")
    assert wrong.startswith("lots is not an amount. Type a number such as 2 or 1.5")
    unit = await siren.talk.say(KCS_OFFICER, "2")
    assert unit["text"].startswith("New report (2/3): 2 what?")
    place = await _press(siren, unit, "kg")
    assert place["text"].startswith("New report (3/3): where?")
    assert await siren.rows("SELECT step, substance, amount, unit FROM report_draft") == [
        {"step": "place", "substance": "meth", "amount": "2", "unit": "kg"}
    ]

    # The bot restarts and an hour passes: the draft is where it was.
    await harness.stop_bot(siren.app)
    siren.clock.advance(timedelta(hours=1))
    siren.app = await harness.start_bot(
        siren.api, harness.make_config(siren.db_path.parent), siren.clock
    )
    try:
        confirm = await siren.talk.say(KCS_OFFICER, "ICN cargo terminal")
        assert confirm["text"] == (
            "Record this report?\n/seizure 2 kg meth at ICN cargo terminal\n"
            "Next time you can send it just like that."
        )
        assert await siren.rows("SELECT * FROM seizure") == []  # nothing before Record it
        ack = await _press(siren, confirm, "Record it")
        assert ack["text"].startswith(
            "✅ Recorded report SIREN #1 for KCS:\n• 2 kg methamphetamine"
        )
        assert "at: ICN cargo terminal" in ack["text"]
        assert list(_buttons(ack)) == ["Undo"]
        assert await siren.rows("SELECT text, officer_id FROM seizure") == [
            {"text": "/seizure 2 kg meth at ICN cargo terminal", "officer_id": KCS_OFFICER.id}
        ]
        assert await siren.rows("SELECT * FROM report_draft") == []
        # With no draft open, private text is answered as before.
        after = await siren.talk.text(KCS_OFFICER, "hello")
        assert "/help" in after
    finally:
        await harness.stop_bot(siren.app)


async def test_typed_amount_with_unit_skip_place_and_cancel(siren: Harness) -> None:
    await siren.talk.say(KCS_OFFICER, "/seizure")
    await siren.talk.say(KCS_OFFICER, "zombie dust")  # typed: not one of the buttons
    place = await siren.talk.say(KCS_OFFICER, "1.5 kg")  # the unit with it: no unit step
    assert place["text"].startswith("New report (3/3): where?")
    confirm = await _press(siren, place, "Skip")
    assert "/seizure 1.5 kg zombie dust\n" in confirm["text"]
    ack = await _press(siren, confirm, "Record it")
    assert ack["text"].startswith("✅ Recorded report SIREN #1 for KCS:")
    assert "zombie dust" in ack["text"]

    await siren.talk.say(KCS_OFFICER, "/seizure")
    assert (await siren.talk.text(KCS_OFFICER, "/cancel")).startswith(
        "Cancelled your unfinished step-by-step report; nothing of it was recorded.\n"
    )
    assert await siren.rows("SELECT * FROM report_draft") == []
    assert len(await siren.rows("SELECT * FROM seizure")) == 1


async def test_a_draft_older_than_a_day_is_dropped(siren: Harness) -> None:
    await siren.talk.say(KCS_OFFICER, "/seizure")
    await siren.talk.say(KCS_OFFICER, "heroin")
    siren.clock.advance(timedelta(days=1, minutes=1))
    stale = await siren.talk.text(KCS_OFFICER, "2")
    assert "/help" in stale and "what?" not in stale  # not read as the old draft's amount


async def test_the_start_answer_offers_officers_a_new_report_button(siren: Harness) -> None:
    welcome = await siren.talk.say(KCS_OFFICER, "/start")
    assert list(_buttons(welcome)) == ["New report"]
    first = await _press(siren, welcome, "New report")
    assert first["text"].startswith("New report (1/3): what was seized?")
    observer = await siren.talk.say(OBSERVER, "/start")
    assert _buttons(observer) == {}  # observers do not report


async def _alert(h: Harness, user: object, chat: FakeChat, message_id: int, data: str) -> str:
    """Press a button, forged or not; the alert text it was answered with."""
    mark = h.api.mark()
    query = h.api.press_button(user, chat, message_id, data, check_button=False)  # type: ignore[arg-type]
    await h.api.wait_for(
        lambda c: c.method == "answerCallbackQuery" and c.params["callback_query_id"] == query,
        after=mark,
    )
    return str(h.api.callback_answers[query].get("text") or "")


async def test_a_whole_report_typed_at_step_one_is_offered_as_one(siren: Harness) -> None:
    # Before: "2kg meth at ICN" became the substance name, and 1 kg more made it 3 kg of meth.
    await siren.talk.say(KCS_OFFICER, "/seizure")
    offer = await siren.talk.say(KCS_OFFICER, "2kg meth at ICN")
    assert offer["text"].startswith("That reads as a whole report: /seizure 2kg meth at ICN")
    assert await siren.rows("SELECT * FROM report_draft") == []
    ack = await _press(siren, offer, "Record it")
    assert ack["text"].startswith("✅ Recorded report SIREN #1 for KCS:\n• 2 kg methamphetamine")
    assert await siren.rows("SELECT text FROM seizure") == [{"text": "/seizure 2kg meth at ICN"}]


async def test_each_step_is_checked_when_typed_and_asked_again(siren: Harness) -> None:
    await siren.talk.say(KCS_OFFICER, "/seizure")
    wrong = await siren.talk.text(KCS_OFFICER, "meth from Laos")
    assert wrong.startswith("meth from Laos cannot be read as the name of what was seized.")
    assert "e.g. ketamine" in wrong
    assert (await siren.talk.text(KCS_OFFICER, "meth")).startswith("New report (2/3)")
    assert (await siren.talk.text(KCS_OFFICER, "2 kg")).startswith("New report (3/3)")
    place = await siren.talk.text(KCS_OFFICER, "ICN on 31/02/2026")
    # Before: accepted here, then "There is no date 31/02/2026" at the end, the draft gone.
    assert place.startswith("ICN on 31/02/2026 cannot be read as a place alone.")
    assert "e.g. ICN cargo terminal" in place
    assert await siren.rows("SELECT step FROM report_draft") == [{"step": "place"}]
    confirm = await siren.talk.say(KCS_OFFICER, "ICN cargo terminal")
    assert "/seizure 2 kg meth at ICN cargo terminal" in confirm["text"]


async def test_forged_and_repeated_record_presses_record_nothing(siren: Harness) -> None:
    # Someone else's acknowledgement in the group, a press forged on it with draft:rec.
    group_ack = await siren.talk.say(KCS_OFFICER, "/seizure 2kg meth at ICN", GROUP)
    tcd = FakeChat.private(TCD_OFFICER)
    await siren.talk.say(TCD_OFFICER, "/seizure")
    await siren.talk.say(TCD_OFFICER, "heroin")
    early = await siren.talk.say(TCD_OFFICER, "1 kg")
    # Not complete yet: a forged Record it under the place question records nothing.
    refused = await _alert(siren, TCD_OFFICER, tcd, early["message_id"], "draft:rec")
    assert refused.startswith("Nothing was recorded: your report is not complete yet.")
    confirm = await siren.talk.say(TCD_OFFICER, "BKK")
    forged = await _alert(siren, TCD_OFFICER, GROUP, group_ack["message_id"], "draft:rec")
    # Before: TCD's draft was recorded under KCS's acknowledgement, and that message edited.
    assert forged.startswith("This button is not under your report's current question")
    assert len(await siren.rows("SELECT id FROM seizure")) == 1
    assert "2 kg methamphetamine" in next(
        m["text"]
        for m in siren.api.sent_messages(GROUP)
        if m["message_id"] == group_ack["message_id"]
    )
    # The real button records once; pressed again it says it was recorded already.
    assert await _alert(siren, TCD_OFFICER, tcd, confirm["message_id"], "draft:rec") == ""
    again = await _alert(siren, TCD_OFFICER, tcd, confirm["message_id"], "draft:rec")
    assert again == "This report is already recorded as #2; it was not recorded again."
    rows = await siren.rows("SELECT number, officer_id FROM seizure ORDER BY id")
    assert rows == [
        {"number": 1, "officer_id": KCS_OFFICER.id},
        {"number": 2, "officer_id": TCD_OFFICER.id},
    ]


async def test_starting_again_says_the_unfinished_report_was_dropped(siren: Harness) -> None:
    # Before: a second /seizure alone silently replaced a draft that already had answers.
    first = await siren.talk.say(KCS_OFFICER, "/seizure")
    await _press(siren, first, "methamphetamine")
    await siren.talk.say(KCS_OFFICER, "2")
    again = await siren.talk.say(KCS_OFFICER, "/seizure")
    assert again["text"].startswith(
        "Started again: your unfinished report (2 methamphetamine) was dropped; nothing of it was "
        "recorded.\n\nNew report (1/3): what was seized?"
    )
    assert await siren.rows("SELECT step, substance, amount FROM report_draft") == [
        {"step": "substance", "substance": None, "amount": None}
    ]
    assert await siren.rows("SELECT * FROM seizure") == []
    # A draft with no answer yet is started again without a word about it.
    fresh = await siren.talk.say(KCS_OFFICER, "/seizure")
    assert fresh["text"].startswith("New report (1/3): what was seized?")


async def test_a_unit_is_not_taken_for_what_was_seized(siren: Harness) -> None:
    # Adversary, session 18: 'kg' at step 1 was taken ("how much kg?") and would have been
    # recorded as an unclassified substance called kg.
    await siren.talk.say(KCS_OFFICER, "/seizure")
    for typed in ("kg", "กรัม", "tablets"):
        wrong = await siren.talk.text(KCS_OFFICER, typed)
        assert wrong.startswith(f"{typed} cannot be read as the name of what was seized."), wrong
    rows = await siren.rows("SELECT substance, step FROM report_draft")
    assert rows == [{"substance": None, "step": "substance"}], rows
