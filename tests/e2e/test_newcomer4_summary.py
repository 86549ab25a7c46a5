"""Review round 13, fourth newcomer: /summary with an agency, a substance and 'last N days'
in any order (before: "'methamphetamine last 7 days' is not a period")."""

from __future__ import annotations

from bot.demo import COORDINATOR
from fakegram.types import FakeChat
from tests.e2e import conftest as harness

KIM = FakeChat.private(COORDINATOR)


async def test_agency_substance_and_the_last_days_are_read_in_any_order(
    siren: harness.Harness,
) -> None:
    said = await siren.talk.text(COORDINATOR, "/summary tcd methamphetamine last 7 days", KIM)
    assert "2026-11-14 – 2026-11-20 (Asia/Seoul)" in said, said
    assert "Only: methamphetamine, agency TCD" in said, said
    await siren.talk.text(COORDINATOR, "/language ko", KIM)
    said = await siren.talk.text(COORDINATOR, "/summary 최근 30일 필로폰 TCD", KIM)
    assert "2026. 10. 22. – 2026. 11. 20. (Asia/Seoul)" in said, said
    assert "조건: 필로폰(메트암페타민), 기관 TCD" in said, said
