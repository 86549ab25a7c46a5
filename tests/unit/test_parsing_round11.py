"""Misreads a newcomer and an adversary found in round 11, each read as the rules say."""

from __future__ import annotations

from datetime import date

import pytest
from babel import Locale

from bot.domain.catalogue import Catalogue
from bot.domain.vocabulary import country_code
from bot.parsing import ParseError, SeizureReport, parse_seizure
from bot.parsing.own_grammar import english_details

TODAY = date(2026, 11, 25)
CATALOGUE = Catalogue.load()


def parse(text: str, catalogue: Catalogue = CATALOGUE) -> SeizureReport:
    return parse_seizure(text, catalogue=catalogue, today=TODAY)


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("บราซิล", "BR"),
        ("สหรัฐ", "US"),
        ("สหรัฐอเมริกา", "US"),
        ("โคลอมเบีย", "CO"),
        ("พม่า", "MM"),
        ("เมียนมา", "MM"),
        ("มาเลเซีย", "MY"),
        ("브라질", "BR"),
        ("콜롬비아", "CO"),
        ("미국", "US"),
    ],
)
def test_korean_and_thai_country_names_are_origins(typed: str, code: str) -> None:
    report = parse(f"2kg meth from {typed} to {typed}")
    assert (report.origin, report.destination, report.note) == (code, code, None)


@pytest.mark.parametrize("locale", ["ko", "th"])
def test_every_country_s_korean_and_thai_name_is_read(locale: str) -> None:
    territories = Locale.parse(locale).territories
    iso = [code for code in territories if code.isalpha() and country_code(code) == code]
    assert len(iso) > 240
    for code in iso:
        assert country_code(territories[code]) == code, territories[code]


@pytest.mark.parametrize("text", ["2kg (field test) meth at ICN", "2kg meth (field test) at ICN"])
def test_field_test_before_the_substance_marks_it_provisional(text: str) -> None:
    report = parse(text)
    (item,) = report.items
    assert (item.substance, item.provisional, report.location) == (
        "methamphetamine",
        True,
        "ICN",
    )


def test_field_test_with_no_substance_asks_for_one_as_suspected_does() -> None:
    with pytest.raises(ParseError) as marker:
        parse("2kg (field test) at ICN")
    with pytest.raises(ParseError) as word:
        parse("2kg suspected at ICN")
    assert str(marker.value).startswith("No substance found after 2kg: name it")
    assert str(word.value).startswith("No substance found after 2kg: name it")


@pytest.mark.parametrize(
    ("text", "transport", "note"),
    [
        ("2kg meth via Korea Post at ICN", "postal", "via Korea"),
        ("2kg meth via Bangkok air cargo at ICN", "air_cargo", "via Bangkok"),
        ("2kg meth via 방콕 항공화물 at ICN", "air_cargo", "via 방콕"),
        ("2kg meth via 방콕 at ICN", None, "via 방콕"),
        ("2kg meth via กรุงเทพ at ICN", None, "via กรุงเทพ"),
        ("2kg meth via the Bangkok hub at ICN", None, "via the Bangkok hub"),
        ("2kg meth via Lisbon at ICN", None, "via Lisbon"),
        ("2kg meth via 우편 at ICN", "postal", None),
        ("2kg meth via something odd at ICN", "other", "via something odd"),
    ],
)
def test_via_a_transit_place_and_a_mode(text: str, transport: str | None, note: str) -> None:
    report = parse(text)
    assert (report.transport, report.note, report.location) == (transport, note, "ICN")


def test_the_same_place_after_each_item_is_the_place_not_a_note() -> None:
    report = parse("1 kg 케타민 at 인천 + 200g 러시 at 인천")
    assert (len(report.items), report.location, report.note) == (2, "인천", None)
    # Two different places cannot both be the location: the second is kept in the note.
    other = parse("1 kg 케타민 at 인천 + 200g 러시 at 부산")
    assert (other.location, other.note) == ("인천", "at 부산")


@pytest.mark.parametrize(
    ("text", "example", "read"),
    [
        # A place with 에서 is read as at (own_details.py): only from and to are offered
        ("2kg meth 인천공항에서 적발, 태국발", "from 태국", (None, "TH", None)),
        ("2kg meth ICN에서 한국행", "to 한국", (None, None, "KR")),
        # and so is a city's name before a kind of place with 에서 (session 14, newcomer round 2)
        ("2kg meth 인천 세관에서 적발", None, None),
        # ที่ before a place is read as at (thai_places.py): only from and to are offered
        ("2kg meth ที่ ด่านสะเดา จาก มาเลเซีย", "from มาเลเซีย", (None, "MY", None)),
        (
            "2kg meth ที่ด่านสะเดา จากมาเลเซีย ไปเกาหลี",
            "from มาเลเซีย to เกาหลี",
            (None, "MY", "KR"),
        ),
        ("300 ยาบ้า ที่ ซ่อน ใน กระเป๋า", None, None),  # ที่ "that", beside no place
        ("2kg meth 태국에서 온 화물", None, None),  # 에서 after a country: from or at?
        ("2kg meth at ICN from TH 태국발", None, None),  # recorded already
    ],
)
def test_details_in_own_grammar_get_an_example_that_reads_back(
    text: str, example: str | None, read: tuple[str | None, ...] | None
) -> None:
    found = english_details(parse(text))
    assert found == example
    if example is not None and read is not None:
        back = parse(f"2kg meth {example}")
        assert (back.location, back.origin, back.destination, back.note) == (*read, None)
