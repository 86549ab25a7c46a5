"""The append-only audit log: who changed what, and when."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from typing import Any

from bot.domain.clock import utc_text

_INSERT = (
    "INSERT INTO audit_log (at, actor_id, operation_id, action, detail) VALUES (?, ?, ?, ?, ?)"
)
Entry = tuple[str, int | None, int | None, str, str]


def _entry(
    at: datetime, actor_id: int | None, operation_id: int | None, action: str, detail: Any
) -> Entry:
    return (utc_text(at), actor_id, operation_id, action, json.dumps(detail, ensure_ascii=False))


def add(
    conn: sqlite3.Connection,
    *,
    at: datetime,
    actor_id: int | None,
    operation_id: int | None,
    action: str,
    **detail: Any,
) -> None:
    """Add one entry inside the caller's transaction (the work of a Database.write)."""
    conn.execute(_INSERT, _entry(at, actor_id, operation_id, action, detail))
