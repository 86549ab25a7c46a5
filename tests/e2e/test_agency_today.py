"""'Today' is the officer's agency's date: Bangkok at 22:26 while Seoul is past midnight."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.demo import GROUP, TCD_OFFICER
from tests.e2e import conftest as harness
from tests.e2e.asking import record_it

# Mon 30 Nov 22:26 in Bangkok is already Tue 1 Dec 00:26 in Seoul, the operation's zone.
LATE_IN_BANGKOK = datetime(2026, 11, 30, 15, 26, tzinfo=UTC)


async def say(bot: harness.Harness, text: str) -> str:
    return await bot.talk.text(TCD_OFFICER, text, GROUP)


async def days(bot: harness.Harness) -> list[tuple[object, object]]:
    rows = await bot.rows(
        "SELECT s.day, s.occurred_on FROM seizure s JOIN agency a ON a.id = s.agency_id"
        " WHERE a.code = 'TCD' ORDER BY s.id"
    )
    return [(r["day"], r["occurred_on"]) for r in rows]


async def test_today_and_yesterday_are_the_bangkok_officers_own_dates(siren):
    siren.clock.set(LATE_IN_BANGKOK)
    before = await days(siren)
    today = await say(siren, "/s 12kg ganja at BKK airport today")
    yesterday = await say(siren, "/s 1.5kg ketamine at BKK airport yesterday")
    assert "2026-11-30" in today and "2026-12-01" not in today
    assert "2026-11-29" in yesterday
    assert (await days(siren))[len(before) :] == [
        ("2026-11-30", "2026-11-30"),
        ("2026-11-29", "2026-11-29"),
    ]
    mine = await siren.talk.text(TCD_OFFICER, "/mine")
    # The seizure day written as the sending time is (one style in the list).
    assert "30 Nov (sent 30 Nov 22:26 Asia/Bangkok" in mine
    assert "01 Dec" not in mine
    # His report of today is counted on his today, the day a nil return would be for.
    nil = await say(siren, "/nil")
    assert "already reported 1 seizure on 2026-11-30" in nil, nil


async def test_an_undated_report_and_a_date_without_a_year_are_read_in_bangkok(siren):
    siren.clock.set(LATE_IN_BANGKOK)
    before = await days(siren)
    await say(siren, "/s 2kg meth at BKK airport")
    # '1 Dec' is tomorrow in Bangkok: the latest 1 Dec not after today is last year's.
    asked = await siren.talk.say(TCD_OFFICER, "/s 3kg meth at BKK airport on 1 Dec", GROUP)
    assert "before SIREN began" in asked["text"], asked  # almost a year back: asked first
    reply = await record_it(siren, TCD_OFFICER, GROUP, asked)
    assert "2025-12-01" in reply
    assert (await days(siren))[len(before) :] == [
        ("2026-11-30", None),
        ("2025-12-01", "2025-12-01"),
    ]
    future = await say(siren, "/s 3kg meth at BKK airport on 2026-12-01")
    assert "future" in future.lower() or "not recorded" in future.lower(), future


async def test_nil_counts_the_bangkok_officers_day(siren):
    siren.clock.set(LATE_IN_BANGKOK)
    await say(siren, "/s 1.5kg ketamine at BKK airport yesterday")
    # Nothing yet for his today (30 Nov): the nil return is recorded for that day, unasked.
    nil = await say(siren, "/nil")
    assert "already reported" not in nil
    (row,) = await siren.rows("SELECT day FROM nil_return")
    assert row["day"] == "2026-11-30"
