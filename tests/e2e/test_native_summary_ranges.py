"""A range of days as Korean and Thai coordinators write them: '11월 1일..11월 20일' (the mark
glued to the days' words) and '1 พ.ย. - 20 พ.ย.' (a Thai month's inner dots). Both were
refused ("'1일..11월 20일' is not a range I can read"; "Give one period only") while each day
alone was read. The harness's day is 20 Nov 2026."""

from __future__ import annotations

import pytest

from bot.demo import COORDINATOR
from fakegram.types import FakeChat
from tests.e2e import conftest as harness

KIM = FakeChat.private(COORDINATOR)


@pytest.mark.parametrize(
    "typed",
    [
        "11월 1일..11월 20일",
        "11월 1일~11월 20일",
        "2026년 11월 1일..2026년 11월 20일",
        "1 พ.ย. - 20 พ.ย.",
        "1 พ.ย. 2569 - 20 พ.ย. 2569",
    ],
)
async def test_a_range_written_in_korean_or_thai_is_that_range(
    siren: harness.Harness, typed: str
) -> None:
    said = await siren.talk.text(COORDINATOR, f"/summary {typed}", KIM)
    assert said == await siren.talk.text(COORDINATOR, "/summary 2026-11-01..2026-11-20", KIM)
    assert "2026-11-01 – 2026-11-20" in said, said


@pytest.mark.parametrize("typed", ["15/11..25/11", "15/11 - 25/11", "15.11..25.11"])
async def test_a_range_whose_end_is_to_come_runs_forward_from_its_start(
    siren: harness.Harness, typed: str
) -> None:
    # Newcomer review, round 2: '1/12..20/12' on 2 December read 20/12 as last year's and was
    # refused as ending before it starts, with a corrected range a year long.
    said = await siren.talk.text(COORDINATOR, f"/summary {typed}", KIM)
    assert "2026-11-15 – 2026-11-25" in said, said
