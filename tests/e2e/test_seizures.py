"""Reporting seizures as officers do: the reply, the row, the Undo button, edits, duplicates."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.demo import COORDINATOR, GROUP, KCS_OFFICER, OBSERVER, OUTSIDER, TCD_OFFICER
from bot.domain.clock import from_utc_text
from bot.render.replies import OUTSIDER as REFUSAL
from bot.render.replies import REPEATED
from fakegram.types import FakeChat
from tests.e2e.conftest import Harness

ISSUE_TEXT = (
    "/seizure 22kg methamphetamine, 29 thousand amphetamine pills, 479 ecstasy pills at ICN"
)


async def _items(h: Harness, seizure_id: int) -> list[tuple[object, ...]]:
    rows = await h.rows(
        "SELECT substance, amount, unit, form FROM seizure_item WHERE seizure_id = ?"
        " ORDER BY position",
        (seizure_id,),
    )
    return [tuple(r.values()) for r in rows]


async def test_report_is_understood_recorded_and_acknowledged(siren: Harness) -> None:
    reply = await siren.talk.say(KCS_OFFICER, ISSUE_TEXT, GROUP)
    text = reply["text"]
    assert text.startswith("✅ Recorded report SIREN #1 for KCS:")
    assert "• 22 kg methamphetamine" in text
    assert "• 29,000 tablets amphetamine" in text
    assert "• 479 tablets MDMA" in text
    assert "at: ICN" in text
    buttons = reply["reply_markup"]["inline_keyboard"]
    assert buttons == [[{"text": "Undo", "callback_data": "undo:1"}]]
    assert await _items(siren, 1) == [
        ("methamphetamine", "22000", "g", None),
        ("amphetamine", "29000", "unit", "tablet"),
        ("mdma", "479", "unit", "tablet"),
    ]
    row = (await siren.rows("SELECT officer_id, agency_id, location, text FROM seizure"))[0]
    assert row["officer_id"] == KCS_OFFICER.id and row["location"] == "ICN"
    assert row["text"] == ISSUE_TEXT


async def test_short_alias_and_bot_name_suffix(siren: Harness) -> None:
    text = await siren.talk.text(TCD_OFFICER, "/s@OcuBot 300 yaba @BKK", GROUP)
    assert "• 300 tablets methamphetamine" in text and "for TCD" in text


async def test_bad_report_records_nothing_and_shows_an_example(siren: Harness) -> None:
    text = await siren.talk.text(KCS_OFFICER, "/seizure 2 cocaine")
    assert "e.g." in text or "Example" in text
    assert await siren.rows("SELECT * FROM seizure") == []
    empty = await siren.talk.text(KCS_OFFICER, "/seizure", GROUP)  # in private: guided entry
    assert "/seizure 2kg meth" in empty


async def test_undo_button_only_for_its_author_and_only_once(siren: Harness) -> None:
    reply = await siren.talk.say(KCS_OFFICER, "/seizure 2kg meth", GROUP)
    message_id = reply["message_id"]
    mark = siren.api.mark()
    query = siren.api.press_button(TCD_OFFICER, GROUP, message_id, "undo:1")
    await siren.api.wait_for(
        lambda c: c.method == "answerCallbackQuery" and c.params["callback_query_id"] == query,
        after=mark,
    )
    assert "Only the officer who sent this report" in siren.api.callback_answers[query]["text"]
    assert (await siren.rows("SELECT voided_at FROM seizure"))[0]["voided_at"] is None

    mark = siren.api.mark()
    siren.api.press_button(KCS_OFFICER, GROUP, message_id, "undo:1")
    edited = await siren.api.wait_for_edit(GROUP, message_id=message_id, after=mark)
    assert "❌ Voided: undone by its author" in edited["text"]
    assert "reply_markup" not in edited  # the button is gone once used
    row = (await siren.rows("SELECT voided_by, void_reason FROM seizure"))[0]
    assert row == {"voided_by": KCS_OFFICER.id, "void_reason": "undone by its author"}
    totals = await siren.rows(
        "SELECT operation_id FROM seizure_total"
        " UNION ALL SELECT operation_id FROM seizure_dim_total"
    )
    assert totals == []  # a voided report never counts

    # The same button pressed again (an old message on another phone) gets a clear answer.
    mark = siren.api.mark()
    again = siren.api.press_button(KCS_OFFICER, GROUP, message_id, "undo:1", check_button=False)
    await siren.api.wait_for(
        lambda c: c.method == "answerCallbackQuery" and c.params["callback_query_id"] == again,
        after=mark,
    )
    assert "already voided" in siren.api.callback_answers[again]["text"]


async def test_forged_button_payload_is_answered(siren: Harness) -> None:
    reply = await siren.talk.say(KCS_OFFICER, "/seizure 2kg meth")
    chat = FakeChat.private(KCS_OFFICER)
    mark = siren.api.mark()
    query = siren.api.press_button(
        KCS_OFFICER, chat, reply["message_id"], "drop table;--", check_button=False
    )
    await siren.api.wait_for(
        lambda c: c.method == "answerCallbackQuery" and c.params["callback_query_id"] == query,
        after=mark,
    )
    assert siren.api.callback_answers[query]["text"] == "This button is no longer active."


async def test_editing_the_message_corrects_the_report_and_its_reply(siren: Harness) -> None:
    sent_cursor = siren.api.cursor(GROUP)
    sent = siren.api.send_text(KCS_OFFICER, GROUP, "/seizure 2kg meth at ICN")
    reply = await sent_cursor.next()
    mark = siren.api.mark()
    siren.api.edit_text(KCS_OFFICER, GROUP, sent["message_id"], "/seizure 3kg meth at ICN")
    edited = await siren.api.wait_for_edit(GROUP, message_id=reply["message_id"], after=mark)
    assert edited["text"].startswith("✏️ Corrected report SIREN #1 for KCS:")
    assert "• 3 kg methamphetamine" in edited["text"]
    assert await _items(siren, 1) == [("methamphetamine", "3000", "g", None)]
    totals = await siren.rows("SELECT amount_nano, cases FROM seizure_total WHERE grain = 'd'")
    assert totals == [{"amount_nano": 3000 * 10**9, "cases": 1}]
    audit = await siren.rows("SELECT action FROM audit_log WHERE action LIKE 'seizure.%'")
    assert [a["action"] for a in audit] == ["seizure.report", "seizure.correct"]


async def test_an_edit_that_does_not_parse_leaves_the_report(siren: Harness) -> None:
    cursor = siren.api.cursor(GROUP)
    sent = siren.api.send_text(KCS_OFFICER, GROUP, "/seizure 2kg meth")
    await cursor.next()
    siren.api.edit_text(KCS_OFFICER, GROUP, sent["message_id"], "/seizure lots of meth")
    answer = await cursor.next()
    assert answer["text"].startswith("Report #1 is unchanged:")
    assert await _items(siren, 1) == [("methamphetamine", "2000", "g", None)]


async def test_update_delivered_twice_is_recorded_once(siren: Harness) -> None:
    cursor = siren.api.cursor(GROUP)
    siren.api.send_text(KCS_OFFICER, GROUP, "/seizure 5kg heroin")
    first = await cursor.next()
    update_id = max(siren.api._updates_by_id)  # the update just delivered
    siren.api.redeliver(update_id)
    second = await cursor.next()
    # Told it was done before, without a second confirmation (with a second Undo button) to
    # take over the first; the database holds one report.
    assert first["text"].startswith("✅ Recorded report")
    assert second["text"] == REPEATED
    rows = await siren.rows("SELECT reply_message_id FROM seizure")
    assert rows == [{"reply_message_id": first["message_id"]}]
    assert len(await siren.rows("SELECT * FROM seizure")) == 1
    totals = await siren.rows("SELECT cases FROM seizure_total WHERE grain = 'd'")
    assert totals == [{"cases": 1}]


async def test_identical_text_resent_asks_first(siren: Harness) -> None:
    await siren.talk.say(KCS_OFFICER, "/seizure 2kg meth at ICN")
    question = await siren.talk.say(KCS_OFFICER, "/seizure 2kg meth at ICN")
    assert "You sent exactly this report just now (#1)" in question["text"]
    assert len(await siren.rows("SELECT * FROM seizure")) == 1
    chat = FakeChat.private(KCS_OFFICER)
    mark = siren.api.mark()
    siren.api.press_button(
        KCS_OFFICER,
        chat,
        question["message_id"],
        question["reply_markup"]["inline_keyboard"][0][0]["callback_data"],
    )
    edited = await siren.api.wait_for_edit(chat, message_id=question["message_id"], after=mark)
    assert edited["text"].startswith("✅ Recorded report SIREN #2")
    assert len(await siren.rows("SELECT * FROM seizure")) == 2


async def test_the_same_report_under_another_spelling_of_the_command_asks_first(
    siren: Harness,
) -> None:
    """/s, /S and /seizure@OcuBot with the same words are the same report sent again."""
    await siren.talk.say(KCS_OFFICER, "/seizure@OcuBot 1kg meth at ICN", GROUP)
    for again in ("/S 1kg meth at ICN", "/s  1kg Meth at ICN"):
        question = await siren.talk.say(KCS_OFFICER, again, GROUP)
        assert "You sent exactly this report just now (#1)" in question["text"], question
    assert len(await siren.rows("SELECT * FROM seizure")) == 1


async def test_only_the_author_answers_record_it_again_in_a_group(siren: Harness) -> None:
    await siren.talk.say(KCS_OFFICER, "/seizure 2kg meth at ICN", GROUP)
    question = await siren.talk.say(KCS_OFFICER, "/seizure 2kg meth at ICN", GROUP)
    assert "You sent exactly this report just now (#1)" in question["text"]
    record_again = question["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    pressed = siren.api.press_button(TCD_OFFICER, GROUP, question["message_id"], record_again)
    refused = await siren.api.wait_for(
        lambda c: c.method == "answerCallbackQuery" and c.params["callback_query_id"] == pressed
    )
    assert refused.params["text"] == "Only the officer who sent the report can answer."
    assert len(await siren.rows("SELECT * FROM seizure")) == 1
    # The author's own press still counts, and the report is theirs.
    mark = siren.api.mark()
    siren.api.press_button(KCS_OFFICER, GROUP, question["message_id"], record_again)
    edited = await siren.api.wait_for_edit(GROUP, message_id=question["message_id"], after=mark)
    assert edited["text"].startswith("✅ Recorded report SIREN #2 for KCS")
    rows = await siren.rows("SELECT officer_id FROM seizure ORDER BY id")
    assert rows == [{"officer_id": KCS_OFFICER.id}, {"officer_id": KCS_OFFICER.id}]


async def test_undo_command_within_the_window_only(siren: Harness) -> None:
    await siren.talk.say(KCS_OFFICER, "/seizure 1kg ketamine")
    await siren.talk.say(KCS_OFFICER, "/seizure 2kg ketamine")
    siren.clock.advance(timedelta(minutes=16))
    late = await siren.talk.text(KCS_OFFICER, "/undo")
    assert "Too late to undo report #2" in late and "/void 2" in late
    assert await siren.rows("SELECT id FROM seizure WHERE voided_at IS NOT NULL") == []


async def test_undo_undoes_only_the_latest_report_once(siren: Harness) -> None:
    # Issue 11 item 16: after one /undo (or a /void of the latest), /undo walked backwards.
    for amount in (1, 2, 3):
        await siren.talk.say(KCS_OFFICER, f"/seizure {amount}kg ketamine")
    voided = await siren.talk.text(KCS_OFFICER, "/void 3 typo")
    assert "Report SIREN #3 voided (typo)" in voided
    again = await siren.talk.text(KCS_OFFICER, "/undo")
    assert again.startswith("Your latest report, #3, is already voided; /undo voids nothing else")
    assert "/void 2 entered twice" in again
    await siren.talk.say(KCS_OFFICER, "/seizure 4kg ketamine")
    undone = await siren.talk.text(KCS_OFFICER, "/undo")
    assert "Report SIREN #4 voided (undone by its author)" in undone
    assert "already voided" in await siren.talk.text(KCS_OFFICER, "/undo")
    rows = await siren.rows("SELECT id FROM seizure WHERE voided_at IS NOT NULL ORDER BY id")
    assert rows == [{"id": 3}, {"id": 4}]
    totals = await siren.rows("SELECT amount_nano, cases FROM seizure_total WHERE grain = 'd'")
    assert totals == [{"amount_nano": 3000 * 10**9, "cases": 2}]


async def test_void_by_coordinator_with_reason_and_not_by_others(siren: Harness) -> None:
    await siren.talk.say(KCS_OFFICER, "/seizure 1kg cocaine")
    other = await siren.talk.text(TCD_OFFICER, "/void 1 mine now")
    assert "not yours" in other
    missing = await siren.talk.text(COORDINATOR, "/void 1")
    assert missing == "Give a reason for voiding report #1, e.g. /void 1 entered twice"
    done = await siren.talk.text(COORDINATOR, "/void 1 test entry")
    assert "Report SIREN #1 voided (test entry)" in done
    row = (await siren.rows("SELECT voided_by, void_reason FROM seizure"))[0]
    assert row == {"voided_by": COORDINATOR.id, "void_reason": "test entry"}


async def test_a_void_or_restore_without_a_reason_asks_for_it_with_that_number(
    siren: Harness,
) -> None:
    # Before: "Which report, and why?" although the number was given.
    for n in range(3):
        await siren.talk.say(KCS_OFFICER, f"/seizure {n + 1}g cocaine")
    void = await siren.talk.text(COORDINATOR, "/void 3")
    assert void == "Give a reason for voiding report #3, e.g. /void 3 entered twice"
    assert await siren.rows("SELECT count(*) AS n FROM seizure WHERE voided_at IS NOT NULL") == [
        {"n": 0}
    ]
    assert "Report SIREN #3 voided (entered twice)" in await siren.talk.text(
        COORDINATOR, "/void 3 entered twice"
    )
    restore = await siren.talk.text(COORDINATOR, "/restore #3")
    assert restore == "Give a reason for restoring report #3, e.g. /restore 3 voided by mistake"
    restored = await siren.talk.text(COORDINATOR, "/restore 3 voided by mistake")
    assert "#3" in restored and "Which report" not in restored
    assert await siren.rows("SELECT count(*) AS n FROM seizure WHERE voided_at IS NOT NULL") == [
        {"n": 0}
    ]
    assert (await siren.talk.text(COORDINATOR, "/void")).startswith("Which report, and why?")


async def test_mine_nil_and_alias(siren: Harness) -> None:
    await siren.talk.say(KCS_OFFICER, "/seizure 2kg zombie dust")
    mine = await siren.talk.text(KCS_OFFICER, "/mine")
    assert "#1" in mine and '2 kg "zombie dust" (unclassified)' in mine
    nil = await siren.talk.text(TCD_OFFICER, "/nil BKK mail centre checked")
    assert "Nil return recorded for TCD in SIREN on 2026-11-20" in nil
    rows = await siren.rows("SELECT day, note FROM nil_return")
    assert rows == [{"day": "2026-11-20", "note": "BKK mail centre checked"}]
    bad = await siren.talk.text(COORDINATOR, "/alias zombie dust unicorns")
    assert bad.startswith('"unicorns" is not a substance the bot knows'), bad
    mapped = await siren.talk.text(COORDINATOR, "/alias zombie dust synthetic_cathinones")
    assert "1 past item reclassified" in mapped
    assert await _items(siren, 1) == [("synthetic_cathinones", "2000", "g", None)]
    await siren.talk.say(KCS_OFFICER, "/seizure 1kg zombie dust")
    assert await _items(siren, 2) == [("synthetic_cathinones", "1000", "g", None)]


async def test_who_may_report(siren: Harness) -> None:
    observer = await siren.talk.text(OBSERVER, "/seizure 2kg meth")
    assert observer == "Only officers report here. Ask your coordinator for an officer invite."
    outsider = await siren.talk.text(OUTSIDER, "/seizure 2kg meth", GROUP)
    assert outsider == REFUSAL
    assert await siren.rows("SELECT * FROM seizure") == []


async def test_second_edition_details_are_recorded_and_shown_back(siren: Harness) -> None:
    text = await siren.talk.text(
        KCS_OFFICER, "/seizure ~3 x 500g metamphetamine 1.6kg gross + 2kg white powder"
    )
    assert (
        "• ~1.5 kg methamphetamine (in 3 packages; gross 1.6 kg;"
        " read 'metamphetamine' as methamphetamine)" in text
    )
    assert '• 2 kg "white powder" (unclassified; suspected)' in text
    rows = await siren.rows(
        "SELECT amount, packages, approximate, provisional, gross, corrected_from"
        " FROM seizure_item ORDER BY position"
    )
    assert [tuple(r.values()) for r in rows] == [
        ("1500", 3, 1, 0, "1600", "metamphetamine"),
        ("2000", None, 0, 1, None, None),
    ]


async def test_a_report_at_midnight_is_stored_under_the_day_its_text_was_read_on(
    siren: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """'yesterday' is the day before the one the report is stored under, even at midnight.

    The clock moves a second at every reading, so a handler that read it twice (once to read
    the text, once to store the row) would, for one of these starting points, see midnight
    pass between the two.
    """
    seoul = ZoneInfo("Asia/Seoul")  # SIREN's time zone
    # The second midnight of SIREN (began 20 Nov): 'yesterday' is never before it began,
    # which is asked about first.
    midnight = datetime(2026, 11, 22, tzinfo=seoul)
    stand_still = siren.clock.now

    def ticking() -> datetime:
        moment = stand_still()
        siren.clock.advance(timedelta(seconds=1))
        return moment

    monkeypatch.setattr(siren.clock, "now", ticking)
    for before in range(1, 16):
        siren.clock.set(midnight - timedelta(seconds=before))
        reply = await siren.talk.text(KCS_OFFICER, f"/seizure {before}g meth yesterday", GROUP)
        assert reply.startswith("✅ Recorded report")
    rows = await siren.rows("SELECT day, reported_at FROM seizure ORDER BY id")
    assert len(rows) == 15
    for row in rows:
        reported_on = from_utc_text(str(row["reported_at"])).astimezone(seoul).date()
        assert row["day"] == (reported_on - timedelta(days=1)).isoformat(), row


async def test_a_void_is_answered_when_the_author_cannot_be_told(siren: Harness) -> None:
    # The author's private chat is gone on Telegram's side (never opened there, or deleted):
    # Telegram answers "chat not found", and the coordinator's void still gets its answer.
    await siren.talk.say(TCD_OFFICER, "/seizure 1kg cocaine")
    siren.api._chats.pop(TCD_OFFICER.id)
    chat = FakeChat.private(COORDINATOR)
    cursor = siren.api.cursor(chat.id)
    siren.api.send_text(COORDINATOR, chat, "/void 1 duplicate of a TCD case")
    # One chat's updates are handled in order: what the void said comes before /mine's answer.
    siren.api.send_text(COORDINATOR, chat, "/help")
    said = [str((await cursor.next(timeout=30)).get("text")) for _ in range(2)]
    assert "Report SIREN #1 voided (duplicate of a TCD case)" in said[0]
    assert "fault on our side" not in said[1], said


async def test_another_officers_voided_report_is_not_theirs_before_it_is_voided(
    siren: Harness,
) -> None:
    await siren.talk.say(KCS_OFFICER, "/seizure 2kg meth at ICN")
    await siren.talk.say(COORDINATOR, "/void 1 entered twice")
    said = await siren.talk.text(TCD_OFFICER, "/void 1 not ours")
    # Before: "Report #1 was already voided", a state of a report the asker may not touch.
    assert said.startswith("Report #1 is not yours"), said


async def test_a_bare_date_kept_in_the_note_is_pointed_out_with_the_words_that_record_it(
    siren: Harness,
) -> None:
    # A date counts only after "on" or "date="; written bare, it went silently to the note.
    siren.clock.set(datetime(2026, 11, 30, 10, tzinfo=ZoneInfo("Asia/Seoul")))
    text = await siren.talk.text(
        KCS_OFFICER, "/s 4 kg heroin ICN 2026-11-28 from Laos via BKK body packer", GROUP
    )
    assert text.startswith("✅ Recorded report SIREN #1"), text
    assert "2026-11-28 is kept in the note; to record when it happened write on 2026-11-28" in text
    row = (await siren.rows("SELECT day, occurred_on, note FROM seizure"))[0]
    assert row["day"] == "2026-11-30" and row["occurred_on"] is None
    assert "2026-11-28" in str(row["note"])
    # Written as the hint says, the date is recorded and nothing is pointed out.
    said = await siren.talk.text(KCS_OFFICER, "/s 4 kg heroin at ICN on 2026-11-28", GROUP)
    assert "date: " in said and "kept in the note" not in said
    # A day `on` would refuse (after today) is no hint to follow.
    later = await siren.talk.text(KCS_OFFICER, "/s 1 kg heroin ICN 2026-12-28", GROUP)
    assert later.startswith("✅ Recorded report") and "kept in the note" not in later


async def test_undo_after_an_undo_names_the_officers_own_report_not_the_number_before(
    siren: Harness,
) -> None:
    # Review round 2: the example was the number before the voided one, another officer's.
    await siren.talk.say(KCS_OFFICER, "/seizure 1kg ketamine")  # #1, Park's
    await siren.talk.say(TCD_OFFICER, "/seizure 2kg ketamine")  # #2, Somchai's
    await siren.talk.say(KCS_OFFICER, "/seizure 3kg ketamine")  # #3, Park's
    assert "Report SIREN #3 voided" in await siren.talk.text(KCS_OFFICER, "/undo")
    again = await siren.talk.text(KCS_OFFICER, "/undo")
    assert again.startswith("Your latest report, #3, is already voided; /undo voids nothing else")
    assert "/void 1 entered twice" in again and "/void 2" not in again
    voided = await siren.talk.text(KCS_OFFICER, "/void 1 entered twice")
    assert "Report SIREN #1 voided" in voided
    none_left = await siren.talk.text(KCS_OFFICER, "/undo")
    assert "none of your other reports counts now (/mine lists them)" in none_left
    assert "/void" not in none_left


async def test_a_resend_is_asked_about_after_many_newer_reports(siren: Harness) -> None:
    # The kill storm: an officer sending ~110 reports in the five minutes had a resend of one
    # older than their newest 50 recorded a second time instead of asked about.
    await siren.talk.say(KCS_OFFICER, "/seizure 1kg meth ref R0")
    for n in range(1, 56):
        await siren.talk.say(KCS_OFFICER, f"/seizure {n}g meth ref R{n}")
    question = await siren.talk.say(KCS_OFFICER, "/seizure 1kg meth ref R0")
    assert "You sent exactly this report" in question["text"] and "(#1)" in question["text"]
    assert len(await siren.rows("SELECT * FROM seizure")) == 56
