"""One statement of many rows for an upsert run once per row (storage.totals: ~35 a report)."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from functools import lru_cache

# 200 rows of a dozen values stay far below SQLite's limit on a statement's parameters.
_CHUNK = 200


def upsert_rows(conn: sqlite3.Connection, upsert: str, rows: Sequence[tuple[object, ...]]) -> None:
    """`upsert` (one row of VALUES) for every row: half the time of executemany's row by row.

    Rows of one key add up as they did one by one: SQLite applies a statement's rows in order.
    """
    for at in range(0, len(rows), _CHUNK):
        chunk = rows[at : at + _CHUNK]
        conn.execute(_many_rows(upsert, len(chunk)), [value for row in chunk for value in row])


@lru_cache(maxsize=64)
def _many_rows(upsert: str, count: int) -> str:
    start = upsert.index("VALUES (") + len("VALUES ")
    end = upsert.index(")", start) + 1
    return upsert[:start] + ", ".join([upsert[start:end]] * count) + upsert[end:]
