"""An admin creating an operation from a group linked to another (newcomer review, session 17):
the answer, posted in that group, said "Next: add agencies, e.g. /agency add KCS ..." and,
typed there, it added the agency to the group's operation without naming it; /use then listed
"none" for the admin."""

from __future__ import annotations

import asyncio

from bot.demo import ADMIN, COORDINATOR, GROUP, KCS_OFFICER, invite_code
from fakegram.types import FakeChat, FakeUser
from tests.e2e.conftest import Harness

PRIVATE = FakeChat.private(ADMIN)


async def test_an_operation_is_created_in_private_and_agency_answers_name_their_operation(
    siren: Harness,
) -> None:
    # Round 2: created from a group, the new operation was announced to that group, another
    # operation's; it is created in private only.
    made = await siren.talk.text(ADMIN, '/operation new LIVE1 "Live One" Asia/Seoul', GROUP)
    assert made.endswith("Send /operation new to me in a private chat: https://t.me/OcuBot"), made
    assert await siren.rows("SELECT code FROM operation WHERE code = 'LIVE1'") == []
    made = await siren.talk.text(ADMIN, '/operation new LIVE1 "Live One" Asia/Seoul', PRIVATE)
    assert "Created Live One (LIVE1) in Asia/Seoul." in made, made
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
    # Which one is in use comes first (session 18: '/use' alone never said), then the others.
    assert listed == (
        "Your messages in this chat go to LIVE1. "
        "Choose one of your operations: SIREN, LIVE1, e.g. /use SIREN"
    ), listed
    await siren.talk.say(ADMIN, "/use SIREN", PRIVATE)
    listed = await siren.talk.text(ADMIN, "/use", PRIVATE)
    assert listed.startswith("Your messages in this chat go to SIREN. "), listed
    assert listed.endswith("e.g. /use LIVE1"), listed
    only = await siren.talk.text(KCS_OFFICER, "/use")
    assert only == (
        "Your messages in this chat go to SIREN. "
        "Choose one of your operations: SIREN, e.g. /use SIREN"
    ), only
    wrong = await siren.talk.text(ADMIN, "/use NOPE", PRIVATE)
    assert wrong.startswith("NOPE is not one of your operations. Choose one of"), wrong
    assert "SIREN" in await siren.talk.text(ADMIN, "/use SIREN", PRIVATE)


async def test_an_admins_long_list_of_operations_comes_whole(siren: Harness) -> None:
    # Adversary review, round 2: with hundreds of operations the list was one message cut at
    # 4,096 characters, the codes after the cut lost without a word.
    for number in range(300):
        await siren.talk.say(ADMIN, f'/operation new OPERATION{number:04d} "Op" UTC', PRIVATE)
    await _comes_whole(siren, ADMIN, PRIVATE, "/use NOPE", "OPERATION0299")


async def _comes_whole(
    siren: Harness, who: FakeUser, chat: FakeChat, typed: str, last: str
) -> None:
    """`typed` is answered in parts or as a file, and its `last` words are in it."""
    before, mark = len(siren.api.sent_messages(chat)), siren.api.mark()
    siren.api.send_text(who, chat, typed)
    await siren.api.wait_for(
        lambda c: (
            c.method in ("sendMessage", "sendDocument") and c.params.get("chat_id") == chat.id
        ),
        after=mark,
    )
    await asyncio.wait_for(siren.app.update_queue.join(), 60)  # the rest of its parts
    sent = siren.api.sent_messages(chat)[before:]
    texts = " ".join(str(m.get("text") or "") for m in sent)
    assert len(sent) > 1 or any(m.get("document") for m in sent), texts[-200:]
    assert last in texts or any(m.get("document") for m in sent), texts[-200:]


async def test_an_admins_bind_of_an_operation_not_made_yet_says_so(siren: Harness) -> None:
    # Session 18 (newcomer, round 4): an admin was told "Only a coordinator of that operation
    # can bind a group to it", and the real mistake (no DRILL yet) went unnamed.
    said = await siren.talk.text(ADMIN, "/bind DRILL", GROUP)
    assert said.endswith(
        "There is no operation DRILL. Create it first in our private chat, e.g. "
        '/operation new DRILL "Operation Drill" Asia/Seoul, then /bind DRILL here.'
    ), said
    assert "Created" in await siren.talk.text(
        ADMIN, '/operation new DRILL "Operation Drill" Asia/Seoul', PRIVATE
    )
    rows = await siren.rows(
        "SELECT o.code FROM chat_binding b JOIN operation o ON o.id = b.operation_id"
        " WHERE b.chat_id = ?",
        (GROUP.id,),
    )
    assert rows == [{"code": "SIREN"}]


async def test_an_operation_with_many_long_named_agencies_is_shown_whole(siren: Harness) -> None:
    # Adversary, session 18: /operation was cut at 4,096 characters; agencies after the cut and
    # the members' line were lost without a word.
    name = "Agency name long enough to be an official one, with its directorate and its bureau"
    for number in range(60):
        await siren.talk.say(COORDINATOR, f'/agency add A{number:02d} "{name}" Asia/Seoul')
    await _comes_whole(siren, COORDINATOR, FakeChat.private(COORDINATOR), "/operation", "A59")


async def test_use_alone_names_no_operation_while_the_chosen_one_is_gone(siren: Harness) -> None:
    # /use alone names the operation as every command reads it (handlers.guard): Park, removed
    # from DRILL, which he had chosen, is asked to /use SIREN before anything is recorded
    # there, so SIREN is not said to be where his messages go (a second copy of that rule did).
    await siren.talk.say(ADMIN, '/operation new DRILL "Drill" Asia/Seoul', PRIVATE)
    await siren.talk.say(ADMIN, '/agency add KCS "Korea Customs Service" Asia/Seoul', PRIVATE)
    link = await siren.talk.text(ADMIN, "/invite officer KCS", PRIVATE)
    await siren.talk.say(KCS_OFFICER, f"/start {invite_code(link)}")
    await siren.talk.say(KCS_OFFICER, "/use DRILL")
    assert "is no longer a member" in await siren.talk.text(ADMIN, "/revoke @park_kcs", PRIVATE)
    listed = await siren.talk.text(KCS_OFFICER, "/use")
    assert listed == "Choose one of your operations: SIREN, e.g. /use SIREN", listed
