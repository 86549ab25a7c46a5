"""What a second newcomer found in the sandbox (session 12, review round 2): a coordinator
told to ask the coordinator, a step-by-step report's void example in English, and a mistyped
command answered with no way back to the report."""

from __future__ import annotations

import pytest

from bot.demo import COORDINATOR, GROUP, KCS_OFFICER, invite_code
from fakegram.types import FakeChat, FakeUser, JSONDict
from tests.e2e.conftest import Harness


async def test_a_coordinator_who_reports_is_told_to_make_an_officer_invite(siren: Harness) -> None:
    said = await siren.talk.text(COORDINATOR, "/seizure 2kg meth at ICN")
    # Before: "Only officers report here. Ask your coordinator for an officer invite."
    assert "Ask your coordinator" not in said, said
    # Session 16: the invite is for another account (a person has one role in an operation).
    assert "another account" in said and "/invite officer KCS" in said, said
    undo = await siren.talk.text(COORDINATOR, "/undo")
    assert "/void 1 entered twice" in undo, undo  # a coordinator voids with a reason
    assert await siren.rows("SELECT * FROM seizure") == []
    # The command named works for them, as the reply says.
    link = await siren.talk.text(COORDINATOR, "/invite officer KCS")
    assert invite_code(link), link


async def test_a_step_by_step_reports_void_example_is_in_the_readers_words(
    siren: Harness,
) -> None:
    officer = FakeUser(2601, "Kim", "Officer", language_code="ko")
    link = await siren.talk.text(COORDINATOR, "/invite officer KCS")
    await siren.talk.say(officer, f"/start {invite_code(link)}")
    private = FakeChat.private(officer)
    await siren.talk.say(officer, "/seizure")
    await siren.talk.say(officer, "zombie dust")
    await siren.talk.say(officer, "1.5 kg")
    confirm = await siren.talk.say(officer, "ICN T2")
    mark = siren.api.mark()
    record = _buttons(confirm)[0]
    siren.api.press_button(officer, private, confirm["message_id"], record)
    ack = await siren.api.wait_for_edit(private, message_id=confirm["message_id"], after=mark)
    # Before: "... /void 1 entered twice" in a Korean sentence.
    assert ack["text"].endswith("/void 1 중복 입력"), ack["text"]


def _buttons(message: JSONDict) -> list[str]:
    rows = message.get("reply_markup", {}).get("inline_keyboard", [])
    return [b["callback_data"] for row in rows for b in row]


@pytest.mark.parametrize(
    ("typed", "meant", "corrected"),
    [
        ("/seizur 1kg ice at BKK", "seizure", "/seizure 1kg ice at BKK"),
        ("/seizure2kg meth at BKK", "seizure", "/seizure 2kg meth at BKK"),
        ("/summry", "summary", "/summary"),
    ],
)
async def test_a_mistyped_command_is_answered_with_the_message_corrected(
    siren: Harness, typed: str, meant: str, corrected: str
) -> None:
    for chat in (None, GROUP):
        said = await siren.talk.text(KCS_OFFICER, typed, chat)
        # Before: "I do not know /seizur. /help lists what you can do." (in a group, no report).
        assert said == f"Did you mean /{meant}? Nothing was recorded. Send: {corrected}", said
    assert await siren.rows("SELECT * FROM seizure") == []
    # What it says to send is what the officer meant, and records it.
    if meant == "seizure":
        done = await siren.talk.text(KCS_OFFICER, corrected)
        assert done.startswith("✅ Recorded report"), done


async def test_a_mistyped_command_is_answered_in_the_readers_language(siren: Harness) -> None:
    officer = FakeUser(2602, "Kim", "Officer", language_code="ko")
    link = await siren.talk.text(COORDINATOR, "/invite officer KCS")
    await siren.talk.say(officer, f"/start {invite_code(link)}")
    said = await siren.talk.text(officer, "/seizur 1kg ice at BKK")
    # Before: "I do not know /seizur. /help lists what you can do." in Korean, no way back.
    assert said == (
        "/seizure를 말씀하신 건가요? 아무것도 기록되지 않았습니다. "
        "다음과 같이 보내십시오: /seizure 1kg ice at BKK"
    ), said


async def test_korean_hints_end_their_sentences_and_an_undone_report_offers_no_edit(
    siren: Harness,
) -> None:
    officer = FakeUser(2603, "Kim", "Officer", language_code="ko")
    link = await siren.talk.text(COORDINATOR, "/invite officer KCS")
    await siren.talk.say(officer, f"/start {invite_code(link)}")
    private = FakeChat.private(officer)
    ack = await siren.talk.say(officer, "/seizure 필로폰 1.2kg 인천공항 화물터미널")
    text = ack["text"]
    # Before: "... 이 보고가 정정됩니다" with no period, then "잘못되었나요? 메시지를 수정하면
    # 정정되고, ..." saying the same again.
    assert "이 보고가 정정됩니다.\n" in text, text
    assert text.count("수정하면") == 1 and "잘못되었나요?" not in text, text
    assert text.endswith("또는 되돌리기를 눌러 이 보고를 취소하십시오."), text
    mark = siren.api.mark()
    undo = _buttons(ack)[0]
    siren.api.press_button(officer, private, ack["message_id"], undo)
    undone = await siren.api.wait_for_edit(private, message_id=ack["message_id"], after=mark)
    # Before: the voided report still said to edit the message to correct it.
    assert undone["text"].startswith("❌"), undone["text"]
    assert "수정" not in undone["text"], undone["text"]


async def test_an_undone_reports_acknowledgement_offers_no_edit(siren: Harness) -> None:
    ack = await siren.talk.say(KCS_OFFICER, "/seizure 2kg meth ICN")
    assert "and edit your message to correct this report" in ack["text"], ack["text"]
    assert ack["text"].endswith("Or press Undo to take it back."), ack["text"]
    mark = siren.api.mark()
    private = FakeChat.private(KCS_OFFICER)
    siren.api.press_button(KCS_OFFICER, private, ack["message_id"], _buttons(ack)[0])
    undone = await siren.api.wait_for_edit(private, message_id=ack["message_id"], after=mark)
    assert "edit your message" not in undone["text"].lower(), undone["text"]
