"""Who may do what, and where: the holes of issue 11 (access class), as the people see them."""

from __future__ import annotations

import json
import re
from datetime import timedelta

import pytest

from bot.demo import (
    ADMIN,
    COORDINATOR,
    GROUP,
    KCS_OFFICER,
    OBSERVER,
    OUTSIDER,
    TCD_OFFICER,
    invite_code,
)
from bot.domain.commands import COMMANDS
from bot.domain.unit import Role
from bot.render.replies import help_list
from fakegram.types import FakeChat, FakeUser
from handlers.menus import menu_for
from storage import invites as invite_store
from storage import members as member_store
from tests.e2e import asking
from tests.e2e.conftest import Harness

B_COORDINATOR = FakeUser(2001, "Berit", "Lund", username="berit_tnd")


async def _other_operation(h: Harness, code: str = "TUNDRA", *, exercise: bool = False) -> None:
    """A second operation with its own agency; the admin's private chat is left on SIREN."""
    kind = " exercise" if exercise else ""
    await h.talk.say(ADMIN, f'/operation new {code} "Operation {code.title()}" Europe/Oslo{kind}')
    await h.talk.say(ADMIN, f"/use {code}")
    await h.talk.say(ADMIN, '/agency add NOR "Norwegian Customs" Europe/Oslo')


async def _join(h: Harness, inviter: FakeUser, user: FakeUser, role: str) -> None:
    link = await h.talk.text(inviter, f"/invite {role}")
    welcome = await h.talk.text(user, f"/start {invite_code(link)}")
    assert welcome.startswith("Welcome") or "Welcome" in welcome, welcome


def _menu(h: Harness, chat_id: int) -> list[str]:
    return [c["command"] for c in h.api.commands({"type": "chat", "chat_id": chat_id})]


async def _audit(h: Harness, action: str) -> list[dict[str, object]]:
    rows = await h.rows(
        "SELECT actor_id, operation_id, detail FROM audit_log WHERE action = ? ORDER BY id",
        (action,),
    )
    return [{**r, "detail": json.loads(str(r["detail"]))} for r in rows]


# -- one declaration: menus, help and checks agree ---------------------------------------------


async def test_observer_is_not_offered_void_and_may_not_use_it(siren: Harness) -> None:
    # Issue 11: an observer's menu offered /void, which the bot then half-allowed.
    observer_menu = _menu(siren, OBSERVER.id)
    assert "void" not in observer_menu and "summary" in observer_menu
    assert "void" in _menu(siren, COORDINATOR.id) and "restore" in _menu(siren, COORDINATOR.id)
    await siren.talk.say(KCS_OFFICER, "/seizure 1kg cocaine")
    refused = await siren.talk.text(OBSERVER, "/void 1 not needed")
    assert refused == "Only a report's author (an officer) or a coordinator can void a report."
    assert "/void" not in await siren.talk.text(OBSERVER, "/help")
    assert (await siren.rows("SELECT voided_at FROM seizure"))[0]["voided_at"] is None


@pytest.mark.parametrize("role", [None, *Role])
@pytest.mark.parametrize("place", ["private", "group"])
def test_help_and_menu_are_the_same_list(role: Role | None, place: str) -> None:
    from bot.domain.unit import Caller, Operation

    op = Operation(1, "SIREN", "Operation Siren", "Asia/Seoul", False, "08:00", 900, 86400)
    caller = Caller(1, role, op, None, None, role is Role.ADMIN) if role else None
    lines = help_list(caller, place).split("\n\n")[0].splitlines()
    # In private, /help also names the group's own commands (/bind), saying where they go
    # (session 14): the menu offers only what works in the chat it is shown in.
    elsewhere = [
        line.split(" — ")[0][1:] for line in lines if line.endswith("(send it in the group)")
    ]
    listed = [
        line.split(" — ")[0][1:] for line in lines if line.split(" — ")[0][1:] not in elsewhere
    ]
    assert listed == [c.command for c in menu_for(role, place)]
    assert {c.name for c in COMMANDS} - {"s"} >= set(listed)
    in_group = [c.command for c in menu_for(role, "group")]
    assert all(name in in_group for name in elsewhere) and (place == "private" or not elsewhere)


async def test_commands_used_in_the_wrong_place_say_where(siren: Harness) -> None:
    use = await siren.talk.text(KCS_OFFICER, "/use SIREN", GROUP)
    assert use == "Send /use to me in a private chat: https://t.me/OcuBot"
    bind = await siren.talk.text(COORDINATOR, "/bind SIREN")
    assert bind == "Send /bind in the group it is for, e.g. /bind SIREN"


# -- item 1: group takeover --------------------------------------------------------------------


async def test_coordinator_of_another_operation_cannot_take_a_bound_group(siren: Harness) -> None:
    await _other_operation(siren)
    await _join(siren, ADMIN, B_COORDINATOR, "coordinator")
    taken = await siren.talk.text(B_COORDINATOR, "/bind TUNDRA", GROUP)
    assert taken == (
        "This group is already linked to another operation. Only an admin, or a coordinator of "
        "both that operation and the new one, can move it; an admin sees which operation it "
        "is with /operation here."
    )
    assert "SIREN" not in taken
    rows = await siren.rows("SELECT o.code FROM chat_binding b JOIN operation o"
                            " ON o.id = b.operation_id")  # fmt: skip
    assert rows == [{"code": "SIREN"}]
    card = await siren.talk.text(KCS_OFFICER, "/operation", GROUP)
    assert "Operation Siren (SIREN" in card
    refusals = await _audit(siren, "access.refused")
    assert refusals[-1]["actor_id"] == B_COORDINATOR.id
    assert refusals[-1]["detail"]["command"] == "/bind"


async def test_a_member_is_told_what_they_may_not_do_in_words_that_fit(siren: Harness) -> None:
    await _other_operation(siren)
    await _join(siren, ADMIN, B_COORDINATOR, "coordinator")
    # A member is not an outsider: the refusal names the right, not membership.
    created = await siren.talk.text(B_COORDINATOR, '/operation new ZED "Zed" UTC')
    assert created == "Only an admin can create an operation."
    assert [r["code"] for r in await siren.rows("SELECT code FROM operation")] == [
        "SIREN",
        "TUNDRA",
    ]
    # A new group is told to use its own operation's code, not some real one.
    fresh = FakeChat(-100555000, "group", title="New desk")
    unbound = await siren.talk.text(COORDINATOR, "/summary", fresh)
    assert unbound == (
        "This group is not linked to an operation yet. "
        "A coordinator can link it with /bind CODE, where CODE is your operation's code."
    )
    wrong = await siren.talk.text(COORDINATOR, "/bind TUNDRA", fresh)
    assert wrong == (
        "Only a coordinator of that operation can bind a group to it. Check the code: "
        "/bind CODE, where CODE is your operation's code (/operation in our private chat "
        "shows it)."
    )
    assert await siren.rows("SELECT * FROM chat_binding WHERE chat_id = ?", (fresh.id,)) == []


async def test_rebinding_says_who_loses_the_group_and_is_audited(siren: Harness) -> None:
    await _other_operation(siren)
    moved = await asking.moved(siren, ADMIN, GROUP, "TUNDRA")
    assert "This group is now linked to Operation Tundra (TUNDRA)" in moved
    assert "It is no longer linked to Operation Siren (SIREN)" in moved
    ops = {r["code"]: r["id"] for r in await siren.rows("SELECT id, code FROM operation")}
    (bind,) = [a for a in await _audit(siren, "chat.bind") if a["operation_id"] == ops["TUNDRA"]]
    assert bind["detail"]["previous_operation_id"] == ops["SIREN"]
    (unbind,) = await _audit(siren, "chat.unbind")
    assert unbind["operation_id"] == ops["SIREN"] and unbind["actor_id"] == ADMIN.id
    assert unbind["detail"] == {"chat_id": GROUP.id, "title": GROUP.title,
                                "new_operation_id": ops["TUNDRA"]}  # fmt: skip


async def test_coordinator_of_both_operations_may_move_the_group(siren: Harness) -> None:
    await _other_operation(siren)
    await _join(siren, ADMIN, COORDINATOR, "coordinator")  # now in TUNDRA as well
    moved = await asking.moved(siren, COORDINATOR, GROUP, "TUNDRA")
    assert "now linked to Operation Tundra" in moved and "no longer linked to" in moved


# -- item 5: coordinator output posted to a group ----------------------------------------------


async def test_invite_and_members_asked_in_a_group_arrive_in_private(siren: Harness) -> None:
    private = FakeChat.private(COORDINATOR)
    mark = siren.api.mark()
    said = await siren.talk.text(COORDINATOR, "/invite coordinator", GROUP)
    assert said == "I sent it to you in our private chat."
    link = await siren.api.wait_for_message(private, after=mark)
    assert re.search(r"One-time invite #\d+ to SIREN as a coordinator", link["text"])
    assert "?start=" in link["text"]
    listing = await siren.talk.text(COORDINATOR, "/members", GROUP)
    assert listing == "I sent it to you in our private chat."
    group_texts = [str(m.get("text", "")) for m in siren.api.sent_messages(GROUP)]
    assert not any("?start=" in t or "id 1003" in t for t in group_texts)


async def test_export_asked_in_a_group_arrives_in_private(siren: Harness) -> None:
    await siren.talk.say(KCS_OFFICER, "/seizure 2kg meth at ICN", GROUP)
    mark = siren.api.mark()
    said = await siren.talk.text(COORDINATOR, "/export csv", GROUP)
    assert said == "I sent it to you in our private chat."
    await siren.api.wait_for(lambda c: c.method == "sendDocument" and c.delivered, after=mark)
    sent = [c for c in siren.api.calls[mark:] if c.method == "sendDocument"]
    assert [c.result["chat"]["id"] for c in sent] == [COORDINATOR.id]
    assert not [m for m in siren.api.sent_messages(GROUP) if m.get("document")]


async def _siren_id(siren: Harness) -> int:
    ops = await siren.rows("SELECT id FROM operation")
    return int(str(ops[0]["id"]))


async def _join_by_invite(siren: Harness, user: FakeUser, role: Role) -> None:
    """`user` joins SIREN with `role` through an invite, without a private chat with the bot."""
    invite = await invite_store.create_invite(
        siren.db, operation_id=await _siren_id(siren), role=role, agency_id=None,
        actor_id=ADMIN.id, now=siren.clock.now(), valid_for=timedelta(days=1),
    )  # fmt: skip
    await invite_store.redeem_invite(
        siren.db, code=invite.code, user_id=user.id, now=siren.clock.now()
    )


async def test_personal_output_refused_without_a_private_chat(siren: Harness) -> None:
    newcomer = FakeUser(1200, "Nadia", "New", username="nadia")
    await siren.talk.say(newcomer, "/help", GROUP)  # known to the bot, but never in private
    await _join_by_invite(siren, newcomer, Role.COORDINATOR)
    before = await siren.rows("SELECT code FROM invite")
    said = await siren.talk.text(newcomer, "/invite observer", GROUP)
    assert said == (
        "/invite is answered only in private, and I cannot write to you there yet. "
        "Open https://t.me/OcuBot, press Start, then send /invite again."
    )
    assert await siren.rows("SELECT code FROM invite") == before  # nothing created


async def test_start_with_a_code_in_a_group_burns_the_invite(siren: Harness) -> None:
    newcomer = FakeUser(1201, "Gil", "Group", username="gil")
    code = invite_code(await siren.talk.text(COORDINATOR, "/invite coordinator"))
    said = await siren.talk.text(newcomer, f"/start {code}", GROUP)
    assert said == (
        "That invite was posted here, so it no longer works; ask your coordinator for a new one."
    )
    assert await siren.rows("SELECT * FROM membership WHERE user_id = ?", (newcomer.id,)) == []
    assert _menu(siren, GROUP.id) == []  # no coordinator menu for the whole group
    # Everyone in the group saw the code: a lurker cannot take it to a private chat.
    lurker = await siren.talk.text(OUTSIDER, f"/start {code}")
    assert "already used" in lurker
    assert await siren.rows("SELECT * FROM membership WHERE user_id = ?", (OUTSIDER.id,)) == []
    invitee = await siren.talk.text(newcomer, f"/start {code}")
    assert "already used" in invitee
    burned = await siren.rows("SELECT actor_id FROM audit_log WHERE action = 'invite.burned'")
    assert burned == [{"actor_id": newcomer.id}]


# -- item 7: a demoted officer --------------------------------------------------------------------


async def test_demoted_officer_can_neither_edit_nor_undo_nor_void(siren: Harness) -> None:
    cursor = siren.api.cursor(GROUP)
    first = siren.api.send_text(KCS_OFFICER, GROUP, "/seizure 2kg meth at ICN")
    await cursor.next()
    second = await siren.talk.say(KCS_OFFICER, "/seizure 1kg heroin at ICN", GROUP)
    # Demoted: revoked, then back in as an observer (an invite to one's own operation is
    # refused while one is a member).
    await member_store.revoke(
        siren.db, operation_id=await _siren_id(siren), user_id=KCS_OFFICER.id,
        actor_id=ADMIN.id, now=siren.clock.now(),
    )  # fmt: skip
    await _join_by_invite(siren, KCS_OFFICER, Role.OBSERVER)

    cursor = siren.api.cursor(GROUP)
    siren.api.edit_text(KCS_OFFICER, GROUP, first["message_id"], "/seizure 200kg meth at ICN")
    answer = await cursor.next()
    assert answer["text"] == (
        "Report #1 is unchanged. Only officers report here. Ask your coordinator for an "
        "officer invite."
    )
    mark = siren.api.mark()
    query = siren.api.press_button(KCS_OFFICER, GROUP, second["message_id"], "undo:2")
    await siren.api.wait_for(
        lambda c: c.method == "answerCallbackQuery" and c.params["callback_query_id"] == query,
        after=mark,
    )
    # The author, now an observer: the role is what is missing (not "only its author").
    said = siren.api.callback_answers[query]["text"]
    assert said == "Only officers can undo a report, and only their own."
    voided = await siren.talk.text(KCS_OFFICER, "/void 2 changed my mind", GROUP)
    assert voided.startswith("Only a report's author (an officer) or a coordinator")
    rows = await siren.rows("SELECT id, voided_at FROM seizure ORDER BY id")
    assert [r["voided_at"] for r in rows] == [None, None]
    items = await siren.rows("SELECT amount FROM seizure_item ORDER BY seizure_id")
    assert [r["amount"] for r in items] == ["2000", "1000"]


# -- item 16: /restore -------------------------------------------------------------------------


async def test_coordinator_restores_a_voided_report(siren: Harness) -> None:
    await siren.talk.say(KCS_OFFICER, "/seizure 2kg meth")
    await siren.talk.say(KCS_OFFICER, "/undo")
    assert await siren.rows("SELECT * FROM seizure_total") == []
    assert await siren.rows("SELECT * FROM seizure_dim_total") == []
    officer = await siren.talk.text(KCS_OFFICER, "/restore 1 oops")
    assert officer == "Only a coordinator of this operation can do that."
    usage = await siren.talk.text(COORDINATOR, "/restore 1")
    assert usage == "Give a reason for restoring report #1, e.g. /restore 1 voided by mistake"
    done = await siren.talk.text(COORDINATOR, "/restore 1 undone by mistake")
    assert done.startswith("♻️ Report SIREN #1 restored: 2 kg methamphetamine.")
    assert "counts again in the SIREN totals" in done
    totals = await siren.rows("SELECT amount_nano, cases FROM seizure_total WHERE grain = 'd'")
    assert totals == [{"amount_nano": 2000 * 10**9, "cases": 1}]
    again = await siren.talk.text(COORDINATOR, "/restore 1 twice")
    assert again == "Report #1 is not voided, so there is nothing to restore."
    (entry,) = await _audit(siren, "seizure.restore")
    assert entry["actor_id"] == COORDINATOR.id
    assert entry["detail"]["reason"] == "undone by mistake"
    assert entry["detail"]["void_reason"] == "undone by its author"
    assert "restore" in await siren.talk.text(COORDINATOR, "/help")


# -- item 12 and 17: the operation a report goes to --------------------------------------------


async def test_record_again_keeps_the_operation_it_was_written_for(siren: Harness) -> None:
    await _other_operation(siren)
    await _join(siren, ADMIN, KCS_OFFICER, "officer NOR")
    await siren.talk.say(KCS_OFFICER, "/use SIREN")
    await siren.talk.say(KCS_OFFICER, "/seizure 2kg meth at ICN")
    question = await siren.talk.say(KCS_OFFICER, "/seizure 2kg meth at ICN")
    assert "Record it again" in question["text"]
    await siren.talk.say(KCS_OFFICER, "/use TUNDRA")
    chat = FakeChat.private(KCS_OFFICER)
    mark = siren.api.mark()
    again = question["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    siren.api.press_button(KCS_OFFICER, chat, question["message_id"], again)
    edited = await siren.api.wait_for_edit(chat, message_id=question["message_id"], after=mark)
    rows = await siren.rows("SELECT s.id, o.code FROM seizure s JOIN operation o"
                            " ON o.id = s.operation_id ORDER BY s.id")  # fmt: skip
    assert rows == [{"id": 1, "code": "SIREN"}, {"id": 2, "code": "SIREN"}]
    assert edited["text"].startswith("✅ Recorded report SIREN #2 for KCS:")


async def test_revoked_officer_is_told_before_reporting_into_another_operation(
    siren: Harness,
) -> None:
    await _other_operation(siren, "DRILL", exercise=True)
    await _join(siren, ADMIN, TCD_OFFICER, "officer NOR")
    await siren.talk.say(TCD_OFFICER, "/use SIREN")
    await siren.talk.say(COORDINATOR, "/revoke @somchai_tcd")
    told = await siren.talk.text(TCD_OFFICER, "/seizure 300 yaba at BKK")
    assert told == (
        "🧪 EXERCISE · You are no longer a member of SIREN, so nothing was recorded. Your "
        "operation here is now DRILL: send /use DRILL to confirm, then send your message again."
    )
    assert await siren.rows("SELECT * FROM seizure") == []
    nil = await siren.talk.text(TCD_OFFICER, "/nil quiet")
    assert "nothing was recorded" in nil
    assert await siren.rows("SELECT * FROM nil_return") == []
    await siren.talk.say(TCD_OFFICER, "/use DRILL")
    recorded = await siren.talk.text(TCD_OFFICER, "/seizure 300 yaba at BKK")
    assert "Recorded report DRILL #1 for NOR:" in recorded
