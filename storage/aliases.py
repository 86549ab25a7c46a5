"""Substance aliases: unclassified words a coordinator maps with /alias, past and future."""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from bot.domain.clock import from_utc_text, utc_text
from bot.domain.listing import Person, SetAlias
from bot.domain.seizure import SeizureItem
from bot.domain.units import normalise_words, substance_key
from storage import audit
from storage.database import Database
from storage.pending import visible
from storage.totals import count_seizure


def _aliases(
    conn: sqlite3.Connection, operation_id: int, items: tuple[SeizureItem, ...]
) -> dict[str, str]:
    if all(item.substance is not None for item in items):
        return {}  # the common case: nothing to look up
    rows = conn.execute(
        "SELECT words, substance FROM substance_alias WHERE operation_id = ?", (operation_id,)
    ).fetchall()
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
            # The words stay beside the id: re-pointing the alias must find this item again.
            item = replace(item, substance=mapped)
        out.append(item)
    return out


def apply_alias(
    conn: sqlite3.Connection, *, operation_id: int, words: str, substance: str, previous: str | None
) -> tuple[int, int]:
    """Classify past unclassified items called `words` as `substance`, and move those the alias
    counted as `previous` before; returns (classified, moved)."""
    key = "?" + normalise_words(words)
    # Not a running import's items: their totals are gathered apart, under the words as read.
    # An item an alias classified keeps its words beside the id, so it is found again here;
    # two SELECTs so that each reads its own index (unclassified items; one substance's).
    part = (
        "SELECT i.id, i.seizure_id, i.substance_text, i.substance FROM seizure_item AS i JOIN"
        f" seizure AS s ON s.id = i.seizure_id WHERE s.operation_id = ? AND {visible('s')} AND"
    )
    rows = conn.execute(
        f"{part} i.substance IS NULL UNION ALL {part} i.substance = ? AND i.substance_text"
        " IS NOT NULL",
        (operation_id, operation_id, previous),
    ).fetchall()
    found = [(int(r[0]), int(r[1]), r[3]) for r in rows if substance_key(None, r[2]) == key]
    _reclassify(conn, found, substance, keep_words=True)
    moved = sum(1 for *_, was in found if was is not None)
    return len(found) - moved, moved


def _reclassify(
    conn: sqlite3.Connection,
    found: Sequence[tuple[int, int, str | None]],
    substance: str | None,
    *,
    keep_words: bool,
) -> None:
    """Give the items (id, report id, substance) `substance`, each report's totals moved along.

    keep_words=False: the words read as a catalogue name now, as a fresh report records them.
    """
    by_report: dict[int, list[int]] = defaultdict(list)
    for item_id, seizure_id, _ in found:
        by_report[seizure_id].append(item_id)
    words = "substance_text" if keep_words else "NULL"
    for seizure_id, item_ids in by_report.items():
        voided = conn.execute("SELECT voided_at FROM seizure WHERE id = ?", (seizure_id,))
        counted = voided.fetchone()[0] is None
        if counted:
            count_seizure(conn, seizure_id, -1)
        conn.executemany(
            f"UPDATE seizure_item SET substance = ?, substance_text = {words} WHERE id = ?",
            [(substance, item_id) for item_id in item_ids],
        )
        if counted:
            count_seizure(conn, seizure_id, +1)


async def operation_aliases(db: Database, *, operation_id: int) -> dict[str, str]:
    """The operation's /alias words (normalised) and the canonical id each counts as."""
    rows = await db.fetchall(
        "SELECT words, substance FROM substance_alias WHERE operation_id = ?", (operation_id,)
    )
    return {str(r[0]): str(r[1]) for r in rows}


@dataclass(frozen=True)
class AliasResult:
    """What /alias changed: past items newly classified, and items moved from an earlier target."""

    classified: int
    moved: int
    previous: str | None  # what the words counted as before, when they counted as something
    already: bool = False  # the words counted as this substance before this /alias


async def add_alias(
    db: Database,
    *,
    operation_id: int,
    words: str,
    substance: str,
    actor_id: int,
    now: datetime,
    update_id: int | None = None,
) -> AliasResult:
    """Map unclassified words to a canonical id, for past and future reports (re-pointing an
    alias moves the items it classified)."""
    key = normalise_words(words)

    def work(conn: sqlite3.Connection) -> AliasResult:
        row = conn.execute(
            "SELECT substance FROM substance_alias WHERE operation_id = ? AND words = ?",
            (operation_id, key),
        ).fetchone()
        previous = None if row is None or row[0] == substance else str(row[0])
        already = row is not None and row[0] == substance
        conn.execute(
            "INSERT INTO substance_alias (operation_id, words, substance, created_by, created_at)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT (operation_id, words) DO UPDATE SET"
            " substance = excluded.substance, created_by = excluded.created_by,"
            " created_at = excluded.created_at",
            (operation_id, key, substance, actor_id, utc_text(now)),
        )
        changed = apply_alias(
            conn, operation_id=operation_id, words=words, substance=substance, previous=previous
        )
        audit.add(
            conn,
            at=now,
            actor_id=actor_id,
            operation_id=operation_id,
            action="alias.add",
            words=key,
            substance=substance,
            past_items=changed[0] + changed[1],
            moved_from=previous,
        )
        return AliasResult(changed[0], changed[1], previous, already)

    return await db.write(work, update_id=update_id, now=now)


@dataclass(frozen=True)
class RemovedAlias:
    """What removing an /alias changed: the substance it counted as, and the past items it had
    classified, now read as the words read without it."""

    substance: str
    items: int


async def remove_alias(
    db: Database,
    *,
    operation_id: int,
    words: str,
    reads_as: str | None,
    actor_id: int,
    now: datetime,
    update_id: int | None = None,
) -> RemovedAlias | None:
    """Remove an alias; the items it classified read again as without it: unclassified under
    their words, or `reads_as` if the catalogue now knows them. None: no such alias."""
    key = normalise_words(words)

    def work(conn: sqlite3.Connection) -> RemovedAlias | None:
        row = conn.execute(
            "SELECT substance FROM substance_alias WHERE operation_id = ? AND words = ?",
            (operation_id, key),
        ).fetchone()
        if row is None:
            return None
        substance = str(row[0])
        conn.execute(
            "DELETE FROM substance_alias WHERE operation_id = ? AND words = ?", (operation_id, key)
        )
        # Its items keep their words beside the id (apply_alias); not a running import's.
        rows = conn.execute(
            "SELECT i.id, i.seizure_id, i.substance_text FROM seizure_item AS i JOIN seizure AS s"
            f" ON s.id = i.seizure_id WHERE s.operation_id = ? AND {visible('s')} AND"
            " i.substance = ? AND i.substance_text IS NOT NULL",
            (operation_id, substance),
        ).fetchall()
        found = [
            (int(r[0]), int(r[1]), substance)
            for r in rows
            if substance_key(None, r[2]) == "?" + key
        ]
        _reclassify(conn, found, reads_as, keep_words=reads_as is None)
        audit.add(
            conn,
            at=now,
            actor_id=actor_id,
            operation_id=operation_id,
            action="alias.remove",
            words=key,
            substance=substance,
            past_items=len(found),
            now_reads_as=reads_as,
        )
        return RemovedAlias(substance, len(found))

    return await db.write(work, update_id=update_id, now=now)


def setter(row: sqlite3.Row) -> Person | None:
    """Who set an alias, from its row joined to person (None when they are not known)."""
    if row["full_name"] is None:
        return None
    return Person(int(row["created_by"]), str(row["full_name"]), row["username"])


async def listed_aliases(db: Database, *, operation_id: int) -> list[SetAlias]:
    """The operation's aliases, in the order of their words, with who set each and when."""
    rows = await db.fetchall(
        "SELECT a.words, a.substance, a.created_by, a.created_at, p.full_name, p.username"
        " FROM substance_alias AS a LEFT JOIN person AS p ON p.user_id = a.created_by"
        " WHERE a.operation_id = ? ORDER BY a.words",
        (operation_id,),
    )
    return [
        SetAlias(
            words=str(r["words"]),
            substance=str(r["substance"]),
            set_by=setter(r),
            set_by_id=int(r["created_by"]),
            set_at=from_utc_text(str(r["created_at"])),
        )
        for r in rows
    ]
