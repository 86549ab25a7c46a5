"""`python -m bot export` writes what /export sends, of any size, on the server."""

from __future__ import annotations

import asyncio
import io
from pathlib import Path

import openpyxl

from bot.export_cli import main as export_main
from bot.exporting import build_export
from storage.database import Database
from tests.storage.seed import NOW
from tests.storage.test_export_import import fill


async def run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = await asyncio.to_thread(export_main, argv, stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


async def test_csv_and_xlsx_to_a_file(tmp_path: Path) -> None:
    path = tmp_path / "ocu.sqlite3"
    db = await Database.open(path)
    operation_id = await fill(db)
    _, expected = await build_export(db, operation_id=operation_id, fmt="csv", now=NOW)
    await db.close()
    code, out, err = await run(
        ["--operation", "SIREN", "--out", str(tmp_path / "s.csv"), "--db", str(path)]
    )
    assert (code, err) == (0, "")
    assert out.startswith(f"Wrote 4 reports (6 items) of SIREN to {tmp_path / 's.csv'} in ")
    assert (tmp_path / "s.csv").read_bytes() == expected
    target = tmp_path / "s.xlsx"
    code, _, err = await run(
        ["--operation", "SIREN", "--format", "xlsx", "--out", str(target), "--db", str(path)]
    )
    assert (code, err) == (0, "")
    assert openpyxl.load_workbook(target).sheetnames[:2] == ["Reports", "Items"]


async def test_mistakes_are_named_with_an_example(tmp_path: Path) -> None:
    code, _, err = await run(["--out", "x.csv"])
    assert code == 2 and "--operation" in err and "e.g. python -m bot export" in err
    code, _, err = await run(["--operation", "SIREN", "--out", "x.pdf", "--db", "nowhere.sqlite3"])
    assert code == 2 and err.startswith("--format: csv or xlsx")
    path = tmp_path / "ocu.sqlite3"
    db = await Database.open(path)
    await fill(db)
    await db.close()
    code, _, err = await run(
        ["--operation", "NOPE", "--out", str(tmp_path / "x.csv"), "--db", str(path)]
    )
    assert code == 1 and err == f"No operation NOPE in {path}.\n"
