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


async def test_a_long_alias_list_shows_every_alias_whole(siren: Harness) -> None:
    # 60 aliases of 60 characters, the same for their first 56: the list goes in parts.
    names = [("longname" * 7) + a + b + "zz" for a in "abcdefghij" for b in "abcdef"]
    for name in names:
        said = await siren.talk.text(COORDINATOR, f"/alias {name} meth", GROUP)
        assert said.startswith(f'"{name}" now counts as methamphetamine'), said
    cursor = siren.api.cursor(GROUP)
    siren.api.send_text(COORDINATOR, GROUP, "/alias")
    parts = [str((await cursor.next())["text"])]
    assert parts[0].startswith("(1/") and "Aliases of SIREN:" in parts[0], parts
    total = int(parts[0][3])
    parts += [str((await cursor.next())["text"]) for _ in range(total - 1)]
    assert [part[:6] for part in parts] == [f"({n}/{total}) " for n in range(1, total + 1)]
    listed = "\n".join(part[6:] for part in parts)
    # Before: each cut to '"longnamelonglname…' at 40 characters, all 60 alike.
    assert [line.split('"')[1] for line in listed.split("\n") if line.startswith("• ")] == names
