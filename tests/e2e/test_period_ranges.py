"""Periods as a newcomer writes them: last week, last month, ranges with spaces, dashes or
'from A to B', day-month ends; and a day without a year that lands almost a year back."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.demo import COORDINATOR, GROUP, KCS_OFFICER
from tests.e2e.asking import record_it
from tests.e2e.conftest import Harness

SEOUL = ZoneInfo("Asia/Seoul")


async def _reports(h: Harness) -> None:
    # Monday 30 Nov 2026: one report last week, one last month (October), one today.
    h.clock.set(datetime(2026, 11, 30, 10, tzinfo=SEOUL))
    await h.talk.say(KCS_OFFICER, "/seizure 2kg meth at ICN on 2026-11-25", GROUP)
    # Before SIREN began (20 Nov): asked about first (session 14), recorded as typed.
    asked = await h.talk.say(KCS_OFFICER, "/seizure 300g cocaine at ICN on 2026-10-20", GROUP)
    await record_it(h, KCS_OFFICER, GROUP, asked)
    await h.talk.say(KCS_OFFICER, "/seizure 5kg cannabis at ICN", GROUP)


async def test_last_week_and_last_month_are_the_previous_calendar_ones(siren: Harness) -> None:
    await _reports(siren)
    week = await siren.talk.text(COORDINATOR, "/summary last week")
    # Before: "Nothing is recorded as 'last' — e.g. /summary today…".
    assert "Nothing is recorded" not in week, week
    assert "2026-11-23 – 2026-11-29" in week, week
    assert "methamphetamine" in week and "cannabis" not in week and "cocaine" not in week
    month = await siren.talk.text(COORDINATOR, "/summary last month")
    assert "2026-10-01 – 2026-10-31" in month, month
    assert "cocaine" in month and "methamphetamine" not in month
    assert "2026-11-23 – 2026-11-29" in await siren.talk.text(COORDINATOR, "/summary 지난주")
    assert "2026-10-01 – 2026-10-31" in await siren.talk.text(COORDINATOR, "/summary เดือนที่แล้ว")


async def test_a_range_is_read_however_it_is_written(siren: Harness) -> None:
    await _reports(siren)
    for typed in (
        "2026-11-24 .. 2026-11-30",
        "2026-11-24 - 2026-11-30",
        "from 2026-11-24 to 2026-11-30",
        "24 Nov..30 Nov",
        "24 Nov - 30 Nov",
        "Nov 24 - Nov 30 2026",
    ):
        said = await siren.talk.text(COORDINATOR, f"/summary {typed}")
        # Before: "Give one period only — e.g. /summary week by agency".
        assert "2026-11-24 – 2026-11-30" in said, (typed, said)
        assert "methamphetamine" in said and "cannabis" in said and "cocaine" not in said
    # A range into the next month, its end without a year, is read forward, not a year back.
    said = await siren.talk.text(COORDINATOR, "/summary 28 Nov..1 Dec")
    assert "2026-11-28 – 2026-12-01" in said, said
    said = await siren.talk.text(COORDINATOR, "/summary 28 Nov - 1 Dec by agency")
    assert "2026-11-28 – 2026-12-01" in said and "KCS" in said, said


async def test_a_range_that_cannot_be_read_is_echoed_whole_with_one_that_can(
    siren: Harness,
) -> None:
    siren.clock.set(datetime(2026, 11, 30, 10, tzinfo=SEOUL))
    said = await siren.talk.text(COORDINATOR, "/summary 28 Nov..1 Dex")
    # Before: "'28 Nov..1' is not a period I can read", half of what was typed.
    assert said.startswith("'28 Nov..1 Dex' is not a range I can read"), said
    assert said.endswith("e.g. /summary 2026-11-24..2026-11-30"), said
    example = said.rsplit("e.g. ", 1)[1]
    assert "2026-11-24 – 2026-11-30" in await siren.talk.text(COORDINATOR, example)
    said = await siren.talk.text(COORDINATOR, "/chart 28 Nov - 31 Nov")
    assert said.startswith("'28 Nov - 31 Nov' is not a range I can read"), said
    assert said.endswith("e.g. /chart 2026-11-24..2026-11-30"), said


async def test_help_summary_usage_names_every_period_word(siren: Harness) -> None:
    usage = next(
        line
        for line in (await siren.talk.text(COORDINATOR, "/help summary")).splitlines()
        if line.startswith("Usage: ")
    )
    # Before: "[today|yesterday|week|phase|all|DATE|FROM..TO]", no month nor phase NAME.
    for word in ("|month|", "|phase NAME|", "|last week|", "|last month|"):
        assert word in usage, (word, usage)


async def test_a_day_without_a_year_read_almost_a_year_back_is_said(siren: Harness) -> None:
    siren.clock.set(datetime(2026, 11, 30, 10, tzinfo=SEOUL))
    asked = await siren.talk.say(KCS_OFFICER, "/s 800g ice at BKK on 1 Dec", GROUP)
    # Before: recorded as 2025-12-01 with only "date: 2025-12-01" to show it; now asked first.
    assert "before SIREN began" in asked["text"], asked
    said = await record_it(siren, KCS_OFFICER, GROUP, asked)
    assert said.startswith("✅ Recorded report"), said
    # Before SIREN began, too (tests/e2e/test_report_dates.py): said plainly as well.
    assert (
        "1 Dec was read as 2025-12-01, almost a year ago and before SIREN began on 2026-11-20: "
        "edit your message with the day it happened"
    ) in said, said
    row = (await siren.rows("SELECT occurred_on FROM seizure"))[0]
    assert row["occurred_on"] == "2025-12-01"
    # Written with its year, or a recent day without one, nothing more is said.
    # (With its year, before SIREN began, it is asked about first: session 14.)
    asked = await siren.talk.say(KCS_OFFICER, "/s 800g ice at BKK on 1 Dec 2025", GROUP)
    assert asked["text"].startswith("⚠️ The report is dated 2025-12-01, before SIREN"), asked
    said = await record_it(siren, KCS_OFFICER, GROUP, asked)
    assert said.startswith("✅ Recorded report") and "was read as" not in said, said
    said = await siren.talk.text(KCS_OFFICER, "/s 800g ice at BKK on 20 Nov", GROUP)
    assert said.startswith("✅ Recorded report") and "was read as" not in said, said
