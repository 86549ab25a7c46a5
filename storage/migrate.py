"""Numbered migrations counted by PRAGMA user_version, each applied atomically."""

from __future__ import annotations

import os
import re
import sqlite3
from dataclasses import dataclass
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path

from bot.domain.units import substance_key

_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


class MigrationError(RuntimeError):
    """The database cannot be opened, or brought to the schema this code expects."""


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def _shipped_files() -> list[tuple[int, Traversable]]:
    """The files in storage/migrations, by number, checked to run 1, 2, 3 ... (not read)."""
    folder = resources.files("storage") / "migrations"
    found = []
    for entry in folder.iterdir():
        match = _NAME.match(entry.name)
        if match:
            found.append((int(match.group(1)), entry))
    found.sort(key=lambda f: f[0])
    for expected, (version, entry) in enumerate(found, start=1):
        if version != expected:
            raise MigrationError(f"migration {entry.name} is out of sequence")
    return found


def shipped_migrations() -> list[Migration]:
    """The migrations shipped in storage/migrations, in order, numbered 1, 2, 3 ..."""
    return [Migration(v, e.name, e.read_text("utf-8")) for v, e in _shipped_files()]


def apply_migrations(path: Path, migrations: list[Migration] | None = None) -> int:
    """Bring the file at path to the newest schema; returns the version it is at.

    A file that is not a database, or of a newer schema, is refused before anything is
    written to it; so is one the bot could not write to later.
    """
    # A database already at the newest schema (every start but the first after an upgrade)
    # needs the files counted, not read (#16).
    newest = len(_shipped_files()) if migrations is None else len(migrations)
    if path.is_dir():
        raise MigrationError(f"database {path} is a folder, not a file; name the file in it")
    try:
        conn = sqlite3.connect(path, isolation_level=None)
    except sqlite3.Error as exc:
        raise MigrationError(_unusable(path, exc)) from exc
    try:
        try:
            # Only read until the version is known to be ours: even the WAL switch writes.
            current = conn.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.Error as exc:
            raise MigrationError(_unusable(path, exc)) from exc
        if current > newest:
            raise MigrationError(
                f"database {path} is at schema version {current}, newer than this code "
                f"({newest}); upgrade the bot before opening it (the file was not changed)"
            )
        # Found now rather than at an officer's first report: a read-only file, folder or
        # mount (the write-ahead log is made beside the file). Asked of the system, not by a
        # write, so that a backup beside the running bot need not wait for its write lock.
        if not os.access(path.parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
            raise MigrationError(
                f"database {path} is read-only; the bot must be able to write to the file and "
                "to its folder"
            )
        try:
            conn.execute("PRAGMA journal_mode = WAL")
        except sqlite3.Error as exc:
            raise MigrationError(_unusable(path, exc)) from exc
        # 0018 keys substances as the bot does; SQL alone cannot normalise unclassified words.
        conn.create_function("ocu_substance_key", 2, substance_key, deterministic=True)
        if current < newest and migrations is None:
            migrations = shipped_migrations()
        for migration in (migrations or [])[current:]:
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


def _unusable(path: Path, exc: sqlite3.Error) -> str:
    """One line saying why the file at path cannot be the bot's database."""
    code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
    if code == sqlite3.SQLITE_NOTADB:
        return (
            f"database {path} is not an SQLite database, or is damaged ({exc}); "
            "restore it from a backup or name another file"
        )
    if code == sqlite3.SQLITE_READONLY:
        return (
            f"database {path} is read-only ({exc}); the bot must be able to write to the file "
            "and to its folder"
        )
    if code == sqlite3.SQLITE_CANTOPEN:
        return (
            f"database {path} cannot be opened ({exc}); check that its folder exists and that "
            "the bot may write to it"
        )
    return f"database {path} cannot be used: {exc}"
