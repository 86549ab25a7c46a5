"""The adversary's round-11 examples: a refusal's example keeps what the officer typed
(a stray unit, a fraction, a Thai short year) and is itself valid."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest

from bot.domain.catalogue import Catalogue
from bot.parsing import ParseError, SeizureReport, parse_seizure

TODAY = date(2026, 11, 25)
CATALOGUE = Catalogue.load()


def parse(text: str) -> SeizureReport:
    return parse_seizure(text, catalogue=CATALOGUE, today=TODAY)


def refused(text: str) -> str:
    with pytest.raises(ParseError) as raised:
        parse(text)
    return str(raised.value)


def first_example(text: str) -> tuple[str, SeizureReport]:
    shown = re.search(r"e\.g\. /seizure (.*?)(?: or /seizure |$)", refused(text))
    assert shown, refused(text)
    return shown[1], parse(shown[1])


def test_a_unit_typed_at_the_end_moves_beside_the_number_and_leaves_the_place() -> None:
    shown, report = first_example("/s meth 2 at ICN kg")
    assert shown == "meth 2 kg at ICN"
    assert report.location == "ICN" and report.items[0].amount == Decimal(2000)


@pytest.mark.parametrize(
    ("text", "example"),
    [
        ("/s 1/2kg meth at ICN", "0.5kg meth at ICN"),
        ("/s ½ kg meth at ICN", "0.5 kg meth at ICN"),
        ("/s ½kg meth at ICN", "0.5kg meth at ICN"),
    ],
)
def test_a_fraction_is_offered_as_a_decimal_with_the_place_kept(text: str, example: str) -> None:
    shown, report = first_example(text)
    assert shown == example
    assert report.items[0].amount == Decimal(500) and report.location == "ICN"


@pytest.mark.parametrize(
    "text", ["/s 2kg meth at ICN on 20/11/69", "/s 2kg meth at ICN on 20 พ.ย. 69"]
)
def test_a_short_thai_year_is_read_in_the_buddhist_era(text: str) -> None:
    # Read since session 12: 69 is 2569 BE (2026), as Thai officers write it; 2069 is to come.
    report = parse(text)
    assert report.occurred_on == date(2026, 11, 20) and report.location == "ICN"


@pytest.mark.parametrize(
    ("text", "example"),
    [
        ("/s 2kg meth at ICN on 26/11/69", "2kg meth at ICN on 2026-11-25"),
        ("/s 2kg meth at ICN on 26 พ.ย. 69", "2kg meth at ICN on 2026-11-25"),
    ],
)
def test_a_short_year_in_the_future_keeps_the_day_and_month_typed(text: str, example: str) -> None:
    # 26 Nov is to come in 2569 BE (2026): that is the day meant, and it is in the future
    # (session 12, newcomer review: not "2069", nor an example a year back in 2025).
    answer = refused(text)
    assert "2026-11-26, 2569 in the Thai calendar" in answer and "future" in answer, answer
    assert "2069" not in answer
    shown, report = first_example(text)
    assert shown == example
    assert report.occurred_on == date(2026, 11, 25) and report.location == "ICN"


def test_a_short_year_of_this_year_with_the_day_to_come_is_refused_as_before() -> None:
    assert "2026-11-28 is in the future" in refused("/s 2kg meth on 28/11/26")
