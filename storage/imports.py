"""An import's writes: short transactions the live bot does not wait behind, shown at the end.

The reports of an import carry its batch id and stay out of every answer (storage/pending.py),
and its totals wait apart (storage/import_totals.py), until `finish` marks the batch finished:
one transaction of a few rows, however large the import. Its totals then move into the running
totals a chunk per transaction (`merge`). A batch never finished was left by an import that
failed or was killed: storage/import_removal.py takes it away, at the next import or when the
bot starts, unless an import still holds the lock; `merge_left` ends a merge a kill cut short.
"""

from __future__ import annotations

import fcntl
import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from pathlib import Path

from bot.domain.clock import utc_text
from storage import audit
from storage.database import Database
from storage.import_totals import drop_gathered, merge_some, stage_some
from storage.seizure_rows import insert_imported
from storage.totals import gather_import

# Rows of totals staged, merged or removed in the first transaction; then as many as take about
# TOTALS_SECONDS of the writer's CPU. Measured in CPU, not wall time: on a busy machine the wall
# time of the same work grows, and chunks sized by it shrank to a few hundred rows, each paying
# a transaction's fixed cost (18 % of a bare load's rate at load 4.8, issue #16). It also looks
# for a waiting live writer every _TOTALS_SLICE rows (_in_chunks) and ends there early.
TOTALS_CHUNK = 2000
TOTALS_SECONDS = 0.02  # with its commit, under the 50 ms a transaction may hold the lock
_MAX_CHUNK = 200_000
# Reports an import writes between two looks for a live writer waiting (`write`): a few ms.
_SLICE = 100
# Rows of totals staged or merged between two looks (`_in_chunks`): a few ms too.
_TOTALS_SLICE = 2000
# The import's own writer connection keeps this much of the file in memory (KiB; SQLite's
# default is 2 MB). Its reports go into indexes spread over the whole file (by day, officer,
# message, number), and with 2 MB each slice read their pages back from the OS: the writes took
# 16 s of CPU at 100,000 rows, 12 s with this (issue #16). The CLI's process ends with the import.
IMPORT_CACHE_KIB = 131_072


@contextmanager
def import_lock(database: Path, *, wait: bool) -> Iterator[bool]:
    """Hold the database's import lock (a file beside it); yields False if it is held elsewhere.

    The operating system releases the lock when its process ends, however it ends, so a batch
    left unfinished while nobody holds the lock is certainly abandoned.
    """
    path = Path(f"{database}.import-lock")
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


@dataclass(frozen=True)
class Batch:
    """A running import: its id, its operation, and the report ids it was given."""

    id: int
    operation_id: int
    first_id: int
    renumbered: bool
    # Whether the reports keep the file's numbers in the operation (they are all free), or
    # take the range `begin` set aside for them, from `first_number` on, in the file's order.
    numbered: bool = False
    first_number: int = 0

    def number(self, index: int, own: int) -> int:
        """The number of the file's report at `index` (from 0) whose number in the file is `own`."""
        return own if self.numbered else self.first_number + index


@dataclass(frozen=True)
class NewAgency:
    """An agency the file names that the operation does not have yet."""

    code: str
    name: str
    tz: str


async def agencies(db: Database, *, operation_id: int) -> dict[str, int]:
    """The operation's agencies by code."""
    rows = await db.fetchall("SELECT code, id FROM agency WHERE operation_id = ?", (operation_id,))
    return {r["code"]: int(r["id"]) for r in rows}


async def operation_of(db: Database, code: str) -> int | None:
    """The id of the operation with this code, if there is one."""
    row = await db.fetchone("SELECT id FROM operation WHERE code = ?", (code,))
    return int(row["id"]) if row else None


Sent = tuple[int, int, int, str]  # chat, message, officer, reported_at


async def already_there(db: Database, *, operation_id: int, reports: Sequence[Sent]) -> set[Sent]:
    """Which of these reports the operation already holds, live or imported.

    A report is the same when the same officer sent it with the same message at the same time:
    the ids alone may come from another bot's chats, where they mean another report.
    """
    if not reports:
        return set()
    if (
        await db.fetchone("SELECT 1 FROM seizure WHERE operation_id = ? LIMIT 1", (operation_id,))
        is None
    ):
        return set()  # an operation with no reports yet, as when one is moved in whole
    values = ", ".join("(?, ?, ?, ?)" for _ in reports)
    params = [n for report in reports for n in report]
    same = "s.officer_id = f.o AND s.reported_at = f.r"
    rows = await db.fetchall(
        f"WITH f (c, m, o, r) AS (VALUES {values})"
        " SELECT f.c, f.m, f.o, f.r FROM f JOIN seizure AS s"
        " ON s.chat_id = f.c AND s.message_id = f.m AND s.operation_id = ?"
        f" AND s.import_id IS NULL AND {same}"
        " UNION SELECT f.c, f.m, f.o, f.r FROM f JOIN seizure AS s"
        " ON s.operation_id = ? AND s.chat_id = f.c AND s.message_id = f.m"
        f" AND s.import_id IS NOT NULL AND {same}",
        (*params, operation_id, operation_id),
    )
    return {(int(r[0]), int(r[1]), int(r[2]), str(r[3])) for r in rows}


async def begin(
    db: Database,
    *,
    operation_id: int,
    new_agencies: Sequence[NewAgency],
    first_source_id: int,
    first_number: int,
    reports: int,
    last_report: Sequence[object],
    last_agency: str | None,
    last_person: tuple[int, str],
    last_items: Sequence[Sequence[object]],
    now: datetime,
) -> tuple[Batch, dict[str, int]]:
    """Open a batch, add the file's new agencies, and write its last report (values) first.

    The report ids are chosen here: the file's own if they are free, else the next ones after
    the highest taken. Writing the highest of them now keeps live reports, which SQLite numbers
    after the highest id, out of the range while the import fills it in.

    The reports' numbers too: the file's if they are free, else the `reports` numbers after the
    operation's highest, all taken here at once (Batch.number gives each its own). Writing the
    last report with the highest of them makes live reports, numbered after the highest
    (migration 0009), number after the whole range from now on: an officer's numbers go on one
    by one and never show how far the hidden import has got.
    """

    def work(conn: sqlite3.Connection) -> tuple[Batch, dict[str, int]]:
        next_id = int(conn.execute("SELECT coalesce(max(id), 0) + 1 FROM seizure").fetchone()[0])
        renumbered = first_source_id < next_id
        first_id = next_id if renumbered else first_source_id
        cursor = conn.execute(
            "INSERT INTO import_batch (operation_id, started_at) VALUES (?, ?)",
            (operation_id, utc_text(now)),
        )
        assert cursor.lastrowid is not None
        taken = int(
            conn.execute(
                "SELECT coalesce(max(number), 0) FROM seizure WHERE operation_id = ?",
                (operation_id,),
            ).fetchone()[0]
        )
        numbered = first_number > taken
        batch = Batch(cursor.lastrowid, operation_id, first_id, renumbered, numbered, taken + 1)
        added: dict[str, int] = {}
        for agency in new_agencies:
            cursor = conn.execute(
                "INSERT INTO agency (operation_id, code, name, tz) VALUES (?, ?, ?, ?)",
                (operation_id, agency.code, agency.name, agency.tz),
            )
            assert cursor.lastrowid is not None
            added[agency.code] = cursor.lastrowid
        conn.execute(
            "UPDATE import_batch SET agencies = ? WHERE id = ?",
            (json.dumps(sorted(added.values())), batch.id),
        )
        agency_id = None
        if last_agency is not None:
            agency_id = conn.execute(
                "SELECT id FROM agency WHERE operation_id = ? AND code = ?",
                (operation_id, last_agency),
            ).fetchone()[0]
        last_id = first_id + reports - 1 if renumbered else int(str(last_report[0]))
        conn.execute("INSERT OR IGNORE INTO person (user_id, full_name) VALUES (?, ?)", last_person)
        _write(
            conn,
            batch,
            [
                (
                    last_id,
                    agency_id,
                    *last_report[1:-1],
                    batch.number(reports - 1, int(str(last_report[-1]))),
                )
            ],
            [(last_id, *i) for i in last_items],
        )
        return batch, added

    return await db.write(work)


def _write(
    conn: sqlite3.Connection,
    batch: Batch,
    seizures: Sequence[Sequence[object]],
    items: Sequence[Sequence[object]],
) -> None:
    # rows come as (id, agency_id, officer_id, ...); the batch and operation go in after the id
    # the report's number comes last, as Batch.number gives it
    rows = [(s[0], batch.id, batch.operation_id, *s[1:]) for s in seizures]
    insert_imported(conn, rows, items)


async def write(
    db: Database,
    batch: Batch,
    *,
    people: Sequence[tuple[int, str]],
    seizures: Sequence[Sequence[object]],
    items: Sequence[Sequence[object]],
) -> float:
    """Write some of the import's reports (id, agency_id, ...), in as few transactions as the
    live bot allows; their CPU seconds.

    A transaction sized by CPU held the lock ten times longer in wall time on a busy machine
    (35 ms of CPU, 400-800 ms held, at load 6.5 in bench/stall.py), and a report waited for all
    of it. So the reports go in slices of _SLICE, and after each the transaction ends early if
    a writer of another process has come to wait: it goes next (make_way), then the rest.
    """
    slices = _slices(seizures, items)

    def work(conn: sqlite3.Connection) -> tuple[int, float]:
        started = time.thread_time()
        conn.executemany("INSERT OR IGNORE INTO person (user_id, full_name) VALUES (?, ?)", people)
        done = 0
        for part, its in slices:
            _write(conn, batch, part, its)
            done += 1
            if done < len(slices) and db.others_waiting():
                break
        return done, time.thread_time() - started

    cpu = 0.0
    while slices:
        # No fsync: nothing of it counts until `finish`, whose durable commit syncs the log with
        # every transaction before it; lost to a power cut before then, the batch is abandoned.
        # make_way: a live writer waiting for the lock goes first, so no pause is needed between.
        done, spent = await db.write(work, durable=False, make_way=True)
        cpu += spent
        del slices[:done]
    return cpu


def _slices(
    seizures: Sequence[Sequence[object]], items: Sequence[Sequence[object]]
) -> list[tuple[Sequence[Sequence[object]], Sequence[Sequence[object]]]]:
    """The reports _SLICE at a time, each with its items (which follow the reports' order)."""
    slices = []
    end = 0
    for start in range(0, len(seizures), _SLICE):
        part = seizures[start : start + _SLICE]
        ids = {s[0] for s in part}
        begin = end
        while end < len(items) and items[end][0] in ids:
            end += 1
        slices.append((part, items[begin:end]))
    if end != len(items):  # an item apart from its report: it would be lost
        raise ValueError("an import's items must follow its reports' order")
    return slices


def next_size(size: int, cpu: float, target: float) -> int:
    """The next chunk's size, for a transaction of about `target` CPU seconds."""
    # At most twice the last: a chunk's cost per row varies (the totals' tables differ), and a
    # jump from a fast one overshot the lock's 50 ms.
    return max(50, min(_MAX_CHUNK, 2 * size, int(size * target / max(cpu, 0.0005))))


async def _in_chunks(db: Database, step: Callable[..., int]) -> None:
    """`step(conn, limit)` until all has moved, a transaction sized by CPU at a time."""
    # Each transaction looks for a live writer waiting every _TOTALS_SLICE rows and ends
    # there, as `write`'s do, so the size bounds only the number of commits.

    def work(conn: sqlite3.Connection, limit: int) -> tuple[int, bool, float]:
        started = time.thread_time()
        moved = 0
        while moved < limit:
            asked = min(_TOTALS_SLICE, limit - moved)
            part = step(conn, limit=asked)
            moved += part
            if part < asked:  # nothing left to move
                return moved, True, time.thread_time() - started
            if moved < limit and db.others_waiting():
                break
        return moved, False, time.thread_time() - started

    limit = TOTALS_CHUNK
    while True:
        # durable=False, make_way: as `write`; a merge's loss at a power cut is taken up again
        # by merge_left (the batch stays staged).
        moved, done, cpu = await db.write(partial(work, limit=limit), durable=False, make_way=True)
        if done or not moved:
            return
        limit = next_size(limit, cpu, TOTALS_SECONDS)


async def widen_cache(db: Database) -> None:
    """Give the import's writer connection a page cache of IMPORT_CACHE_KIB."""
    await db.prepare(lambda conn: conn.execute(f"PRAGMA cache_size = -{IMPORT_CACHE_KIB}"))


async def check_references(db: Database, *, on: bool) -> None:
    """Have the writer check foreign keys (on), or not, between the import's `write`s.

    Its rows refer to what cannot go while it runs: the operation, the agencies `begin` found or
    added (removed only under the import lock), its batch, and the reports in the same
    transaction; not checking them saves a sixth of the time its writes take.
    """
    await db.prepare(lambda conn: conn.execute(f"PRAGMA foreign_keys = {int(on)}"))


async def gather(db: Database, batch: Batch, *, first_id: int, last_id: int) -> None:
    """Count the batch's reports (ids first_id..last_id) and stage the counts, unseen yet.

    The counting takes no lock (temp tables); the staging is a short transaction per chunk.
    """
    await db.prepare(
        lambda conn: gather_import(conn, batch.operation_id, batch.id, first_id, last_id)
    )
    try:
        await _in_chunks(db, partial(stage_some, import_id=batch.id, reached={}))
    finally:
        await db.prepare(drop_gathered)


async def finish(db: Database, batch: Batch, *, now: datetime, reports: int, items: int) -> None:
    """Show the batch's reports and staged totals together: one transaction of a few rows.

    Then call `merge_left` to move the totals into the running totals.
    """

    def work(conn: sqlite3.Connection) -> None:
        conn.execute(
            "UPDATE import_batch SET finished_at = ? WHERE id = ?", (utc_text(now), batch.id)
        )
        audit.add(
            conn,
            at=now,
            actor_id=None,
            operation_id=batch.operation_id,
            action="import",
            reports=reports,
            items=items,
        )

    await db.write(work, make_way=True)


async def merge(db: Database, batch_id: int) -> None:
    """Move a finished batch's staged totals into the running totals, a chunk per transaction.

    Summaries add up the same before, during and after (each chunk is added and unstaged at
    once); killed midway, `merge_left` goes on from there.
    """
    await _in_chunks(db, partial(merge_some, import_id=batch_id))


async def merge_left(db: Database) -> None:
    """Merge the totals of finished imports that were killed before theirs had all moved."""
    rows = await db.fetchall(
        "SELECT id FROM import_batch WHERE staged = 1 AND finished_at IS NOT NULL"
    )
    for row in rows:
        await merge(db, int(row["id"]))
