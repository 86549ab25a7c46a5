"""Exports in the same run: our workbook beside bare xlsxwriter and openpyxl on the same rows.

`python -m bench.export_bench [REPORTS]` (default 100,000): builds an operation, writes the
workbook and the CSV the way /export does (storage.export → render, in a worker), and, from the
same rows already converted in memory, bare xlsxwriter (constant memory) and openpyxl
(write-only). Prints rows per second beside each other, and the peak RSS of the export.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import time
from pathlib import Path

import psutil

from bench.generate import build
from bot.exporting import Progress, build_files, plan_export, read_size
from bot.render import workbook_sheet
from storage.database import Database
from storage.summary import operation


class _Recorder:
    """Keeps the typed rows a sheet is given, to hand the same rows to the bare writers."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, list[object]]] = []


def _recorded_rows(path: Path, op) -> list[tuple[str, list[object]]]:
    recorder = _Recorder()
    original = workbook_sheet.Sheet.add

    def add(self, cells):
        recorder.rows.append((self.name, list(cells)))
        original(self, cells)

    workbook_sheet.Sheet.add = add  # type: ignore[method-assign]
    try:
        with tempfile.TemporaryDirectory() as folder:
            size = read_size(path, 1)
            plan = plan_export(size, "xlsx", limit=1 << 62)
            build_files(path, op, plan, Path(folder), op_now(), Progress(plan.total))
    finally:
        workbook_sheet.Sheet.add = original  # type: ignore[method-assign]
    return recorder.rows


def op_now():
    from datetime import UTC, datetime

    return datetime(2026, 11, 22, tzinfo=UTC)


def _bare_xlsxwriter(rows, target: Path) -> float:
    import xlsxwriter

    started = time.perf_counter()
    book = xlsxwriter.Workbook(str(target), {"constant_memory": True})
    sheets: dict[str, tuple[object, list[int]]] = {}
    for name, cells in rows:
        if name not in sheets:
            sheets[name] = (book.add_worksheet(name), [0])
        sheet, row = sheets[name]
        row[0] += 1
        sheet.write_row(row[0], 0, cells)  # type: ignore[attr-defined]
    book.close()
    return time.perf_counter() - started


def _bare_openpyxl(rows, target: Path) -> float:
    from openpyxl import Workbook

    started = time.perf_counter()
    book = Workbook(write_only=True)
    sheets: dict[str, object] = {}
    for name, cells in rows:
        if name not in sheets:
            sheets[name] = book.create_sheet(name)
        sheets[name].append(cells)  # type: ignore[attr-defined]
    book.save(target)
    return time.perf_counter() - started


async def _ours(path: Path, op, fmt: str, folder: Path) -> tuple[float, int]:
    started = time.perf_counter()
    size = await asyncio.to_thread(read_size, path, 1)
    plan = plan_export(size, fmt)
    files = await asyncio.to_thread(
        build_files, path, op, plan, folder, op_now(), Progress(plan.total), limit=1 << 62
    )
    return time.perf_counter() - started, sum(f.path.stat().st_size for f in files)


def main(reports: int = 100_000) -> None:
    """Print the figures for an operation of `reports` reports."""
    with tempfile.TemporaryDirectory(prefix="ocu-export-bench-") as folder:
        base = Path(folder)
        path = base / "bench.sqlite3"
        build(path, reports)

        async def op_of():
            db = await Database.open(path)
            try:
                return await operation(db, operation_id=1)
            finally:
                await db.close()

        op = asyncio.run(op_of())
        process = psutil.Process()
        rss_before = process.memory_info().rss
        csv_s, csv_bytes = asyncio.run(_ours(path, op, "csv", base))
        xlsx_s, xlsx_bytes = asyncio.run(_ours(path, op, "xlsx", base))
        rss_after = process.memory_info().rss
        rows = _recorded_rows(path, op)
        bare_s = _bare_xlsxwriter(rows, base / "bare.xlsx")
        openpyxl_s = _bare_openpyxl(rows, base / "openpyxl.xlsx")
        n = len(rows)
        print(f"export at {reports:,} reports: {n:,} workbook rows (every sheet)")
        print(f"  xlsx ours      {n / xlsx_s:10,.0f} rows/s  {xlsx_bytes / 1e6:7.1f} MB")
        print(f"  xlsx bare xlsxwriter {n / bare_s:10,.0f} rows/s  (ours at {bare_s / xlsx_s:.0%})")
        print(f"  xlsx bare openpyxl   {n / openpyxl_s:10,.0f} rows/s")
        print(f"  csv ours       {reports / csv_s:10,.0f} reports/s  {csv_bytes / 1e6:7.1f} MB")
        print(
            f"  RSS: {rss_before / 1e6:.0f} MB before the exports, {rss_after / 1e6:.0f} MB after"
        )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
