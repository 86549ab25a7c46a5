"""An operation's phases: added, edited and removed (marked, never deleted), each audited."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from bot.domain.clock import from_utc_text, utc_text
from bot.domain.phases import Phase, PhaseInput, PhaseRefusal, PhaseRefused, check_overlap
from storage import audit
from storage.database import Database

_ACTIVE = "SELECT * FROM phase WHERE operation_id = ? AND removed_at IS NULL ORDER BY starts_at, id"


def _phase(row: sqlite3.Row) -> Phase:
    return Phase(
        id=row["id"],
        operation_id=row["operation_id"],
        name=row["name"],
        starts_at=from_utc_text(row["starts_at"]),
        ends_at=from_utc_text(row["ends_at"]),
    )


async def phases(db: Database, *, operation_id: int) -> list[Phase]:
    """The operation's phases that are not removed, in order."""
    return [_phase(r) for r in await db.fetchall(_ACTIVE, (operation_id,))]


async def get_phase(db: Database, *, phase_id: int) -> Phase | None:
    """A phase by id, if it has not been removed."""
    row = await db.fetchone("SELECT * FROM phase WHERE id = ? AND removed_at IS NULL", (phase_id,))
    return _phase(row) if row else None


def _active(conn: sqlite3.Connection, operation_id: int) -> list[Phase]:
    return [_phase(r) for r in conn.execute(_ACTIVE, (operation_id,)).fetchall()]


async def add_phase(
    db: Database,
    *,
    operation_id: int,
    phase: PhaseInput,
    tz: str,
    actor_id: int,
    now: datetime,
    update_id: int | None = None,
) -> Phase:
    """Add a phase; PhaseRefused if the name is taken or it overlaps another phase."""

    def work(conn: sqlite3.Connection) -> Phase:
        # Checked inside the write transaction, so two coordinators cannot both slip one in.
        others = _active(conn, operation_id)
        taken = next((p for p in others if p.name.lower() == phase.name.lower()), None)
        if taken is not None:
            raise PhaseRefused(PhaseRefusal.TAKEN, taken.name, verb="add")
        check_overlap(phase, others, tz=tz, verb="add")
        cursor = conn.execute(
            "INSERT INTO phase (operation_id, name, starts_at, ends_at) VALUES (?, ?, ?, ?)",
            (operation_id, phase.name, utc_text(phase.starts_at), utc_text(phase.ends_at)),
        )
        assert cursor.lastrowid is not None
        audit.add(
            conn,
            at=now,
            actor_id=actor_id,
            operation_id=operation_id,
            action="phase.add",
            phase_id=cursor.lastrowid,
            name=phase.name,
            starts_at=utc_text(phase.starts_at),
            ends_at=utc_text(phase.ends_at),
        )
        return Phase(cursor.lastrowid, operation_id, phase.name, phase.starts_at, phase.ends_at)

    return await db.write(work, update_id=update_id, now=now)


async def edit_phase(
    db: Database,
    *,
    operation_id: int,
    phase: PhaseInput,
    tz: str,
    actor_id: int,
    now: datetime,
    update_id: int | None = None,
) -> tuple[Phase, Phase]:
    """Move a phase's start and end; (before, after). PhaseRefused if missing or overlapping."""

    def work(conn: sqlite3.Connection) -> tuple[Phase, Phase]:
        others = _active(conn, operation_id)
        old = next((p for p in others if p.name.lower() == phase.name.lower()), None)
        if old is None:
            names = tuple(p.name for p in others)
            raise PhaseRefused(PhaseRefusal.MISSING, phase.name, verb="edit", names=names)
        check_overlap(phase, others, tz=tz, verb="edit")
        conn.execute(
            "UPDATE phase SET starts_at = ?, ends_at = ? WHERE id = ?",
            (utc_text(phase.starts_at), utc_text(phase.ends_at), old.id),
        )
        audit.add(
            conn,
            at=now,
            actor_id=actor_id,
            operation_id=operation_id,
            action="phase.edit",
            phase_id=old.id,
            name=old.name,
            before={"starts_at": utc_text(old.starts_at), "ends_at": utc_text(old.ends_at)},
            after={"starts_at": utc_text(phase.starts_at), "ends_at": utc_text(phase.ends_at)},
        )
        return old, Phase(old.id, operation_id, old.name, phase.starts_at, phase.ends_at)

    return await db.write(work, update_id=update_id, now=now)


async def remove_phase(
    db: Database,
    *,
    operation_id: int,
    name: str,
    actor_id: int,
    now: datetime,
    update_id: int | None = None,
) -> Phase:
    """Mark a phase removed (it stays in the database); PhaseRefused if there is none."""

    def work(conn: sqlite3.Connection) -> Phase:
        others = _active(conn, operation_id)
        old = next((p for p in others if p.name.lower() == name.lower()), None)
        if old is None:
            names = tuple(p.name for p in others)
            raise PhaseRefused(PhaseRefusal.MISSING, name, verb="rm", names=names)
        conn.execute("UPDATE phase SET removed_at = ? WHERE id = ?", (utc_text(now), old.id))
        audit.add(
            conn,
            at=now,
            actor_id=actor_id,
            operation_id=operation_id,
            action="phase.remove",
            phase_id=old.id,
            name=old.name,
            starts_at=utc_text(old.starts_at),
            ends_at=utc_text(old.ends_at),
        )
        return old

    return await db.write(work, update_id=update_id, now=now)
