"""A place (at, from, to, location=) is at most 80 characters: a longer one records nothing,
and the example is the report as typed with the place cut to its first words, itself valid."""

from __future__ import annotations

import re
from datetime import date

import pytest

from tests.unit.parsing_reader import Reader

READ = Reader(date(2026, 11, 25))
WING = "Incheon airport terminal 2 east wing"  # 36 characters


def _example(refusal: str) -> str:
    found = re.search(r"e\.g\. /seizure (.*)$", refusal)
    assert found is not None, refusal
    return found[1]


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        (f"2kg meth at {WING} {WING} {WING} via air cargo", "via air cargo"),
        (f"2kg meth at ICN from {'x' * 200}", "at ICN"),
        (f"2kg meth to {WING} {WING} {WING} at ICN", "at ICN"),
        (f'2kg meth location="{WING} {WING} {WING}" ref K-1', "ref K-1"),
    ],
)
def test_a_long_place_is_refused_with_the_report_as_typed_and_its_place_cut(
    text: str, kept: str
) -> None:
    refusal = READ.error(text)
    # Before: recorded whole, a paragraph of a place shown in every list, digest and export.
    assert "characters long; a place is at most 80: write a shorter one" in refusal, refusal
    example = _example(refusal)
    assert kept in example, example
    report = READ.parse(example)  # the example is accepted as shown
    places = [p for p in (report.location, report.origin, report.destination) if p]
    assert places and all(len(p) <= 80 for p in places), report


def test_a_place_of_80_characters_is_recorded_whole() -> None:
    place = "x" * 80
    assert READ.parse(f"2kg meth at {place}").location == place
    assert "81 characters long" in READ.error(f"2kg meth at {place}y")
