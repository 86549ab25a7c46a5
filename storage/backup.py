"""`python -m bot backup`'s database work: a copy of a database that may be in use."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from storage.database import Database


class BackupFailed(Exception):
    """The copy could not be written; the message is SQLite's reason."""


async def backup_file(database: Path, target: Path) -> None:
    """Copy `database` to `target` (SQLite online backup); BackupFailed if SQLite refuses."""
    try:
        db = await Database.open(database)
        try:
            await db.backup(target)
        finally:
            await db.close()
    except sqlite3.Error as exc:
        raise BackupFailed(str(exc)) from exc
