"""Korean amounts a newcomer typed that were recorded wrong or refused (session 14, round 2):
반 (half) read as Thai ครึ่ง is, and numbers in words spaced before their unit."""

from __future__ import annotations

import html
import re
from datetime import date
from decimal import Decimal

import pytest

from bot.domain.unit import Caller, Operation, Role
from handlers.asked import before_start
from tests.unit.parsing_reader import Reader

parse = Reader(date(2026, 12, 2)).parse


@pytest.mark.parametrize(
    ("text", "amount", "unit"),
    [
        ("필로폰 1킬로반 인천공항에서", 1500, "g"),
        ("필로폰 1킬로 반", 1500, "g"),
        ("필로폰 2킬로반", 2500, "g"),
        ("필로폰 한 킬로 반", 1500, "g"),
        ("필로폰 반킬로", 500, "g"),
        ("필로폰 반 킬로", 500, "g"),
        ("코카인 두 킬로", 2000, "g"),
        ("코카인 두킬로", 2000, "g"),
        ("야바 천 정", 1000, "unit"),
        ("야바 오천 정", 5000, "unit"),
        ("필로폰 오백 그램", 500, "g"),
        ("야바 5 천 정", 5000, "unit"),  # 천 multiplies the number before it
    ],
)
def test_korean_half_and_spelled_numbers_are_the_amount(text: str, amount: int, unit: str) -> None:
    report = parse(text)
    assert [(i.amount, i.unit) for i in report.items] == [(Decimal(amount), unit)]
    assert report.note is None


def test_a_glued_word_that_looks_like_a_number_is_no_amount() -> None:
    # 천정 is a ceiling: 천 (1,000) is read apart from its unit only when written apart
    assert "No amount found" in Reader(date(2026, 12, 2)).error("야바 천정")


# The question about a day before the operation began suggests the report again with today's
# date: that suggestion, sent, must record today's date with the same place and note.
BEGAN = date(2026, 12, 1)
EARLY = [
    "/s ยาไอซ์ 500 กรัม สุวรรณภูมิ เมื่อวาน",
    "/s 필로폰 2kg 인천공항에서 어제",
    "/s 필로폰 2kg 인천공항에서 11월 20일",
    "/s meth 2kg at BKK on 2026-11-20",
    "/s meth 2kg at BKK on 20/11",
    "/s meth 2kg at BKK date=2026-11-20",
    "/s ยาบ้า 200 เม็ด ที่ดอนเมือง วันที่ 20/11/2569",
]


@pytest.mark.parametrize("text", EARLY)
def test_every_example_the_early_date_question_suggests_records_what_it_says(text: str) -> None:
    today = BEGAN
    operation = Operation(1, "SIREN", "Siren", "UTC", False, None, 0, 0, began=BEGAN)
    caller = Caller(1, Role.OFFICER, operation, 1, "KCS", False)
    reader = Reader(today)
    typed = reader.parse(text)
    question = before_start(caller, typed, text, today)
    assert question is not None
    examples = [html.unescape(code) for code in re.findall(r"<code>(.*?)</code>", question)]
    assert examples
    for example in examples:
        sent = reader.parse(example)
        assert (sent.occurred_on, sent.location, sent.note) == (today, typed.location, typed.note)
        assert sent.items == typed.items


@pytest.mark.parametrize(
    ("text", "location", "note"),
    [
        ("필로폰 2kg 인천 국제우편센터에서", "인천 국제우편센터", None),
        ("필로폰 2kg 인천공항 2터미널에서", "인천공항 2터미널", None),
        ("필로폰 2kg ICN 화물터미널에서 적발", "ICN 화물터미널", "적발"),
        ("/seizure 필로폰 1.2kg 인천 세관에서 적발", "인천 세관", "적발"),
        ("/seizure 2 kg 필로폰 인천공항에서", "인천공항", None),
        ("/seizure 2 kg 필로폰 국제우편센터에서", "국제우편센터", None),
        ("필로폰 2kg 가방 인천공항에서", "인천공항", "가방"),  # a bag: no part of the place
    ],
)
def test_a_korean_place_of_words_before_eseo_is_the_location(
    text: str, location: str, note: str | None
) -> None:
    report = parse(text)
    assert (report.location, report.note) == (location, note)


@pytest.mark.parametrize("text", ["1.5kg 반 meth at ICN", "1.5 กิโล ครึ่ง ไอซ์", "2.5킬로 반 필로폰"])
def test_a_half_after_a_decimal_amount_adds_nothing(text: str) -> None:
    # An adversary: '1.5kg 반 meth' was recorded as 2 kg with no word said ("1.5 kg and a
    # half" is no amount); halves count after whole numbers only.
    report = parse(text)
    amounts = [i.amount for i in report.items]
    assert amounts in ([Decimal(1500)], [Decimal(2500)]), amounts
