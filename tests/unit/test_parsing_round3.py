"""Review round 3: Korean and Thai package words ('ยาบ้า 3 มัด' is three bundles, not three
tablets), and a date after an amount that is no fraction of it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from bot.domain.catalogue import Catalogue
from bot.domain.commands import usable
from bot.domain.unit import Role
from bot.parsing import ParseError, parse_seizure
from bot.parsing.summary import parse_summary_args
from handlers.unanswered import meant_command

TODAY = date(2026, 11, 25)
CATALOGUE = Catalogue.load()


@pytest.mark.parametrize(
    ("text", "amount", "unit", "packages"),
    [
        ("/s ยาบ้า 3 มัด 1.2 กก. at แม่สาย", "1200", "g", 3),
        ("/s ยาบ้า 2 กล่อง รวม 4000 เม็ด", "4000", "unit", 2),
        ("/s ไอซ์ 4 ก้อน 2 กก.", "2000", "g", 4),
        ("/s 필로폰 2 상자 3kg at 인천", "3000", "g", 2),
        ("/s 대마 5 팩 500g", "500", "g", 5),
    ],
)
def test_a_package_word_counts_packages_of_the_amount(
    text: str, amount: str, unit: str, packages: int
) -> None:
    report = parse_seizure(text, catalogue=CATALOGUE, today=TODAY)
    (item,) = report.items
    assert (item.amount, item.unit, item.packages) == (Decimal(amount), unit, packages)
    assert report.note is None


@pytest.mark.parametrize("text", ["/s ยาบ้า 3 มัด at แม่สาย", "/s 필로폰 3 박스 at 인천"])
def test_packages_without_a_weight_are_asked_about_not_read_as_tablets(text: str) -> None:
    with pytest.raises(ParseError) as refused:
        parse_seizure(text, catalogue=CATALOGUE, today=TODAY)
    assert "weigh" in str(refused.value)


def test_a_date_after_an_amount_with_its_unit_is_no_fraction_of_it() -> None:
    # It answered "Write the fraction 1kg 12/1 as a decimal, as 13": 1 kg plus twelve.
    report = parse_seizure("/s 코카인 1kg 12/1 at 부산", catalogue=CATALOGUE, today=TODAY)
    (item,) = report.items
    assert (item.amount, item.unit) == (Decimal(1000), "g")
    assert (report.location, report.note) == ("부산", "12/1")


@pytest.mark.parametrize(
    ("text", "decimal"), [("/s 1 1/2 kg meth", "as 1.5"), ("/s 2kg 1/2 kg meth", "as 0.5")]
)
def test_a_fraction_is_still_asked_as_a_decimal(text: str, decimal: str) -> None:
    with pytest.raises(ParseError) as refused:
        parse_seizure(text, catalogue=CATALOGUE, today=TODAY)
    assert decimal in str(refused.value)


@pytest.mark.parametrize("args", ["기관=TCD", "기관:tcd", "หน่วยงาน=TCD", "week 기관=TCD"])
def test_summary_reads_agency_as_korean_and_thai_coordinators_write_it(args: str) -> None:
    # It answered "Nothing is recorded as '기관=TCD'", reading it as a substance.
    assert parse_summary_args(args, today=TODAY).agency_code == "TCD"


@pytest.mark.parametrize(
    ("ending", "day", "note"),
    [
        ("2 weeks ago", date(2026, 11, 11), None),
        ("2주 전", date(2026, 11, 11), None),
        ("2 สัปดาห์ก่อน", date(2026, 11, 11), None),
        ("1000 days ago", date(2024, 2, 29), None),
        ("1,000 days ago", date(2024, 2, 29), None),
        ("1000 일 전", date(2024, 2, 29), None),
        ("1500 วันก่อน", date(2022, 10, 17), None),
        ("99999999 วันก่อน", date(1926, 12, 20), None),  # refused as long ago by the bot
        ("2 hours ago", None, "2 hours ago"),
        ("30 minutes ago", None, "30 minutes ago"),
        ("2 days later", None, "2 days later"),
        ("3시간 전", None, "3시간 전"),
        ("2 ชั่วโมงก่อน", None, "2 ชั่วโมงก่อน"),
    ],
)
def test_how_long_ago_is_a_date_or_a_note_never_an_amount(
    ending: str, day: date | None, note: str | None
) -> None:
    # It was refused with "e.g. /seizure 2kg meth 2 kg weeks ago", which records a fake item.
    report = parse_seizure(f"/s 2kg meth at ICN {ending}", catalogue=CATALOGUE, today=TODAY)
    (item,) = report.items
    assert (item.amount, item.unit) == (Decimal(2000), "g")
    assert (report.location, report.occurred_on, report.note) == ("ICN", day, note)


@pytest.mark.parametrize(
    ("typed", "send"),
    [
        ("/seizure2 kg meth", "/seizure 2 kg meth"),
        ("/seizure12 kg meth at ICN", "/seizure 12 kg meth at ICN"),
        ("/seizure2kg meth at BKK", "/seizure 2kg meth at BKK"),
        ("/seizur 1kg ice at BKK", "/seizure 1kg ice at BKK"),
    ],
)
def test_did_you_mean_keeps_an_amount_glued_to_the_command(typed: str, send: str) -> None:
    # '/seizure2 kg meth' was read as a slip of one letter: "Send: /seizure kg meth".
    assert meant_command(typed, usable(Role.OFFICER)) == ("seizure", send)


@pytest.mark.parametrize(
    ("text", "example"),
    [
        ("/s 필로폰 20 봉지 at 인천 (총 400g)", "/seizure 필로폰 20 봉지 400g at 인천"),
        ("/s ยาบ้า 10 ถุง at แม่สาย รวม 2 กก.", "/seizure ยาบ้า 10 ถุง 2 กก. at แม่สาย"),
        # Past the item only a total's weight is the packages': the heroin keeps its own.
        ("/s 3 bags cocaine at ICN, 2kg heroin", "/seizure 3 bags 3kg cocaine at ICN, 2kg heroin"),
    ],
)
def test_packages_asked_for_their_weight_are_given_the_total_the_officer_wrote(
    text: str, example: str
) -> None:
    # It offered "20 봉지 20kg" (a kilogram a bag, made up) although the officer wrote 총 400g.
    with pytest.raises(ParseError) as refused:
        parse_seizure(text, catalogue=CATALOGUE, today=TODAY)
    assert f"e.g. {example}" in str(refused.value)
    fixed = parse_seizure(example, catalogue=CATALOGUE, today=TODAY)
    assert fixed.items[0].packages is not None


@pytest.mark.parametrize(
    ("text", "amount", "approximate", "gross"),
    [
        # A gross weight alone is the amount, approximate, and the gross (rules, Net and gross).
        ("/s 3 bricks 3.3kg gross cocaine", "3300", True, "3300"),
        ("/s 3 bricks 3.4kg gross 3kg net cocaine", "3000", False, "3400"),
        ("/s 3 bags 3kg 3.3kg gross meth", "3000", False, "3300"),
    ],
)
def test_a_gross_weight_of_counted_packages_is_read_as_without_a_count(
    text: str, amount: str, approximate: bool, gross: str
) -> None:
    # '3 bricks 3.3kg gross cocaine' recorded 3.3 kg exact, its gross dropped.
    (item,) = parse_seizure(text, catalogue=CATALOGUE, today=TODAY).items
    assert (item.amount, item.approximate, item.gross, item.packages) == (
        Decimal(amount),
        approximate,
        Decimal(gross),
        3,
    )
