"""'3 bricks cocaine' (a count with no weight) records nothing and asks how much the bricks
weigh, with the example the rules give (seizure-messages.md, Packages with a total): the
officer's words with the count in kilograms beside it. Sent back exactly as shown, the bot
records it: 3 kg in 3 packages. A guard, not a fix: it held before this change too."""

from __future__ import annotations

import re
from html import unescape

import pytest

from bot.demo import KCS_OFFICER
from tests.e2e.conftest import Harness

SHOWN = "3 kg cocaine (in 3 packages)"


@pytest.mark.parametrize(
    ("typed", "shown", "recorded"),
    [
        ("/seizure 3 bricks cocaine", "/seizure 3 bricks 3kg cocaine", SHOWN),
        ("/seizure 코카인 3 봉지", "/seizure 코카인 3 봉지 3kg", SHOWN),
        ("/seizure โคเคน 3 ถุง at BKK", "/seizure โคเคน 3 ถุง 3kg at BKK", SHOWN),
    ],
)
async def test_the_example_for_a_count_with_no_weight_is_recorded_as_shown(
    siren: Harness, typed: str, shown: str, recorded: str
) -> None:
    said = await siren.talk.text(KCS_OFFICER, typed)
    assert "weigh? Write the weight with the count" in said, said
    assert await siren.rows("SELECT id FROM seizure") == []
    found = re.search(r"e\.g\. (/seizure .*)$", said)
    assert found is not None and unescape(found[1]) == shown, said
    ack = await siren.talk.text(KCS_OFFICER, shown)
    assert "Recorded report SIREN #1" in ack and recorded in ack, ack
    [item] = await siren.rows("SELECT amount, unit, packages FROM seizure_item")
    assert item == {"amount": "3000", "unit": "g", "packages": 3}, item


@pytest.mark.parametrize(
    "typed",
    ["/seizure 3 bricks 1.2kg cocaine", "/seizure 3 x 400g cocaine", "/seizure ยาบ้า 3 มัด 1.2 กก."],
)
async def test_a_package_count_is_shown_beside_the_total_not_as_a_weight_each(
    siren: Harness, typed: str
) -> None:
    # Newcomer reviews: '3 bricks 1.2kg cocaine' (a total) was shown back as '3 × 400 g', a
    # weight per brick nobody weighed, while '3 bricks 1kg cocaine' read '1 kg (in 3 packages)'.
    said = await siren.talk.text(KCS_OFFICER, typed)
    assert "(in 3 packages)" in said and " × " not in said, said
