"""Thai officers' dates (newcomer review, session 12): วันที่ DATE and เมื่อ DATE read as
`on DATE`, a place stops before them, and a refused date's example is the officer's own report
corrected, itself valid."""

from __future__ import annotations

from datetime import date

import pytest

from tests.unit.parsing_reader import Reader

TODAY = date(2026, 12, 1)
parse, error = Reader(TODAY).parse, Reader(TODAY).error


@pytest.mark.parametrize(
    ("text", "location", "day"),
    [
        ("/seizure ไอซ์ 1 กก. at สุวรรณภูมิ วันที่ 28 พ.ย. 2569", "สุวรรณภูมิ", date(2026, 11, 28)),
        ("/seizure ไอซ์ 1 กก. at สุวรรณภูมิ เมื่อ 30 พ.ย. 2569", "สุวรรณภูมิ", date(2026, 11, 30)),
        ("/seizure ไอซ์ 1 กก. at สุวรรณภูมิ วันที่ 29/11/2569", "สุวรรณภูมิ", date(2026, 11, 29)),
        ("/seizure ไอซ์ 1 กก. at สุวรรณภูมิ on 28 พ.ย. 2569", "สุวรรณภูมิ", date(2026, 11, 28)),
    ],
)
def test_a_thai_date_word_after_the_place_is_the_date(text: str, location: str, day: date) -> None:
    report = parse(text)
    assert (report.location, report.occurred_on, report.note) == (location, day, None)


def test_the_thai_date_words_are_left_alone_before_what_is_not_a_date() -> None:
    report = parse("/seizure ไอซ์ 1 กก. at สุวรรณภูมิ เมื่อ ตรวจค้น")
    assert report.occurred_on is None
    assert report.location == "สุวรรณภูมิ เมื่อ ตรวจค้น"


def test_a_thai_date_in_the_future_is_refused_with_the_report_itself_as_example() -> None:
    said = error("/seizure ไอซ์ 1.5 กก. ที่ท่าอากาศยานสุวรรณภูมิ เมื่อ 2 ธ.ค. 2569")
    assert "2026-12-02 is in the future" in said, said
    assert said.endswith("e.g. /seizure ไอซ์ 1.5 กก. ที่ท่าอากาศยานสุวรรณภูมิ เมื่อ 2026-12-01")
    parse(said.split("e.g. ")[1])


@pytest.mark.parametrize(
    "text",
    ["/seizure ไอซ์ 1.5 กก. 2 ธ.ค. 2569", "/seizure ไอซ์ 1.5 กก. 28 พ.ย. 2569 at BKK"],
)
def test_a_bare_date_is_refused_once_with_the_report_corrected(text: str) -> None:
    said = error(text)
    assert said.count("e.g.") == 1 and "as on" not in said, said
    example = said.split("e.g. ")[1]
    assert example.startswith("/seizure ไอซ์ 1.5 กก.") and "2kg meth" not in example, said
    parse(example)


def test_a_short_thai_year_still_to_come_says_the_day_meant_is_in_the_future() -> None:
    said = error("/seizure ไอซ์ 1 กก. at สุวรรณภูมิ on 2 ธ.ค. 69")
    assert "2069" not in said and "2025" not in said, said
    assert "2026-12-02" in said and "2569" in said and "in the future" in said, said
    example = said.split("e.g. ")[1]
    assert example == "/seizure ไอซ์ 1 กก. at สุวรรณภูมิ on 2026-12-01"
    parse(example)
