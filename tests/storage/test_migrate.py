"""Migrations on real SQLite files: applied once, idempotent, atomic, and never downgraded."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from storage.database import Database
from storage.migrate import Migration, MigrationError, apply_migrations, shipped_migrations


def _version(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])


def _tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def test_fresh_file_gets_every_shipped_migration(tmp_path: Path) -> None:
    path = tmp_path / "ocu.sqlite3"
    assert apply_migrations(path) == len(shipped_migrations())
    assert _version(path) == len(shipped_migrations())
    assert {"operation", "seizure", "seizure_item", "audit_log", "scheduled_message"} <= _tables(
        path
    )


def test_restart_applies_nothing_twice(tmp_path: Path) -> None:
    path = tmp_path / "ocu.sqlite3"
    apply_migrations(path)
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO operation (code, title, tz, created_at) VALUES ('A', 'a', 'UTC', 'x')"
        )
    apply_migrations(path)
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM operation").fetchone()[0] == 1


def test_broken_migration_leaves_the_last_good_version(tmp_path: Path) -> None:
    path = tmp_path / "ocu.sqlite3"
    good = [Migration(1, "0001_a.sql", "CREATE TABLE a (x INTEGER);")]
    apply_migrations(path, good)
    broken = [
        *good,
        Migration(2, "0002_b.sql", "CREATE TABLE b (y INTEGER);\nINSERT INTO nowhere VALUES (1);"),
    ]
    with pytest.raises(MigrationError, match=r"0002_b\.sql failed"):
        apply_migrations(path, broken)
    assert _version(path) == 1
    assert _tables(path) == {"a"}  # table b was rolled back with the failed file


def test_newer_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "ocu.sqlite3"
    apply_migrations(path)
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {len(shipped_migrations()) + 1}")
    with pytest.raises(MigrationError, match="newer than this code"):
        apply_migrations(path)


async def test_database_opens_in_wal_with_foreign_keys(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "ocu.sqlite3")
    try:
        assert (await db.fetchone("PRAGMA journal_mode"))[0] == "wal"  # type: ignore[index]
        assert (await db.fetchone("PRAGMA foreign_keys"))[0] == 1  # type: ignore[index]
        with pytest.raises(sqlite3.IntegrityError):
            async with db.transaction() as conn:
                await conn.execute(
                    "INSERT INTO agency (operation_id, code, name, tz) VALUES (99, 'X', 'x', 'UTC')"
                )
    finally:
        await db.close()


async def test_failed_transaction_records_nothing(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "ocu.sqlite3")
    try:
        with pytest.raises(RuntimeError):
            async with db.transaction() as conn:
                await conn.execute(
                    "INSERT INTO operation (code, title, tz, created_at)"
                    " VALUES ('A', 'a', 'UTC', 'x')"
                )
                raise RuntimeError("the handler failed half-way")
        assert await db.fetchall("SELECT * FROM operation") == []
    finally:
        await db.close()


async def test_audit_log_is_append_only(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "ocu.sqlite3")
    try:
        async with db.transaction() as conn:
            await conn.execute("INSERT INTO audit_log (at, action) VALUES ('t', 'x')")
        for statement in ("UPDATE audit_log SET action = 'y'", "DELETE FROM audit_log"):
            with pytest.raises(sqlite3.IntegrityError, match="append-only"):
                async with db.transaction() as conn:
                    await conn.execute(statement)
        assert len(await db.fetchall("SELECT * FROM audit_log")) == 1
    finally:
        await db.close()
