"""/revoke with a member's name instead of their @username or id (newcomer review, session
17): '/revoke Somchai' said "Somchai is not a member of this operation" of a member."""

from __future__ import annotations

from bot.demo import COORDINATOR, GROUP, TCD_OFFICER
from fakegram.types import FakeChat
from tests.e2e.conftest import Harness

KIM = FakeChat.private(COORDINATOR)
NAME = f"{TCD_OFFICER.first_name} {TCD_OFFICER.last_name}"
NEUTRAL = (
    "No member has the username or id {who}: /revoke takes a @username or an id, as /members"
    " lists them."
)


async def test_a_members_name_is_answered_with_the_command_that_revokes_them(
    siren: Harness,
) -> None:
    said = await siren.talk.text(COORDINATOR, "/revoke Somchai", KIM)
    handle = f"@{TCD_OFFICER.username}" if TCD_OFFICER.username else str(TCD_OFFICER.id)
    assert said == (
        f"No member has the username or id Somchai. Members of that name: {NAME}: /revoke {handle}"
    ), said
    assert await siren.rows("SELECT user_id FROM membership WHERE revoked_at IS NOT NULL") == []
    done = await siren.talk.text(COORDINATOR, f"/revoke {handle}", KIM)
    assert done == f"{NAME} is no longer a member. Their reports stay.", done
    nobody = await siren.talk.text(COORDINATOR, "/revoke Zed", KIM)
    assert nobody == NEUTRAL.format(who="Zed"), nobody


async def test_in_a_group_no_member_is_named_nor_the_asker_anywhere(siren: Harness) -> None:
    # Adversary review, round 2: in the group the suggestion showed a member's @handle (or user
    # id) to everyone there; and '/revoke Kim' suggested the coordinator revoke themselves.
    # Round 3: and never says a member is none ("Somchai is not a member of this operation").
    said = await siren.talk.text(COORDINATOR, "/revoke Somchai", GROUP)
    assert said.endswith(NEUTRAL.format(who="Somchai")), said
    mine = await siren.talk.text(COORDINATOR, f"/revoke {COORDINATOR.first_name}", KIM)
    assert mine == NEUTRAL.format(who=COORDINATOR.first_name), mine
