"""Review findings of session 16 (adversarial and newcomer), each as the person sees it."""

from __future__ import annotations

from bot.demo import COORDINATOR
from tests.e2e.conftest import Harness


async def test_revoking_an_invite_by_a_huge_number_is_answered_as_a_negative_one_is(
    siren: Harness,
) -> None:
    negative = await siren.talk.text(COORDINATOR, "/invites revoke -1")
    huge = await siren.talk.text(COORDINATOR, "/invites revoke 99999999999999999999999")
    assert huge == negative.replace("-1", "99999999999999999999999"), huge
    assert "e.g. /invites revoke 2" in huge, huge


async def test_a_workshop_hint_with_a_superscript_number_is_answered(siren: Harness) -> None:
    said = await siren.talk.text(COORDINATOR, "/invite workshop ²")
    assert "fault" not in said, said
    assert "30" in said, said
