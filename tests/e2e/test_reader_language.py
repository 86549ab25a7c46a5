"""What no command guards (plain text, an unknown command, a button's edit) is said in the
reader's language, with the EXERCISE label in an exercise, as every other answer is."""

from __future__ import annotations

from bot.demo import ADMIN, COORDINATOR, GROUP, invite_code, set_up_demo
from fakegram.types import FakeChat, FakeUser, JSONDict
from tests.e2e.conftest import Harness
from tests.golden.test_no_english import _prose, _readable, english_words

KOREAN = FakeUser(2401, "지민", "이", language_code="ko")
THAI = FakeUser(2402, "สมศรี", "ใจดี", language_code="th")


async def _joined(bot: Harness, officer: FakeUser, agency: str = "KCS") -> FakeChat:
    link = await bot.talk.text(ADMIN, f"/invite officer {agency}")
    await bot.talk.say(officer, f"/start {invite_code(link)}")
    return FakeChat.private(officer)


def _data(message: JSONDict) -> dict[str, str]:
    rows = message.get("reply_markup", {}).get("inline_keyboard", [])
    return {b["callback_data"]: b["text"] for row in rows for b in row}


def _foreign(message: JSONDict) -> list[str]:
    return [word for text in _readable(message) for word in english_words(text)]


async def test_a_plain_text_report_is_offered_in_the_readers_language_and_cancelled_labelled(
    bot: Harness,
) -> None:
    await set_up_demo(bot.talk)  # an exercise
    private = await _joined(bot, KOREAN)
    # Before: "Did you mean /seizure ...? Press Record it ..." and its buttons, in English.
    offer = await bot.talk.say(KOREAN, "2kg meth at ICN")
    assert offer["text"].startswith("🧪"), offer["text"]
    assert "/seizure 2kg meth at ICN" in offer["text"]
    assert _foreign(offer) == [], offer
    no = next(d for d in _data(offer) if d.startswith("ask:no:"))
    mark = bot.api.mark()
    bot.api.press_button(KOREAN, private, offer["message_id"], no)
    edited = await bot.api.wait_for_edit(private, message_id=offer["message_id"], after=mark)
    # Before: a bare "Not recorded." (in English), without the exercise's label.
    assert edited["text"].startswith("🧪"), edited["text"]
    assert english_words(_prose(edited)) == [], edited["text"]
    assert await bot.rows("SELECT id FROM seizure") == []


async def test_an_unknown_command_is_answered_in_the_readers_language_with_the_label(
    bot: Harness,
) -> None:
    await set_up_demo(bot.talk)
    await _joined(bot, THAI, "TCD")
    said = await bot.talk.say(THAI, "/xyz")
    # Before: "I do not know /xyz. /help lists what you can do.", in English and unlabelled.
    assert said["text"].startswith("🧪"), said["text"]
    assert "/xyz" in said["text"] and english_words(_prose(said)) == [], said["text"]


async def test_a_step_by_step_report_cancelled_by_its_button_is_labelled(bot: Harness) -> None:
    await set_up_demo(bot.talk)
    private = await _joined(bot, KOREAN)
    question = await bot.talk.say(KOREAN, "/seizure")
    cancel = next(d for d in _data(question) if d.endswith("cancel"))
    mark = bot.api.mark()
    bot.api.press_button(KOREAN, private, question["message_id"], cancel)
    edited = await bot.api.wait_for_edit(private, message_id=question["message_id"], after=mark)
    # Before: "보고를 취소했습니다..." with no 🧪 label, unlike /cancel's answer.
    assert edited["text"].startswith("🧪"), edited["text"]
    assert english_words(_prose(edited)) == [], edited["text"]


async def test_a_usage_example_gives_its_reason_in_the_readers_language(bot: Harness) -> None:
    await set_up_demo(bot.talk, exercise=False)
    await _joined(bot, KOREAN)
    said = (await bot.talk.say(KOREAN, "/void 1"))["text"]
    # Before: "예: /void 42 duplicate of 41": the free reason in English. The number given is
    # the example's number; its reason is in the reader's language.
    assert said.startswith("#1번 보고를 무효 처리하는 사유를 입력하십시오. 예: /void 1 "), said
    assert english_words(said.split("/void 1", 1)[1]) == [], said


async def test_the_language_reply_says_truly_what_follows_the_group(bot: Harness) -> None:
    await set_up_demo(bot.talk, exercise=False)
    said = await bot.talk.text(COORDINATOR, "/language group ko", GROUP)
    assert "이제 이 단체방의 일일 요약, 알림, 공지는 다음 언어로 보냅니다: 한국어." in said
    # Answers to the coordinator, in the group too, stay in the coordinator's language...
    summary = await bot.talk.text(COORDINATOR, "/summary", GROUP)
    assert english_words(summary) != [] and "한국어" not in summary
    # ...which is what /language now says (before: "Group messages follow the group's language").
    private = await bot.talk.text(COORDINATOR, "/language en")
    assert private == (
        "I will write to you in English, in a group too when I answer you. The group's "
        "digest, reminders and announcements come in the group's language."
    )
