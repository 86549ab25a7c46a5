"""The fourth corpus (tests/unit/stranger_corpus.py) against the parser, and the answers that
corpus found wrong, as the officer reads them back."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from tests.unit.officer_corpus import CASES as OFFICERS
from tests.unit.outsider_corpus import CASES as OUTSIDERS
from tests.unit.parsing_reader import Reader
from tests.unit.rules_corpus import CASES as RULES
from tests.unit.stranger_corpus import CASES
from tests.unit.test_parsing_officer_corpus import differences, parsed

READER = Reader(date(2026, 11, 25))
EXAMPLES = Path(__file__).resolve().parents[1] / "data"  # the rules' worked examples, copied


@pytest.mark.parametrize(("text", "expect"), CASES, ids=[text for text, _ in CASES])
def test_the_record_is_what_the_rule_says(text: str, expect: dict[str, Any]) -> None:
    """Each message records exactly the fields its case lists, and no stray note."""
    assert differences(expect, parsed(text)) == []


def test_the_corpus_repeats_no_message_of_its_own_nor_of_the_others_nor_the_examples() -> None:
    texts = [text for text, _ in CASES]
    assert len(set(texts)) == len(texts) >= 500
    assert sum(expect.get("error") is True for _, expect in CASES) >= 50
    earlier = {text for text, _ in OFFICERS + RULES + OUTSIDERS}
    for name in ("seizure-examples.jsonl", "seizure-examples-2.jsonl"):
        lines = (EXAMPLES / name).read_text(encoding="utf-8").splitlines()
        earlier |= {json.loads(line)["text"] for line in lines if line.strip()}
    assert not set(texts) & earlier


@pytest.mark.parametrize(
    ("text", "amount", "packages"),
    [
        ("/s 3 bricks about 3kg cocaine", "3000", 3),
        ("/s 2 bags approx. 1kg heroin", "1000", 2),
        ("/s 3 bricks of about 1kg cocaine", "3000", 3),
        ("/s 5 bags about 500 yaba", "500", 5),
        ("/s 3 bricks cocaine about 3kg", "3000", 3),
        ("/s 필로폰 3봉지 약 1kg", "1000", 3),
        ("/s 3 bags ~1kg heroin", "1000", 3),
        ("/s cocaine 3 bricks ~3kg", "3000", 3),
    ],
)
def test_about_between_a_package_count_and_the_amount_marks_the_amount(
    text: str, amount: str, packages: int
) -> None:
    """'About' before an amount makes it approximate, also after a package count: before,
    '3 bricks about 3kg cocaine' was refused with the example '3 bricks 3kg meth about
    cocaine', and '3 bags ~1kg heroin' was recorded as exact."""
    report = READER.parse(text)
    (item,) = report.items
    assert (item.amount, item.packages, item.approximate) == (Decimal(amount), packages, True)
    assert report.note is None


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("/s 2kg white powder gross 2.2kg", "white powder"),
        ("/s 2kg zombie dust gross 2.2kg", "zombie dust"),
        ("/s 2kg blue sky G.W. 2.2kg", "blue sky"),
        ("/s 2kg zombie dust gross weight 2.2kg @ICN", "zombie dust"),
    ],
)
def test_a_gross_weight_after_an_unknown_name_of_two_words_is_the_items_gross(
    text: str, name: str
) -> None:
    """'2kg white powder gross 2.2kg' was refused ('No substance found after 2.2kg'), the
    marker read into the name; '2kg heroin gross 2.2kg' was always 2 kg, gross 2.2 kg."""
    (item,) = READER.parse(text).items
    assert (item.substance_text, item.amount, item.gross) == (name, Decimal(2000), Decimal(2200))
    assert not item.approximate


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        ("/s 1kg meth reference: ref KCS-1", "reference", "KCS-1"),
        ("/s 1kg meth location: at ICN", "location", "ICN"),
        ("/s 1kg meth location=@ICN", "location", "ICN"),
        ("/s 1kg meth origin: from Laos", "origin", "LA"),
        ("/s 1kg meth destination: to Japan", "destination", "JP"),
        ("/s 1kg meth transport: by air cargo", "transport", "air_cargo"),
        ("/s 1kg meth detection: detected by k9", "detection", "canine"),
        ("/s 1kg meth concealment: in luggage", "concealment", "luggage"),
    ],
)
def test_a_key_followed_by_its_own_keyword_records_the_value_and_no_stray_note(
    text: str, field: str, value: str
) -> None:
    """'reference: ref KCS-1' stored the reference 'ref' and the note 'KCS-1'; 'location: at
    ICN' and the others stored the value but kept 'location:' as the report's note."""
    report = READER.parse(text)
    assert (getattr(report, field), report.note) == (value, None)


def test_a_date_key_followed_by_on_records_the_date() -> None:
    """'date: on 24/11' was refused ('Cannot read the date "on"') with an example that
    kept both the date and today's."""
    report = READER.parse("/s 1kg meth date: on 24/11")
    assert (report.occurred_on, report.note) == (date(2026, 11, 24), None)


@pytest.mark.parametrize(
    ("text", "grams"),
    [
        ("/s quarter of a kilo of cocaine", 250),
        ("/s a quarter of a kilo meth", 250),
        ("/s half of a kilo heroin", 500),
    ],
)
def test_a_fraction_of_a_kilo_is_that_fraction(text: str, grams: int) -> None:
    """'quarter of a kilo' recorded 1 kg, with 'quarter of' left in the note."""
    report = READER.parse(text)
    (item,) = report.items
    assert (item.amount, item.unit, report.note) == (Decimal(grams), "g", None)


@pytest.mark.parametrize(
    ("text", "amount", "unit", "packages"),
    [
        ("/s 1kg 200g x 3 heroin", "3600", "g", 3),
        ("/s 1kg 200g heroin x 3", "3600", "g", 3),
        ("/s 2 lb 4 oz x 2 heroin", "2041.165665", "g", 2),
        ("/s 1 l 500 ml x 2 gbl", "3000", "ml", 2),
    ],
)
def test_a_compound_amount_times_a_count_is_per_package(
    text: str, amount: str, unit: str, packages: int
) -> None:
    """Compound amounts add up, and an amount times a count is per package: '1kg 200g x 3
    heroin' was refused with the example '/seizure 1kg 200g meth', the heroin and the count
    both lost from it."""
    report = READER.parse(text)
    (item,) = report.items
    assert (item.amount, item.unit, item.packages) == (Decimal(amount), unit, packages)
    assert report.note is None
