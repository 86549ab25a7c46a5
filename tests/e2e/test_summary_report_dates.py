"""/summary reads a day as a report does (bot.parsing.dates): a Thai Buddhist-era year in
full or in two digits, 그저께, and a range of such days, '어제..오늘'."""

from __future__ import annotations

from bot.demo import COORDINATOR, GROUP, KCS_OFFICER
from tests.e2e.conftest import Harness


async def test_a_day_written_as_in_a_report_is_a_period(siren: Harness) -> None:
    await siren.talk.say(KCS_OFFICER, "/seizure 2kg meth at ICN from Thailand", GROUP)
    # Before: "Nothing is recorded as '20/11/2569'", read as a substance.
    for typed in ("20/11/2569", "20/11/69", "20/11/2026"):
        said = await siren.talk.text(COORDINATOR, f"/summary {typed}")
        assert "methamphetamine" in said and "2026-11-20" in said, (typed, said)
    # Before: "'어제..오늘' is not a range I can read".
    both = await siren.talk.text(COORDINATOR, "/summary 어제..오늘")
    assert "2026-11-19 – 2026-11-20" in both and "methamphetamine" in both, both
    before = await siren.talk.text(COORDINATOR, "/summary 그저께")
    assert "2026-11-18" in before and "그저께" not in before, before


async def test_a_range_of_report_dates_too_long_says_how_long_one_can_be(siren: Harness) -> None:
    said = await siren.talk.text(COORDINATOR, "/summary 1/1/2000..1/1/2100")
    # Before: "'1/1/2000..1/1/2100' is not a range I can read".
    assert "A range can cover at most 10 years — e.g. /summary 2000-01-01..2009-12-31" in said, said
    wrong = await siren.talk.text(COORDINATOR, "/summary 31/11/2026")
    assert "There is no date 31/11/2026" in wrong and "e.g. /summary 20/11/2026" in wrong, wrong
