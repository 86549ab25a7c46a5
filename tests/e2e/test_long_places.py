"""A place is at most 80 characters, what the digest's report lines show whole: a longer one
is refused with a clear answer and the officer's own report, its place cut to its first
words, which the bot then accepts as shown; nothing is recorded or corrected meanwhile."""

from __future__ import annotations

import re
from html import unescape

from bot.demo import GROUP, KCS_OFFICER
from tests.e2e.conftest import Harness

LONG = " ".join(["Incheon airport terminal 2 east wing inspection area"] * 60)  # 3,179 characters


def _example(text: str) -> str:
    found = re.search(r"e\.g\. (/seizure .*)$", text)
    assert found is not None, text
    return unescape(found[1])


async def test_a_report_with_a_long_place_is_refused_with_an_example_the_bot_accepts(
    siren: Harness,
) -> None:
    said = await siren.talk.text(KCS_OFFICER, f"/seizure 2kg meth at {LONG} from Laos", GROUP)
    # Before: recorded, its 3,179-character place then shown in lists, the digest and exports.
    assert "is 3,179 characters long; a place is at most 80" in said, said
    assert len(said) < 600, said
    assert await siren.rows("SELECT id FROM seizure") == []
    example = _example(said)
    assert example.endswith(" from Laos"), example
    recorded = await siren.talk.text(KCS_OFFICER, example, GROUP)
    assert "Recorded report SIREN #1" in recorded, recorded
    [row] = await siren.rows("SELECT location, origin FROM seizure")
    assert row["origin"] == "LA" and 0 < len(str(row["location"])) <= 80, row


async def test_an_edit_to_a_long_place_leaves_the_report_as_it_was(siren: Harness) -> None:
    cursor = siren.api.cursor(GROUP)
    sent = siren.api.send_text(KCS_OFFICER, GROUP, "/seizure 2kg meth at ICN")
    assert "Recorded report SIREN #1" in str((await cursor.next())["text"])
    siren.api.edit_text(KCS_OFFICER, GROUP, int(sent["message_id"]), f"/seizure 2kg meth at {LONG}")
    said = str((await cursor.next(text_contains="unchanged"))["text"])
    assert "Report #1 is unchanged" in said and "a place is at most 80" in said, said
    assert await siren.rows("SELECT location FROM seizure") == [{"location": "ICN"}]


async def test_a_long_place_typed_step_by_step_is_asked_again(siren: Harness) -> None:
    await siren.talk.text(KCS_OFFICER, "/seizure")
    await siren.talk.text(KCS_OFFICER, "meth")
    await siren.talk.text(KCS_OFFICER, "2 kg")
    said = await siren.talk.text(KCS_OFFICER, LONG)
    # Before: cut to its first 100 characters unseen, then refused as "not a place alone".
    assert said.startswith("A place is at most 80 characters, and this one has 3,179."), said
    done = await siren.talk.text(KCS_OFFICER, "ICN cargo terminal")
    assert "ICN cargo terminal" in done, done
