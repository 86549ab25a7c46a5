"""Exports built in the worker process into temporary files, sized before the work starts.

The rows come from storage.export on a connection of the export's own and are written as they
are read (bot.render.export for CSV, bot.render.workbook for XLSX), so memory stays flat
whatever the operation's size; the loop only waits for the result. The work runs in the worker
process (bot.worker), not a thread: a thread writing a workbook in Python holds the interpreter
lock the event loop needs (the stall bench measured the loop held 262 ms at a time). Before
any of that the rows are counted and the file's size estimated, so that a file Telegram would
refuse is never built for it: a large CSV is compressed, and split at report boundaries into
numbered parts that each import on their own; a workbook too large says so at once and points
to `python -m bot export`.
"""

from __future__ import annotations

import asyncio
import os
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO, ParamSpec, TypeVar

from bot import worker
from bot.domain.export import ExportSize, ItemRow
from bot.domain.unit import Operation
from bot.render.export import CsvWriter, export_filename
from bot.render.workbook import WorkbookResult, write_workbook
from bot.render.workbook_sheet import SHEET_ROWS
from storage.database import Database
from storage.export import ExportReader
from storage.summary import operation

P = ParamSpec("P")
T = TypeVar("T")

# Telegram takes documents up to 50 MB from a bot (a self-hosted Bot API server takes more).
UPLOAD_LIMIT = 50_000_000
# Bytes per item row, measured on bench data (bench/export_bench.py) and rounded up: the size
# is estimated before any work so that nothing is built only to be refused.
CSV_BYTES_PER_ITEM = 420
ZIP_RATIO = 0.3  # compressed / plain CSV; measured 0.12-0.2
XLSX_BYTES_PER_ITEM = 260
MAX_PARTS = 5
# Room left under the limit in a part: a page of reports not yet compressed, and the zip's end.
_PART_MARGIN = 2_000_000


async def off_loop(work: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """Run blocking work in the worker process (module-level `work`, picklable arguments)."""
    return await worker.compute(work, *args, **kwargs)


@dataclass(frozen=True)
class Plan:
    """What an export will be: its estimated size, compressed or not, how many parts."""

    fmt: str
    size: ExportSize
    estimated: int  # bytes, as sent
    compressed: bool = False
    parts: int = 1
    fits: bool = True  # False: too large to send; say so before any work

    @property
    def total(self) -> int:
        """Rows the progress counts up to."""
        return max(self.size.items, 1)


def plan_export(size: ExportSize, fmt: str, limit: int = UPLOAD_LIMIT) -> Plan:
    """Decide from the counts alone how the export goes, or that it does not fit."""
    if fmt == "xlsx":
        estimated = 20_000 + size.items * XLSX_BYTES_PER_ITEM
        fits = estimated <= limit and size.items < SHEET_ROWS - 1
        return Plan(fmt, size, estimated, fits=fits)
    plain = 200 + size.items * CSV_BYTES_PER_ITEM
    if plain <= limit:
        return Plan(fmt, size, plain)
    packed = int(plain * ZIP_RATIO)
    parts = -(-packed // (limit - _margin(limit)))
    return Plan(fmt, size, packed, compressed=True, parts=parts, fits=parts <= MAX_PARTS)


def _margin(limit: int) -> int:
    return min(_PART_MARGIN, limit // 4)


def read_size(database: Path, operation_id: int) -> ExportSize:
    """Count the rows of an export (blocking: run off the loop)."""
    with ExportReader(database, operation_id) as reader:
        return reader.size()


async def size_of(database: Path, operation_id: int) -> ExportSize:
    """Count the rows of an export in a thread: SQLite counts without the interpreter lock, and
    the answer ("too large", or the progress message) should not wait for a worker to start."""
    return await asyncio.to_thread(read_size, database, operation_id)


@dataclass
class Progress:
    """Rows written so far; the worker counts up, the loop reads.

    The worker is another process: with a `path`, each count is also written there for the
    loop to `refresh` from (a few bytes a page).
    """

    total: int
    done: int = 0
    path: Path | None = None

    @property
    def percent(self) -> int:
        """How far, 0-100."""
        return min(100, self.done * 100 // max(self.total, 1))

    def add(self, rows: int) -> None:
        """Count rows written; where the loop can see it, say so."""
        self.done += rows
        if self.path is not None:
            partial = self.path.with_suffix(".part")
            partial.write_text(str(self.done))
            os.replace(partial, self.path)  # read whole or not at all

    def refresh(self) -> None:
        """Take up the count the worker wrote, if any."""
        if self.path is None:
            return
        try:
            self.done = max(self.done, int(self.path.read_text() or 0))
        except (FileNotFoundError, ValueError):
            pass


@dataclass(frozen=True)
class ExportFile:
    """A file written for sending: where it is, and the name the reader sees."""

    path: Path
    filename: str
    part: int = 1
    parts: int = 1
    zipped: bool = False


def _counted(pages: Iterable[list[ItemRow]], progress: Progress) -> Iterator[ItemRow]:
    for page in pages:
        yield from page
        progress.add(len(page))


def build_files(
    database: Path,
    op: Operation,
    plan: Plan,
    folder: Path,
    now: datetime,
    progress: Progress,
    *,
    limit: int = UPLOAD_LIMIT,
) -> list[ExportFile]:
    """Write the export into `folder` (blocking: run off the loop); the files to send."""
    name = export_filename(op, plan.fmt, now)
    with ExportReader(database, op.id) as reader:
        if plan.fmt == "xlsx":
            path = folder / name
            result = write_workbook_from(reader, op, path, progress)
            files = [ExportFile(path, name)]
            return files + [ExportFile(p, p.name) for p in result.overflow]
        return _write_csv_parts(reader, op, folder, name, plan.compressed, limit, progress)


def write_workbook_from(
    reader: ExportReader, op: Operation, path: Path, progress: Progress | None = None
) -> WorkbookResult:
    """The workbook of every sheet, from one consistent read."""
    items = _counted(reader.pages(), progress) if progress else reader.items()
    return write_workbook(
        path,
        op,
        items,
        nil_returns=reader.nil_returns(),
        agencies=reader.agencies(),
        audit=reader.audit(),
    )


def _write_csv_parts(
    reader: ExportReader,
    op: Operation,
    folder: Path,
    name: str,
    compressed: bool,
    limit: int,
    progress: Progress,
) -> list[ExportFile]:
    """The CSV in parts under `limit`, split only between reports so that each part imports."""
    written: list[Path] = []
    part: _Part | None = None
    for page in reader.pages():
        if part is not None and part.size() + _margin(limit) > limit:
            part.close()
            part = None
        if part is None:
            stem = name[: -len(".csv")]
            inner = name if not written else f"{stem}-part{len(written) + 1}.csv"
            path = folder / f"{inner}{'.zip' if compressed else ''}"
            part = _Part(path, inner, op, compressed)
            written.append(path)
        part.writer.write(page)
        progress.add(len(page))
    if part is None:  # no reports: the heading alone
        part = _Part(folder / name, name, op, False)
        written.append(part.path)
    part.close()
    parts = len(written)
    stem = name[: -len(".csv")]
    return [
        ExportFile(
            path,
            path.name
            if parts == 1
            else f"{stem}-part{n}-of-{parts}.csv" + (".zip" if compressed else ""),
            part=n,
            parts=parts,
            zipped=compressed,
        )
        for n, path in enumerate(written, start=1)
    ]


class _Part:
    """One file of a CSV export: plain, or a zip holding the CSV."""

    def __init__(self, path: Path, inner: str, op: Operation, compressed: bool) -> None:
        self.path = path
        self._file = path.open("wb")
        self._zip: zipfile.ZipFile | None = None
        self._entry: IO[bytes] = self._file
        if compressed:
            self._zip = zipfile.ZipFile(self._file, "w", zipfile.ZIP_DEFLATED, compresslevel=6)
            self._entry = self._zip.open(inner, "w", force_zip64=True)
        self.writer = CsvWriter(self._entry, op)

    def size(self) -> int:
        """Bytes in the file so far."""
        return self._file.tell()

    def close(self) -> None:
        """Finish the CSV (and the zip) and close the file."""
        self.writer.close()
        if self._zip is not None:
            self._entry.close()
            self._zip.close()
        self._file.close()


async def build_export(
    db: Database, *, operation_id: int, fmt: str, now: datetime
) -> tuple[str, bytes]:
    """The whole export as one file in memory, whatever its size: for tests and small uses."""
    op = await operation(db, operation_id=operation_id)
    size = await size_of(db.path, op.id)
    plan = plan_export(size, fmt, limit=1 << 62)
    with tempfile.TemporaryDirectory(prefix="ocu-export-") as folder:
        progress = Progress(plan.total)
        files = await off_loop(build_files, db.path, op, plan, Path(folder), now, progress)
        return files[0].filename, files[0].path.read_bytes()
