"""What a second newcomer typed as a Korean and a Thai officer: gross and net weight in their
languages, the names they use, amounts in Sino-Korean numerals, and a reminder 'at' a time."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bot.domain.catalogue import Catalogue
from bot.parse_cli import answer
from bot.parsing import ParseError, parse_seizure
from bot.parsing.when import parse_reminder
from tests.examples import examples

TODAY = date(2026, 12, 1)


def _items(text: str) -> list[dict[str, object]]:
    found = answer(text, catalogue=Catalogue.load(), today=TODAY)
    assert "error" not in found, found
    items = found["items"]
    assert isinstance(items, list)
    return items


@pytest.mark.parametrize(
    ("text", "amount", "gross"),
    [
        # Before: a second item, 1.8 kg of an unclassified "총중량".
        ("필로폰 3봉지 1.5kg 총중량 1.8kg at ICN", "1500", "1800"),
        ("필로폰 1.5kg 총 중량 1.8kg at ICN", "1500", "1800"),
        ("필로폰 순중량 1.5kg 총중량 1.8kg at ICN", "1500", "1800"),
        ("필로폰 1.5kg 그로스 1.8kg at ICN", "1500", "1800"),
        ("필로폰 총중량 1.8kg 정미 1.5kg at ICN", "1500", "1800"),
        # Before: 1.2 kg of an unclassified "นน.รวม".
        ("ไอซ์ 1 กก นน.รวม 1.2 กก. at BKK", "1000", "1200"),
        ("ไอซ์ 1 กก นน. รวม 1.2 กก. at BKK", "1000", "1200"),
        ("ไอซ์ 1 กก น้ำหนักรวม 1.2 กก. at BKK", "1000", "1200"),
        ("ไอซ์ นน.สุทธิ 1 กก น้ำหนักรวม 1.2 กก. at BKK", "1000", "1200"),
    ],
)
def test_gross_and_net_in_korean_and_thai_are_one_item(text: str, amount: str, gross: str) -> None:
    [item] = _items(text)
    assert item["substance"] == "methamphetamine", item
    assert (item["amount"], item["gross"]) == (amount, gross), item


@pytest.mark.parametrize(
    ("text", "substance", "unit"),
    [
        ("아이스 1kg at ICN", "methamphetamine", "g"),
        ("엑스타시 100정 at ICN", "mdma", "unit"),
        ("메트암페타민 1kg at ICN", "methamphetamine", "g"),
        ("마리화나 1kg at ICN", "cannabis", "g"),
        ("ใบกระท่อม 5 กก at หาดใหญ่", "kratom", "g"),
    ],
)
def test_names_officers_use(text: str, substance: str, unit: str) -> None:
    [item] = _items(text)
    assert (item["substance"], item["unit"]) == (substance, unit), item


@pytest.mark.parametrize(
    ("text", "amount", "unit"),
    [
        # Before: "No amount found ... e.g. /seizure 2kg 히로뽕 오백그램".
        ("히로뽕 오백그램", "500", "g"),
        ("필로폰 삼킬로 at ICN", "3000", "g"),
        ("야바 이만오천정 at ICN", "25000", "unit"),
        ("필로폰 십이그램", "12", "g"),
    ],
)
def test_sino_korean_numerals_glued_to_a_unit(text: str, amount: str, unit: str) -> None:
    [item] = _items(text)
    assert (Decimal(str(item["amount"])), item["unit"]) == (Decimal(amount), unit), item


@pytest.mark.parametrize(
    "text",
    # Words, not amounts: a schedule, the palate, a lone 이 or 오.
    ["일정 변경 2kg meth", "필로폰 2kg 구정 전", "필로폰 이 2kg", "오 2kg meth"],
)
def test_korean_words_that_look_like_numerals_stay_words(text: str) -> None:
    [item] = _items(text)
    assert item["amount"] == "2000", item


def test_a_reminder_at_a_time() -> None:
    now = datetime(2026, 12, 1, 2, 30, tzinfo=UTC)
    for typed, spec in (
        ("tomorrow at 8am check seizures", "tomorrow 08:00"),
        ("tomorrow 8am check seizures", "tomorrow 08:00"),
        ("daily at 9 pm send nil returns", "daily 21:00"),
        ("2026-12-05 at 8am debrief", "2026-12-05 08:00"),
    ):
        assert parse_reminder(typed, now=now, tz="Asia/Seoul").spec == spec, typed


@pytest.mark.parametrize("text", ["필로폰 2kg 각 1kg at ICN", "meth 2kg approx 1kg at ICN"])
def test_a_word_about_an_amount_is_never_a_substance(text: str) -> None:
    # Before: "필로폰 2kg 각 1kg" recorded a second item, 1 kg of an unclassified "각".
    found = answer(text, catalogue=Catalogue.load(), today=TODAY)
    assert "error" in found, found
    example = str(found["error"]).rsplit("e.g. /seizure ", 1)[1]
    assert "error" not in answer(example, catalogue=Catalogue.load(), today=TODAY), example


_KO_TH = st.sampled_from(
    [
        "2kg", "500", "3봉지", "각", "1.5kg", "총중량", "총", "중량", "순중량", "그로스", "히로뽕",
        "필로폰", "야바", "오백그램", "삼킬로", "이", "오", "흰색", "가루", "약", "at", "ICN",
        "on", "2/12", "11월", "28일", "ไอซ์", "ยาบ้า", "1", "กก", "นน.รวม", "นน.", "รวม",
        "ถุง", "ถุงละ", "เม็ด", "2หมื่น", "ประมาณ", "ผงสีขาว", "และ", "및", "엑스타시", "아이스",
    ]
)  # fmt: skip


@settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_KO_TH, min_size=1, max_size=8).map(" ".join))
@example("히로뽕 오백 그램")
@example("필로폰 3봉지 총중량")
def test_every_example_offered_in_korean_or_thai_is_recorded(text: str) -> None:
    # A guard, as tests/unit/test_parsing_refusal_examples.py is for English words: each
    # corrected message the bot offers is recorded as shown.
    catalogue = Catalogue.load()
    try:
        parse_seizure(text, catalogue=catalogue, today=TODAY)
    except ParseError as error:
        assert error.examples, text
        for choices in error.examples:
            for choice in choices:
                parse_seizure(choice, catalogue=catalogue, today=TODAY)  # refused: fails
