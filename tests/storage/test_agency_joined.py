"""0026: agencies from before joined_at was kept take it from their 'agency.add' audit entry."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from storage.database import Database
from storage.migrate import apply_migrations, shipped_migrations


async def test_an_agency_added_before_gets_its_joining_time_from_the_audit_log(tmp_path: Path):
    path = tmp_path / "ocu.sqlite3"
    migrations = shipped_migrations()
    joined = next(m for m in migrations if m.name.endswith("_agency_joined.sql"))
    apply_migrations(path, migrations[: joined.version - 1])
    conn = sqlite3.connect(path, isolation_level=None)
    conn.executescript(
        "INSERT INTO operation (id, code, title, tz, created_at)"
        " VALUES (1, 'SIREN', 'Siren', 'Asia/Seoul', '2026-10-01T00:00:00+00:00');"
        "INSERT INTO agency (id, operation_id, code, name, tz) VALUES"
        " (1, 1, 'KCS', 'Korea Customs Service', 'Asia/Seoul'),"
        " (2, 1, 'JCB', 'Japan Customs', 'Asia/Tokyo'),"
        " (3, 1, 'LAO', 'Lao Customs', 'Asia/Vientiane');"  # an import's: no audit entry
        "INSERT INTO audit_log (at, actor_id, operation_id, action, detail) VALUES"
        " ('2026-10-01T01:00:00+00:00', 1, 1, 'agency.add', '{\"code\": \"KCS\"}'),"
        " ('2026-12-01T01:00:00+00:00', 1, 1, 'agency.add', '{\"code\": \"JCB\"}');"
    )
    conn.close()
    db = await Database.open(path)  # brings the file to the newest schema
    rows = await db.fetchall("SELECT code, joined_at FROM agency ORDER BY id")
    assert [tuple(r) for r in rows] == [
        ("KCS", "2026-10-01T01:00:00+00:00"),
        ("JCB", "2026-12-01T01:00:00+00:00"),
        ("LAO", None),
    ]
    await db.close()
