"""Package counts with no weight: the example gives every such count its weight, the way the
rules give the first one ('3 bricks 3kg cocaine'), and drops none of the officer's items."""

from __future__ import annotations

import re
from datetime import date

import pytest

from tests.unit.parsing_reader import Reader

READ = Reader(date(2026, 11, 25))


@pytest.mark.parametrize(
    ("text", "example", "substances"),
    [
        (
            "3 bricks coke 2 bags heroin",
            "3 bricks 3kg coke 2 bags 2kg heroin",
            ["cocaine", "heroin"],
        ),
        (
            "3 bricks coke, 2 bags heroin at ICN",
            "3 bricks 3kg coke, 2 bags 2kg heroin at ICN",
            ["cocaine", "heroin"],
        ),
        ("3 bricks cocaine", "3 bricks 3kg cocaine", ["cocaine"]),  # the rules' own example
    ],
)
def test_every_count_with_no_weight_is_given_one_in_the_example(
    text: str, example: str, substances: list[str]
) -> None:
    refusal = READ.error(text)
    found = re.search(r"e\.g\. /seizure (.*)$", refusal)
    # Before: '3 bricks 3kg coke', the heroin dropped from the example.
    assert found is not None and found[1] == example, refusal
    assert [i.substance for i in READ.parse(example).items] == substances
