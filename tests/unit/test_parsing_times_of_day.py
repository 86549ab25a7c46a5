"""A time of day and "N days ago" are never amounts (review round 2): the time stays in the
note, "2 days ago" is the date two days back, a lone day number ("on 5") is an incomplete date,
and no refusal's example adds an amount the officer did not write."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from bot.domain.catalogue import Catalogue
from bot.parsing import ParseError, SeizureReport, parse_seizure

TODAY = date(2026, 11, 25)
CATALOGUE = Catalogue.load()


def parse(text: str) -> SeizureReport:
    return parse_seizure(text, catalogue=CATALOGUE, today=TODAY)


def refusal(text: str) -> ParseError:
    with pytest.raises(ParseError) as refused:
        parse(text)
    return refused.value


def items(report: SeizureReport) -> list[tuple[str | None, Decimal, str]]:
    return [(item.substance, item.amount, item.unit) for item in report.items]


METH = [("methamphetamine", Decimal(2000), "g")]
TIMES = [
    "เวลา 14.00 น.",
    "14.00 น.",
    "14.00น.",
    "เวลา 14.00",
    "14:00",
    "14h",
    "14h30",
    "1400 hrs",
    "14.30 hrs",
    "2pm",
    "2 pm",
    "2 p.m.",
    "14시",
    "오후 2시",
    "오후 2시 30분",
    "at 14.00",
]


@pytest.mark.parametrize("time", TIMES)
def test_a_time_of_day_is_kept_in_the_note_and_the_report_recorded(time: str) -> None:
    # Before: "No unit for 14.00 น ... e.g. ... เวลา 14.00 kg น." (14 kg more if copied).
    report = parse(f"/seizure 2kg meth {time}")
    assert items(report) == METH
    assert report.note == time


def test_the_adversarys_thai_report_is_recorded_with_its_time_in_the_note() -> None:
    report = parse("/seizure 2kg meth ที่ สุวรรณภูมิ เวลา 14.00 น.")
    assert items(report) == METH
    assert report.note is not None and report.note.endswith("เวลา 14.00 น.")


@pytest.mark.parametrize("time", ["14:00", "14시", "2pm", "14.00 น."])
def test_a_place_ends_before_a_time_of_day(time: str) -> None:
    report = parse(f"/seizure 2kg meth at ICN {time}")
    assert (report.location, report.note) == ("ICN", time)


@pytest.mark.parametrize(
    ("words", "day"),
    [
        ("2 days ago", date(2026, 11, 23)),
        ("1 day ago", date(2026, 11, 24)),
        ("เมื่อ 2 วันก่อน", date(2026, 11, 23)),
        ("2 วันก่อน", date(2026, 11, 23)),
        ("2วันก่อน", date(2026, 11, 23)),
        ("3 วันที่แล้ว", date(2026, 11, 22)),
        ("2일 전", date(2026, 11, 23)),
        ("2일전", date(2026, 11, 23)),
    ],
)
def test_n_days_ago_is_the_day_n_days_before_today(words: str, day: date) -> None:
    # Before: "No unit for 2 days ago ... e.g. /seizure 2kg meth 2 kg days ago".
    report = parse(f"/seizure 2kg meth {words}")
    assert (items(report), report.occurred_on, report.note) == (METH, day, None)


def test_a_place_ends_before_a_relative_date() -> None:
    # Before: location "ICN 2 days ago", no date.
    report = parse("/seizure 2kg meth at ICN 2 days ago")
    assert (report.location, report.occurred_on) == ("ICN", date(2026, 11, 23))


@pytest.mark.parametrize(
    ("text", "typed", "example"),
    [
        (
            "/seizure 2kg meth ที่ สุวรรณภูมิ วันที่ 5",
            "5",
            "2kg meth ที่ สุวรรณภูมิ วันที่ 5/11/2026",
        ),
        ("/seizure 2kg meth at ICN on 5", "5", "2kg meth at ICN on 5/11/2026"),
        ("/seizure 2kg meth at ICN on 28th", "28th", "2kg meth at ICN on 28/10/2026"),
        ("/seizure 2kg meth date=5", "5", "2kg meth date=5/11/2026"),
    ],
)
def test_a_lone_day_number_is_an_incomplete_date_with_a_dated_example(
    text: str, typed: str, example: str
) -> None:
    # Before: "No amount found ... e.g. 2kg meth note=..." (Thai); "ICN on 5" as the place.
    refused = refusal(text)
    reason = f'"{typed}" is only a day: write the whole date, with its month and year'
    assert refused.reason == reason
    assert refused.examples[0] == (example,)
    assert parse(example).occurred_on is not None


# Words after a complete report that a careless reading takes for an amount.
AFTER = [
    *TIMES,
    "2 days ago",
    "เมื่อ 2 วันก่อน",
    "2 วันที่แล้ว",
    "2일 전",
    "on 5",
    "วันที่ 5",
    "เมื่อวันที่ 5",
    "flight KE 652",
    "on 30 Feb",
    "on 26 Nov 2026",
    "on 11/28",
]


@pytest.mark.parametrize("place", ["", "at ICN ", "ที่ สุวรรณภูมิ ", "@BKK "])
@pytest.mark.parametrize("after", AFTER)
def test_no_refusal_example_adds_an_amount_to_a_report_that_has_its_items(
    place: str, after: str
) -> None:
    """Every report here has its item (2kg meth): recorded, or refused with examples that
    each record that same item and nothing more."""
    text = f"/seizure 2kg meth {place}{after}"
    try:
        report = parse(text)
    except ParseError as refused:
        for choices in refused.examples:
            for example in choices:
                assert items(parse(example)) == METH, (text, example)
    else:
        assert items(report) == METH, text
