"""Restoring a voided report: it counts again, with the totals re-added in the same transaction."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import datetime

from bot.domain.stored import StoredSeizure
from bot.domain.unit import Operation
from storage import audit
from storage.database import Database
from storage.seizure_rows import _load
from storage.seizures import (
    VoidRefusal,
    VoidRefused,
    _claim_update,
    _count,
    find_report,
)
from storage.update_claims import Repeated


async def restore_seizure(
    db: Database,
    *,
    operation: Operation,
    number: int,
    update_id: int | None,
    actor_id: int,
    reason: str,
    now: datetime,
) -> StoredSeizure:
    """Un-void report `number` of this operation; VoidRefused if there is none or not voided."""

    def work(conn: sqlite3.Connection) -> StoredSeizure:
        seizure_id = find_report(conn, operation.id, seizure_id=None, number=number)
        old = _load(conn, seizure_id)
        if not _claim_update(conn, update_id, now):
            if old.voided_at is None:
                return old  # restored by this very update: the same answer again
            raise Repeated(update_id)  # voided again since: "restored" would not be true
        if old.voided_at is None:
            raise VoidRefused(VoidRefusal.NOT_VOIDED, number)
        conn.execute(
            "UPDATE seizure SET voided_at = NULL, voided_by = NULL, void_reason = NULL"
            " WHERE id = ?",
            (seizure_id,),
        )
        restored = replace(old, voided_at=None, void_reason=None)
        _count(conn, restored, +1)
        audit.add(
            conn,
            at=now,
            actor_id=actor_id,
            operation_id=operation.id,
            action="seizure.restore",
            seizure_id=seizure_id,
            reason=reason,
            void_reason=old.void_reason,
        )
        return restored

    return await db.write(work, inline=True)
