"""Place aliases: words for a place that a coordinator says are one place (/alias place).

The reports keep the officer's words and the running totals stay under them; the breakdowns
by location read them through the operation's Places (bot.domain.places) when they are read,
so that an alias counts for past and future reports at once and the totals never move.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime

from bot.domain.clock import from_utc_text, utc_text
from bot.domain.places import PlaceAliasSet, Places, SetPlace, place_key, tidy
from storage import audit
from storage.aliases import setter
from storage.database import Database
from storage.pending import SHOWN

# Each spelling of a place in the whole operation's totals (grain 'a'), with its reports,
# beside a finished import's totals still staged apart (storage/import_totals.py).
_SLICE = "operation_id = ?1 AND dim = 'location' AND grain = 'a' AND period = ''"
_SPELLINGS = (
    "SELECT dim_value, sum(reports) FROM (SELECT dim_value, reports FROM seizure_dim_total"
    f" WHERE {_SLICE} UNION ALL SELECT dim_value, reports FROM import_dim_total WHERE {_SLICE}"
    f" AND import_id IN ({SHOWN})) GROUP BY dim_value"
)


def aliases_of(conn: sqlite3.Connection, operation_id: int) -> dict[str, str]:
    """The operation's place aliases: key of the words -> the place they count as."""
    rows = conn.execute(
        "SELECT words, place FROM place_alias WHERE operation_id = ?", (operation_id,)
    ).fetchall()
    return {str(r[0]): str(r[1]) for r in rows}


def spellings_of(conn: sqlite3.Connection, operation_id: int) -> list[tuple[str, int]]:
    """Every place as written in the operation's counted reports, with its reports."""
    return [(str(r[0]), int(r[1])) for r in conn.execute(_SPELLINGS, (operation_id,)) if r[0]]


def places_of(conn: sqlite3.Connection, operation_id: int) -> Places:
    """How the operation's places are named, in the caller's transaction (pack, export)."""
    return Places(aliases_of(conn, operation_id), spellings_of(conn, operation_id))


async def place_aliases(db: Database, *, operation_id: int) -> dict[str, str]:
    """The operation's place aliases: key of the words -> the place they count as."""
    return await db.read(lambda conn: aliases_of(conn, operation_id))


async def add_place_alias(
    db: Database,
    *,
    operation_id: int,
    words: str,
    place: str,
    actor_id: int,
    now: datetime,
    update_id: int | None = None,
) -> PlaceAliasSet:
    """Words count as a place from now on, in past reports too (re-pointing replaces)."""
    key, place = place_key(words), tidy(place)

    def work(conn: sqlite3.Connection) -> PlaceAliasSet:
        row = conn.execute(
            "SELECT place FROM place_alias WHERE operation_id = ? AND words = ?",
            (operation_id, key),
        ).fetchone()
        before = None if row is None else str(row[0])
        named = _spelled(conn, operation_id, key, place)
        conn.execute(
            "INSERT INTO place_alias (operation_id, words, place, created_by, created_at)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT (operation_id, words) DO UPDATE SET"
            " place = excluded.place, created_by = excluded.created_by,"
            " created_at = excluded.created_at",
            (operation_id, key, named, actor_id, utc_text(now)),
        )
        reports = sum(n for value, n in spellings_of(conn, operation_id) if place_key(value) == key)
        audit.add(
            conn,
            at=now,
            actor_id=actor_id,
            operation_id=operation_id,
            action="place_alias.add",
            words=key,
            place=named,
            past_reports=reports,
            moved_from=before,
        )
        return PlaceAliasSet(reports, before if before != named else None, before == named, named)

    return await db.write(work, update_id=update_id, now=now)


def _spelled(conn: sqlite3.Connection, operation_id: int, words: str, place: str) -> str:
    """`place` as the operation's other aliases already spell it ('ICN' for 'icn'), so that
    one place has one name everywhere; as typed when no other alias names it."""
    rows = conn.execute(
        "SELECT place FROM place_alias WHERE operation_id = ? AND words != ? ORDER BY place",
        (operation_id, words),
    ).fetchall()
    return next((str(r[0]) for r in rows if place_key(str(r[0])) == place_key(place)), place)


async def remove_place_alias(
    db: Database,
    *,
    operation_id: int,
    words: str,
    actor_id: int,
    now: datetime,
    update_id: int | None = None,
) -> tuple[str, int] | None:
    """Words count as themselves again; (the place they counted as, their past reports), or
    None when they were no alias."""
    key = place_key(words)

    def work(conn: sqlite3.Connection) -> tuple[str, int] | None:
        row = conn.execute(
            "DELETE FROM place_alias WHERE operation_id = ? AND words = ? RETURNING place",
            (operation_id, key),
        ).fetchone()
        if row is None:
            return None
        reports = sum(n for value, n in spellings_of(conn, operation_id) if place_key(value) == key)
        audit.add(
            conn,
            at=now,
            actor_id=actor_id,
            operation_id=operation_id,
            action="place_alias.remove",
            words=key,
            place=str(row[0]),
            past_reports=reports,
        )
        return str(row[0]), reports

    return await db.write(work, update_id=update_id, now=now)


async def listed_place_aliases(db: Database, *, operation_id: int) -> list[SetPlace]:
    """The operation's place aliases by place, then words, with who set each and when."""
    rows = await db.fetchall(
        "SELECT a.words, a.place, a.created_by, a.created_at, p.full_name, p.username"
        " FROM place_alias AS a LEFT JOIN person AS p ON p.user_id = a.created_by"
        " WHERE a.operation_id = ? ORDER BY a.place, a.words",
        (operation_id,),
    )
    return [
        SetPlace(
            words=str(r["words"]),
            place=str(r["place"]),
            set_by=setter(r),
            set_by_id=int(r["created_by"]),
            set_at=from_utc_text(str(r["created_at"])),
        )
        for r in rows
    ]
