"""What a newcomer found in the sandbox (session 14, review round 1): a trainer's training
mode, /bind in the admin's /help, /void on a voided report, and a Korean example in English."""

from __future__ import annotations

import pytest

from bot.demo import ADMIN, COORDINATOR, GROUP, KCS_OFFICER
from tests.e2e.conftest import Harness

EXERCISE = '/operation new CODE "Title" TZ exercise'


@pytest.mark.parametrize("topic", ["training", "workshop", "exercise", "훈련", "การฝึก"])
async def test_help_training_points_to_an_exercise_operation(siren: Harness, topic: str) -> None:
    said = await siren.talk.text(COORDINATOR, f"/help {topic}")
    # Before: "There is no command /training. /help lists them all."
    assert said.startswith("Training and workshops: there is no training mode"), said
    assert EXERCISE in said and "labelled 🧪 EXERCISE" in said, said


@pytest.mark.parametrize("command", ["/training", "/workshop", "/exercise"])
async def test_a_training_command_is_a_did_you_mean_to_the_exercise(
    siren: Harness, command: str
) -> None:
    said = await siren.talk.text(ADMIN, command)
    assert said == (
        f"There is no command {command}. Did you mean an exercise operation, "
        '/operation new DRILL "Workshop drill" Asia/Seoul exercise? '
        "/help training shows how to set one up."
    ), said
    # In the group too, where a trainer shows it to the room.
    assert "Did you mean an exercise operation" in await siren.talk.text(
        COORDINATOR, command, GROUP
    )


async def test_the_admins_help_lists_bind_and_where_it_is_sent(siren: Harness) -> None:
    said = await siren.talk.text(ADMIN, "/help")
    # Before: no /bind in the list, though it is how a group is linked.
    assert "/bind — bind this group to an operation (send it in the group)" in said, said
    officer = await siren.talk.text(KCS_OFFICER, "/help")
    assert "/bind" not in officer, officer


async def test_void_of_a_voided_report_says_so_rather_than_asking_why(siren: Harness) -> None:
    await siren.talk.say(KCS_OFFICER, "/seizure 2kg meth at ICN", GROUP)
    assert "voided" in await siren.talk.text(KCS_OFFICER, "/void 1 entered twice", GROUP)
    # Before: "Give a reason for voiding report #1, e.g. /void 1 entered twice".
    assert await siren.talk.text(KCS_OFFICER, "/void 1", GROUP) == "Report #1 was already voided."
    assert await siren.talk.text(COORDINATOR, "/void #1") == "Report #1 was already voided."
    # A report that counts is still asked for its reason.
    await siren.talk.say(KCS_OFFICER, "/seizure 1kg meth at ICN", GROUP)
    said = await siren.talk.text(KCS_OFFICER, "/void 2", GROUP)
    assert said.startswith("Give a reason for voiding report #2"), said


@pytest.mark.parametrize(
    ("language", "example"),
    [("ko", "적발 없음 보고(/nil)를 보내십시오"), ("th", "ส่งรายงานไม่มีการตรวจยึด (/nil)")],
)
async def test_a_reminder_refusal_gives_its_example_in_the_readers_words(
    siren: Harness, language: str, example: str
) -> None:
    await siren.talk.say(COORDINATOR, f"/language {language}")
    for typed in ("/remind yesterday 09:00 late", "/remind daily 09:00"):
        said = await siren.talk.text(COORDINATOR, typed)
        # Before: "... /remind daily 09:00 Send your nil returns" in a Korean sentence.
        assert "Send your nil returns" not in said and example in said, said


@pytest.mark.parametrize(
    ("language", "topic", "title", "said"),
    [
        ("ko", "훈련", "교육 훈련", "별도의 교육 모드는 없습니다"),
        ("th", "การฝึก", "ฝึกอบรม", "ไม่มีโหมดฝึกอบรม"),
    ],
)
async def test_help_training_in_korean_and_thai(
    siren: Harness, language: str, topic: str, title: str, said: str
) -> None:
    await siren.talk.say(COORDINATOR, f"/language {language}")
    text = await siren.talk.text(COORDINATOR, f"/help {topic}")
    assert said in text and f'/operation new DRILL "{title}" Asia/Seoul exercise' in text, text
    meant = await siren.talk.text(COORDINATOR, "/training")
    assert "/help training" in meant and title in meant, meant
