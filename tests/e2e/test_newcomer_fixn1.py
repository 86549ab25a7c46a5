"""What a newcomer found in the sandbox (session 12, review round 1): a place written without
`at` is pointed out whatever its wording, /alias takes a substance's name, /language says
what it is, a group's language serves who has none, and guided entry's last word."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.demo import COORDINATOR, GROUP, KCS_OFFICER, TCD_OFFICER, invite_code
from fakegram.types import FakeChat, FakeUser, JSONDict
from tests.e2e.conftest import Harness

SEOUL = ZoneInfo("Asia/Seoul")


@pytest.mark.parametrize(
    ("officer", "report", "example"),
    [
        (KCS_OFFICER, "/seizure 필로폰 1.2kg 인천공항 화물터미널", "at 인천공항 화물터미널"),
        # (ที่ สุวรรณภูมิ and 인천공항에서 are the place since session 14: test_own_places_s14.py;
        # 인천 세관에서 since its newcomer's round 2: tests/unit/test_parsing_fixn2a.py)
        (TCD_OFFICER, "/seizure ยาบ้า 3 ถุง รวม 600 เม็ด ด่านสะเดา", "at ด่านสะเดา"),
        (KCS_OFFICER, "/seizure 2kg meth ICN", "at ICN"),
        (KCS_OFFICER, "/seizure 500g cocaine ICN cargo", "at ICN cargo"),
    ],
)
async def test_a_place_written_without_at_gets_the_hint_with_the_reports_own_words(
    siren: Harness, officer: object, report: str, example: str
) -> None:
    siren.clock.set(datetime(2026, 12, 1, 10, tzinfo=SEOUL))
    said = await siren.talk.text(officer, report, GROUP)  # type: ignore[arg-type]
    assert said.startswith("✅ Recorded report"), said
    # Before: only the 에서 wording got a hint; the others none.
    assert f"write it after at, from or to, e.g. {example}, and edit your message" in said, said
    # What is recorded is unchanged: the words are the note, no place.
    (row,) = await siren.rows("SELECT location, note FROM seizure")
    assert row["location"] is None and row["note"], row


async def test_alias_takes_a_substances_name_as_the_bot_shows_it(siren: Harness) -> None:
    await siren.talk.say(KCS_OFFICER, "/seizure 1 kg 좀비마약 at ICN", GROUP)
    # Before: the whole usage; /summary writes "synthetic cathinones", so the coordinator did.
    mapped = await siren.talk.text(COORDINATOR, "/alias 좀비마약 synthetic cathinones")
    assert mapped.startswith('"좀비마약" now counts as synthetic cathinones'), mapped
    rows = await siren.rows("SELECT substance FROM seizure_item")
    assert rows == [{"substance": "synthetic_cathinones"}]
    spaced = await siren.talk.text(COORDINATOR, "/alias zombie dust Synthetic  Cathinones")
    assert spaced.startswith('"zombie dust" now counts as synthetic cathinones'), spaced


async def test_alias_to_no_substance_says_which_word_and_a_few_that_are(siren: Harness) -> None:
    near = await siren.talk.text(COORDINATOR, "/alias 좀비마약 synthetic cathinonez")
    assert near.startswith(
        '"synthetic cathinonez" is not a substance the bot knows: end with one, '
        "e.g. /alias 좀비마약 synthetic_cathinones (others: methamphetamine, cocaine,"
    ), near
    far = await siren.talk.text(COORDINATOR, "/alias happy five nimetazepam")
    assert far.startswith('"nimetazepam" is not a substance'), far
    assert "/alias happy five methamphetamine" in far and "Usage" not in far, far
    assert await siren.rows("SELECT words FROM substance_alias") == []


async def _press(h: Harness, user: FakeUser, chat: FakeChat, message: JSONDict, data: str) -> str:
    mark = h.api.mark()
    query = h.api.press_button(user, chat, message["message_id"], data)
    await h.api.wait_for(
        lambda c: c.method == "answerCallbackQuery" and c.params["callback_query_id"] == query,
        after=mark,
    )
    return str(h.api.callback_answers[query].get("text") or "")


async def test_language_alone_says_what_is_in_use_and_offers_buttons_in_the_group_too(
    siren: Harness,
) -> None:
    await siren.talk.say(COORDINATOR, "/language group ko th", GROUP)
    shown = await siren.talk.say(TCD_OFFICER, "/language", GROUP)
    # Before: the usage alone, and no buttons in a group.
    assert shown["text"].startswith(
        "You: English (en). This group: Korean and Thai (ko, th).\nChoose a language"
    ), shown["text"]
    said = await _press(siren, TCD_OFFICER, GROUP, shown, "lang:th")
    assert said.startswith("เปลี่ยนเฉพาะภาษาของท่าน"), said
    # The presser's own language only: the group's stays, and the message stays for others.
    (row,) = await siren.rows("SELECT language FROM person WHERE user_id = ?", (TCD_OFFICER.id,))
    assert row["language"] == "th"
    (operation,) = await siren.rows("SELECT languages FROM operation")
    assert "ko" in operation["languages"], operation
    private = await siren.talk.text(KCS_OFFICER, "/language")
    assert private.startswith("You: English (en).\nChoose a language"), private


async def test_who_has_no_language_of_their_own_reads_the_groups_in_the_group(
    siren: Harness,
) -> None:
    await siren.talk.say(COORDINATOR, "/language group ko th", GROUP)
    # No language_code, or one the bot does not speak; no /language either.
    for user_id, code in ((2501, None), (2502, "de")):
        officer = FakeUser(user_id, "Lee", "Officer", language_code=code)
        link = await siren.talk.text(COORDINATOR, "/invite officer KCS")
        await siren.talk.say(officer, f"/start {invite_code(link)}")
        said = await siren.talk.text(officer, "/seizure 2kg meth at ICN", GROUP)
        # Before: "✅ Recorded report ..." in English, in a group that reads Korean and Thai.
        assert said.startswith("✅ KCS 보고 SIREN #"), said
        # In private, with no group's to go by, the default as before.
        mine = await siren.talk.text(officer, "/mine")
        assert "2 kg methamphetamine" in mine, mine
    # Whoever has a language of their own keeps it in the group.
    own = await siren.talk.text(KCS_OFFICER, "/seizure 1kg meth at ICN", GROUP)
    assert own.startswith("✅ Recorded report"), own


async def test_a_step_by_step_report_says_what_corrects_it_not_an_edit(siren: Harness) -> None:
    private = FakeChat.private(KCS_OFFICER)
    await siren.talk.say(KCS_OFFICER, "/seizure")
    await siren.talk.say(KCS_OFFICER, "zombie dust")
    place = await siren.talk.say(KCS_OFFICER, "1.5 kg")
    confirm = await siren.talk.say(KCS_OFFICER, "ICN T2")
    assert confirm["text"].startswith("Record this report?"), confirm["text"]
    mark = siren.api.mark()
    record = _data(confirm)["Record it"]
    siren.api.press_button(KCS_OFFICER, private, confirm["message_id"], record)
    ack = await siren.api.wait_for_edit(private, message_id=confirm["message_id"], after=mark)
    # Before: "Wrong? Edit your message to correct it, or press Undo." with no message to edit.
    assert "Edit your message" not in ack["text"], ack["text"]
    assert ack["text"].endswith(
        "Wrong? Press Undo and report it again, or later void it with a reason: "
        "/void 1 entered twice"
    ), ack["text"]
    assert place["text"].startswith("New report (3/3)")


def _data(message: JSONDict) -> dict[str, str]:
    rows = message.get("reply_markup", {}).get("inline_keyboard", [])
    return {b["text"]: b["callback_data"] for row in rows for b in row}


async def test_a_mistyped_period_is_answered_with_the_one_meant(siren: Harness) -> None:
    said = await siren.talk.text(COORDINATOR, "/summary last weke", GROUP)
    # Before: "Nothing is recorded as 'last weke' — e.g. /summary today, ...".
    assert said == "Nothing is recorded as 'last weke': did you mean /summary last week?", said
    meant = await siren.talk.text(COORDINATOR, "/summary last week", GROUP)
    assert "last weke" not in meant and not meant.startswith("Nothing is recorded"), meant
