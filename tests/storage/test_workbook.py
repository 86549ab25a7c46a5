"""The workbook is made for analysis: typed cells, a sheet per subject, and Excel's limit kept."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

import bot.render.workbook_sheet
from bot.exporting import build_export
from storage.database import Database
from tests.storage.seed import NOW
from tests.storage.test_export_import import fill


@pytest.fixture
async def source(tmp_path: Path):
    db = await Database.open(tmp_path / "source.sqlite3")
    operation_id = await fill(db)
    yield db, operation_id
    await db.close()


def table(sheet) -> list[dict[str, object]]:
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


async def test_sheets_are_typed_filtered_and_frozen(source):
    db, operation_id = source
    name, data = await build_export(db, operation_id=operation_id, fmt="xlsx", now=NOW)
    assert name == "SIREN-reports-20261122-0300Z.xlsx"
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Reports", "Items", "Cases", "Nil returns", "Agencies", "Audit"]
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2", sheet.title
        assert sheet.auto_filter.ref is not None and sheet.auto_filter.ref.startswith("A1:")
        assert sheet.column_dimensions["A"].width > 5

    reports = table(book["Reports"])
    assert [r["Report"] for r in reports] == [1, 2, 3, 4]
    first = reports[0]
    assert first["Reported (UTC)"] == datetime(2026, 11, 22, 1, 0)
    assert first["Reported (local)"] == datetime(2026, 11, 22, 10, 0)  # Seoul
    assert first["Day"] == datetime(2026, 11, 22) and first["Occurred on"] == datetime(2026, 11, 21)
    assert first["Items"] == 2 and first["Voided"] is False
    assert first["Tags"] == "#icn #xmas"  # not JSON
    assert first["Transport"] == "air cargo"
    assert first["Note"] == '=HYPERLINK("x")'  # the text, not a formula
    note = book["Reports"].cell(row=2, column=list(reports[0]).index("Note") + 1)
    assert note.data_type == "s"
    assert first["Location"] == "@ICN cargo"
    voided = reports[2]
    assert voided["Voided"] is True and voided["Void reason"] == "typed twice"
    assert voided["Voided at (UTC)"] == datetime(2026, 11, 22, 3, 0)

    items = table(book["Items"])
    assert len(items) == 6
    meth = items[0]
    assert meth["Amount (g, ml or units)"] == 22000 and meth["Unit"] == "g"
    assert meth["Amount (kg, L or count)"] == 22 and meth["In"] == "kg"
    assert items[1]["Amount (kg, L or count)"] == 29000 and items[1]["In"] == "tablets"
    assert items[2]["Amount (g, ml or units)"] == pytest.approx(1e-9) and items[2]["In"] == "L"
    assert items[3]["Substance"] is None and items[3]["Unclassified as"] == "Blue, powder"
    assert sum(float(i["Amount (g, ml or units)"]) for i in items if i["Unit"] == "g") == 22111.5

    cases = table(book["Cases"])
    assert [c["Case"] for c in cases] == [1, 2, 4]  # the voided report is no case
    assert cases[0]["Substances"] == "methamphetamine; MDMA"
    agencies = {a["Agency"]: a for a in table(book["Agencies"])}
    assert (agencies["KCS"]["Reports"], agencies["KCS"]["Items"], agencies["KCS"]["Voided"]) == (
        2, 3, 1,
    )  # fmt: skip
    assert agencies["TCD"]["Time zone"] == "Asia/Bangkok"


async def test_a_sheet_past_excels_limit_says_so_and_its_rows_go_to_a_csv(
    source, tmp_path: Path, monkeypatch
):
    db, operation_id = source
    monkeypatch.setattr(bot.render.workbook_sheet, "SHEET_ROWS", 6)  # heading, 4 rows, the note
    from bot.exporting import Progress, build_files, plan_export, read_size
    from storage.summary import operation

    op = await operation(db, operation_id=operation_id)
    plan = plan_export(read_size(db.path, operation_id), "xlsx", limit=1 << 40)
    files = build_files(db.path, op, plan, tmp_path, NOW, Progress(plan.total))
    assert [f.filename for f in files] == [
        "SIREN-reports-20261122-0300Z.xlsx", "SIREN-reports-20261122-0300Z-items.csv",
    ]  # fmt: skip
    book = openpyxl.load_workbook(files[0].path)
    rows = list(book["Items"].iter_rows(values_only=True))
    assert len(rows) == 6
    assert rows[-1][0] == (
        "Excel holds no more rows: the other 2 are in SIREN-reports-20261122-0300Z-items.csv, "
        "beside this file."
    )
    with files[1].path.open(encoding="utf-8-sig", newline="") as rest:
        spilled = list(csv.DictReader(rest))
    assert [(r["Report"], r["Item"]) for r in spilled] == [("3", "1"), ("4", "1")]
    assert spilled[0]["Day"] == "2026-11-22" and spilled[0]["Amount (g, ml or units)"] == "99.0"
    assert len(list(book["Reports"].iter_rows())) == 5  # four reports fit: no note, no CSV
