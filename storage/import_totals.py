"""An import's running totals, staged apart by batch and added to the running totals in chunks.

The import counts its totals into temp tables (totals.gather_import), copies them into
import_total and import_dim_total a chunk per transaction while its batch is pending (nobody
reads them then), and finishes the batch in one transaction of a few rows: from then on the
summaries read the staged rows beside the running totals (storage/totals_query.py), so the
reports and their totals appear together. Then the staged rows move to the running totals a
chunk per transaction, each chunk added and taken away at once, so a summary adds up the same
all along. No transaction grows with the size of the import.
"""

from __future__ import annotations

import sqlite3

from storage.pending import SHOWN
from storage.totals import _TABLES


def stage_some(
    conn: sqlite3.Connection, import_id: int, limit: int, reached: dict[str, int]
) -> int:
    """Copy up to `limit` gathered rows into the batch's staged totals; returns how many.

    Run in a transaction on the connection that gathered them (temp tables are its own).
    `reached` keeps the last rowid copied of each temp table: they are read by rowid range,
    not deleted, which took a third of the time (drop_gathered drops them at the end).
    """
    conn.execute("UPDATE import_batch SET staged = 1 WHERE id = ?", (import_id,))
    moved = 0
    for _, staged, gathered, key, counts in _TABLES:
        after = reached.get(gathered, 0)
        cursor = conn.execute(
            f"INSERT INTO {staged} ({key}, amount_nano, {counts}, import_id)"
            f" SELECT {key}, amount_nano, {counts}, ? FROM temp.{gathered}"
            " WHERE rowid > ? AND rowid <= ? ORDER BY rowid",
            (import_id, after, after + limit - moved),
        )
        reached[gathered] = after + cursor.rowcount
        moved += cursor.rowcount
        if moved >= limit:
            break
    return moved


def drop_gathered(conn: sqlite3.Connection) -> None:
    """Drop gather_import's temp tables (staged, or left by a failed import)."""
    for _, _, gathered, _, _ in _TABLES:
        conn.execute(f"DROP TABLE IF EXISTS temp.{gathered}")


def merge_some(conn: sqlite3.Connection, import_id: int, limit: int) -> int:
    """Move up to `limit` staged rows of a finished batch into the running totals; how many.

    When none is left the batch stops being staged. Call it in a transaction.
    """
    moved = 0
    for running, staged, _, key, counts in _TABLES:
        # The batch's first rows in the key's order, up to the last one's key: a range of the
        # staged table's key, which is the running one's plus the batch, so that the upserts
        # go through the running totals in order too.
        last = conn.execute(
            f"SELECT {key} FROM {staged} WHERE import_id = ? ORDER BY {key} LIMIT 1 OFFSET ?",
            (import_id, limit - moved - 1),
        ).fetchone()
        marks = ", ".join("?" * len(last)) if last else ""
        upto = f" AND ({key}) <= ({marks})" if last else ""
        params = (import_id, *(last or ()))
        added = ", ".join(f"{c} = {c} + excluded.{c}" for c in counts.split(", "))
        conn.execute(
            f"INSERT INTO {running} ({key}, amount_nano, {counts})"
            f" SELECT {key}, amount_nano, {counts} FROM {staged} WHERE import_id = ?{upto}"
            f" ORDER BY {key} ON CONFLICT ({key}) DO UPDATE SET amount_nano = amount_nano"
            f" + excluded.amount_nano, {added}",
            params,
        )
        cursor = conn.execute(f"DELETE FROM {staged} WHERE import_id = ?{upto}", params)
        moved += cursor.rowcount
        if moved >= limit:
            return moved
    conn.execute("UPDATE import_batch SET staged = 0 WHERE id = ?", (import_id,))
    return moved


def remove_some(conn: sqlite3.Connection, import_id: int, limit: int) -> int:
    """Delete up to `limit` staged rows of an abandoned batch; returns how many."""
    removed = 0
    for _, staged, _, key, _ in _TABLES:
        cursor = conn.execute(
            f"DELETE FROM {staged} WHERE ({key}, import_id) IN"
            f" (SELECT {key}, import_id FROM {staged} WHERE import_id = ? LIMIT ?)",
            (import_id, limit - removed),
        )
        removed += cursor.rowcount
        if removed >= limit:
            break
    return removed


def shown_batches(conn: sqlite3.Connection, operation_id: int) -> list[int]:
    """The operation's finished batches whose totals are still staged (usually none)."""
    return [int(r[0]) for r in conn.execute(SHOWN + " AND operation_id = ?", (operation_id,))]
