"""/invite asked in the group by a coordinator the bot cannot write to in private.

Found by an adversarial review: the invite was made, its one-time code never reached anyone, and
the coordinator, told to press Start and send /invite again, made a second; the first stayed open
for 72 hours. Nothing is half-done: the unseen invite is revoked.
"""

from __future__ import annotations

from bot.demo import COORDINATOR, GROUP
from fakegram.types import FakeChat
from tests.e2e.conftest import Harness


async def test_an_invite_that_cannot_be_sent_in_private_is_not_left_open(siren: Harness) -> None:
    siren.api.block(FakeChat.private(COORDINATOR).id)
    said = await siren.talk.text(COORDINATOR, "/invite officer KCS", GROUP)
    assert "I cannot write to you there yet" in said, said
    siren.api.unblock(FakeChat.private(COORDINATOR).id)
    listed = await siren.talk.text(COORDINATOR, "/invites")
    assert listed.startswith("No open invites in SIREN"), listed
    opened = await siren.rows(
        "SELECT count(*) AS n FROM invite WHERE revoked_at IS NULL AND uses < max_uses"
    )
    assert opened == [{"n": 0}], opened
