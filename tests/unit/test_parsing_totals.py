"""`total` is never a substance: `total 5kg` is the weight of packages counted with none, and
beside an item that has an amount it is asked about, never added (adversary, round 11)."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest

from bot.domain.catalogue import Catalogue
from bot.parsing import ParseError, SeizureReport, parse_seizure
from bot.parsing.alias_clash import grammar_word

TODAY = date(2026, 11, 25)
CATALOGUE = Catalogue.load()


def parse(text: str) -> SeizureReport:
    return parse_seizure(text, catalogue=CATALOGUE, today=TODAY)


def refused(text: str) -> str:
    with pytest.raises(ParseError) as raised:
        parse(text)
    return str(raised.value)


def first_example(text: str) -> str:
    shown = re.search(r"e\.g\. /seizure (.*?)(?: or /seizure |$)", refused(text))
    assert shown, refused(text)
    return shown[1]


@pytest.mark.parametrize(
    "text",
    [
        "/s 3 bags meth, total 5kg at ICN",
        "/s 3 bags meth total 5kg at ICN",
        "/s 3 bags meth in total 5kg at ICN",
        "/s 3 bags meth, total weight 5kg at ICN",
        "/s 3 bags meth 5kg total at ICN",
    ],
)
def test_a_total_after_packages_with_no_weight_is_their_weight(text: str) -> None:
    report = parse(text)
    (item,) = report.items
    assert (item.substance, item.amount, item.unit, item.packages) == (
        "methamphetamine",
        Decimal(5000),
        "g",
        3,
    )
    assert report.location == "ICN"


@pytest.mark.parametrize(
    ("text", "example"),
    [
        ("/s 2kg meth total 5kg", "5kg meth"),
        ("/s 2kg meth, total 5kg at ICN", "5kg meth at ICN"),
        ("/s 3 bags 3kg meth, total 5kg at ICN", "3 bags 5kg meth at ICN"),
        ("/s 3 bags 3kg meth 5kg total at ICN", "3 bags 5kg meth at ICN"),
    ],
)
def test_a_total_beside_an_item_with_an_amount_is_asked_about(text: str, example: str) -> None:
    answer = refused(text)
    assert "has an amount already" in answer and "total 5kg" in answer
    assert first_example(text) == example
    (item,) = parse(example).items
    assert item.substance == "methamphetamine" and item.amount == Decimal(5000)


def test_total_is_no_alias() -> None:
    assert grammar_word("total") == "total"
