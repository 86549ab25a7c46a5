"""Dates as newcomers wrote them: the day before yesterday, and a day with no year still to come.

Before, `on 그저께` went to the note and the report counted as today's with no warning; and
`on 2 Dec` sent on 1 Dec was read as the year before, with nothing said about the operation
not having begun then.
"""

from __future__ import annotations

from datetime import timedelta

from bot.demo import COORDINATOR, GROUP, KCS_OFFICER
from tests.e2e.asking import record_it
from tests.e2e.conftest import Harness


async def test_the_day_before_yesterday_in_korean_dates_the_report(siren: Harness) -> None:
    # 22 Nov: the day before yesterday is SIREN's first day (a day before it is asked about).
    siren.clock.advance(timedelta(days=2))
    siren.api.send_text(KCS_OFFICER, GROUP, "/s 코카인 2kg at 인천항 on 그저께")
    ack = str((await siren.api.wait_for_message(GROUP, text_contains="SIREN #1"))["text"])
    assert "date: Fri 20 Nov" in ack or "2026-11-20" in ack, ack
    assert "그저께" not in ack, ack  # before: "note: on 그저께"
    rows = await siren.rows("SELECT occurred_on, note FROM seizure")
    assert [(r["occurred_on"], r["note"]) for r in rows] == [("2026-11-20", None)]


async def test_a_day_without_year_still_to_come_says_the_operation_had_not_begun(
    siren: Harness,
) -> None:
    siren.clock.advance(timedelta(days=11))  # Tue 1 Dec 2026 in Seoul; SIREN began 20 Nov
    asked = await siren.talk.say(KCS_OFFICER, "/s 2kg meth at ICN on 2 Dec", GROUP)
    # The rule stands (the latest such day not after today), but it is asked about first.
    assert asked["text"].startswith("⚠️ 2 Dec was read as 2025-12-02, before SIREN"), asked
    ack = await record_it(siren, KCS_OFFICER, GROUP, asked)
    assert "date: 2025-12-02" in ack, ack
    assert (
        "2 Dec was read as 2025-12-02, almost a year ago and before SIREN began on 2026-11-20: "
        "edit your message with the day it happened"
    ) in ack, ack
    digest = await siren.talk.text(COORDINATOR, "/digest now", GROUP)
    # Before: "(#1, seized Tue 02 Dec)", read as tomorrow.
    assert "(#1, seized Tue 02 Dec 2025)" in digest, digest


async def test_a_day_without_year_after_the_operation_began_keeps_the_short_form(
    siren: Harness,
) -> None:
    siren.clock.advance(timedelta(days=3))  # 23 Nov
    siren.api.send_text(KCS_OFFICER, GROUP, "/s 2kg meth at ICN on 21 Nov")
    await siren.api.wait_for_message(GROUP, text_contains="SIREN #1")
    digest = await siren.talk.text(COORDINATOR, "/digest now", GROUP)
    assert "(#1, seized Sat 21 Nov)" in digest, digest
