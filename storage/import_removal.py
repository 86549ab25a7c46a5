"""What a failed or killed import left: its reports, its staged totals, its agencies, taken away.

Its reports were never shown (storage/pending.py), so taking them away changes no answer.
Their numbers, the range `imports.begin` set aside, go back with them when no live report has
been numbered after the range: the next report is numbered after the highest left (migration
0009), where the operation stood before the import. When one has, the range stays a gap in the
operation's numbers: a number an officer has been given and may have quoted is never changed.
"""

from __future__ import annotations

import json
import sqlite3
from functools import partial

from storage.database import Database
from storage.import_totals import remove_some
from storage.imports import TOTALS_CHUNK, import_lock, merge_left

# Reports removed per transaction when a failed import is cleaned up.
_REMOVE_CHUNK = 2000


async def remove_abandoned(db: Database) -> int:
    """Take away what unfinished imports left (their reports were never shown); returns how many.

    Call it while holding the import lock (`import_lock`): a batch is unfinished while its import
    runs, too.
    """
    rows = await db.fetchall("SELECT id, agencies FROM import_batch WHERE finished_at IS NULL")
    removed = 0
    for row in rows:
        batch_id = int(row["id"])
        while count := await db.write(partial(_remove_some, batch_id=batch_id)):
            removed += count
        while await db.write(partial(remove_some, import_id=batch_id, limit=TOTALS_CHUNK)):
            pass
        agency_ids = json.loads(row["agencies"])
        await db.write(partial(_remove_batch, batch_id=batch_id, agency_ids=agency_ids))
    return removed


def _remove_some(conn: sqlite3.Connection, batch_id: int) -> int:
    ids = [
        int(r[0])
        for r in conn.execute(
            "SELECT id FROM seizure WHERE import_id = ? LIMIT ?", (batch_id, _REMOVE_CHUNK)
        )
    ]
    if ids:
        marks = ", ".join("?" * len(ids))
        conn.execute(f"DELETE FROM seizure_item WHERE seizure_id IN ({marks})", ids)
        conn.execute(f"DELETE FROM seizure WHERE id IN ({marks})", ids)
    return len(ids)


def _remove_batch(conn: sqlite3.Connection, batch_id: int, agency_ids: list[int]) -> None:
    # The agencies it added go too, unless something else has come to use them meanwhile.
    for agency_id in agency_ids:
        used = conn.execute(
            "SELECT 1 FROM seizure WHERE agency_id = ?1 UNION ALL"
            " SELECT 1 FROM membership WHERE agency_id = ?1 UNION ALL"
            " SELECT 1 FROM invite WHERE agency_id = ?1 UNION ALL"
            " SELECT 1 FROM nil_return WHERE agency_id = ?1 LIMIT 1",
            (agency_id,),
        ).fetchone()
        if used is None:
            conn.execute("DELETE FROM agency WHERE id = ?", (agency_id,))
    conn.execute("DELETE FROM import_batch WHERE id = ?", (batch_id,))


async def clean_up(db: Database) -> int:
    """At start-up: remove what failed imports left, unless an import is running now."""
    with import_lock(db.path, wait=False) as held:
        if not held:
            return 0
        await merge_left(db)
        return await remove_abandoned(db)
