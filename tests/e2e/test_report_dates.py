"""Dates as newcomers wrote them: the day before yesterday, and a day with no year still to come.

Before, `on 그저께` went to the note and the report counted as today's with no warning; and
`on 2 Dec` sent on 1 Dec was read as the year before, with nothing said about the operation
not having begun then.
"""

from __future__ import annotations

from bot.demo import GROUP, KCS_OFFICER
from tests.e2e.conftest import Harness


async def test_the_day_before_yesterday_in_korean_dates_the_report(siren: Harness) -> None:
    siren.api.send_text(KCS_OFFICER, GROUP, "/s 코카인 2kg at 인천항 on 그저께")  # 20 Nov
    ack = str((await siren.api.wait_for_message(GROUP, text_contains="SIREN #1"))["text"])
    assert "date: Wed 18 Nov" in ack or "2026-11-18" in ack, ack
    assert "그저께" not in ack, ack  # before: "note: on 그저께"
    rows = await siren.rows("SELECT occurred_on, note FROM seizure")
    assert [(r["occurred_on"], r["note"]) for r in rows] == [("2026-11-18", None)]
