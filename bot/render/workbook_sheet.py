"""One sheet of the workbook, written row by row: typed cells within Excel's limits.

In xlsxwriter's constant-memory mode a row goes to the sheet's file as soon as it is given. Past
Excel's 1,048,576 rows the rest of a sheet goes to a CSV beside the workbook, its dates and times
written out as text, and the sheet's last row says where they went. bot.render.workbook decides
which sheets there are and what their rows hold.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import IO, Any

from bot.render.i18n import _

SHEET_ROWS = 1_048_576  # Excel's limit, the heading row included
EPOCH = datetime(1899, 12, 30)  # Excel's day 0: a date or time cell counts days from it
DATE, TIME, NUMBER = "date", "time", "number"
Cell = str | int | float | bool | None


@dataclass(frozen=True)
class Column:
    """A heading (translated where shown), its cell kind and its width in characters."""

    heading: str
    width: float = 12
    kind: str = ""  # "date", "time", "number" or "" (as given)


class Sheet:
    """One sheet written row by row, its overflow (past Excel's limit) going to a CSV."""

    def __init__(
        self, book: Any, name: str, columns: Sequence[Column], formats: dict[str, Any], csv: Path
    ):
        self.name = name
        self.sheet = book.add_worksheet(name)
        self.columns = columns
        self.formats = [formats.get(c.kind) for c in columns]
        self.row = 0
        self.written = 0
        self._csv_path = csv
        self._overflow: IO[str] | None = None
        self._csv_writer: Any = None
        sheet = self.sheet
        for n, column in enumerate(columns):
            sheet.set_column(n, n, column.width)
        sheet.write_row(0, 0, [c.heading for c in columns], formats["heading"])
        sheet.freeze_panes(1, 0)
        self._add = sheet.write_number, sheet.write_string, sheet.write_boolean

    def add(self, cells: Sequence[Cell]) -> None:
        """Write one row of typed cells (None leaves a cell empty)."""
        self.written += 1
        if self.row + 1 >= SHEET_ROWS - 1:  # the last row is kept for the note
            self._spill(cells)
            return
        self.row += 1
        row = self.row
        number, string, boolean = self._add
        formats = self.formats
        for n, value in enumerate(cells):
            kind = type(value)
            if kind is str:
                if value:
                    string(row, n, value)
            elif value is None:
                continue
            elif kind is bool:
                boolean(row, n, value)
            else:
                number(row, n, value, formats[n])

    def _spill(self, cells: Sequence[Cell]) -> None:
        if self._overflow is None:
            self._overflow = self._csv_path.open("w", encoding="utf-8-sig", newline="")
            self._csv_writer = csv.writer(self._overflow)
            self._csv_writer.writerow([c.heading for c in self.columns])
        pairs = zip(cells, self.columns, strict=True)
        self._csv_writer.writerow([_as_text(value, column.kind) for value, column in pairs])

    def close(self) -> Path | None:
        """Set the filter over the rows written; say where the rest went, if anywhere."""
        self.sheet.autofilter(0, 0, self.row, len(self.columns) - 1)
        if self._overflow is None:
            return None
        self._overflow.close()
        rest = self.written - self.row
        self.sheet.write_string(
            self.row + 1,
            0,
            _(
                "Excel holds no more rows: the other {count:,} are in {file}, beside this file."
            ).format(count=rest, file=self._csv_path.name),
        )
        return self._csv_path


def _as_text(value: Cell, kind: str) -> str:
    if value is None:
        return ""
    if kind in (DATE, TIME) and isinstance(value, float | int):
        moment = EPOCH + timedelta(days=value)
        return moment.date().isoformat() if kind == DATE else moment.isoformat(sep=" ")
    return str(value)
