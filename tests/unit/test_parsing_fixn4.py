"""How Korean and Thai officers write amounts and dates (the fourth newcomer, session 13): Thai
counts glued to their package word and weight, a date after `on` that cannot be read, native
Korean tens before a counter, and Thai half (ครึ่ง).

Each test here failed on the code before it.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tests.unit.parsing_reader import Reader

TODAY = date(2026, 12, 1)
parse, error = Reader(TODAY).parse, Reader(TODAY).error


@pytest.mark.parametrize(
    "text",
    [
        # Before: 1 kg of "ยาบ้าสามมัด", unclassified, the 3 bundles lost.
        "/seizure ยาบ้าสามมัดหนึ่งกิโล at สุวรรณภูมิ",
        "/seizure ยาบ้า สามมัด หนึ่งกิโล at สุวรรณภูมิ",
        "/seizure ยาบ้า สามมัดหนึ่งกิโล at สุวรรณภูมิ",
    ],
)
def test_a_thai_count_glued_to_its_package_and_weight(text: str) -> None:
    report = parse(text)
    [item] = report.items
    assert (item.substance, item.amount, item.unit, item.packages) == (
        "methamphetamine",
        Decimal(1000),
        "g",
        3,
    )
    assert report.location == "สุวรรณภูมิ"


@pytest.mark.parametrize(
    ("text", "typed", "example"),
    [
        # Before: place "김포공항 on 지난 금요일", no date, no word about it.
        (
            "/seizure 대마 한 봉지 50그램 at 김포공항 on 지난 금요일",
            "지난 금요일",
            "/seizure 대마 한 봉지 50그램 at 김포공항 on 2026-12-01",
        ),
        (
            "/seizure 2kg meth at ICN on last friday",
            "last friday",
            "/seizure 2kg meth at ICN on 2026-12-01",
        ),
        ("/seizure 2kg meth at ICN on fri", "fri", "/seizure 2kg meth at ICN on 2026-12-01"),
    ],
)
def test_a_date_after_on_that_cannot_be_read_is_refused(
    text: str, typed: str, example: str
) -> None:
    said = error(text)
    assert said.startswith(f'Cannot read the date "{typed}"'), said
    assert said.endswith(f", e.g. {example}"), said
    assert parse(example).location in {"김포공항", "ICN"}


def test_on_before_words_that_are_no_date_stays_in_the_place() -> None:
    assert parse("/seizure 2kg meth at ICN on this ship").location == "ICN on this ship"


@pytest.mark.parametrize(
    ("text", "count"),
    [
        # Before: "No amount found for 엑스터시".
        ("/seizure 엑스터시 스무 정 at 인천", 20),
        ("/seizure 엑스터시 스물다섯정 at 인천", 25),
        ("/seizure 엑스터시 서른 알 at 인천", 30),
        ("/seizure 엑스터시 마흔두 정 at 인천", 42),
        ("/seizure 엑스터시 쉰 정 at 인천", 50),
    ],
)
def test_native_korean_tens_before_a_counter(text: str, count: int) -> None:
    [item] = parse(text).items
    assert (item.substance, item.amount, item.unit) == ("mdma", Decimal(count), "unit")


@pytest.mark.parametrize(
    "text",
    [
        # Before: "No amount found for กัญชา".
        "/seizure กัญชา สองกิโลครึ่ง at BKK",
        "/seizure กัญชาสองกิโลครึ่ง at BKK",
        "/seizure กัญชา 2กิโลครึ่ง at BKK",
    ],
)
def test_thai_half_after_a_weight(text: str) -> None:
    [item] = parse(text).items
    assert (item.substance, item.amount, item.unit) == ("cannabis", Decimal(2500), "g")


@pytest.mark.parametrize(
    "text",
    [
        # Before: "How much do the 다섯 봉지 weigh?", though "다섯 봉지 2kg 순중량" is read.
        "/seizure 코카인 다섯 봉지 순중량 2kg at 인천공항",
        "/seizure cocaine 5 bags net 2kg at ICN",
        "/seizure cocaine 5 bags net weight 2kg at ICN",
    ],
)
def test_a_net_weight_labelled_first_after_a_count_is_their_total(text: str) -> None:
    [item] = parse(text).items
    assert (item.substance, item.amount, item.unit, item.packages) == (
        "cocaine",
        Decimal(2000),
        "g",
        5,
    )


@pytest.mark.parametrize(
    ("text", "example"),
    [
        # Before: "e.g. /seizure 2kg meth", English for a Thai officer.
        # (ยาบ้าหนึ่งกิโลที่สุวรรณภูมิ is read since session 14: 1 kg at สุวรรณภูมิ)
        ("/seizure ยาบ้าที่สุวรรณภูมิ", "/seizure 300 ยาบ้า"),
        ("/seizure ยาบ้าเยอะมากที่ไปรษณีย์", "/seizure 300 ยาบ้า"),
    ],
)
def test_a_thai_refusal_names_the_substance_as_the_officer_wrote_it(
    text: str, example: str
) -> None:
    said = error(text)
    assert said.endswith(f", e.g. {example}"), said
    [item] = parse(example).items
    assert item.substance == "methamphetamine"


@pytest.mark.parametrize(
    "text",
    [
        # Before: "How much do the 세 병 hold?", the weights after the comma left apart.
        "/seizure 필로폰 세 병, 총 중량 1.2kg 순 중량 900그램, 국제우편센터, 어제",
        "/seizure 필로폰 세 병, 총중량 1.2kg 순중량 900그램 at 국제우편센터",
    ],
)
def test_a_gross_and_net_weight_after_a_comma_weigh_the_count_before_it(text: str) -> None:
    [item] = parse(text).items
    assert (item.substance, item.amount, item.unit, item.packages) == (
        "methamphetamine",
        Decimal(900),
        "g",
        3,
    )
    assert item.gross == Decimal(1200)


def test_a_comma_before_another_item_still_separates() -> None:
    report = parse("/seizure 2kg meth, 1kg heroin")
    assert [item.substance for item in report.items] == ["methamphetamine", "heroin"]


@pytest.mark.parametrize(
    "text",
    [
        # Before: 200 tablets of "ไอซ์1กก.และยาบ้า", unclassified, the 1 kg of ice lost in its name
        # (the fourth adversary, session 13).
        "/seizure ไอซ์1กก.และยาบ้า200เม็ด",
        "/seizure ยาบ้า200เม็ดและไอซ์1กก.",
    ],
)
def test_two_thai_items_written_without_spaces(text: str) -> None:
    report = parse(text)
    assert report.note is None  # the glued และ separates; it is no note
    items = sorted(report.items, key=lambda item: item.unit)
    assert [(i.substance, i.amount, i.unit) for i in items] == [
        ("methamphetamine", Decimal(1000), "g"),
        ("methamphetamine", Decimal(200), "unit"),
    ]
