"""The local reporting day computed in SQL agrees with zoneinfo, across daylight-saving changes."""

from __future__ import annotations

import sqlite3
from collections import Counter
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

import bot.parsing  # noqa: F401  (the parsing modules first, as the bot imports them)
from storage.debrief_checks import local_day_sql, median

STAMPS = (
    "2026-03-08T06:30:00+00:00",  # New York: 01:30 EST, the night clocks go forward
    "2026-03-08T07:30:00+00:00",  # 03:30 EDT
    "2026-10-31T03:30:00+00:00",  # 23:30 EDT on the 30th
    "2026-11-01T04:30:00.123456+00:00",  # 00:30 EDT on the 1st
    "2026-11-01T05:30:00+00:00",  # 01:30 EDT
    "2026-11-01T06:30:00+00:00",  # 01:30 EST, after clocks went back
    "2026-11-02T04:30:00+00:00",  # 23:30 EST on the 1st
    "2026-11-02T05:30:00+00:00",  # 00:30 EST on the 2nd
    "2026-10-03T15:15:00+00:00",  # Lord Howe: 01:45 +10:30 on the 4th
    "2026-10-03T15:45:00+00:00",  # 02:45 +11:00, clocks forward half an hour at 15:30 UTC
    "2026-10-03T12:45:00+00:00",  # 23:15 +10:30 on the 3rd
)


@pytest.mark.parametrize("zone", ["America/New_York", "Asia/Seoul", "Australia/Lord_Howe"])
def test_local_day_in_sql_is_the_zones_date(zone: str) -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE seizure (id INTEGER PRIMARY KEY, operation_id, reported_at)")
    conn.executemany(
        "INSERT INTO seizure (operation_id, reported_at) VALUES (1, ?)", [(s,) for s in STAMPS]
    )
    expression, params = local_day_sql(conn, 1, ZoneInfo(zone))
    got = [
        day
        for (day,) in conn.execute(f"SELECT {expression} FROM seizure AS s ORDER BY s.id", params)
    ]
    expected = [
        datetime.fromisoformat(s).astimezone(ZoneInfo(zone)).date().isoformat() for s in STAMPS
    ]
    assert got == expected


def test_median_of_a_histogram() -> None:
    assert median(Counter()) is None
    assert median(Counter({0: 3, 1: 1, 2: 1})) == 0
    assert median(Counter({0: 2, 1: 2})) == Decimal("0.5")
    assert median(Counter({5: 1})) == 5
    assert median(Counter({0: 1, 3: 1, 9: 1})) == 3
