"""0025: reports imported before an import dropped the source's acknowledgement lose it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from storage.database import Database
from storage.migrate import apply_migrations, shipped_migrations

_SEIZURE = (
    "INSERT INTO seizure (id, operation_id, officer_id, chat_id, message_id, text, reported_at,"
    " day, import_id, reply_chat_id, reply_message_id) VALUES"
    " (?, 1, 2003, -100900900, ?, '/s 100kg meth', '2026-11-05T01:00:00+00:00', '2026-11-05',"
    " ?, -100900900, ?)"
)


async def test_an_imported_copy_no_longer_points_at_the_source_groups_acknowledgement(
    tmp_path: Path,
):
    path = tmp_path / "ocu.sqlite3"
    migrations = shipped_migrations()
    cleared = next(m for m in migrations if m.name.endswith("_imported_replies.sql"))
    apply_migrations(path, migrations[: cleared.version - 1])
    conn = sqlite3.connect(path, isolation_level=None)
    conn.executescript(
        "INSERT INTO operation (id, code, title, tz, created_at)"
        " VALUES (1, 'SIREN', 'Siren', 'Asia/Seoul', '2026-10-01T00:00:00+00:00');"
        "INSERT INTO import_batch (id, operation_id, started_at, finished_at) VALUES"
        " (7, 1, '2026-11-06T00:00:00+00:00', '2026-11-06T01:00:00+00:00');"
    )
    conn.execute(_SEIZURE, (1, 11, None, 12))  # reported here: its acknowledgement stays
    conn.execute(_SEIZURE, (2, 21, 7, 22))  # an imported copy of another operation's report
    conn.close()
    db = await Database.open(path)  # brings the file to the newest schema
    rows = await db.fetchall("SELECT id, reply_chat_id, reply_message_id FROM seizure ORDER BY id")
    await db.close()
    assert [tuple(r) for r in rows] == [(1, -100900900, 12), (2, None, None)]
