"""Numbered migrations counted by PRAGMA user_version, each applied atomically."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


class MigrationError(RuntimeError):
    """The database cannot be brought to the schema this code expects."""


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def shipped_migrations() -> list[Migration]:
    """The migrations shipped in storage/migrations, in order, numbered 1, 2, 3 ..."""
    folder = resources.files("storage") / "migrations"
    found = []
    for entry in folder.iterdir():
        match = _NAME.match(entry.name)
        if match:
            found.append(Migration(int(match.group(1)), entry.name, entry.read_text("utf-8")))
    found.sort(key=lambda m: m.version)
    for expected, migration in enumerate(found, start=1):
        if migration.version != expected:
            raise MigrationError(f"migration {migration.name} is out of sequence")
    return found


def apply_migrations(path: Path, migrations: list[Migration] | None = None) -> int:
    """Bring the file at path to the newest schema; returns the version it is at."""
    migrations = shipped_migrations() if migrations is None else migrations
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        current = conn.execute("PRAGMA user_version").fetchone()[0]
        if current > len(migrations):
            raise MigrationError(
                f"database {path} is at schema version {current}, newer than this code "
                f"({len(migrations)}); upgrade the bot before opening it"
            )
        for migration in migrations[current:]:
            # DDL is transactional in SQLite: a failing file leaves the last good version.
            try:
                conn.executescript(
                    f"BEGIN IMMEDIATE;\n{migration.sql}\n"
                    f"PRAGMA user_version = {migration.version};\nCOMMIT;"
                )
            except sqlite3.Error as exc:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise MigrationError(f"migration {migration.name} failed: {exc}") from exc
            current = migration.version
        return int(current)
    finally:
        conn.close()
