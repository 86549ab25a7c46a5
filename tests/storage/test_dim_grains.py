"""0023: a file from before the breakdowns kept weeks and months gets them from its day rows."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from storage.database import Database
from storage.migrate import apply_migrations, shipped_migrations

_ROW = (
    "INSERT INTO {table} (operation_id, dim, grain, period, dim_value, substance_key, unit, form,"
    " agency_id, amount_nano, cases, reports{extra}) VALUES"
    " (1, 'location', ?, ?, 'ICN', 'cocaine', 'g', '', 0, ?, ?, ?{mark})"
)


async def test_a_file_from_before_the_weeks_gets_them_for_running_and_staged_totals(
    tmp_path: Path,
):
    path = tmp_path / "ocu.sqlite3"
    migrations = shipped_migrations()
    weeks = next(m for m in migrations if m.name.endswith("_dim_weeks_months.sql"))
    apply_migrations(path, migrations[: weeks.version - 1])
    conn = sqlite3.connect(path, isolation_level=None)
    conn.executescript(
        "INSERT INTO operation (id, code, title, tz, created_at)"
        " VALUES (1, 'SIREN', 'Siren', 'Asia/Seoul', '2026-10-01T00:00:00+00:00');"
        "INSERT INTO import_batch (id, operation_id, started_at, finished_at, staged) VALUES"
        " (7, 1, '2026-11-03T00:00:00+00:00', '2026-11-03T01:00:00+00:00', 1);"
    )
    running = _ROW.format(table="seizure_dim_total", extra="", mark="")
    # Sunday 1 November and Monday 2 November: two ISO weeks, one month.
    for grain, period, nano, cases in (
        ("d", "2026-11-01", 2, 1),
        ("d", "2026-11-02", 3, 2),
        ("a", "", 5, 3),
    ):
        conn.execute(running, (grain, period, nano, cases, cases))
    staged = _ROW.format(table="import_dim_total", extra=", import_id", mark=", 7")
    conn.execute(staged, ("d", "2026-11-08", 4, 1, 1))  # a Sunday, in the week of 2 November
    conn.execute(staged, ("a", "", 4, 1, 1))
    conn.close()
    db = await Database.open(path)  # brings the file to the newest schema
    rows = await db.fetchall(
        "SELECT grain, period, amount_nano, cases, reports FROM seizure_dim_total"
        " WHERE grain IN ('w', 'm') ORDER BY grain, period"
    )
    assert [tuple(r) for r in rows] == [
        ("m", "2026-11", 5, 3, 3),
        ("w", "2026-10-26", 2, 1, 1),
        ("w", "2026-11-02", 3, 2, 2),
    ]
    rows = await db.fetchall(
        "SELECT grain, period, amount_nano, cases, import_id FROM import_dim_total"
        " WHERE grain IN ('w', 'm') ORDER BY grain, period"
    )
    assert [tuple(r) for r in rows] == [("m", "2026-11", 4, 1, 7), ("w", "2026-11-02", 4, 1, 7)]
    await db.close()
