"""Periods as a newcomer types them (/summary phase NAME, month, 20 Nov, 2026-11), /export's
extra words, concealment headings, and 'via' a transit point: what the person reads."""

from __future__ import annotations

from bot.demo import COORDINATOR, GROUP, KCS_OFFICER, TCD_OFFICER
from fakegram.types import FakeChat
from tests.e2e.conftest import Harness
from tests.e2e.test_summary_answers import chart_caption


async def _reports(h: Harness) -> None:
    await h.talk.say(KCS_OFFICER, "/seizure 2kg meth at ICN in Suitcase", GROUP)
    await h.talk.say(TCD_OFFICER, "/seizure 500g cocaine in suitcase", GROUP)


async def test_summary_reads_a_named_phase_a_month_and_a_day_with_a_month_name(
    siren: Harness,
) -> None:
    await _reports(siren)
    added = await siren.talk.text(COORDINATOR, "/phase add operational 2026-11-15 2026-11-30")
    assert "operational" in added, added
    # Before: each of these was read as a substance nobody recorded, or refused.
    named = await siren.talk.text(COORDINATOR, "/summary phase Operational by agency")
    assert "Phase operational" in named and "methamphetamine" in named, named
    month = await siren.talk.text(COORDINATOR, "/summary month")
    assert "This month so far, 2026-11-01 – 2026-11-20" in month, month
    assert "methamphetamine" in month, month
    for typed in ("20 Nov", "20 November", "Nov 20"):
        day = await siren.talk.text(COORDINATOR, f"/summary {typed}")
        assert "2026-11-20" in day and "methamphetamine" in day, (typed, day)
        assert "not a period" not in day and "Nothing is recorded" not in day, (typed, day)
    year_month = await siren.talk.text(COORDINATOR, "/summary 2026-11")
    assert "2026-11-01 – 2026-11-30" in year_month and "cocaine" in year_month, year_month


async def test_a_period_not_understood_names_the_forms_and_its_examples_work(
    siren: Harness,
) -> None:
    await _reports(siren)
    await siren.talk.text(COORDINATOR, "/phase add operational 2026-11-15 2026-11-30")
    unknown = await siren.talk.text(COORDINATOR, "/summary phase ops")
    assert "No phase is named 'ops' (phases: operational) — e.g. /summary phase operational" in (
        unknown
    ), unknown
    missing = await siren.talk.text(COORDINATOR, "/summary 31 Nov")
    assert "There is no date 31 Nov: that month has 30 days — e.g. /summary 30 Nov" in missing
    iso = await siren.talk.text(COORDINATOR, "/summary 2026-02-30")
    assert "There is no date 2026-02-30: that month has 28 days — e.g. /summary 2026-02-28" in iso
    typo = await siren.talk.text(COORDINATOR, "/summary 20 Novv")
    assert "'20 Novv' is not a period I can read." in typo, typo
    assert "month (this month so far)" in typo and "phase NAME" in typo, typo
    for example in (
        "/summary phase operational",
        "/summary 30 Nov",
        "/summary 2026-02-28",
        "/summary 20 Nov",
        "/summary 2026-11",
        "/summary 2026-11-01..2026-11-20",
    ):
        worked = await siren.talk.text(COORDINATOR, example)
        assert "Summary · SIREN" in worked, (example, worked)


async def test_export_with_a_period_says_it_exports_the_whole_operation(siren: Harness) -> None:
    await _reports(siren)
    private = FakeChat.private(COORDINATOR)
    week = await siren.talk.text(COORDINATOR, "/export csv week", private)
    # Before: "Export as csv or xlsx." for words that were csv and a period.
    assert "/export always sends the whole operation" in week, week
    assert "Type /export csv — or, for the totals of week, /summary week" in week, week
    other = await siren.talk.text(COORDINATOR, "/export xlsx please", private)
    assert "'please' is not something it reads. Type /export csv or /export xlsx" in other


async def test_concealment_groups_are_headed_as_they_are_grouped(siren: Harness) -> None:
    await _reports(siren)
    text = await siren.talk.text(COORDINATOR, "/summary by concealment")
    # One group, shown as grouped, in lower case: a capital (session 13's 'Suitcase') was
    # given to Latin words only, never to 스피커 or กล่องพัสดุ (session 14: one rule).
    assert "Suitcase" not in text and text.count("suitcase") == 1, text


async def test_via_a_transit_point_is_kept_in_the_note_not_as_a_transport(
    siren: Harness,
) -> None:
    reply = await siren.talk.text(KCS_OFFICER, "/seizure 2kg meth via BKK", GROUP)
    assert "via BKK" in reply, reply
    rows = await siren.rows("SELECT transport, note FROM seizure")
    assert [(r["transport"], r["note"]) for r in rows] == [(None, "via BKK")]
    assert "Other" not in reply and "other" not in reply, reply  # before: transport "other"


async def test_a_chart_of_a_named_phase_or_this_month_says_so(siren: Harness) -> None:
    await _reports(siren)
    await siren.talk.text(COORDINATOR, "/phase add operational 2026-11-15 2026-11-30")
    for asked, words in (
        ("/chart phase operational", "SIREN · phase operational — /summary"),
        ("/chart month", "SIREN · this month so far — /summary"),
        ("/chart 20 Nov", "SIREN · 2026-11-20 — /summary"),
    ):
        caption = await chart_caption(siren, asked)
        assert words in caption, caption
