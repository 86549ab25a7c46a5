"""How Korean and Thai officers write amounts (the third newcomer, session 13): native Korean
counts (두봉지), bottles counted with no amount, a weight before a net weight, Thai written
without spaces and in number words, and Thai spellings of ketamine.

Each test here failed on the code before it.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tests.unit.parsing_reader import Reader

TODAY = date(2026, 12, 1)
parse, error = Reader(TODAY).parse, Reader(TODAY).error


def _item(text: str) -> tuple[str | None, Decimal, str, int | None, str]:
    report = parse(text)
    assert len(report.items) == 1, report.items
    [item] = report.items
    return item.substance, item.amount, item.unit, item.packages, item.as_written


def _example(said: str) -> str:
    assert ", e.g. " in said, said
    return said.split(", e.g. ", 1)[1]


@pytest.mark.parametrize(
    ("text", "amount", "packages", "typed"),
    [
        # Before: 250 g of "필로폰 두봉지 각", unclassified.
        ("/seizure 필로폰 두봉지 각 250그램 at ICN", 500, 2, "필로폰 두봉지 각 250그램"),
        ("/seizure 필로폰 두 봉지 각 250g", 500, 2, "필로폰 두 봉지 각 250g"),
        ("/seizure 필로폰 세 봉지 1.5kg", 1500, 3, "필로폰 세 봉지 1.5kg"),
        ("/seizure 필로폰 열두봉지 각 10g", 120, 12, "필로폰 열두봉지 각 10g"),
        ("/seizure 필로폰 세개 각 5g", 15, 3, "필로폰 세개 각 5g"),
        ("/seizure 대마 한병 50ml", 50, 1, "대마 한병 50ml"),
        ("/seizure 야바 다섯알", 5, None, "야바 다섯알"),
    ],
)
def test_native_korean_counts_before_a_counter(
    text: str, amount: int, packages: int | None, typed: str
) -> None:
    substance, got, _, counted, written = _item(text)
    assert (got, counted, written) == (amount, packages, typed)
    assert substance == ("cannabis" if "대마" in text else "methamphetamine")


def test_a_native_korean_number_elsewhere_is_a_word() -> None:
    # 세 (tax), 네 (yes) are words unless a counter follows.
    report = parse("/seizure 필로폰 2kg at ICN 네 세관 확인")
    assert [item.amount for item in report.items] == [Decimal(2000)]


@pytest.mark.parametrize(
    ("text", "asked", "example", "amount"),
    [
        # Before: "병 is not a unit the bot reads … e.g. /seizure 대마 5 vials".
        ("/seizure 대마 5병 at ICN", "5병", "/seizure 대마 5병 각 50ml at ICN", 250),
        ("/seizure 대마 5 병 at ICN", "5 병", "/seizure 대마 5 병 각 50ml at ICN", 250),
        ("/seizure กัญชา 3 ขวด at DMK", "3 ขวด", "/seizure กัญชา 3 ขวด ละ 50ml at DMK", 150),
        ("/seizure cannabis 5 bottles", "5 bottles", "/seizure cannabis 5 bottles 50ml each", 250),
        ("/seizure 2kg meth + 대마 5병.", "5병", "/seizure 2kg meth + 대마 5병 각 50ml.", 250),
    ],
)
def test_bottles_with_no_amount_are_asked_what_they_hold(
    text: str, asked: str, example: str, amount: int
) -> None:
    said = error(text)
    assert said.startswith(f"How much do the {asked} hold?"), said
    assert _example(said) == example
    item = parse(example).items[-1]
    assert (item.substance, item.amount, item.unit, item.packages) == (
        "cannabis",
        amount,
        "ml",
        int(asked.split()[0].rstrip("병")),
    )


@pytest.mark.parametrize(
    ("text", "example"),
    [
        # Before: "… e.g. /seizure 필로폰 500g 순중량 400g meth at ICN", two items of meth.
        (
            "/seizure 필로폰 500g 순중량 400g at ICN",
            "/seizure 필로폰 순중량 400g 총중량 500g at ICN",
        ),
        ("/seizure meth 500g net 400g at ICN", "/seizure meth net 400g gross 500g at ICN"),
        ("/seizure meth 500g net weight 400g", "/seizure meth net 400g gross 500g"),
        ("/seizure ยาบ้า 500 กรัม นน.สุทธิ 400 กรัม", "/seizure ยาบ้า นน.สุทธิ 400 กรัม นน.รวม 500 กรัม"),
    ],
)
def test_a_weight_before_a_net_weight_is_asked_about(text: str, example: str) -> None:
    said = error(text)
    assert "the gross weight" in said and _example(said) == example, said
    [item] = parse(example).items
    assert (item.substance, item.amount, item.gross) == ("methamphetamine", 400, 500)


@pytest.mark.parametrize(
    ("text", "substance", "amount", "unit"),
    [
        # Before: "No amount found", or an example that was refused in turn.
        ("/seizure ยาบ้า200เม็ด at DMK", "methamphetamine", 200, "unit"),
        ("/seizure 2kgเคตามีน", "ketamine", 2000, "g"),
        ("/seizure เคตามีน ห้าร้อยกรัม at BKK", "ketamine", 500, "g"),
        ("/seizure เคตามีน ห้าร้อย กรัม", "ketamine", 500, "g"),
        ("/seizure ยาบ้าสองพันห้าร้อยเม็ด", "methamphetamine", 2500, "unit"),
        ("/seizure ยาบ้า ยี่สิบเอ็ดเม็ด", "methamphetamine", 21, "unit"),
        ("/seizure คีตามีน 1 กก.", "ketamine", 1000, "g"),
        ("/seizure เคทามีน 1 กก.", "ketamine", 1000, "g"),
        ("/seizure แอมเฟตามีน 1 กก.", "amphetamine", 1000, "g"),
    ],
)
def test_thai_amounts_as_thai_officers_write_them(
    text: str, substance: str, amount: int, unit: str
) -> None:
    got = _item(text)
    assert (got[0], got[1], got[2]) == (substance, amount, unit)


def test_a_thai_multiplier_alone_still_multiplies_the_number_before_it() -> None:
    assert _item("/seizure ยาบ้า 5 พันเม็ด")[1] == 5000
    assert _item("/seizure ยาบ้า 5 พัน เม็ด")[1] == 5000


@pytest.mark.parametrize(
    ("text", "note"),
    [
        # Before: 1 kg of "인천에서 2026-11-28", with the note "메트" (session 14).
        ("/seizure 메트 1키로 인천에서 2026-11-28", "인천에서 2026-11-28"),
        ("/seizure 메트 1키로 인천에서", "인천에서"),
    ],
)
def test_a_place_with_eseo_after_the_amount_is_never_the_substance(text: str, note: str) -> None:
    report = parse(text)
    [item] = report.items
    assert (item.substance, item.substance_text, report.note) == (None, "메트", note)
