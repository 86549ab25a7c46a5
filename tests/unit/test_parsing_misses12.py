"""The misses earlier reviews left (session 12): count totals, short Thai years, /summary's
Korean and Thai period words, and place codes, each as the rules (or an officer) read them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from bot.domain.catalogue import Catalogue
from bot.parsing import ParseError, SeizureReport, parse_seizure
from bot.parsing.summary import parse_summary_args

TODAY = date(2026, 11, 25)
CATALOGUE = Catalogue.load()


def parse(text: str) -> SeizureReport:
    return parse_seizure(text, catalogue=CATALOGUE, today=TODAY)


@pytest.mark.parametrize(
    ("text", "packages"),
    [
        ("/s 3 bags yaba total 300 tablets at ICN", 3),
        ("/s 3 bags yaba, total 300 tablets at ICN", 3),
        ("/s 3 packs yaba total: 300 tabs at ICN", 3),
        ("/s yaba total 300 tablets at ICN", None),
        ("/s yaba, total 300 tablets at ICN", None),
        ("/s 야바 3봉지 총 300정 at ICN", 3),
        ("/s ยาบ้า 3 ถุง รวม 300 เม็ด at ICN", 3),
    ],
)
def test_a_count_total_is_read_as_a_weight_total_is(text: str, packages: int | None) -> None:
    report = parse(text)
    (item,) = report.items
    assert (item.substance, item.amount, item.unit, item.form, item.packages) == (
        "methamphetamine",
        Decimal(300),
        "unit",
        "tablet",
        packages,
    )
    assert report.location == "ICN" and report.note is None


def test_total_before_the_amount_of_a_named_substance_is_no_part_of_its_name() -> None:
    # "meth total 5kg" was an unclassified "meth total".
    (item,) = parse("/s meth total 5kg").items
    assert (item.substance, item.amount, item.substance_text) == ("methamphetamine", 5000, None)


def test_a_count_total_beside_a_count_is_asked_about_with_the_total_as_the_example() -> None:
    with pytest.raises(ParseError) as refused:
        parse("/s 300 yaba total 500 tablets")
    assert "has an amount already" in str(refused.value)
    assert "e.g. /seizure 500 tablets yaba" in str(refused.value)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("/s 2kg meth on 12/11/69", date(2026, 11, 12)),
        ("/s 2kg meth on 24.11.69", date(2026, 11, 24)),
        ("/s ยาบ้า 2000 เม็ด on 20 พ.ย. 69", date(2026, 11, 20)),
        ("/s 2kg meth on 20/11/26", date(2026, 11, 20)),  # 2026 itself, as before
    ],
)
def test_a_two_digit_thai_year_is_read_in_the_buddhist_era(text: str, day: date) -> None:
    """12/11/69 in Thai use is 2569 BE, 2026: no Gregorian reading of 69 can be a seizure."""
    assert parse(text).occurred_on == day


def test_a_place_code_that_is_no_country_code_is_kept_as_written() -> None:
    """The rules map country names and ISO codes only ('otherwise kept as written'): BKK is an
    airport, not an ISO code, and stays BKK; THA (ISO alpha-3) is TH."""
    report = parse("/s 2kg meth from BKK to ICN")
    assert (report.origin, report.destination) == ("BKK", "ICN")
    assert parse("/s 2kg meth from THA").origin == "TH"


@pytest.mark.parametrize(
    ("args", "period", "dimension"),
    [
        ("주간 기관별", "week", "agency"),
        ("주간", "week", None),
        ("월간 장소별", "month", "location"),
        ("금일", "today", None),
        ("전일 기관별", "yesterday", "agency"),
        ("ประจำสัปดาห์ ตามหน่วยงาน", "week", "agency"),
        ("สัปดาห์", "week", None),
        ("weekly by agency", "week", "agency"),
        ("monthly", "month", None),
    ],
)
def test_summary_period_words_are_periods_not_substance_filters(
    args: str, period: str, dimension: str | None
) -> None:
    request = parse_summary_args(args, today=TODAY)
    assert request.period.kind == period
    assert (request.dimension.value if request.dimension else None) == dimension
    assert request.substance is None


def test_korean_and_thai_total_words_are_no_alias() -> None:
    """총 and รวม are read as 'total' now: an /alias of them would never be reached."""
    from bot.parsing.alias_clash import grammar_word

    assert (grammar_word("총"), grammar_word("รวม")) == ("총", "รวม")
