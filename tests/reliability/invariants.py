"""What must hold in the database whatever happened to the bot: nothing half-written."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

from storage.totals import rebuild_totals

_TOTALS = (
    "SELECT '', '', grain, period, agency_id, substance_key, unit, form, amount_nano, cases, 0"
    " FROM seizure_total WHERE operation_id = ?1 UNION ALL"
    " SELECT dim, dim_value, grain, period, agency_id, substance_key, unit, form, amount_nano,"
    " cases, reports FROM seizure_dim_total WHERE operation_id = ?1"
)


async def database_problems(path: Path) -> list[str]:
    """Everything wrong with the file at `path`; an empty list when it is whole.

    Reads on a connection of its own; the totals are recomputed from the reports inside a
    transaction that is rolled back, so a running bot is not disturbed.
    """
    return await asyncio.to_thread(_problems, path)


def _problems(path: Path) -> list[str]:
    problems: list[str] = []
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        (integrity,) = conn.execute("PRAGMA integrity_check").fetchone() or ("?",)
        if integrity != "ok":
            problems.append(f"integrity_check: {integrity}")
        problems += [f"foreign key: {tuple(r)}" for r in conn.execute("PRAGMA foreign_key_check")]
        problems += [
            f"report #{r[0]} has no items"
            for r in conn.execute(
                "SELECT s.id FROM seizure AS s WHERE NOT EXISTS"
                " (SELECT 1 FROM seizure_item AS i WHERE i.seizure_id = s.id)"
            )
        ]
        problems += [
            f"report #{r[0]} is not in the audit log"
            for r in conn.execute(
                "SELECT s.id FROM seizure AS s WHERE NOT EXISTS (SELECT 1 FROM audit_log AS a"
                " WHERE a.action = 'seizure.report'"
                " AND json_extract(a.detail, '$.seizure_id') = s.id)"
            )
        ]
        # The case count's table (migration 0013) agrees with the reports it counts.
        problems += [
            f"report count differs: {tuple(r)}"
            for r in conn.execute(
                "SELECT operation_id, day, coalesce(agency_id, 0), coalesce(import_id, 0), count(*)"
                " FROM seizure WHERE voided_at IS NULL GROUP BY 1, 2, 3, 4"
                " EXCEPT SELECT operation_id, day, agency_id, import_id, reports FROM report_count"
                " WHERE reports > 0"
            )
        ]
        problems += [
            f"report count left over: {tuple(r)}"
            for r in conn.execute(
                "SELECT * FROM report_count WHERE reports < 0 OR (reports > 0 AND NOT EXISTS"
                " (SELECT 1 FROM seizure AS s WHERE s.voided_at IS NULL"
                " AND s.day = report_count.day AND s.operation_id = report_count.operation_id))"
            )
        ]
        operations = [int(r[0]) for r in conn.execute("SELECT id FROM operation")]
        conn.execute("BEGIN IMMEDIATE")
        try:
            for operation_id in operations:
                kept = _rows(conn, operation_id)
                rebuild_totals(conn, operation_id)
                rebuilt = _rows(conn, operation_id)
                if kept != rebuilt:
                    problems.append(
                        f"running totals of operation {operation_id} differ from a rebuild: "
                        f"kept only {sorted(kept - rebuilt)[:3]}, "
                        f"rebuilt only {sorted(rebuilt - kept)[:3]}"
                    )
        finally:
            conn.execute("ROLLBACK")
    finally:
        conn.close()
    return problems


def _rows(conn: sqlite3.Connection, operation_id: int) -> set[tuple[object, ...]]:
    return {tuple(r) for r in conn.execute(_TOTALS, (operation_id,))}


def read(path: Path, sql: str, params: tuple[object, ...] = ()) -> list[dict[str, object]]:
    """Committed rows of a query, from a short-lived read-only connection."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in conn.execute(sql, params).fetchall()]
    finally:
        conn.close()
