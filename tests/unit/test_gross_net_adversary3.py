"""Gross and net weights written together (a third adversary, session 13): a net that repeats
the amount is the amount, the gross is never an item of its own, a second net or a net above
the gross is refused with an example that records one item as the officer meant it."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest

from tests.unit.parsing_reader import Reader

TODAY = date(2026, 11, 25)
parse, refused = Reader(TODAY).parse, Reader(TODAY).error


def example(said: str) -> str:
    shown = re.search(r"e\.g\. /seizure (.*?)(?: or /seizure |$)", said)
    assert shown, said
    return shown[1]


@pytest.mark.parametrize(
    "text",
    [
        "/s 필로폰 2kg 총중량 2.3kg 순중량 2kg",
        "/s ยาบ้า 2kg นน.รวม 2.3kg น้ำหนักสุทธิ 2kg",
        "/s ice 2kg gross 2.3kg net 2kg",
        "/s ice 2kg gross 2.3kg net weight 2000g at ICN",
    ],
)
def test_an_amount_its_gross_and_the_same_net_are_one_item(text: str) -> None:
    # Before: "No substance found after 2kg", offering an example with two items (4.3 kg).
    (item,) = parse(text).items
    assert (item.substance, item.amount, item.unit, item.gross) == (
        "methamphetamine", Decimal(2000), "g", Decimal(2300),
    )  # fmt: skip


def test_a_net_repeating_the_amount_alone_is_the_amount() -> None:
    (item,) = parse("/s ice 2kg net 2kg").items
    assert (item.amount, item.gross) == (Decimal(2000), None)


def test_a_gross_typed_first_then_its_net_still_reads_so() -> None:
    # "2.3kg gross 2kg net": the first is the gross; the heroin after it is its own item.
    first, second = parse("/s ice 2.3kg gross 2kg net 1kg heroin").items
    assert (first.amount, first.gross) == (Decimal(2000), Decimal(2300))
    assert (second.substance, second.amount) == ("heroin", Decimal(1000))


def test_a_second_different_net_is_refused_without_doubling() -> None:
    said = refused("/s ice 2kg gross 2.3kg net 1.9kg at ICN")
    assert said.startswith("net 1.9kg is a second net weight for the same item"), said
    (item,) = parse(example(said)).items
    assert (item.amount, item.gross) == (Decimal(2000), Decimal(2300))


@pytest.mark.parametrize(
    ("text", "net", "gross"),
    [
        ("/s 필로폰 순중량 2kg 총중량 1kg", Decimal(1000), Decimal(2000)),
        ("/s ยาบ้า 2kg นน.รวม 1kg at ICN", Decimal(1000), Decimal(2000)),
        ("/s 3 bags of 100g heroin gross 250g", Decimal(300), Decimal(300)),
    ],
)
def test_a_net_above_the_gross_is_refused(text: str, net: Decimal, gross: Decimal) -> None:
    # Before: recorded silently, a net of 2 kg in 1 kg gross.
    said = refused(text)
    assert said.startswith("The net weight "), said
    assert "is above the gross weight" in said, said
    (item,) = parse(example(said)).items
    assert (item.amount, item.gross) == (net, gross)
