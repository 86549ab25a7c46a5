"""A time of day and "2 days ago" in a report (review round 2): recorded with the time in the
note and the date read, where the bot used to ask for a unit and suggest "14.00 kg"."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.demo import GROUP, KCS_OFFICER, TCD_OFFICER
from tests.e2e.conftest import Harness

BANGKOK = ZoneInfo("Asia/Bangkok")


async def test_a_time_of_day_is_noted_and_days_ago_is_a_date(siren: Harness) -> None:
    siren.clock.set(datetime(2026, 11, 25, 15, tzinfo=BANGKOK))
    timed = await siren.talk.text(TCD_OFFICER, "/seizure 2kg meth ที่ สุวรรณภูมิ เวลา 14.00 น.", GROUP)
    # Before: "No unit for 14.00 น ... e.g. /seizure 2kg meth ที่ สุวรรณภูมิ เวลา 14.00 kg น."
    assert "14.00 kg" not in timed and "เวลา 14.00 น." in timed, timed
    ago = await siren.talk.text(KCS_OFFICER, "/seizure 2kg meth at ICN 2 days ago", GROUP)
    assert "2 kg days" not in ago, ago
    rows = await siren.rows("SELECT location, occurred_on, note FROM seizure ORDER BY id")
    assert [(r["location"], r["occurred_on"], r["note"]) for r in rows] == [
        ("สุวรรณภูมิ", None, "เวลา 14.00 น."),  # ที่ is at since session 14
        ("ICN", "2026-11-23", None),
    ]
    items = await siren.rows("SELECT substance, amount FROM seizure_item")
    assert [(i["substance"], i["amount"]) for i in items] == [("methamphetamine", "2000")] * 2


async def test_a_lone_day_number_asks_for_the_whole_date(siren: Harness) -> None:
    siren.clock.set(datetime(2026, 11, 25, 15, tzinfo=BANGKOK))
    said = await siren.talk.text(TCD_OFFICER, "/seizure 2kg meth at BKK on 5", GROUP)
    assert "2kg meth at BKK on 5/11/2026" in said, said
    assert await siren.rows("SELECT id FROM seizure") == []
