"""Substance aliases: unclassified words a coordinator maps with /alias, past and future."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import datetime

from bot.domain.clock import utc_text
from bot.domain.seizure import SeizureItem
from bot.domain.units import normalise_words
from storage import audit
from storage.database import Database
from storage.totals import apply_alias


def _aliases(
    conn: sqlite3.Connection, operation_id: int, items: tuple[SeizureItem, ...]
) -> dict[str, str]:
    if all(item.substance is not None for item in items):
        return {}  # the common case: nothing to look up
    rows = conn.execute(
        "SELECT words, substance FROM substance_alias WHERE operation_id = ?", (operation_id,)
    ).fetchall()
    return {r[0]: r[1] for r in rows}


async def operation_aliases(db: Database, operation_id: int) -> dict[str, str]:
    """The words mapped with /alias in an operation, each with its canonical id."""
    rows = await db.fetchall(
        "SELECT words, substance FROM substance_alias WHERE operation_id = ?", (operation_id,)
    )
    return {r[0]: r[1] for r in rows}


def _classified(items: tuple[SeizureItem, ...], aliases: dict[str, str]) -> list[SeizureItem]:
    """Unclassified words a coordinator has mapped with /alias get their canonical id."""
    out = []
    for item in items:
        mapped = (
            aliases.get(normalise_words(item.substance_text))
            if item.substance is None and item.substance_text
            else None
        )
        if mapped:
            item = replace(item, substance=mapped, substance_text=None)
        out.append(item)
    return out


async def add_alias(
    db: Database,
    *,
    operation_id: int,
    words: str,
    substance: str,
    actor_id: int,
    now: datetime,
    update_id: int | None = None,
) -> int:
    """Map unclassified words to a canonical id, for past and future reports; returns past count."""
    key = normalise_words(words)

    def work(conn: sqlite3.Connection) -> int:
        conn.execute(
            "INSERT INTO substance_alias (operation_id, words, substance, created_by, created_at)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT (operation_id, words) DO UPDATE SET"
            " substance = excluded.substance, created_by = excluded.created_by,"
            " created_at = excluded.created_at",
            (operation_id, key, substance, actor_id, utc_text(now)),
        )
        changed = apply_alias(conn, operation_id=operation_id, words=words, substance=substance)
        audit.add(
            conn,
            at=now,
            actor_id=actor_id,
            operation_id=operation_id,
            action="alias.add",
            words=key,
            substance=substance,
            past_items=changed,
        )
        return changed

    return await db.write(work, update_id=update_id, now=now)
