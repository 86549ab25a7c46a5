"""What officers type after /summary and /chart, and the one-line answers to mistakes."""

from __future__ import annotations

from datetime import date

import pytest

from bot.domain.catalogue import Catalogue
from bot.domain.summary import (
    DateRange,
    Dimension,
    Period,
    SummaryRefusal,
    SummaryRefused,
)
from bot.parsing.summary import SummaryArgsError, parse_chart_args, parse_summary_args
from bot.render.labels import period_label as describe_period
from bot.render.summary_refusals import summary_refusal

TODAY = date(2026, 11, 22)
find = Catalogue.load().lookup


def parse(text: str):
    return parse_summary_args(text, find_substance=find)


def test_no_arguments_is_the_whole_operation_by_substance():
    request = parse("")
    assert request.period.resolve(TODAY) == DateRange()
    assert request.dimension is None and request.substance is None and request.agency_code is None


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("today", TODAY, TODAY),
        ("yesterday", date(2026, 11, 21), date(2026, 11, 21)),
        ("week", date(2026, 11, 16), TODAY),
        ("2026-11-20", date(2026, 11, 20), date(2026, 11, 20)),
        ("2026-11-01..2026-11-20", date(2026, 11, 1), date(2026, 11, 20)),
        ("2026-11-01…2026-11-20", date(2026, 11, 1), date(2026, 11, 20)),
        ("TODAY", TODAY, TODAY),
    ],
)
def test_periods_are_local_dates(text, first, last):
    assert parse(text).period.resolve(TODAY) == DateRange(first, last)


def test_phase_takes_the_dates_of_the_current_phase():
    phase = DateRange(date(2026, 11, 10), date(2026, 11, 30))
    assert parse("phase").period.resolve(TODAY, phase) == phase
    with pytest.raises(SummaryRefused) as refused:
        parse("phase").period.resolve(TODAY, None)
    assert refused.value.reason is SummaryRefusal.NO_PHASE
    assert summary_refusal(refused.value).startswith("No phase is running now — e.g. /summary all")


def test_everything_together_in_any_order():
    request = parse("by agency crystal meth week agency=tcd")
    assert request.dimension is Dimension.AGENCY
    assert request.substance is not None and request.substance.key == "methamphetamine"
    assert request.agency_code == "TCD"
    assert request.period == Period("week")


@pytest.mark.parametrize("text", ["agency = TCD", "agency TCD", "agency: TCD", "agency:TCD"])
def test_agency_filter_typed_with_spaces(text):
    assert parse(text).agency_code == "TCD"


@pytest.mark.parametrize(
    ("text", "dimension"),
    [("by location", Dimension.LOCATION), ("by transport", Dimension.TRANSPORT),
     ("by day", Dimension.DAY), ("by officer", Dimension.OFFICER), ("by substance", None)],
)  # fmt: skip
def test_dimensions(text, dimension):
    assert parse(text).dimension is dimension


def test_local_names_and_unknown_words():
    assert parse("ยาบ้า").substance.key == "methamphetamine"
    unknown = parse("Blue Powder")
    assert unknown.substance.key == "?blue powder" and unknown.substance.unclassified


@pytest.mark.parametrize(
    ("text", "says"),
    [
        (
            "by",
            "'by' needs a word after it: use agency, location, transport, day, officer, "
            "origin, destination, route, concealment, detection or phase — e.g. /summary",
        ),
        ("by colour", "'colour' is not something to break down by"),
        ("2026-13-01", "'2026-13-01' is not a date; write it as YYYY-MM-DD — e.g. /summary "),
        ("2026-11-20..2026-11-01", "e.g. /summary 2026-11-01..2026-11-20"),
        ("2026-1x", "'2026-1x' is not a period I can read: write a day 2026-11-20, a month"),
        ("2026-13", "'2026-13' is not a month: write it as YYYY-MM — e.g. /summary 2026-11"),
        ("31 Nov", "There is no date 31 Nov: that month has 30 days — e.g. /summary 30 Nov"),
        ("today week", "Give one period only — e.g. /summary week by agency"),
        ("by agency by day", "Give one 'by' only"),
        ("agency=", "agency= needs a code — e.g. /summary agency=TCD"),
    ],
)
def test_mistakes_get_one_line_with_an_example(text, says):
    with pytest.raises(SummaryArgsError) as caught:
        parse(text)
    message = str(caught.value)
    assert says in message
    assert "\n" not in message and "e.g. /summary" in message


@pytest.mark.parametrize(
    ("today", "typed", "days", "example", "read"),
    [
        # Before: "that month has 29 days — e.g. /summary Feb 29", read as 29 Feb 2024.
        (date(2026, 11, 22), "Feb 30", 28, "Feb 28", date(2026, 2, 28)),
        (date(2025, 1, 10), "30 Feb", 29, "29 Feb", date(2024, 2, 29)),
        (date(2028, 2, 10), "Feb 30", 28, "Feb 28", date(2027, 2, 28)),
        (date(2026, 11, 22), "Feb 31", 28, "Feb 28", date(2026, 2, 28)),
    ],
)
def test_a_day_the_month_lacks_is_answered_with_a_day_of_the_year_it_is_read_in(
    today, typed, days, example, read
):
    with pytest.raises(SummaryArgsError) as caught:
        parse_summary_args(typed, find_substance=find, today=today)
    assert f"that month has {days} days — e.g. /summary {example}" in str(caught.value)
    period = parse_summary_args(example, find_substance=find, today=today).period
    assert period.resolve(today) == DateRange(read, read)


def test_29_february_without_a_year_is_the_latest_one():
    period = parse_summary_args("Feb 29", find_substance=find, today=TODAY).period
    assert period.resolve(TODAY) == DateRange(date(2024, 2, 29), date(2024, 2, 29))


def test_chart_is_over_time_or_by_agency_only():
    assert parse_chart_args("week by agency").dimension is Dimension.AGENCY
    # The charts there are, and where the figures by officer are.
    with pytest.raises(
        SummaryArgsError, match=r"\(/chart week by agency\).*e\.g\. /summary week by officer"
    ):
        parse_chart_args("by officer")
    with pytest.raises(SummaryArgsError, match=r"e\.g\. /chart 2026-02-28"):
        parse_chart_args("2026-02-30")


def test_period_headings():
    week = DateRange(date(2026, 11, 16), TODAY)
    assert describe_period(Period("week"), week) == "Last 7 days, 2026-11-16 – 2026-11-22"
    assert describe_period(Period("today"), DateRange(TODAY, TODAY)) == "Today, 2026-11-22"
    assert describe_period(Period("phase"), week, "Operational") == (
        "Phase Operational, 2026-11-16 – 2026-11-22"
    )
    assert describe_period(Period("all"), DateRange()) == "Whole operation"


MONDAY = date(2026, 11, 30)


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("last week", date(2026, 11, 23), date(2026, 11, 29)),
        ("Last Week by agency", date(2026, 11, 23), date(2026, 11, 29)),
        ("지난주", date(2026, 11, 23), date(2026, 11, 29)),
        ("지난 주", date(2026, 11, 23), date(2026, 11, 29)),
        ("สัปดาห์ที่แล้ว", date(2026, 11, 23), date(2026, 11, 29)),
        ("last month", date(2026, 10, 1), date(2026, 10, 31)),
        ("지난달", date(2026, 10, 1), date(2026, 10, 31)),
        ("เดือนที่แล้ว", date(2026, 10, 1), date(2026, 10, 31)),
    ],
)
def test_last_week_and_last_month_are_the_previous_calendar_ones(text, first, last):
    period = parse_summary_args(text, find_substance=find, today=MONDAY).period
    assert period.resolve(MONDAY) == DateRange(first, last)
    # On a Sunday, last week is still the one before this week's Monday; in January, December.
    sunday = parse_summary_args(text, today=date(2026, 11, 29)).period
    january = parse_summary_args(text, today=date(2027, 1, 3)).period
    if "month" in text or "달" in text or "เดือน" in text:
        assert (sunday.first, sunday.last) == (date(2026, 10, 1), date(2026, 10, 31))
        assert (january.first, january.last) == (date(2026, 12, 1), date(2026, 12, 31))
    else:
        assert (sunday.first, sunday.last) == (date(2026, 11, 16), date(2026, 11, 22))
        assert (january.first, january.last) == (date(2026, 12, 21), date(2026, 12, 27))


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("2026-11-24 .. 2026-11-30", date(2026, 11, 24), date(2026, 11, 30)),
        ("2026-11-24 - 2026-11-30", date(2026, 11, 24), date(2026, 11, 30)),
        ("2026-11-24 – 2026-11-30", date(2026, 11, 24), date(2026, 11, 30)),
        ("from 2026-11-24 to 2026-11-30", date(2026, 11, 24), date(2026, 11, 30)),
        ("2569-11-24..2569-11-30", date(2026, 11, 24), date(2026, 11, 30)),
        ("28 Nov..1 Dec", date(2026, 11, 28), date(2026, 12, 1)),
        ("28 Nov - 1 Dec", date(2026, 11, 28), date(2026, 12, 1)),
        ("Nov 28 to Dec 1", date(2026, 11, 28), date(2026, 12, 1)),
        ("28 Dec..3 Jan", date(2025, 12, 28), date(2026, 1, 3)),
        ("1 Dec 2025 - 5 Dec", date(2025, 12, 1), date(2025, 12, 5)),
        ("28 Nov - 1 Dec 2026", date(2026, 11, 28), date(2026, 12, 1)),
    ],
)
def test_a_range_is_read_however_it_is_written(text, first, last):
    request = parse_summary_args(f"{text} by agency meth", find_substance=find, today=MONDAY)
    assert (request.period.kind, request.period.first, request.period.last) == (
        "range",
        first,
        last,
    )
    assert request.dimension is Dimension.AGENCY and request.substance is not None


@pytest.mark.parametrize(
    "text",
    ["28 Nov..1 Dex", "28 Nov..1", "28 Nov - 31 Nov", "28 Nov - 32 Dec", "1 Jan 1999..2 Jan"],
)
def test_a_range_that_cannot_be_read_is_echoed_whole(text):
    with pytest.raises(SummaryArgsError) as refused:
        parse_summary_args(text, find_substance=find, today=MONDAY)
    assert str(refused.value) == (
        f"'{text}' is not a range I can read: write two dates, as 2026-11-01..2026-11-20 or "
        "28 Nov..1 Dec — e.g. /summary 2026-11-24..2026-11-30"
    )
    # The example is itself a range that is read.
    assert parse_summary_args("2026-11-24..2026-11-30", today=MONDAY).period.kind == "range"


def test_an_iso_end_that_is_no_date_is_named_alone_as_before():
    with pytest.raises(SummaryArgsError, match=r"^'2026-13-01' is not a date; write it as"):
        parse_summary_args("2026-11-24 .. 2026-13-01", today=MONDAY)


def test_a_dash_between_words_that_are_not_dates_is_no_range():
    request = parse_summary_args("week crystal - meth", find_substance=find, today=MONDAY)
    assert request.period == Period("week")
