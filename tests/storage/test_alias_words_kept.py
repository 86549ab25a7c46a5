"""0028: an item /alias classified as reported gets its words back, so re-pointing finds it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from storage.database import Database
from storage.migrate import apply_migrations, shipped_migrations


async def test_an_item_an_alias_classified_gets_the_alias_words_back(tmp_path: Path):
    path = tmp_path / "ocu.sqlite3"
    migrations = shipped_migrations()
    kept = next(m for m in migrations if m.name.endswith("_alias_words_kept.sql"))
    apply_migrations(path, migrations[: kept.version - 1])
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.executescript(
        "INSERT INTO substance_alias (operation_id, words, substance, created_by, created_at)"
        " VALUES (1, 'zombie', 'methamphetamine', 1, '2026-11-20T00:00:00+00:00'),"
        " (1, '파란 가루', 'methamphetamine', 1, '2026-11-20T00:00:00+00:00'),"
        " (2, 'zombie', 'cocaine', 1, '2026-11-20T00:00:00+00:00');"
    )
    columns = [r[1] for r in conn.execute("PRAGMA table_info(seizure)")]
    required = [r[1] for r in conn.execute("PRAGMA table_info(seizure)") if r[3] and r[4] is None]
    for number, operation in ((1, 1), (2, 2)):
        values = {c: ("2026-11-20" if c != "id" else number) for c in required}
        values.update(id=number, operation_id=operation, number=number)
        values = {c: v for c, v in values.items() if c in columns}
        conn.execute(
            f"INSERT INTO seizure ({', '.join(values)}) VALUES ({', '.join('?' * len(values))})",
            list(values.values()),
        )
    conn.executescript(
        "INSERT INTO seizure_item (seizure_id, position, substance, substance_text, amount,"
        " amount_nano, unit, as_written) VALUES"
        " (1, 0, 'methamphetamine', NULL, '1000', 1000000000000, 'g', '1kg Zombie'),"
        " (1, 1, 'methamphetamine', NULL, '500', 500000000000, 'g', '500g 파란 가루'),"
        " (1, 2, 'methamphetamine', NULL, '5', 5000000000, 'g', '5g meth'),"
        " (1, 3, 'methamphetamine', NULL, '5', 5000000000, 'g', '5g notzombie'),"
        " (2, 0, 'cocaine', NULL, '2000', 2000000000000, 'g', '2kg zombie');"
    )
    conn.close()
    db = await Database.open(path)  # brings the file to the newest schema
    rows = await db.fetchall(
        "SELECT substance_text FROM seizure_item ORDER BY seizure_id, position"
    )
    assert [r[0] for r in rows] == ["zombie", "파란 가루", None, None, "zombie"]
    await db.close()
