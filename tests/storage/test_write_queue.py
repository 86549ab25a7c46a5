"""The bot's writers in line: an officer's write goes before the clock's waiting bookkeeping."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from pathlib import Path

from storage.database import Database
from storage.write_queue import background

INSERT = "INSERT INTO operation (code, title, tz, created_at) VALUES (?, 't', 'UTC', 'x')"


async def _queued(db: Database, foreground: int, in_background: int) -> None:
    """Wait (yielding to the loop, no clock) until that many writes are in each line."""
    lines = db._write_lock._waiting
    for _ in range(1000):
        if (len(lines[0]), len(lines[1])) == (foreground, in_background):
            return
        await asyncio.sleep(0)
    raise AssertionError(f"in line: {len(lines[0])} and {len(lines[1])}")


async def test_a_report_waiting_for_the_writer_goes_before_the_digests_bookkeeping(
    tmp_path: Path,
) -> None:
    # bench/stall.py: 100 digest deliveries' writes were queued when a report came; first come,
    # first served made the officer wait for all of them (2.4 s at load 6).
    db = await Database.open(tmp_path / "ocu.sqlite3")
    entered, release = threading.Event(), threading.Event()
    order: list[str] = []

    def holding(conn: sqlite3.Connection) -> None:
        entered.set()
        release.wait(30)
        order.append("holder")

    def writing(code: str) -> object:
        def work(conn: sqlite3.Connection) -> None:
            conn.execute(INSERT, (code,))
            order.append(code)

        return work

    try:
        holder = asyncio.ensure_future(db.write(holding))
        assert await asyncio.to_thread(entered.wait, 30)
        with background():  # the clock's writes, and tasks started from it
            deliveries = [asyncio.ensure_future(db.write(writing(f"D{n}"))) for n in range(3)]
        await _queued(db, 0, 3)
        report = asyncio.ensure_future(db.write(writing("REPORT")))
        await _queued(db, 1, 3)
        release.set()
        await asyncio.gather(holder, report, *deliveries)
        assert order == ["holder", "REPORT", "D0", "D1", "D2"]
        rows = await db.fetchall("SELECT code FROM operation ORDER BY id")
        assert [r["code"] for r in rows] == ["REPORT", "D0", "D1", "D2"]
    finally:
        release.set()
        await db.close()


async def test_a_write_cancelled_while_waiting_leaves_the_line_moving(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "ocu.sqlite3")
    entered, release = threading.Event(), threading.Event()

    def holding(conn: sqlite3.Connection) -> None:
        entered.set()
        release.wait(30)

    try:
        holder = asyncio.ensure_future(db.write(holding))
        assert await asyncio.to_thread(entered.wait, 30)
        cancelled = asyncio.ensure_future(db.write(lambda conn: conn.execute(INSERT, ("GONE",))))
        kept = asyncio.ensure_future(db.write(lambda conn: conn.execute(INSERT, ("KEPT",))))
        await _queued(db, 2, 0)
        cancelled.cancel()
        release.set()
        await asyncio.gather(holder, kept)
        rows = await db.fetchall("SELECT code FROM operation")
        assert [r["code"] for r in rows] == ["KEPT"]
        await db.write(lambda conn: conn.execute(INSERT, ("AFTER",)))  # the lock was let go
    finally:
        release.set()
        await db.close()
