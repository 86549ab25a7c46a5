"""What a newcomer to the sandbox ran into: dates first, /mine, guided entry, invites."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.demo import COORDINATOR, GROUP, KCS_OFFICER, invite_code
from fakegram.types import FakeChat, FakeUser
from tests.e2e.conftest import Harness

SEOUL = ZoneInfo("Asia/Seoul")


async def test_a_date_written_first_is_answered_with_on_and_a_valid_example(
    siren: Harness,
) -> None:
    siren.clock.set(datetime(2026, 11, 30, 10, tzinfo=SEOUL))
    said = await siren.talk.text(KCS_OFFICER, "/s 20 Nov 2kg ketamine at BKK", GROUP)
    # Before: "No unit for 20 Nov ... e.g. /seizure 20 kg Nov 2kg ketamine at BKK".
    assert "20 kg Nov" not in said, said
    assert said.startswith("20 Nov looks like a date: write it after on, e.g."), said
    assert "/seizure 2kg ketamine at BKK on 20 Nov" in said, said
    assert await siren.rows("SELECT id FROM seizure") == []
    # The example, sent as shown, records the day.
    done = await siren.talk.text(KCS_OFFICER, "/seizure 2kg ketamine at BKK on 20 Nov", GROUP)
    assert done.startswith("✅ Recorded report"), done
    row = (await siren.rows("SELECT occurred_on FROM seizure"))[0]
    assert row["occurred_on"] == "2026-11-20"


async def test_a_day_and_month_kept_in_the_note_is_pointed_out(siren: Harness) -> None:
    siren.clock.set(datetime(2026, 11, 30, 10, tzinfo=SEOUL))
    said = await siren.talk.text(KCS_OFFICER, "/s 20/11 2kg meth", GROUP)
    # Before: recorded with "20/11" in the note and not a word about it.
    assert said.startswith("✅ Recorded report"), said
    assert "20/11 is kept in the note; to record when it happened write on 20/11" in said
    said = await siren.talk.text(KCS_OFFICER, "/s 2026-11-20 2kg meth", GROUP)
    assert "write on 2026-11-20" in said, said


async def test_the_coordinator_is_told_when_someone_joins_with_their_invite(
    siren: Harness,
) -> None:
    code = invite_code(await siren.talk.text(COORDINATOR, "/invite officer KCS"))
    mark = siren.api.mark()
    newcomer = FakeUser(1401, "Lee", "Newcomer", username="lee_kcs")
    welcome = await siren.talk.text(newcomer, f"/start {code}")
    assert "You are an officer of KCS" in welcome, welcome
    # Before: the coordinator heard nothing.
    told = await siren.api.wait_for_message(COORDINATOR.id, text_contains="joined", after=mark)
    assert told["text"] == "Lee Newcomer joined SIREN with your invite, as officer KCS."


async def test_mine_lists_the_seizure_day_and_says_how_a_typo_was_read_only_once(
    siren: Harness,
) -> None:
    siren.clock.set(datetime(2026, 11, 30, 18, 23, tzinfo=SEOUL))
    ack = await siren.talk.text(KCS_OFFICER, "/s 2kg canabis at ICN on 20 Nov", GROUP)
    assert "(read 'canabis' as cannabis)" in ack, ack
    await siren.talk.text(KCS_OFFICER, "/s 1kg canabis at ICN", GROUP)
    mine = await siren.talk.text(KCS_OFFICER, "/mine")
    # Before: "#1 30 Nov 18:23 KST: 2 kg cannabis (read 'canabis' as cannabis)".
    assert "#1 20 Nov (sent 30 Nov 18:23 KST): 2 kg cannabis" in mine, mine
    assert "#2 30 Nov 18:23 KST: 1 kg cannabis" in mine, mine
    assert "canabis" not in mine, mine


async def test_cancel_ends_a_whole_report_offered_at_step_one(siren: Harness) -> None:
    await siren.talk.say(KCS_OFFICER, "/s")
    offered = await siren.talk.say(KCS_OFFICER, "2 kilos heroin")
    assert "Record it" in str(offered["reply_markup"]), offered
    said = await siren.talk.text(KCS_OFFICER, "/cancel")
    # Before: "There is no report in progress" with Record it still showing and working.
    assert said.startswith("Cancelled your unfinished step-by-step report; nothing of it"), said
    mark = siren.api.mark()
    # The question loses its buttons; a press on a stale copy is told it was cancelled.
    query = siren.api.press_button(
        KCS_OFFICER,
        FakeChat.private(KCS_OFFICER),
        offered["message_id"],
        offered["reply_markup"]["inline_keyboard"][0][0]["callback_data"],
        check_button=False,
    )
    await siren.api.wait_for(lambda c: c.method == "answerCallbackQuery", after=mark)
    assert siren.api.callback_answers[query]["text"].startswith("Cancelled with /cancel")
    assert await siren.rows("SELECT id FROM seizure") == []
