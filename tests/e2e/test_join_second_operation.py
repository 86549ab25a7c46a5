"""Joining a second operation says where private messages go now, and the way back.

Found by a newcomer's review: a live officer who joined a workshop's exercise was welcomed with
no word that their private chat now belonged to the drill; their next real seizure, reported in
private, was recorded in the exercise, marked only by its prefix.
"""

from __future__ import annotations

from bot.demo import ADMIN, KCS_OFFICER, invite_code
from fakegram.types import FakeChat, FakeUser
from tests.e2e.conftest import Harness

PRIVATE = FakeChat.private(KCS_OFFICER)


async def test_a_live_officer_joining_an_exercise_is_told_how_to_report_to_the_live_one(
    siren: Harness,
) -> None:
    await siren.talk.say(ADMIN, '/operation new DRILL "Workshop drill" Asia/Seoul exercise')
    await siren.talk.say(ADMIN, "/use DRILL")
    await siren.talk.say(ADMIN, '/agency add KCS "Korea Customs Service" Asia/Seoul')
    code = invite_code(await siren.talk.text(ADMIN, "/invite officer KCS"))
    welcome = await siren.talk.text(KCS_OFFICER, f"/start {code}", PRIVATE)
    assert "Welcome to" in welcome and "(DRILL)" in welcome, welcome
    assert "Your private messages now go to DRILL, an exercise." in welcome, welcome
    assert "send /use SIREN first" in welcome, welcome
    # And the way back works: the next report goes to SIREN.
    await siren.talk.say(KCS_OFFICER, "/use SIREN", PRIVATE)
    ack = await siren.talk.text(KCS_OFFICER, "/seizure 1kg meth at ICN", PRIVATE)
    assert "SIREN #1" in ack, ack


async def test_a_first_operation_s_welcome_says_nothing_of_others(siren: Harness) -> None:
    newcomer_code = invite_code(await siren.talk.text(ADMIN, "/invite observer"))
    nora = FakeUser(1010, "Nora", "Newcomer", username="nora")
    welcome = await siren.talk.text(nora, f"/start {newcomer_code}", FakeChat.private(nora))
    assert "private messages now go" not in welcome, welcome
