"""The append-only audit log: who changed what, and when."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from typing import Any

import aiosqlite

from bot.clock import utc_text


async def append(
    conn: aiosqlite.Connection,
    *,
    at: datetime,
    actor_id: int | None,
    operation_id: int | None,
    action: str,
    **detail: Any,
) -> None:
    """Add one entry inside the caller's transaction."""
    await conn.execute(
        "INSERT INTO audit_log (at, actor_id, operation_id, action, detail) VALUES (?, ?, ?, ?, ?)",
        (utc_text(at), actor_id, operation_id, action, json.dumps(detail, ensure_ascii=False)),
    )


def decode(row: sqlite3.Row) -> dict[str, Any]:
    """An audit row as a plain dict with its detail decoded."""
    entry = dict(row)
    entry["detail"] = json.loads(entry["detail"])
    return entry
