"""What a newcomer found in Korean and Thai reports (session 13): a bottle is a package in
Korean as in Thai, "each" is written before the amount in both (ถุงละ, 각, 봉지당), a place
is never made the substance, and the hint for a place in the note names the place.

Each test here failed on the code before it.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from bot.parsing.own_grammar import english_details
from tests.unit.parsing_reader import Reader

TODAY = date(2026, 12, 1)
parse, error = Reader(TODAY).parse, Reader(TODAY).error


def _item(text: str) -> tuple[str | None, Decimal, str, int | None, str | None]:
    report = parse(text)
    assert len(report.items) == 1, report.items
    [item] = report.items
    return item.substance, item.amount, item.unit, item.packages, report.note


@pytest.mark.parametrize(
    "text",
    [
        "/s 5병 케타민 50ml each",
        "/s 케타민 5병 50ml each",
        "/s 케타민 5 병 50ml each",
        "/s 5 bottles of 50ml ketamine",  # the English it reads as
    ],
)
def test_a_korean_bottle_is_a_package(text: str) -> None:
    assert _item(text) == ("ketamine", Decimal(250), "ml", 5, None)


def test_korean_bottles_alone_are_asked_what_they_hold() -> None:
    # A package count with no amount (the rules): no longer refused as "not a unit".
    assert error("/s 프로포폴 20병").startswith("How much do the 20병 hold?")


@pytest.mark.parametrize(
    ("text", "amount", "unit", "packages"),
    [
        ("/s ยาบ้า 10 ถุง ถุงละ 200 เม็ด at BKK", 2000, "unit", 10),
        ("/s ยาบ้า 10 ถุง ละ 200 เม็ด at BKK", 2000, "unit", 10),
        ("/s 10 ถุง ยาบ้า ถุงละ 200 เม็ด", 2000, "unit", 10),
        ("/s 야바 10봉지 각 200정", 2000, "unit", 10),
        ("/s 야바 10봉지 봉지당 200정", 2000, "unit", 10),
        ("/s 야바 10봉지 200정씩", 2000, "unit", 10),
        ("/s 야바 10개 개당 200정", 2000, "unit", 10),
        ("/s 필로폰 3봉지 각 500g", 1500, "g", 3),
        ("/s 3봉지 필로폰 봉지당 500g", 1500, "g", 3),
        ("/s 10개 필로폰 개당 5g", 50, "g", 10),
    ],
)
def test_each_written_before_the_amount_in_thai_and_korean(
    text: str, amount: int, unit: str, packages: int
) -> None:
    _substance, read, read_unit, read_packages, _note = _item(text)
    assert (read, read_unit, read_packages) == (Decimal(amount), unit, packages)


@pytest.mark.parametrize(
    ("text", "each"),
    [
        ("/s ยาบ้า 10 ถุง บรรจุ 200 เม็ด at BKK", "/seizure ยาบ้า 10 ถุง 200 เม็ด each at BKK"),
        ("/s yaba 10 bags with 200 pills", "/seizure yaba 10 bags 200 pills each"),
        ("/s 10 bags yaba, 200 pills each", "/seizure 10 bags 200 pills each yaba"),
    ],
)
def test_packages_with_a_count_are_never_asked_their_weight(text: str, each: str) -> None:
    said = error(text)
    assert "weigh" not in said and "kg" not in said, said
    assert said.startswith("Is 200"), said
    assert f"e.g. {each} or " in said, said
    report = parse(each)
    assert (report.items[0].amount, report.items[0].packages) == (Decimal(2000), 10)


@pytest.mark.parametrize(
    ("text", "substance", "note"),
    [
        ("/s 흰색 가루 2kg 김포", "흰색 가루", "김포"),
        ("/s white powder 2kg Gimpo", "white powder", "Gimpo"),
        ("/s ผงสีขาว 2kg ด่านสะเดา", "ผงสีขาว", "ด่านสะเดา"),
        ("/s zombie dust 2kg ICN", "zombie dust", "ICN"),
    ],
)
def test_a_description_or_a_name_before_the_amount_is_the_substance_not_a_place_after_it(
    text: str, substance: str, note: str
) -> None:
    [item] = parse(text).items
    assert (item.substance, item.substance_text, parse(text).note) == (None, substance, note)


def test_a_korean_description_is_provisional_as_an_english_one_is() -> None:
    [item] = parse("/s 흰색 가루 2kg").items
    assert (item.substance_text, item.provisional) == ("흰색 가루", True)


@pytest.mark.parametrize(
    ("text", "example"),
    [
        ("/s 필로폰 3봉지 1.5kg 인천 우편센터 EMS", "at 인천 우편센터"),
        ("/s 2kg meth 적발 김포 세관", "at 김포 세관"),
        ("/s 2kg meth 적발 인천공항", "at 인천공항"),  # as before: a name of its own
    ],
)
def test_the_hint_for_a_place_in_the_note_names_the_place(text: str, example: str) -> None:
    assert english_details(parse(text)) == example
