"""What a newcomer found in the sandbox: phase dates as /summary writes them, a waiting draft."""

from __future__ import annotations

from bot.demo import COORDINATOR, GROUP, KCS_OFFICER
from fakegram.types import FakeChat
from tests.e2e import conftest as harness
from tests.e2e.test_guided import _press


async def test_phase_add_takes_a_quoted_name_and_day_month_dates(siren: harness.Harness):
    reply = await siren.talk.text(COORDINATOR, '/phase add "final review" 14 Dec 20 Dec', GROUP)
    assert "Added phase final review: Mon 14 Dec – Sun 20 Dec (7 days, Asia/Seoul)" in reply
    (row,) = await siren.rows("SELECT name FROM phase WHERE name = 'final review'")
    assert row["name"] == "final review"


async def test_a_refused_phase_shows_the_name_and_two_valid_dates(siren: harness.Harness):
    reply = await siren.talk.text(COORDINATOR, '/phase add "final review" 14 Dec', GROUP)
    assert "Example: /phase add final review 2026-12-01 2026-12-14" in reply
    assert await siren.rows("SELECT name FROM phase WHERE name = 'final review'") == []


async def test_another_command_asks_the_waiting_report_again_and_it_can_be_recorded(
    siren: harness.Harness,
):
    private = FakeChat.private(KCS_OFFICER)
    await siren.talk.say(KCS_OFFICER, "/seizure")
    await siren.talk.say(KCS_OFFICER, "cocaine")
    await siren.talk.say(KCS_OFFICER, "1.5 kg")
    await siren.talk.say(KCS_OFFICER, "ICN cargo")
    cursor = siren.api.cursor(private.id)
    await siren.talk.say(KCS_OFFICER, "/start")
    # Before: /start answered and the waiting report was never mentioned again.
    welcome = await cursor.next()
    assert welcome["text"].startswith("OCU bot for Operation Siren")
    again = await cursor.next()
    assert again["text"].startswith(
        "Your report is not recorded yet: press Record it below, or /cancel.\n\n"
        "Record this report?\n/seizure 1.5 kg cocaine at ICN cargo"
    )
    ack = await _press(siren, again, "Record it")
    assert ack["text"].startswith("✅ Recorded report SIREN #1 for KCS:\n• 1.5 kg cocaine")
    mine = await siren.talk.text(KCS_OFFICER, "/mine")
    assert "1.5 kg cocaine" in mine
    assert "not recorded yet" not in str(siren.api.sent_messages(private)[-1].get("text"))


async def test_a_step_still_open_is_asked_again_after_a_command(siren: harness.Harness):
    await siren.talk.say(KCS_OFFICER, "/seizure")
    await siren.talk.say(KCS_OFFICER, "heroin")
    private = FakeChat.private(KCS_OFFICER)
    cursor = siren.api.cursor(private.id)
    await siren.talk.say(KCS_OFFICER, "/mine")
    await cursor.next()
    again = await cursor.next()
    assert again["text"].startswith(
        "Your report in progress is still open: answer below, or /cancel.\n\n"
        "New report (2/3): how much heroin?"
    )
    # /cancel ends it, and nothing is asked again after it.
    assert (await siren.talk.text(KCS_OFFICER, "/cancel")).startswith(
        "Cancelled your unfinished step-by-step report (heroin); nothing of it was recorded.\n"
    )
    assert await siren.rows("SELECT * FROM report_draft") == []


async def test_after_nil_asks_its_own_question_its_buttons_stay_the_last_and_record_the_nil(
    siren: harness.Harness,
):
    private = FakeChat.private(KCS_OFFICER)
    await siren.talk.say(KCS_OFFICER, "/seizure 1kg cocaine at ICN", GROUP)
    await siren.talk.say(KCS_OFFICER, "/seizure")
    await siren.talk.say(KCS_OFFICER, "MDMA")
    await siren.talk.say(KCS_OFFICER, "300 pills")
    draft = await siren.talk.say(KCS_OFFICER, "ICN cargo")
    assert "Record this report?" in draft["text"]
    cursor = siren.api.cursor(private.id)
    await siren.talk.say(KCS_OFFICER, "/nil ICN checked")
    nil = await cursor.next()
    assert "already reported 1 seizure" in nil["text"]
    # Before: the draft's Record it / Cancel came last, and its Record it recorded 300 MDMA.
    note = await cursor.next()
    assert note["text"].startswith("Your report in progress is still open too")
    assert "reply_markup" not in note
    assert note["reply_to_message"]["message_id"] == draft["message_id"]
    last = [m for m in siren.api.sent_messages(private) if m.get("reply_markup")][-1]
    assert last["message_id"] == nil["message_id"]
    first = last["reply_markup"]["inline_keyboard"][0][0]
    mark = siren.api.mark()
    siren.api.press_button(KCS_OFFICER, private, last["message_id"], first["callback_data"])
    done = await siren.api.wait_for_edit(private, message_id=last["message_id"], after=mark)
    assert "Nil return recorded for KCS" in done["text"]
    assert len(await siren.rows("SELECT id FROM nil_return")) == 1
    assert len(await siren.rows("SELECT id FROM seizure")) == 1
