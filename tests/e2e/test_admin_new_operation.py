"""An admin creating an operation from a group linked to another (newcomer review, session 17):
the answer said "Next: add agencies, e.g. /agency add KCS ..." and, typed there, it added the
agency to the group's operation without naming it; /use then listed "none" for the admin."""

from __future__ import annotations

from bot.demo import ADMIN, GROUP
from fakegram.types import FakeChat
from tests.e2e.conftest import Harness

PRIVATE = FakeChat.private(ADMIN)


async def test_a_new_operations_agencies_are_added_in_private_and_each_answer_names_its_operation(
    siren: Harness,
) -> None:
    made = await siren.talk.text(ADMIN, '/operation new LIVE1 "Live One" Asia/Seoul', GROUP)
    assert "Created Live One (LIVE1) in Asia/Seoul." in made, made
    assert "Next, in our private chat, where LIVE1 is now yours: add agencies" in made, made
    # In the group, a command still acts on the group's operation, and says which.
    here = await siren.talk.text(ADMIN, '/agency add JPC "Japan Customs" Asia/Tokyo', GROUP)
    assert "Added JPC — Japan Customs (Asia/Tokyo) to SIREN." in here, here
    there = await siren.talk.text(ADMIN, '/agency add KOR "Korea Customs" Asia/Seoul', PRIVATE)
    assert "Added KOR — Korea Customs (Asia/Seoul) to LIVE1." in there, there
    rows = await siren.rows(
        "SELECT a.code, o.code AS op FROM agency AS a JOIN operation AS o ON o.id = a.operation_id"
        " WHERE a.code IN ('JPC', 'KOR') ORDER BY a.code"
    )
    assert rows == [{"code": "JPC", "op": "SIREN"}, {"code": "KOR", "op": "LIVE1"}]


async def test_use_lists_every_operation_to_an_admin_and_says_a_wrong_code_is_none(
    siren: Harness,
) -> None:
    await siren.talk.say(ADMIN, '/operation new LIVE1 "Live One" Asia/Seoul', PRIVATE)
    listed = await siren.talk.text(ADMIN, "/use", PRIVATE)
    assert listed == "Choose one of your operations: SIREN, LIVE1, e.g. /use SIREN", listed
    wrong = await siren.talk.text(ADMIN, "/use NOPE", PRIVATE)
    assert wrong.startswith("NOPE is not one of your operations. Choose one of"), wrong
    assert "SIREN" in await siren.talk.text(ADMIN, "/use SIREN", PRIVATE)
