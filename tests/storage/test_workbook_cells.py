"""Every cell of a small workbook, pinned: what a coordinator opens stays the same, cell for cell.

The golden files beside this test hold each sheet's cells as Excel reads them (coordinate,
type, value, number format) and the CSV as written; a change to how rows are written must
leave them all as they were.
`OCU_REGOLD=1` writes them afresh (only for a change meant to be seen).
"""

from __future__ import annotations

import io
import json
import os
from datetime import datetime
from pathlib import Path

import openpyxl

from bot.exporting import build_export
from storage.database import Database
from tests.storage.seed import NOW
from tests.storage.test_export_import import fill

GOLDEN = Path(__file__).with_name("workbook_cells.json")


def cells(data: bytes) -> dict[str, list[list[object]]]:
    """Each sheet's written cells: coordinate, type, value (dates as ISO text), number format."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheets: dict[str, list[list[object]]] = {}
    for sheet in book.worksheets:
        written = sheets[sheet.title] = []
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is None and not cell.has_style:
                    continue
                value = cell.value
                if isinstance(value, datetime):
                    value = value.isoformat()
                written.append([cell.coordinate, cell.data_type, value, cell.number_format])
    return sheets


def golden_text(sheets: dict[str, list[list[object]]]) -> str:
    """One cell a line, so that a changed cell reads as one changed line."""
    parts = []
    for title, written in sheets.items():
        lines = ",\n".join("  " + json.dumps(cell, ensure_ascii=False) for cell in written)
        parts.append(f" {json.dumps(title, ensure_ascii=False)}: [\n{lines}\n ]")
    return "{\n" + ",\n".join(parts) + "\n}\n"


async def test_a_small_export_has_the_same_cells_as_before(tmp_path: Path):
    db = await Database.open(tmp_path / "source.sqlite3")
    try:
        operation_id = await fill(db)
        _name, data = await build_export(db, operation_id=operation_id, fmt="xlsx", now=NOW)
    finally:
        await db.close()
    got = cells(data)
    if os.environ.get("OCU_REGOLD"):
        GOLDEN.write_text(golden_text(got), encoding="utf-8")
    assert got == json.loads(GOLDEN.read_text(encoding="utf-8"))


async def test_a_small_csv_export_has_the_same_rows_as_before(tmp_path: Path):
    db = await Database.open(tmp_path / "source.sqlite3")
    try:
        operation_id = await fill(db)
        _name, data = await build_export(db, operation_id=operation_id, fmt="csv", now=NOW)
    finally:
        await db.close()
    golden = GOLDEN.with_name("export_rows.csv")
    if os.environ.get("OCU_REGOLD"):
        golden.write_bytes(data)
    assert data.decode("utf-8-sig") == golden.read_bytes().decode("utf-8-sig")
