"""The outsider's corpus (tests/unit/outsider_corpus.py) against the parser, and the answers
that corpus found wrong: what the officer reads back, and what /summary counts."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from bot.domain.catalogue import Catalogue
from bot.domain.summary import DateRange
from bot.parsing.summary import parse_summary_args
from tests.unit.officer_corpus import CASES as OFFICERS
from tests.unit.outsider_corpus import CASES
from tests.unit.parsing_reader import Reader
from tests.unit.rules_corpus import CASES as RULES
from tests.unit.test_parsing_officer_corpus import differences, parsed

READER = Reader(date(2026, 11, 25))


@pytest.mark.parametrize(("text", "expect"), CASES, ids=[text for text, _ in CASES])
def test_the_record_is_what_the_rule_says(text: str, expect: dict[str, Any]) -> None:
    """Each message records exactly the fields its case lists, and no stray note."""
    assert differences(expect, parsed(text)) == []


def test_the_corpus_repeats_no_message_of_its_own_nor_of_the_other_two() -> None:
    texts = [text for text, _ in CASES]
    assert len(set(texts)) == len(texts) >= 500
    assert not set(texts) & {text for text, _ in OFFICERS + RULES}


@pytest.mark.parametrize(
    ("text", "reason", "example"),
    [
        ("/s 2 kg heroin kg meth", "No amount found for meth", "/seizure 2 kg heroin 2 kg meth"),
        (
            "/s 2kg heroin + tabs yaba",
            "No amount found for yaba",
            "/seizure 2kg heroin + 300 tabs yaba",
        ),
    ],
)
def test_a_unit_without_its_number_is_asked_for_not_noted(
    text: str, reason: str, example: str
) -> None:
    """'kg meth' after an item is an amount whose number was forgotten: the officer is asked,
    with the message corrected, rather than told meth is recorded only in the note."""
    error = READER.error(text)
    assert error.startswith(reason) and example in error


def test_counted_packages_with_only_a_gross_weight_record_it_as_their_amount() -> None:
    """'3 bricks cocaine gross 3.3kg': the gross weight alone is the amount (approximate),
    never a question about what the bricks weigh."""
    for text in ("/s 3 bricks cocaine gross 3.3kg", "/s 3 bricks cocaine 3.3kg gross"):
        report = READER.parse(text)
        (item,) = report.items
        assert (item.amount, item.packages, item.gross) == (3300, 3, 3300), text
        assert item.approximate and report.note is None, text


@pytest.mark.parametrize("text", ["20 พ.ย. 69", "20 พฤศจิกายน 69", "meth 20 พ.ย. 69"])
def test_a_summary_of_a_thai_day_with_a_short_year_is_that_day_and_no_substance(
    text: str,
) -> None:
    """'/summary 20 พ.ย. 69': 69 is the Buddhist era's 2569 (2026), as in a report's date,
    not a substance called '69' that nothing was seized of."""
    request = parse_summary_args(
        text, find_substance=Catalogue.load().lookup, today=date(2026, 11, 25)
    )
    day = date(2026, 11, 20)
    assert request.period.resolve(date(2026, 11, 25)) == DateRange(day, day)
    found = request.substance
    assert (found.key if found else None) == ("methamphetamine" if "meth" in text else None)
