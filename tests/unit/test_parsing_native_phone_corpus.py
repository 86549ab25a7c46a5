"""Thai and Korean phone-typed reports (tests/unit/native_phone_corpus.py) against the record
the seizure rules say each makes."""

from __future__ import annotations

from typing import Any

import pytest

from tests.unit.native_phone_corpus import CASES
from tests.unit.test_parsing_officer_corpus import differences, parsed


@pytest.mark.parametrize(("text", "expect"), CASES, ids=[text for text, _ in CASES])
def test_a_phone_typed_report_records_what_the_rules_say(text: str, expect: dict[str, Any]) -> None:
    assert differences(expect, parsed(text)) == []
