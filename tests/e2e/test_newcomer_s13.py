"""What a newcomer found in the sandbox (session 13): amounts converted from pounds shown as the
acknowledgement shows them in every summary and digest, reversed and future ranges, "this week"
in Korean and Thai, an agency code alone, reminders at 8pm, and notes in brackets."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.demo import COORDINATOR, GROUP, KCS_OFFICER, TCD_OFFICER
from tests.e2e.conftest import Harness

SEOUL = ZoneInfo("Asia/Seoul")


async def test_a_pound_reads_as_its_acknowledgement_in_summaries_and_the_digest(
    siren: Harness,
) -> None:
    siren.clock.set(datetime(2026, 12, 1, 10, tzinfo=SEOUL))
    await siren.talk.say(KCS_OFFICER, "/seizure 4.5kg cocaine at ICN", GROUP)
    ack = await siren.talk.text(KCS_OFFICER, "/seizure 1 lb 4 oz cocaine at ICN", GROUP)
    assert "566.99 g cocaine" in ack, ack
    for asked in ("/summary", "/summary today", "/summary by agency"):
        said = await siren.talk.text(COORDINATOR, asked)
        # Before: 'cocaine 5.0669904625 kg', the table's columns pushed out of line.
        assert ["cocaine", "5.06699", "kg", "2"] in [line.split() for line in said.splitlines()]
        assert "9904625" not in said, said
    digest = await siren.talk.text(COORDINATOR, "/digest now")
    # Before: "566.9904625 g cocaine at ICN (#2)" on the report's line, and the long totals.
    assert "KCS — 566.99 g cocaine at ICN (#2)" in digest, digest
    assert "9904625" not in digest, digest


async def test_a_range_written_backwards_is_refused_with_it_the_right_way_round(
    siren: Harness,
) -> None:
    siren.clock.set(datetime(2026, 12, 1, 10, tzinfo=SEOUL))
    # Before: read as 2026-12-01 – 2027-11-28, a year mostly to come, "31 reports" of none.
    said = await siren.talk.text(COORDINATOR, "/summary 1 Dec..28 Nov")
    assert said == (
        "'1 Dec..28 Nov' ends before it starts: write the earlier day first — "
        "e.g. /summary 28 Nov..1 Dec"
    ), said
    right = await siren.talk.text(COORDINATOR, "/summary 28 Nov..1 Dec")
    assert "2026-11-28 – 2026-12-01 (Asia/Seoul)" in right, right
    await siren.talk.say(COORDINATOR, "/language ko")
    korean = await siren.talk.text(COORDINATOR, "/summary 12월 1일부터 11월 28일까지")
    assert korean.startswith("'1 Dec..28 Nov'는 끝나는 날이 시작하는 날보다 앞섭니다."), korean
    assert korean.endswith("예: /summary 28 Nov..1 Dec"), korean
    # Across the new year, a short range still reads forwards.
    siren.clock.set(datetime(2027, 1, 5, 10, tzinfo=SEOUL))
    await siren.talk.say(COORDINATOR, "/language en")
    year_end = await siren.talk.text(COORDINATOR, "/summary 28 Dec..3 Jan")
    assert "2026-12-28 – 2027-01-03 (Asia/Seoul)" in year_end, year_end


async def test_a_range_running_past_today_says_it_is_counted_up_to_today(siren: Harness) -> None:
    siren.clock.set(datetime(2026, 12, 1, 10, tzinfo=SEOUL))
    await siren.talk.say(KCS_OFFICER, "/seizure 2kg meth at ICN", GROUP)
    said = await siren.talk.text(COORDINATOR, "/summary 2026-11-28..2026-12-25")
    lines = said.splitlines()
    # Before: the range's dates alone, as if the days to come had been counted.
    assert lines[1:3] == [
        "2026-11-28 – 2026-12-25 (Asia/Seoul)",
        "Counted up to today, 2026-12-01: the days after it have not come yet.",
    ], said
    past = await siren.talk.text(COORDINATOR, "/summary 2026-11-28..2026-12-01")
    assert "Counted up to today" not in past, past


async def test_this_week_is_monday_to_today_in_every_language(siren: Harness) -> None:
    siren.clock.set(datetime(2026, 12, 1, 10, tzinfo=SEOUL))  # a Tuesday
    await siren.talk.say(KCS_OFFICER, "/seizure 2kg meth at ICN on 2026-11-29", GROUP)  # Sunday
    await siren.talk.say(KCS_OFFICER, "/seizure 1kg meth at ICN", GROUP)
    this_week = await siren.talk.text(COORDINATOR, "/summary this week")
    # Before: the last 7 days, Wednesday to Tuesday, while 'last week' is Monday to Sunday.
    assert this_week.splitlines()[1] == "2026-11-30 – 2026-12-01 (Asia/Seoul)", this_week
    assert ["methamphetamine", "1", "kg", "1"] in [line.split() for line in this_week.splitlines()]
    for words in ("이번 주", "이번주", "금주", "สัปดาห์นี้", "อาทิตย์นี้"):
        assert await siren.talk.text(COORDINATOR, f"/summary {words}") == this_week, words
    week = await siren.talk.text(COORDINATOR, "/summary week")
    assert week.splitlines()[1] == "Last 7 days, 2026-11-25 – 2026-12-01 (Asia/Seoul)", week
    assert ["methamphetamine", "3", "kg", "2"] in [line.split() for line in week.splitlines()]


async def test_an_agency_code_alone_narrows_to_that_agency(siren: Harness) -> None:
    siren.clock.set(datetime(2026, 12, 1, 10, tzinfo=SEOUL))
    await siren.talk.say(KCS_OFFICER, "/seizure 2kg meth at ICN", GROUP)
    await siren.talk.say(TCD_OFFICER, "/seizure 5000 tablets yaba at BKK", GROUP)
    alone = await siren.talk.text(COORDINATOR, "/summary TCD")
    # Before: "Nothing is recorded as 'TCD'".
    assert alone == await siren.talk.text(COORDINATOR, "/summary agency=TCD"), alone
    assert "Only: agency TCD" in alone and "5,000" in alone and "2 kg" not in alone, alone
    assert await siren.talk.text(COORDINATOR, "/summary kcs") == await siren.talk.text(
        COORDINATOR, "/summary agency=KCS"
    )


async def test_a_reminder_at_8pm_is_read_and_shown_in_the_agencies_zones(siren: Harness) -> None:
    siren.clock.set(datetime(2026, 12, 1, 10, tzinfo=SEOUL))
    for n, typed in enumerate(("8pm", "8 pm", "20h")):  # each its own text: not a duplicate
        said = await siren.talk.text(COORDINATOR, f"/remind daily {typed} evening check {n}")
        # Before: "'8pm' is not a time of day: write HH:MM, e.g. 09:00."
        assert said.startswith("Reminder #"), said
        assert "set: daily at 20:00 (Asia/Seoul), next Tue 01 Dec 20:00.\n⏰ evening check" in said
        assert "In the agencies' time zones: 18:00 Asia/Bangkok." in said, said
    late = await siren.talk.text(COORDINATOR, "/remind weekdays 00:10 nil returns please")
    assert "In the agencies' time zones: 22:10 Asia/Bangkok (the day before)." in late, late
    half = await siren.talk.text(COORDINATOR, "/remind tomorrow 8:30 am briefing")
    assert "set: once, Wed 02 Dec 2026 08:30 (Asia/Seoul)." in half, half
    (row,) = await siren.rows("SELECT spec FROM reminder WHERE text = 'briefing'")
    assert row["spec"] == "tomorrow 08:30"


async def test_a_reports_remarks_sit_in_one_bracket_never_one_inside_another(
    siren: Harness,
) -> None:
    nested = re.compile(r"\([^()]*\(")
    await siren.talk.say(KCS_OFFICER, "/language ko")
    korean = await siren.talk.text(KCS_OFFICER, "/seizure suspected 2kg powder at ICN", GROUP)
    # Before: '2 kg "powder" (미분류) (추정(감정 대기))'.
    assert '2 kg "powder" (미분류; 추정·감정 대기)' in korean, korean
    await siren.talk.say(TCD_OFFICER, "/language th")
    thai = await siren.talk.text(TCD_OFFICER, "/seizure suspected 500g ยาไอซ์ at BKK", GROUP)
    # Before: '(ต้องสงสัย (รอผลแล็บ))'.
    assert "(ต้องสงสัย รอผลแล็บ)" in thai, thai
    for said in (korean, thai, await siren.talk.text(KCS_OFFICER, "/mine")):
        assert not [line for line in said.splitlines() if nested.search(line)], said
