"""Review round 13, fourth newcomer: /summary with an agency, a substance and 'last N days'
in any order (before: "'methamphetamine last 7 days' is not a period")."""

from __future__ import annotations

from bot.demo import COORDINATOR, KCS_OFFICER
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


async def test_a_korean_summary_names_methamphetamine_on_its_figures_line(
    siren: harness.Harness,
) -> None:
    kcs = FakeChat.private(KCS_OFFICER)
    for report in ("/seizure 15kg meth at ICN", "/seizure 2kg heroin at ICN"):
        await siren.talk.text(KCS_OFFICER, report, kcs)
    await siren.talk.text(COORDINATOR, "/language ko", KIM)
    said = await siren.talk.text(COORDINATOR, "/summary today", KIM)
    # Before: '필로폰(메트암페타민)' on a line of its own, wrapping on phones, its figures below.
    table = said.split("품목", 1)[1].splitlines()[1:3]
    assert table == ["헤로인   2 kg    1", "필로폰  15 kg    1"], said
