"""A two-digit year is read in the Thai Buddhist era only when that gives a day of the last year
(review round 1, adversary): 'on 20/11/43' was read as 20 Nov 2000 (2543 BE)."""

from __future__ import annotations

from bot.demo import GROUP, KCS_OFFICER
from tests.e2e.asking import record_it
from tests.e2e.conftest import Harness


async def test_a_two_digit_year_far_in_the_past_in_the_buddhist_era_is_refused(
    siren: Harness,
) -> None:
    said = await siren.talk.text(KCS_OFFICER, "/seizure 1kg meth on 20/11/43", GROUP)
    # Before: "The date 2000-11-20 is more than a year ago": read as 2543 BE, a day nobody wrote.
    # Read as the year to come, refused as such with the year written in full (the wording of
    # that refusal is another change's).
    assert said.startswith("The date 20/11/43") and "2043-11-20" in said, said
    assert "e.g. /seizure 1kg meth on 20/11/2026" in said, said
    assert await siren.rows("SELECT occurred_on FROM seizure") == []
    # The Thai year of the last twelve months still reads: 12/11/69 is 12 Nov 2569 BE, 2026.
    # (Before SIREN began on 20 Nov, so asked about first: session 14.)
    asked = await siren.talk.say(KCS_OFFICER, "/seizure 1kg meth on 12/11/69", GROUP)
    assert asked["text"].startswith("⚠️ The report is dated 2026-11-12, before SIREN"), asked
    await record_it(siren, KCS_OFFICER, GROUP, asked)
    assert await siren.rows("SELECT occurred_on FROM seizure") == [{"occurred_on": "2026-11-12"}]
