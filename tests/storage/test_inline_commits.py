"""Inline writes: statements on the loop's thread, the fsync off it, the thread after a slow one."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from pathlib import Path

import pytest

import storage.inline_commits
from storage.database import Database
from storage.inline_commits import BACK_OFF_S

INSERT = "INSERT INTO operation (code, title, tz, created_at) VALUES (?, 't', 'UTC', 'x')"


def _count(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return int(conn.execute("SELECT count(*) FROM operation").fetchone()[0])


async def test_an_inline_write_returns_only_after_an_fsync_made_off_the_loop(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A slow disk holds the write's caller, never the event loop; nothing returns unsynced."""
    path = tmp_path / "ocu.sqlite3"
    entered, release = threading.Event(), threading.Event()
    synced: list[tuple[Path, str, int]] = []

    def slow_sync(file: Path) -> None:
        # What the fsync will make durable is in the WAL already: the commit came first.
        synced.append((file, threading.current_thread().name, _count(path)))
        entered.set()
        release.wait(30)

    monkeypatch.setattr(storage.inline_commits, "sync_file", slow_sync)
    db = await Database.open(path)
    db._commits.clock = lambda: 0.0  # no commit looks slow on a busy machine
    try:
        writing = asyncio.create_task(db.write(lambda c: c.execute(INSERT, ("A",)), inline=True))
        await asyncio.to_thread(entered.wait, 30)
        # The fsync is under way: the write has not returned (nobody is told it is recorded),
        # and the loop meanwhile runs this test and answers a read.
        assert not writing.done()
        assert (await db.fetchone("SELECT count(*) FROM operation"))[0] == 1  # type: ignore[index]
        release.set()
        await writing
        assert synced == [(Path(f"{path}-wal"), synced[0][1], 1)]
        assert synced[0][1].startswith("ocu-db-sync")
        # Bookkeeping that may be lost at a power cut waits for no fsync.
        await db.write(lambda c: c.execute(INSERT, ("B",)), durable=False, inline=True)
        assert len(synced) == 1
    finally:
        release.set()
        await db.close()


async def test_after_a_slow_inline_commit_writes_go_to_the_writers_thread_for_a_while(
    tmp_path: Path,
) -> None:
    """A commit that held the loop (a contended disk) sends the next ones to the thread."""
    now = [0.0]
    db = await Database.open(tmp_path / "ocu.sqlite3")
    db._commits.clock = lambda: now[0]

    def insert(code: str, takes: float = 0.0) -> object:
        def work(conn: sqlite3.Connection) -> bool:
            conn.execute(INSERT, (code,))
            now[0] += takes  # as long as this, by the clock the policy reads
            return threading.current_thread() is threading.main_thread()

        return db.write(work, inline=True)

    try:
        assert await insert("A") is True  # calm: on the loop's thread
        assert await insert("B", takes=1.0) is True  # slow, found out only afterwards
        assert await insert("C") is False  # the writer's thread
        now[0] += BACK_OFF_S / 2
        assert await insert("D") is False
        now[0] += BACK_OFF_S / 2
        assert await insert("E") is True  # tried on the loop's thread again
        codes = [r[0] for r in await db.fetchall("SELECT code FROM operation ORDER BY code")]
        assert codes == ["A", "B", "C", "D", "E"]
    finally:
        await db.close()


async def test_after_finding_the_file_locked_writes_go_to_the_writers_thread(
    tmp_path: Path,
) -> None:
    """Another process writing (an import): the next write does not try the loop's thread."""
    path = tmp_path / "ocu.sqlite3"
    db = await Database.open(path)
    db._commits.clock = lambda: 0.0
    other = sqlite3.connect(path, isolation_level=None)
    codes = iter(["A", "B"])

    def thread(conn: sqlite3.Connection) -> str:
        conn.execute(INSERT, (next(codes),))
        return threading.current_thread().name

    try:
        other.execute("BEGIN IMMEDIATE")
        writing = asyncio.create_task(db.write(thread, inline=True))
        await asyncio.sleep(0)  # the inline attempt found the lock taken; the thread waits
        other.execute("COMMIT")
        assert (await writing).startswith("ocu-db-writer")
        # The file is free now, but the import is still running for all the bot knows.
        assert (await db.write(thread, inline=True)).startswith("ocu-db-writer")
    finally:
        other.close()
        await db.close()


async def test_commits_waiting_for_an_fsync_share_the_next_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An fsync under way may miss a later commit: those share one more, not one each."""
    path = tmp_path / "ocu.sqlite3"
    entered, release = threading.Event(), threading.Event()
    synced: list[int] = []

    def slow_sync(file: Path) -> None:
        synced.append(_count(path))  # what the WAL holds as the fsync starts
        entered.set()
        release.wait(30)

    monkeypatch.setattr(storage.inline_commits, "sync_file", slow_sync)
    db = await Database.open(path)
    db._commits.clock = lambda: 0.0  # no commit looks slow on a busy machine
    try:
        # Commits of the inbox's kind (made durable later, by db.sync) do not hold the write
        # lock through the fsync: B and C commit while A's is under way, which may miss them.
        await db.write(lambda c: c.execute(INSERT, ("A",)), durable=False, inline=True)
        first = asyncio.create_task(db.sync())
        await asyncio.to_thread(entered.wait, 30)
        for code in ("B", "C"):
            await db.write(
                lambda c, code=code: c.execute(INSERT, (code,)), durable=False, inline=True
            )
        later = [asyncio.create_task(db.sync()) for _ in range(2)]
        await asyncio.sleep(0)  # both have asked
        assert not any(task.done() for task in (first, *later))
        release.set()
        await asyncio.gather(first, *later)
        # One fsync that saw A only, then one that started after B and C had committed.
        assert synced == [1, 3]
    finally:
        release.set()
        await db.close()
