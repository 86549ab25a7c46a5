"""Workshop invites: the open ones listed, and one stopped before it runs out."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import datetime

from bot.domain.clock import utc_text
from storage import audit
from storage.database import Database
from storage.members import Invite, _invite


class InviteNotFound(Exception):
    """No open invite of the operation has that code or number."""


async def open_invites(db: Database, *, operation_id: int, now: datetime) -> list[Invite]:
    """The operation's invites that still let people in, oldest first."""
    rows = await db.fetchall(
        "SELECT i.*, a.code AS agency_code FROM invite AS i"
        " LEFT JOIN agency AS a ON a.id = i.agency_id"
        " WHERE i.operation_id = ? AND i.revoked_at IS NULL AND i.uses < i.max_uses"
        " AND i.expires_at > ? ORDER BY i.number",
        (operation_id, utc_text(now)),
    )
    return [replace(_invite(r), agency_code=r["agency_code"]) for r in rows]


async def revoke_invite(
    db: Database,
    *,
    operation_id: int,
    which: str,
    actor_id: int,
    now: datetime,
    update_id: int | None = None,
) -> Invite:
    """Stop an open invite, named by its code or its number; InviteNotFound if none is open."""
    key = which.strip().lstrip("#")
    column = "number" if key.isdigit() and key.isascii() else "code"

    def work(conn: sqlite3.Connection) -> Invite:
        row = conn.execute(
            f"SELECT * FROM invite WHERE operation_id = ? AND {column} = ?"
            " AND revoked_at IS NULL AND uses < max_uses AND expires_at > ?",
            (operation_id, int(key) if column == "number" else key, utc_text(now)),
        ).fetchone()
        if row is None:
            raise InviteNotFound(which)
        conn.execute(
            "UPDATE invite SET revoked_at = ?, revoked_by = ? WHERE code = ?",
            (utc_text(now), actor_id, row["code"]),
        )
        audit.add(
            conn,
            at=now,
            actor_id=actor_id,
            operation_id=operation_id,
            action="invite.revoke",
            invite=row["number"],
            uses=row["uses"],
        )
        return _invite(row)

    return await db.write(work, access=True, update_id=update_id, now=now)
