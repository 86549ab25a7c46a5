"""/mine asked in a group: the list goes to the officer in private, a pointer to the group."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.demo import ADMIN, COORDINATOR, GROUP, KCS_OFFICER
from bot.domain.unit import Role
from fakegram.types import FakeChat, FakeUser
from storage import invites as invite_store
from tests.e2e.conftest import Harness


async def test_mine_in_a_group_is_answered_in_private(siren: Harness) -> None:
    await siren.talk.say(KCS_OFFICER, "/seizure 2kg meth at ICN", GROUP)
    group = siren.api.cursor(GROUP)
    private = siren.api.cursor(FakeChat.private(KCS_OFFICER))
    await siren.talk.say(KCS_OFFICER, "/mine", GROUP)
    listed = str((await private.next()).get("text"))
    assert listed.startswith("Your recent reports") and "#1" in listed
    assert "2 kg methamphetamine" in listed
    # Before: the officer's reports were listed in the group, for everyone there to read.
    pointer = str((await group.next()).get("text"))
    assert pointer == "I sent it to you in our private chat."


async def test_mine_in_a_group_without_a_private_chat_says_how_to_open_one(
    siren: Harness,
) -> None:
    newcomer = FakeUser(1300, "Mina", "Lee", username="mina")
    await siren.talk.say(newcomer, "/help", GROUP)  # known to the bot, never in private
    (op,) = await siren.rows("SELECT id FROM operation WHERE code = 'SIREN'")
    (kcs,) = await siren.rows("SELECT id FROM agency WHERE code = 'KCS'")
    invite = await invite_store.create_invite(
        siren.db, operation_id=int(op["id"]), role=Role.OFFICER, agency_id=int(kcs["id"]),
        actor_id=ADMIN.id, now=siren.clock.now(), valid_for=timedelta(days=1),
    )  # fmt: skip
    await invite_store.redeem_invite(
        siren.db, code=invite.code, user_id=newcomer.id, now=siren.clock.now()
    )
    await siren.talk.say(newcomer, "/seizure 1kg cocaine at PUS", GROUP)
    said = await siren.talk.text(newcomer, "/mine", GROUP)
    assert said == (
        "/mine is answered only in private, and I cannot write to you there yet. "
        "Open https://t.me/OcuBot, press Start, then send /mine again."
    )
    assert "cocaine" not in said


@pytest.mark.parametrize(
    ("who", "command"),
    [(KCS_OFFICER, "mine"), (COORDINATOR, "debrief"), (COORDINATOR, "export")],
)
async def test_a_private_chat_telegram_does_not_know_is_answered_like_a_blocked_one(
    siren: Harness, who: FakeUser, command: str
) -> None:
    """Before: Telegram's "chat not found" was a fault on our side, with a traceback."""
    await siren.talk.say(KCS_OFFICER, "/seizure 2kg meth at ICN", GROUP)
    siren.api.forget_chat(who.id)  # e.g. they deleted the chat; Telegram answers 400
    said = await siren.talk.text(who, f"/{command}", GROUP)
    assert said == (
        f"/{command} is answered only in private, and I cannot write to you there yet. "
        f"Open https://t.me/OcuBot, press Start, then send /{command} again."
    )


async def test_mine_says_how_many_and_pages_through_the_older_ones(siren: Harness) -> None:
    """A newcomer's review (session 16): with 25 reports /mine showed #25-#16 with no word of
    the other 15, and '/mine 2' or '/mine all' were ignored without a word."""
    private = FakeChat.private(KCS_OFFICER)
    for n in range(1, 26):
        await siren.talk.say(KCS_OFFICER, f"/seizure {n}g meth at ICN", private)
    first = await siren.talk.text(KCS_OFFICER, "/mine", private)
    assert first.startswith("Your reports, newest first: page 1 of 3"), first
    assert "#25 " in first and "#16 " in first and "#15 " not in first, first
    assert first.endswith("10 of your 25 reports shown; older: /mine 2"), first
    last = await siren.talk.text(KCS_OFFICER, "/mine 3", private)
    assert "#5 " in last and "#1 " in last and "#6 " not in last, last
    assert "older:" not in last, last
    assert (await siren.talk.text(KCS_OFFICER, "/mine 4", private)).startswith(
        "You have 25 reports: page 4 is past the last, 3."
    )
    wrong = await siren.talk.text(KCS_OFFICER, "/mine all", private)
    assert "e.g. /mine 2" in wrong and "all" in wrong, wrong


async def test_one_report_past_its_page_is_said_in_the_singular(siren: Harness) -> None:
    # Session 18 (newcomer, round 4): "You have 1 reports: page 2 is past the last, 1."
    private = FakeChat.private(KCS_OFFICER)
    await siren.talk.say(KCS_OFFICER, "/seizure 1kg meth at ICN", private)
    said = await siren.talk.text(KCS_OFFICER, "/mine 2", private)
    assert said.startswith("You have 1 report: page 2 is past the last, 1."), said


async def test_a_coordinators_mine_points_to_the_operations_reports(siren: Harness) -> None:
    # Session 18 (newcomer, round 4): /help lists /mine to a coordinator, whose /mine said how
    # to report from another account and not where the reports are.
    said = await siren.talk.text(COORDINATOR, "/mine", FakeChat.private(COORDINATOR))
    assert said.endswith("The operation's reports: /reports."), said
    listed = await siren.talk.text(COORDINATOR, "/reports", FakeChat.private(COORDINATOR))
    assert "SIREN" in listed, listed
