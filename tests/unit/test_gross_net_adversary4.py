"""Gross and net weights a fourth adversary wrote (session 13): every refusal's example is
accepted as shown and records the amount the officer meant once, never a gross or a second
net as an item of its own."""

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
    return "/s " + shown[1]


# Each refused message, the start of what the bot says, and the items its example must record:
# (substance, amount, unit, gross), the amount once.
CASES = [
    (
        "/s yaba 200 tablets net 20g gross 25g",
        "200 tablets is a count: it keeps a gross weight but no net weight",
        [("methamphetamine", Decimal(200), "unit", Decimal(25))],
    ),
    (
        "/s yaba 200 tablets net 20g",
        "200 tablets is a count",
        [("methamphetamine", Decimal(200), "unit", None)],
    ),
    (
        "/s meth 2kg gross 2kg net 1kg",
        "net 1kg is a second net weight for the same item",
        [("methamphetamine", Decimal(1000), "g", Decimal(2000))],
    ),
    (
        "/s meth gross 2kg net 1kg net 1.5kg",
        "net 1.5kg is a second net weight for the same item",
        [("methamphetamine", Decimal(1000), "g", Decimal(2000))],
    ),
    (
        "/s ยาบ้า นน.สุทธิ 2กก. นน.สุทธิ 1กก.",
        "นน.สุทธิ 1กก is a second net weight for the same item",
        [("methamphetamine", Decimal(2000), "g", None)],
    ),
    (
        "/s 2kg meth + 1kg heroin net 500g",
        "Is 1kg the gross weight and 500g the net?",
        [
            ("methamphetamine", Decimal(2000), "g", None),
            ("heroin", Decimal(500), "g", Decimal(1000)),
        ],
    ),
    (
        "/s ice 2kg gross 2.3kg net 1.9kg at ICN",
        "net 1.9kg is a second net weight for the same item",
        [("methamphetamine", Decimal(2000), "g", Decimal(2300))],
    ),
]


@pytest.mark.parametrize(("text", "said", "items"), CASES)
def test_each_refusal_example_records_the_amount_once(
    text: str, said: str, items: list[tuple[str, Decimal, str, Decimal | None]]
) -> None:
    # Before: "No substance found after 25g … 25g meth" (200 tablets and 25 g), "… net 1kg
    # meth" (3 kg), "/seizure 2kg meth" for a gross and two nets, the Thai net word doubled.
    answer = refused(text)
    assert answer.startswith(said), answer
    recorded = parse(example(answer)).items
    got = [(item.substance, item.amount, item.unit, item.gross) for item in recorded]
    assert got == items, (answer, got)
    for unit in ("g", "unit"):
        total = sum((item.amount for item in recorded if item.unit == unit), Decimal(0))
        meant = sum((amount for _s, amount, kind, _g in items if kind == unit), Decimal(0))
        assert total == meant


def test_a_count_and_its_gross_alone_still_read() -> None:
    (item,) = parse("/s yaba 200 tablets gross 25g").items
    assert (item.amount, item.unit, item.gross) == (Decimal(200), "unit", Decimal(25))
