"""/alias refuses words a report never hands to an alias, saying why with a valid example
(review round 1, adversary). Each was accepted before, and the coordinator told something false.
"""

from __future__ import annotations

import pytest

from bot.demo import COORDINATOR, GROUP, KCS_OFFICER
from tests.e2e.conftest import Harness

EXAMPLE = "e.g. /alias zombie dust synthetic_cathinones"


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        (
            "/alias cocain heroin",
            "'cocain' is already read as cocaine: the bot takes it for a misspelling, before any "
            "alias, so an alias would never be read. If it means cocaine, nothing is needed; for "
            f"a name the bot does not know, {EXAMPLE}",
        ),
        (
            "/alias #tag meth",
            "'#tag' is what a seizure report reads as a tag, so an alias would never be read; "
            f"give the words without #, {EXAMPLE}",
        ),
        (
            "/alias at icn meth",
            "'at' is what a seizure report reads as an amount, a unit or a detail, so an alias "
            f"would never be read; choose other words, {EXAMPLE}",
        ),
        (
            "/alias salt and pepper meth",
            "'and' is what a seizure report reads as an amount, a unit or a detail, so an alias "
            f"would never be read; choose other words, {EXAMPLE}",
        ),
        (
            "/alias list meth",
            "'list' is a word of /alias itself (/alias list, /alias rm WORDS), so it cannot "
            f"begin an alias; choose other words, {EXAMPLE}",
        ),
    ],
)
async def test_alias_refuses_words_a_report_never_reads_as_one(
    siren: Harness, typed: str, said: str
) -> None:
    answered = await siren.talk.text(COORDINATOR, typed, GROUP)
    # Before: "✅ ... now counts as ..." and an alias stored that no report would ever use.
    assert answered == said
    assert await siren.rows("SELECT words FROM substance_alias") == []


async def test_a_misspelling_still_reads_as_the_substance(siren: Harness) -> None:
    await siren.talk.text(COORDINATOR, "/alias cocain heroin", GROUP)
    await siren.talk.say(KCS_OFFICER, "/seizure 1kg cocain at ICN", GROUP)
    assert await siren.rows("SELECT substance FROM seizure_item") == [{"substance": "cocaine"}]
