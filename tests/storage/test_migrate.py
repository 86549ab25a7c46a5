"""Migrations on real SQLite files: applied once, idempotent, atomic, and never downgraded."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from pathlib import Path

import pytest

from storage.database import CHECKPOINT_EVERY, Database
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


def test_newer_database_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    path = tmp_path / "ocu.sqlite3"
    with sqlite3.connect(path) as conn:  # a rollback journal: the WAL switch would show
        conn.execute("CREATE TABLE later (x INTEGER)")
        conn.execute(f"PRAGMA user_version = {len(shipped_migrations()) + 1}")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(MigrationError, match=r"the file was not changed"):
        apply_migrations(path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["ocu.sqlite3"]


def test_a_file_that_is_not_a_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "ocu.sqlite3"
    path.write_text("name,amount\nmeth,2kg\n" * 50)
    before = path.read_bytes()
    with pytest.raises(MigrationError, match=r"is not an SQLite database, or is damaged"):
        apply_migrations(path)
    assert path.read_bytes() == before


async def test_database_opens_in_wal_with_foreign_keys(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "ocu.sqlite3")
    try:
        assert (await db.fetchone("PRAGMA journal_mode"))[0] == "wal"  # type: ignore[index]
        assert (await db.fetchone("PRAGMA foreign_keys"))[0] == 1  # type: ignore[index]
        with pytest.raises(sqlite3.IntegrityError):
            await db.write(
                lambda conn: conn.execute(
                    "INSERT INTO agency (operation_id, code, name, tz) VALUES (99, 'X', 'x', 'UTC')"
                )
            )
    finally:
        await db.close()


@pytest.mark.parametrize("inline", [False, True])
async def test_write_commits_or_records_nothing(tmp_path: Path, inline: bool) -> None:
    def half_way(conn: sqlite3.Connection) -> None:
        conn.execute(
            "INSERT INTO operation (code, title, tz, created_at) VALUES ('A', 'a', 'UTC', 'x')"
        )
        raise RuntimeError("the handler failed half-way")

    def whole(conn: sqlite3.Connection) -> tuple[int, int]:
        cursor = conn.execute(
            "INSERT INTO operation (code, title, tz, created_at) VALUES ('B', 'b', 'UTC', 'x')"
        )
        assert cursor.lastrowid is not None
        return cursor.lastrowid, threading.get_ident()

    db = await Database.open(tmp_path / "ocu.sqlite3")
    # A clock that stands still: no commit looks slow on a busy machine, so inline stays inline.
    db._commits.clock = lambda: 0.0
    try:
        with pytest.raises(RuntimeError, match="half-way"):
            await db.write(half_way, inline=inline)
        generation = db.access_generation
        new_id, thread = await db.write(whole, durable=False, access=True, inline=inline)
        # Inline means on the event loop's own thread; otherwise in the writer's thread.
        assert (thread == threading.get_ident()) is inline
        assert db.access_generation == generation + 1
        rows = await db.fetchall("SELECT id, code FROM operation")
        assert [tuple(r) for r in rows] == [(new_id, "B")]
        # A non-durable write leaves the connection as durable as it found it: FULL in the
        # thread; NORMAL inline, where a durable write's fsync waits off the loop instead.
        synchronous = await db.write(
            lambda conn: conn.execute("PRAGMA synchronous").fetchone(), inline=inline
        )
        assert synchronous[0] == (1 if inline else 2)
        # The other way of running it sees the same file in the same state afterwards.
        await db.write(
            lambda conn: conn.execute(
                "INSERT INTO operation (code, title, tz, created_at) VALUES ('C', 'c', 'UTC', 'x')"
            ),
            inline=not inline,
        )
        count = await db.read(lambda c: c.execute("SELECT count(*) FROM operation").fetchone())
        assert count[0] == 2
    finally:
        await db.close()


async def test_inline_write_never_waits_on_the_loop_for_another_process(tmp_path: Path) -> None:
    """A file locked by someone else (an import, say): the write waits in the thread instead."""
    db = await Database.open(tmp_path / "ocu.sqlite3")
    other = sqlite3.connect(tmp_path / "ocu.sqlite3", isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        other.execute(
            "INSERT INTO operation (code, title, tz, created_at) VALUES ('X', 'x', 'UTC', 'x')"
        )

        def insert(conn: sqlite3.Connection) -> int:
            conn.execute(
                "INSERT INTO operation (code, title, tz, created_at) VALUES ('Y', 'y', 'UTC', 'y')"
            )
            return threading.get_ident()

        writing = asyncio.create_task(db.write(insert, inline=True))
        await asyncio.sleep(0)  # one turn of the loop: the inline attempt found the lock taken
        assert not writing.done()  # now waiting in the thread, and the loop runs this test
        # What makes the inline attempt give up at once instead of stalling the loop:
        assert db._inline.execute("PRAGMA busy_timeout").fetchone()[0] == 0
        other.execute("COMMIT")
        assert await writing != threading.get_ident()
        codes = [r[0] for r in await db.fetchall("SELECT code FROM operation ORDER BY code")]
        assert codes == ["X", "Y"]
    finally:
        other.close()
        await db.close()


async def test_inline_writes_reach_the_database_file_not_only_the_wal(tmp_path: Path) -> None:
    """The inline connection leaves checkpoints to a thread; they must still happen."""
    db = await Database.open(tmp_path / "ocu.sqlite3")
    db._commits.clock = lambda: 0.0  # no commit looks slow on a busy machine: all inline
    try:
        for n in range(CHECKPOINT_EVERY):
            await db.write(
                lambda conn, n=n: conn.execute(
                    "INSERT INTO operation (code, title, tz, created_at)"
                    " VALUES (?, 't', 'UTC', 'x')",
                    (f"OP{n}",),
                ),
                inline=True,
            )
        # The last write awaits its shared fsync, so the checkpoint it started may be over by
        # now (at once on a tmpfs); the file-only copy below shows that it ran either way.
        if db._checkpointing is not None:
            await db._checkpointing
        # The database file alone, without its WAL, holds what was checkpointed.
        copy = tmp_path / "file-only.sqlite3"
        copy.write_bytes((tmp_path / "ocu.sqlite3").read_bytes())
        with sqlite3.connect(copy) as conn:
            assert conn.execute("SELECT count(*) FROM operation").fetchone()[0] == CHECKPOINT_EVERY
    finally:
        await db.close()


async def test_audit_log_is_append_only(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "ocu.sqlite3")
    try:
        await db.write(
            lambda conn: conn.execute("INSERT INTO audit_log (at, action) VALUES ('t', 'x')")
        )
        for statement in ("UPDATE audit_log SET action = 'y'", "DELETE FROM audit_log"):
            with pytest.raises(sqlite3.IntegrityError, match="append-only"):
                await db.write(lambda conn, sql=statement: conn.execute(sql))
        assert len(await db.fetchall("SELECT * FROM audit_log")) == 1
    finally:
        await db.close()


async def test_import_batches_migration_keeps_reports_and_numbers_items_from_1(
    tmp_path: Path,
) -> None:
    # A database from before: reports sent to the bot stored their items from position 0.
    path = tmp_path / "ocu.sqlite3"
    shipped = shipped_migrations()
    at = next(i for i, m in enumerate(shipped) if m.name.endswith("_import_batches.sql"))
    apply_migrations(path, shipped[:at])
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO operation (id, code, title, tz, created_at)"
            " VALUES (1, 'SIREN', 's', 'Asia/Seoul', '2026-11-20T00:00:00+00:00')"
        )
        conn.execute(
            "INSERT INTO seizure (id, operation_id, officer_id, chat_id, message_id, update_id,"
            " text, reported_at, day) VALUES (7, 1, 42, 42, 3, 900, '/seizure 1g meth + 2g lsd',"
            " '2026-11-20T00:00:00+00:00', '2026-11-20')"
        )
        conn.executemany(
            "INSERT INTO seizure_item (seizure_id, position, substance, amount, amount_nano,"
            " unit, as_written) VALUES (7, ?, ?, ?, ?, 'g', ?)",
            [(0, "methamphetamine", "1", 10**9, "1g meth"), (1, "lsd", "2", 2 * 10**9, "2g lsd")],
        )
    apply_migrations(path)
    with sqlite3.connect(path) as conn:
        items = conn.execute(
            "SELECT position, substance FROM seizure_item ORDER BY position"
        ).fetchall()
        assert items == [(1, "methamphetamine"), (2, "lsd")]
        report = conn.execute(
            "SELECT id, chat_id, message_id, update_id, text, import_id FROM seizure"
        ).fetchall()
        assert report == [(7, 42, 3, 900, "/seizure 1g meth + 2g lsd", None)]
        # A message still makes one live report (an imported row is free to share its ids).
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute(
                "INSERT INTO seizure (operation_id, officer_id, chat_id, message_id, text,"
                " reported_at, day) VALUES (1, 42, 42, 3, 'x', 'y', 'z')"
            )
