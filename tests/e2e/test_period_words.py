"""A phase's name alone, a month's name alone, 'this month' in Korean and Thai, and /chart's
breakdowns other than over time: what a newcomer coordinator types, and what they read."""

from __future__ import annotations

from bot.demo import COORDINATOR, GROUP, KCS_OFFICER, TCD_OFFICER
from tests.e2e.conftest import Harness


async def _reports(h: Harness) -> None:
    await h.talk.say(KCS_OFFICER, "/seizure 2kg meth at ICN from Thailand", GROUP)
    await h.talk.say(TCD_OFFICER, "/seizure 500g cocaine in suitcase", GROUP)


async def test_a_phase_or_month_named_alone_is_read_as_that_period(siren: Harness) -> None:
    await _reports(siren)
    await siren.talk.text(COORDINATOR, "/phase add preparation 2026-11-15 2026-11-25")
    # Before: "Nothing is recorded as 'preparation'", as if a substance.
    for typed in ("preparation", "Preparation"):
        phase = await siren.talk.text(COORDINATOR, f"/summary {typed}")
        assert "Phase preparation" in phase and "methamphetamine" in phase, phase
        assert "Nothing is recorded" not in phase, phase
    month = await siren.talk.text(COORDINATOR, "/summary November")
    assert "2026-11-01 – 2026-11-30" in month and "cocaine" in month, month
    for typed in ("이번 달", "이번달", "เดือนนี้"):
        this = await siren.talk.text(COORDINATOR, f"/summary {typed}")
        assert "This month so far, 2026-11-01 – 2026-11-20" in this, (typed, this)
        assert "methamphetamine" in this, (typed, this)


async def test_a_chart_by_another_breakdown_points_to_summary(siren: Harness) -> None:
    await _reports(siren)
    for dimension in ("origin", "concealment"):
        said = await siren.talk.text(COORDINATOR, f"/chart by {dimension}")
        assert "/chart draws seizures over time (/chart week) or by agency" in said, said
        assert f"e.g. /summary week by {dimension}" in said, said
        # The example given works.
        figures = await siren.talk.text(COORDINATOR, f"/summary week by {dimension}")
        assert "methamphetamine" in figures and "/chart" not in figures, figures


async def test_help_summary_lists_every_period_form(siren: Harness) -> None:
    shown = await siren.talk.text(COORDINATOR, "/help summary")
    for form in ("phase NAME", "/summary 2026-11", "/summary 20 Nov", "2026-11-01..2026-11-20"):
        assert form in shown, (form, shown)
