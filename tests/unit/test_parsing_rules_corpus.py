"""The rule-by-rule corpus (tests/unit/rules_corpus.py): each message against its record."""

from __future__ import annotations

from typing import Any

import pytest

from tests.unit.rules_corpus import CASES
from tests.unit.test_parsing_officer_corpus import differences, parsed


@pytest.mark.parametrize(("text", "expect"), CASES, ids=[text for text, _ in CASES])
def test_the_record_is_what_the_rule_says(text: str, expect: dict[str, Any]) -> None:
    """Each message records exactly the fields its case lists, and no stray note."""
    assert differences(expect, parsed(text)) == []


def test_the_corpus_has_no_message_twice_nor_one_of_the_officer_corpus() -> None:
    from tests.unit.officer_corpus import CASES as OFFICERS

    texts = [text for text, _ in CASES]
    assert len(set(texts)) == len(texts) >= 200
    assert not set(texts) & {text for text, _ in OFFICERS}
