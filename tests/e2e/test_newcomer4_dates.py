"""A day typed without a year that falls before the operation began (the fourth newcomer,
session 13). Before, only a day read as almost a year back was asked about: `on 3월 2일` or
`on 2 Mar`, in an operation begun in November, was recorded silently, stretching its totals.
"""

from __future__ import annotations

import pytest

from bot.demo import GROUP, KCS_OFFICER
from tests.e2e.asking import record_it
from tests.e2e.conftest import Harness


@pytest.mark.parametrize(
    ("text", "typed", "read"),
    [
        ("/s 헤로인 500g at 인천공항 on 3월 2일", "3월 2일", "2026-03-02"),
        ("/s heroin 500g at ICN on 2 Mar", "2 Mar", "2026-03-02"),
        ("/s heroin 500g at ICN on 19/11", "19/11", "2026-11-19"),
    ],
)
async def test_any_day_without_year_before_the_start_is_asked(
    siren: Harness, text: str, typed: str, read: str
) -> None:
    asked = await siren.talk.say(KCS_OFFICER, text, GROUP)  # SIREN began 20 Nov
    assert asked["text"].startswith(f"⚠️ {typed} was read as {read}, before SIREN"), asked
    assert await siren.rows("SELECT id FROM seizure") == []
    ack = await record_it(siren, KCS_OFFICER, GROUP, asked)
    assert f"date: {read}" in ack, ack
    rows = await siren.rows("SELECT occurred_on FROM seizure")
    assert [r["occurred_on"] for r in rows] == [read]


async def test_a_year_typed_before_the_start_is_asked_then_recorded_as_typed(
    siren: Harness,
) -> None:
    # Session 14: a typed year before the start is asked about too (it stretches the totals
    # the same), in words that fit it; Record it keeps the day as typed.
    asked = await siren.talk.say(KCS_OFFICER, "/s heroin 500g at ICN on 2 Mar 2026", GROUP)
    assert asked["text"].startswith("⚠️ The report is dated 2026-03-02, before SIREN"), asked
    await record_it(siren, KCS_OFFICER, GROUP, asked)
    rows = await siren.rows("SELECT occurred_on FROM seizure")
    assert [r["occurred_on"] for r in rows] == ["2026-03-02"]
