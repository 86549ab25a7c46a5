"""Review findings of session 16 (adversarial and newcomer), each as the person sees it."""

from __future__ import annotations

from bot.demo import COORDINATOR, GROUP, KCS_OFFICER, TCD_OFFICER
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


async def _two_reports(siren: Harness) -> None:
    await siren.talk.say(KCS_OFFICER, "/seizure 2kg meth at ICN", GROUP)
    await siren.talk.say(KCS_OFFICER, "/seizure 3kg heroin at ICN", GROUP)


async def _voided(siren: Harness) -> list[dict[str, object]]:
    return await siren.rows("SELECT number FROM seizure WHERE voided_at IS NOT NULL")


async def test_undo_with_a_number_voids_nothing_and_says_how_to_void_that_one(
    siren: Harness,
) -> None:
    await _two_reports(siren)
    said = await siren.talk.text(KCS_OFFICER, "/undo 1", GROUP)
    assert said == (
        "/undo takes back your latest report (#2); it takes no number. "
        "To void your report #1, give a reason: /void 1 REASON"
    ), said
    said = await siren.talk.text(KCS_OFFICER, "/undo 99999999999999999999999", GROUP)
    assert said.startswith("/undo takes back your latest report (#2); it takes no number. "), said
    assert "There is no report #99999999999999999999999" in said, said
    said = await siren.talk.text(KCS_OFFICER, "/undo 2", GROUP)
    assert said.endswith("To take it back, send /undo alone."), said
    assert await _voided(siren) == []


async def test_undo_with_another_officers_number_points_to_a_coordinator(siren: Harness) -> None:
    await _two_reports(siren)
    await siren.talk.say(TCD_OFFICER, "/seizure 1kg ketamine at BKK", GROUP)
    said = await siren.talk.text(TCD_OFFICER, "/undo 1", GROUP)
    assert said == (
        "/undo takes back your latest report (#3); it takes no number. "
        "Report #1 is not yours: to have it voided, ask a coordinator (/void 1 REASON)."
    ), said
    assert await _voided(siren) == []
    # Alone, it still takes back the latest.
    assert "voided" in await siren.talk.text(KCS_OFFICER, "/undo", GROUP)
    assert await _voided(siren) == [{"number": 2}]
