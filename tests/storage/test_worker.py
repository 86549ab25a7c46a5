"""bot.worker: a job reads the bot's file in another process, and can never write to it."""

from __future__ import annotations

import os
import sqlite3
import sys
from pathlib import Path

import pytest

from bot import worker
from bot.exporting import build_export
from bot.parsing.args import UsageError
from storage.database import Database
from tests.storage.seed import NOW
from tests.storage.test_export_import import fill


async def count_operations(db: Database, plus: int) -> int:
    row = await db.fetchone("SELECT count(*) AS n FROM operation")
    assert row is not None
    return int(row["n"]) + plus


async def refuse(db: Database) -> None:
    raise UsageError("Export as csv or xlsx.")


async def try_to_write(db: Database) -> None:
    await db.write(lambda conn: conn.execute("DELETE FROM operation"))


async def test_a_job_sees_what_was_committed_and_its_refusals_come_back(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "ocu.sqlite3")
    try:
        await db.write(
            lambda conn: conn.execute(
                "INSERT INTO operation (code, title, tz, created_at)"
                " VALUES ('SIREN', 'Operation Siren', 'Asia/Seoul', '2026-11-20T00:00:00+00:00')"
            )
        )
        assert await worker.run(db, count_operations, 10) == 11
        with pytest.raises(UsageError, match="csv or xlsx"):
            await worker.run(db, refuse)
        with pytest.raises(sqlite3.OperationalError, match=r"readonly|read-only|query_only"):
            await worker.run(db, try_to_write)
        assert await count_operations(db, 0) == 1
    finally:
        await db.close()


async def die_once(db: Database, marker: str) -> str:
    try:
        os.close(os.open(marker, os.O_CREAT | os.O_EXCL))
    except FileExistsError:
        return "read"
    os._exit(9)  # as an out-of-memory kill: the process is gone, nothing returned


async def write_then_die(db: Database) -> None:
    await db.write(
        lambda conn: conn.execute(
            "INSERT INTO operation (code, title, tz, created_at)"
            " VALUES ('HALF', 'Half done', 'Asia/Seoul', '2026-11-20T00:00:00+00:00')"
        )
    )
    os._exit(9)


async def test_a_reading_job_is_run_again_when_its_worker_dies_a_writing_one_is_not(
    tmp_path: Path,
) -> None:
    db = await Database.open(tmp_path / "ocu.sqlite3")
    try:
        assert await worker.run(db, die_once, str(tmp_path / "died")) == "read"
        with pytest.raises(worker.WorkerLost):
            await worker.run_writing(db, write_then_die)
        # Written once, not twice: a job that may have committed part of its work is not rerun.
        assert await count_operations(db, 0) == 1
    finally:
        await db.close()


HEAVY = ("matplotlib", "numpy", "PIL", "openpyxl", "xlsxwriter", "fpdf")


def heavy_loaded() -> list[str]:
    return sorted({m.split(".")[0] for m in sys.modules} & set(HEAVY))


@pytest.mark.usefixtures("bare_forkserver")  # the tests' forkserver preloads them (conftest)
async def test_a_worker_loads_a_library_only_for_a_job_that_needs_it(tmp_path: Path) -> None:
    worker.shutdown()  # a worker of this test's own: another test may have drawn in the last one
    worker.warm()
    await worker.ready()
    # Before: the worker loaded every chart and file library when it started (118 MB idle).
    assert await worker.compute(heavy_loaded) == []
    db = await Database.open(tmp_path / "ocu.sqlite3")
    try:
        operation_id = await fill(db)
        name, data = await build_export(db, operation_id=operation_id, fmt="csv", now=NOW)
        assert name.endswith(".csv") and data.count(b"\n") > 5
        assert await worker.compute(heavy_loaded) == []  # a CSV needs none of them
        await build_export(db, operation_id=operation_id, fmt="xlsx", now=NOW)
        assert await worker.compute(heavy_loaded) == ["xlsxwriter"]
    finally:
        await db.close()
        worker.shutdown()
