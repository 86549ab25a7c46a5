"""What a second newcomer found (review, session 12): Thai เมื่อวันที่ DATE, Korean dates
standing alone, and Korean and Thai concealment are read as the rules' `on DATE` and
`concealed in WHAT`; a place ends before them and never swallows a date."""

from __future__ import annotations

from datetime import date

import pytest

from tests.unit.parsing_reader import Reader

TODAY = date(2026, 12, 1)
parse, error = Reader(TODAY).parse, Reader(TODAY).error


def test_thai_when_on_the_date_after_a_place_is_the_date() -> None:
    report = parse("/s ยาบ้า 1,500 เม็ด + ไอซ์ 200 กรัม at แม่สาย เมื่อวันที่ 29 พ.ย.")
    assert (report.location, report.occurred_on, report.note) == ("แม่สาย", date(2026, 11, 29), None)


def test_a_month_named_date_after_a_place_is_asked_after_on_with_its_dot() -> None:
    said = error("/s ยาบ้า 1,500 เม็ด at แม่สาย 29 พ.ย.")
    assert said.endswith("e.g. /seizure ยาบ้า 1,500 เม็ด at แม่สาย on 29 พ.ย."), said
    report = parse(said.split("e.g. ")[1])
    assert (report.location, report.occurred_on) == ("แม่สาย", date(2026, 11, 29))


@pytest.mark.parametrize(
    ("text", "location", "day"),
    [
        ("/s 헤로인 2킬로그램 at 인천공항 11월28일", "인천공항", date(2026, 11, 28)),
        ("/s 헤로인 2킬로그램 at 인천공항 11월 28일", "인천공항", date(2026, 11, 28)),
        ("/s 헤로인 2킬로그램 2026년 11월 28일 at 인천공항", "인천공항", date(2026, 11, 28)),
        ("/s 헤로인 2킬로그램 at 인천공항 12월 2일", "인천공항", date(2025, 12, 2)),
    ],
)
def test_a_korean_date_is_the_date_wherever_it_stands(text: str, location: str, day: date) -> None:
    report = parse(text)
    assert (report.location, report.occurred_on, report.note) == (location, day, None)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("/s 헤로인 2킬로그램 at 인천공항 2026년 12월 2일", "2026-12-02 is in the future"),
        ("/s 헤로인 2킬로그램 at 인천공항 2월 30일", "There is no date 2월 30일"),
    ],
)
def test_a_korean_date_that_cannot_be_is_refused_with_a_valid_example(
    text: str, reason: str
) -> None:
    said = error(text)
    assert reason in said, said
    assert said.endswith("e.g. /seizure 헤로인 2킬로그램 at 인천공항 12월 1일"), said
    report = parse(said.split("e.g. ")[1])
    assert (report.location, report.occurred_on) == ("인천공항", TODAY)


@pytest.mark.parametrize(
    ("text", "location", "concealment"),
    [
        ("/s 헤로인 2킬로그램 at ICN 여행가방에 은닉", "ICN", "여행가방"),
        ("/s 헤로인 2킬로그램 at ICN 가방 속에 숨긴", "ICN", "가방"),
        ("/s 헤로인 2킬로그램 at ICN 가방 속에", "ICN", "가방"),
        ("/s ยาอี 300 เม็ด @ไปรษณีย์ ซ่อนในกล่องของเล่น", "ไปรษณีย์", "กล่องของเล่น"),
        ("/s ยาอี 300 เม็ด @ไปรษณีย์ ซุกซ่อนใน กล่อง", "ไปรษณีย์", "กล่อง"),
        ("/s ยาอี 300 เม็ด @ไปรษณีย์ ในกล่องของเล่น", "ไปรษณีย์", "กล่องของเล่น"),
        ("/s ยาอี 300 เม็ด @ไปรษณีย์ ใน กล่อง", "ไปรษณีย์", "กล่อง"),
    ],
)
def test_korean_and_thai_concealment_ends_the_place(
    text: str, location: str, concealment: str
) -> None:
    report = parse(text)
    assert (report.location, report.concealment, report.note) == (location, concealment, None)


@pytest.mark.parametrize(
    ("text", "counter", "example"),
    [
        # 병 and ขวด are bottles, package words: asked what they hold (test_parsing_fixn3a)
        ("/seizure 프로포폴 20앰플 at 인천공항", "앰플", "/seizure 프로포폴 20 vials at 인천공항"),
        ("/seizure 프로포폴 20 앰플 at 인천공항", "앰플", "/seizure 프로포폴 20 vials at 인천공항"),
        ("/seizure 2kg meth + 프로포폴 20앰플.", "앰플", "/seizure 2kg meth + 프로포폴 20 vials."),
        ("/seizure ketamine 5 หลอด", "หลอด", "/seizure ketamine 5 vials"),
    ],
)
def test_a_count_with_a_counter_the_bot_does_not_read_says_so(
    text: str, counter: str, example: str
) -> None:
    said = error(text)
    # Before: "No amount found: write it with its unit", or the count kept only in the note.
    assert said.startswith(f"{counter} is not a unit the bot reads"), said
    assert said.endswith(f"e.g. {example}"), said
    assert parse(example).items[-1].form == "vial"
