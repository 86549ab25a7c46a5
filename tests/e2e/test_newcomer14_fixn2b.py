"""A newcomer's second round (session 14): the duplicate question's buttons answer in the
presser's language, and /bind in a group of another operation asks before it moves the group."""

from __future__ import annotations

import asyncio
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.demo import ADMIN, COORDINATOR, GROUP, KCS_OFFICER
from fakegram.types import FakeChat, FakeUser, JSONDict
from tests.e2e.conftest import Harness
from tests.golden.test_no_english import _prose, english_words

SEOUL = ZoneInfo("Asia/Seoul")


def _buttons(message: JSONDict) -> list[tuple[str, str]]:
    rows = message.get("reply_markup", {}).get("inline_keyboard", [])
    return [(str(b["text"]), str(b["callback_data"])) for row in rows for b in row]


async def _press(h: Harness, who: FakeUser, chat: FakeChat, asked: JSONDict, data: str) -> str:
    mark = h.api.mark()
    h.api.press_button(who, chat, asked["message_id"], data)
    edited = await h.api.wait_for_edit(chat, message_id=asked["message_id"], after=mark)
    return str(edited["text"])


async def _alert(h: Harness, who: FakeUser, chat: FakeChat, asked: JSONDict, data: str) -> str:
    mark = h.api.mark()
    query = h.api.press_button(who, chat, asked["message_id"], data)
    await h.api.wait_for(
        lambda c: c.method == "answerCallbackQuery" and c.params["callback_query_id"] == query,
        after=mark,
    )
    await asyncio.wait_for(h.app.update_queue.join(), 30)
    return str(h.api.callback_answers[query].get("text") or "")


@pytest.mark.parametrize("language", ["ko", "th"])
async def test_the_duplicate_questions_buttons_answer_in_the_pressers_language(
    siren: Harness, language: str
) -> None:
    await siren.talk.say(KCS_OFFICER, f"/language {language}")
    report = "/seizure 2kg meth at ICN"
    assert "#1" in await siren.talk.text(KCS_OFFICER, report, GROUP)
    for choice in ("no", "yes"):
        asked = await siren.talk.say(KCS_OFFICER, report, GROUP)
        assert english_words(_prose(asked)) == [], asked["text"]
        data = next(d for _label, d in _buttons(asked) if d.startswith(f"resend:{choice}:"))
        said = await _press(siren, KCS_OFFICER, GROUP, asked, data)
        # Before: "🧪 EXERCISE · Not recorded again." and "✅ Recorded report SIREN #2 …",
        # in English, to an officer who reads Korean (or Thai).
        assert english_words(said.replace("SIREN", "").replace("KCS", "")) == [], said
    assert len(await siren.rows("SELECT id FROM seizure")) == 2


async def _drill(h: Harness) -> None:
    await h.talk.say(ADMIN, '/operation new DRILL "Workshop drill" Asia/Seoul exercise')


async def _bound_to(h: Harness) -> str:
    rows = await h.rows(
        "SELECT o.code FROM chat_binding b JOIN operation o ON o.id = b.operation_id"
        " WHERE b.chat_id = ?",
        (GROUP.id,),
    )
    return str(rows[0]["code"])


async def test_bind_in_a_group_of_another_operation_asks_first(siren: Harness) -> None:
    await _drill(siren)
    asked = await siren.talk.say(ADMIN, "/bind DRILL", GROUP)
    # Before: "This group is now linked to Workshop drill (DRILL) ...", SIREN's group gone.
    assert await _bound_to(siren) == "SIREN"
    assert "(SIREN)" in asked["text"] and "(DRILL)" in asked["text"], asked["text"]
    assert [label for label, _d in _buttons(asked)] == ["Move it", "Cancel"], asked
    data = dict(_buttons(asked))
    # Someone else in the group, even a coordinator, cannot answer it for the asker.
    alert = await _alert(siren, COORDINATOR, GROUP, asked, data["Move it"])
    assert alert == "Only the person who sent /bind can answer.", alert
    assert await _bound_to(siren) == "SIREN"
    said = await _press(siren, ADMIN, GROUP, asked, data["Cancel"])
    assert "Not moved: this group stays linked to Operation Siren (SIREN)." in said, said
    assert await _bound_to(siren) == "SIREN"
    asked = await siren.talk.say(ADMIN, "/bind DRILL", GROUP)
    said = await _press(siren, ADMIN, GROUP, asked, dict(_buttons(asked))["Move it"])
    assert "now linked to Workshop drill (DRILL)" in said, said
    assert await _bound_to(siren) == "DRILL"


async def test_several_names_before_the_equals_are_refused_with_one_alias_each(
    siren: Harness,
) -> None:
    said = await siren.talk.text(COORDINATOR, "/alias place สนามบินสุวรรณภูมิ, Suvarnabhumi = BKK")
    # Before: one alias "สนามบินสุวรรณภูมิ, suvarnabhumi" that no report's place ever matched.
    assert said == (
        "One name before =: send one /alias place for each, e.g. /alias place สนามบินสุวรรณภูมิ "
        "= BKK and then /alias place Suvarnabhumi = BKK"
    ), said
    assert await siren.rows("SELECT words FROM place_alias") == []
    helped = await siren.talk.text(COORDINATOR, "/help alias")
    assert "/alias place 인천공항 = ICN" in helped and "One name before =" in helped, helped


@pytest.mark.parametrize(
    ("typed", "hint"),
    [
        # Before: "e.g. /alias place 김포공항 GMP = ICN", the place typed taken as words.
        ("/alias place 김포공항 GMP", "e.g. /alias place 김포공항 = GMP"),
        # Before: "/alias palce 김포 = GMP" was taken as the substance words "palce 김포".
        ("/alias palce 김포 = GMP", "Did you mean place? e.g. /alias place 김포 = GMP"),
    ],
)
async def test_alias_place_hints_use_the_persons_own_words(
    siren: Harness, typed: str, hint: str
) -> None:
    said = await siren.talk.text(COORDINATOR, typed)
    assert said.endswith(hint), said
    assert await siren.rows("SELECT words FROM place_alias") == []


async def test_a_place_named_by_other_words_is_pointed_at_with_the_persons_place(
    siren: Harness,
) -> None:
    await siren.talk.say(COORDINATOR, "/alias place สุวรรณภูมิ = BKK")
    said = await siren.talk.text(COORDINATOR, "/alias place bkk = Suvarnabhumi")
    # Before: "e.g. /alias place สุวรรณภูมิ = Incheon Airport", Suvarnabhumi sent to Incheon.
    assert said.endswith("e.g. /alias place สุวรรณภูมิ = Suvarnabhumi"), said


@pytest.mark.parametrize("typed", ["/invite workshop", "/invite workshop 20", "/invite training"])
async def test_invite_workshop_says_how_to_invite_a_room(siren: Harness, typed: str) -> None:
    before = await siren.rows("SELECT code FROM invite")
    said = await siren.talk.text(COORDINATOR, typed)
    # Before: "Who is the invite for?" and the usage line.
    people = "20" if typed.endswith("20") else "30"
    assert f"/invite officer KCS {people}" in said and "/help workshop" in said, said
    assert await siren.rows("SELECT code FROM invite") == before
    for line in ("/help", "/help invite"):
        assert "/help workshop" in await siren.talk.text(COORDINATOR, line), line


@pytest.mark.parametrize(
    ("language", "shown"),
    [("en", "25 Dec 2025 ("), ("ko", "2025년 12월 25일 ("), ("th", "25 ธ.ค. 2568 (")],
)
async def test_mine_gives_the_year_of_a_day_in_another_year(
    siren: Harness, language: str, shown: str
) -> None:
    await siren.talk.say(KCS_OFFICER, f"/language {language}")
    for day in ("2025-12-25", "2026-11-20"):
        asked = await siren.talk.say(KCS_OFFICER, f"/seizure 1kg meth at ICN on {day}", GROUP)
        yes = [d for _label, d in _buttons(asked) if d.startswith("ask:yes:")]
        if yes:  # asked about as before the operation began: recorded with that day
            await _press(siren, KCS_OFFICER, GROUP, asked, yes[0])
    said = await siren.talk.text(KCS_OFFICER, "/mine")
    # Before: "12월 25일 (…)", "25 Dec (…)": a day of last year read as one of this year.
    assert f"#1 {shown}" in said, said
    assert "#2 " in said and "2026" not in said and "2569" not in said, said


async def test_undo_with_several_questions_waiting_answers_once(siren: Harness) -> None:
    await siren.talk.say(KCS_OFFICER, "/seizure 2kg meth at ICN", GROUP)
    asked = [await siren.talk.say(KCS_OFFICER, "/seizure 2kg meth at ICN", GROUP)]
    for day in ("2025-12-25", "2025-12-24"):
        asked.append(await siren.talk.say(KCS_OFFICER, f"/seizure 1kg heroin on {day}", GROUP))
    assert all(_buttons(message) for message in asked), asked
    before = len(siren.api.sent_messages(GROUP))
    said = await siren.talk.text(KCS_OFFICER, "/undo", GROUP)
    # Before: three "Cancelled with /cancel: …" (to an officer who sent /undo), then "Nothing
    # was recorded from your last message: it waited for your answer to my question, …".
    assert said.startswith(
        "Nothing was recorded: /undo took back my 3 questions above (as /cancel does) and "
        "voids nothing else. Your latest recorded report is #1"
    ), said
    sent = [m for m in siren.api.sent_messages(GROUP) if m["message_id"] in
            {int(q["message_id"]) for q in asked}]  # fmt: skip
    assert {m["text"] for m in sent} == {"Taken back with /undo: nothing of it was recorded."}
    assert len(siren.api.sent_messages(GROUP)) == before + 1  # one answer, the rest edits
    assert len(await siren.rows("SELECT id FROM seizure WHERE voided_at IS NULL")) == 1


async def test_a_day_before_the_start_names_its_day(siren: Harness) -> None:
    siren.clock.set(datetime(2026, 11, 21, 10, tzinfo=SEOUL))  # SIREN began the 20th
    said = await siren.talk.text(COORDINATOR, "/summary yesterday", GROUP)
    assert "No reports" not in said, said  # the 20th: its first day
    said = await siren.talk.text(COORDINATOR, "/summary 2026-11-19", GROUP)
    # Before: "No reports before the operation began on 2026-11-20.", which reads as though no
    # report is dated before it, when Record it under the question dates one there.
    assert "No reports dated 2026-11-19, before the operation began on 2026-11-20." in said


async def test_a_misspelt_day_word_in_remind_is_named(siren: Harness) -> None:
    said = await siren.talk.text(COORDINATOR, "/remind daly 9am nil returns pls", GROUP)
    # Before: "I cannot read 'daly' as a time. WHEN is one of: …".
    assert said == "Did you mean daily? e.g. /remind daily 9am nil returns pls", said
    assert await siren.rows("SELECT id FROM reminder") == []


async def test_reports_and_show_name_the_aliased_place_as_the_pack_does(siren: Harness) -> None:
    await siren.talk.say(KCS_OFFICER, "/seizure 2kg meth at 인천공항", GROUP)
    await siren.talk.say(KCS_OFFICER, "/seizure 1kg meth at icn", GROUP)
    await siren.talk.say(COORDINATOR, "/alias place 인천공항 = ICN")
    listed = await siren.talk.text(COORDINATOR, "/reports")
    # Before: "인천공항" and "icn", the words as typed, under a By location of ICN.
    assert "ICN (인천공항)" in listed and "icn" not in listed, listed
    shown = await siren.talk.text(COORDINATOR, "/show 1")
    assert "ICN (인천공항)" in shown, shown
    digest = await siren.talk.text(COORDINATOR, "/digest now")
    assert "at ICN (인천공항) (#1)" in digest and "at ICN (#2)" in digest, digest
