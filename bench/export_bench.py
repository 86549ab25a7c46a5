"""The workbook's speed beside bare xlsxwriter (and openpyxl) writing the same rows, one run.

`python -m bench.export_bench DB|REPORTS [--openpyxl]` writes the operation's workbook as
`python -m bot export` does (storage.export → bot.render.workbook, every sheet, unlimited), and
hands every typed row a sheet was given, a batch of 10,000 at a time, to bare xlsxwriter in
constant-memory mode with `write_row` (a sheet continued on a new one past Excel's rows) and
keeps them in a file beside it; bare's time and the keeping are not counted as ours. Bare
writes each batch as soon as ours has made it, so the two share the machine's load of the same
few seconds: on a shared machine, one measured minutes after the other differed by up to a
fifth with nothing changed. With --openpyxl the kept rows, read back a batch at a time
(reading not counted), go to openpyxl's write-only mode afterwards. Rows per second in CPU time
(wall time is printed beside it), and ours as a share of bare xlsxwriter's against the 80 %
target.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import pickle
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from bench.generate import build
from bot.exporting import Progress, build_files, plan_export, read_size
from bot.render import workbook_sheet
from storage.database import Database
from storage.summary import operation

TARGET = 0.8
_BATCH = 10_000
NOW = datetime(2026, 11, 30, tzinfo=UTC)


class _Clock:
    """CPU and wall seconds, added up over the spans measured."""

    def __init__(self) -> None:
        self.cpu = self.wall = 0.0

    def __enter__(self) -> _Clock:
        self._cpu, self._wall = time.process_time(), time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        self.cpu += time.process_time() - self._cpu
        self.wall += time.perf_counter() - self._wall


class _Keeper:
    """The rows sheets are given, a batch at a time: written by bare xlsxwriter and pickled.

    `bare` is bare xlsxwriter's time (its book closed by `close_bare`), `clock` the pickling's.
    """

    def __init__(self, out: IO[bytes], bare: Path) -> None:
        import xlsxwriter

        self.out = out
        self.batch: list[tuple[str, Sequence[Any]]] = []
        self.rows = 0
        self.clock = _Clock()
        self.bare = _Clock()
        with self.bare:
            self._book = xlsxwriter.Workbook(str(bare), {"constant_memory": True})
            self._write = _bare_writer()

    def keep(self, name: str, cells: Sequence[Any]) -> None:
        self.batch.append((name, cells))
        if len(self.batch) == _BATCH:
            self.flush()

    def flush(self) -> None:
        with self.bare:
            self._write(self._book, self.batch)
        with self.clock:
            pickle.dump(self.batch, self.out, protocol=pickle.HIGHEST_PROTOCOL)
            self.rows += len(self.batch)
            self.batch = []

    def close_bare(self) -> None:
        with self.bare:
            self._book.close()


def _ours(path: Path, folder: Path, kept: Path) -> tuple[dict[str, float], _Clock]:
    op = asyncio.run(_operation(path))
    original = workbook_sheet.Sheet.add
    with kept.open("wb") as out:
        keeper = _Keeper(out, folder / "bare.xlsx")

        def add(self: workbook_sheet.Sheet, cells: Sequence[Any]) -> None:
            keeper.keep(self.name, cells)
            original(self, cells)

        workbook_sheet.Sheet.add = add  # type: ignore[method-assign]
        try:
            with _Clock() as clock:
                plan = plan_export(read_size(path, op.id), "xlsx", limit=1 << 62)
                files = build_files(path, op, plan, folder, NOW, Progress(plan.total))
        finally:
            workbook_sheet.Sheet.add = original  # type: ignore[method-assign]
        keeper.flush()
        keeper.close_bare()
    figures = {
        "rows": keeper.rows,
        "cpu_s": clock.cpu - keeper.clock.cpu - keeper.bare.cpu,
        "wall_s": clock.wall - keeper.clock.wall - keeper.bare.wall,
        "mb": sum(f.path.stat().st_size for f in files) / 1e6,
        "files": len(files),
    }
    return figures, keeper.bare


async def _operation(path: Path) -> Any:
    db = await Database.open_read_only(path)
    try:
        return await operation(db, operation_id=1)
    finally:
        await db.close()


def _batches(kept: Path, reading: _Clock) -> Iterator[list[tuple[str, Sequence[Any]]]]:
    with kept.open("rb") as file:
        while True:
            with reading:
                try:
                    batch = pickle.load(file)
                except EOFError:
                    return
            yield batch


def _timed(kept: Path, open_book: Callable[[], Any], write: Callable[..., None]) -> _Clock:
    """Seconds `write` takes over every kept row, reading them back not counted."""
    clock, reading = _Clock(), _Clock()
    with clock:
        book = open_book()
        for batch in _batches(kept, reading):
            write(book, batch)
        book.close() if hasattr(book, "close") else None
    clock.cpu -= reading.cpu
    clock.wall -= reading.wall
    return clock


def _bare_writer() -> Callable[[Any, list[tuple[str, Sequence[Any]]]], None]:
    """Bare xlsxwriter's `write(book, batch)`: each row with `write_row`, Excel's rows kept."""
    sheets: dict[str, list[Any]] = {}  # name -> [worksheet, row, continuation]

    def write(book: Any, batch: list[tuple[str, Sequence[Any]]]) -> None:
        for name, cells in batch:
            state = sheets.get(name)
            if state is None:
                state = sheets[name] = [book.add_worksheet(name), 0, 1]
            if state[1] == workbook_sheet.SHEET_ROWS - 1:  # Excel is full: go on in another
                state[2] += 1
                state[0], state[1] = book.add_worksheet(f"{name} {state[2]}"), 0
            state[1] += 1
            state[0].write_row(state[1], 0, cells)

    return write


def _bare_openpyxl(kept: Path, target: Path) -> _Clock:
    from openpyxl import Workbook

    sheets: dict[str, list[Any]] = {}

    def write(book: Any, batch: list[tuple[str, Sequence[Any]]]) -> None:
        for name, cells in batch:
            state = sheets.get(name)
            if state is None:
                state = sheets[name] = [book.create_sheet(name), 0, 1]
            if state[1] == workbook_sheet.SHEET_ROWS - 1:
                state[2] += 1
                state[0], state[1] = book.create_sheet(f"{name} {state[2]}"), 0
            state[1] += 1
            state[0].append(cells)

    class _Book:
        def __init__(self) -> None:
            self.book = Workbook(write_only=True)

        def close(self) -> None:
            self.book.save(target)

    return _timed(kept, _Book, lambda book, batch: write(book.book, batch))


def measure(path: Path, *, openpyxl: bool = False) -> dict[str, float]:
    """Ours and bare xlsxwriter (and openpyxl) on the same rows: seconds and rows/s, in CPU."""
    with tempfile.TemporaryDirectory(prefix="ocu-export-bench-") as name:
        folder = Path(name)
        kept = folder / "rows.pickle"
        ours, bare = _ours(path, folder, kept)
        figures = {
            **ours,
            "bare_cpu_s": bare.cpu,
            "bare_wall_s": bare.wall,
            "rows_per_s": ours["rows"] / ours["cpu_s"],
            "bare_rows_per_s": ours["rows"] / bare.cpu,
        }
        if openpyxl:
            other = _bare_openpyxl(kept, folder / "openpyxl.xlsx")
            figures.update(openpyxl_cpu_s=other.cpu, openpyxl_rows_per_s=ours["rows"] / other.cpu)
    figures["share"] = figures["rows_per_s"] / figures["bare_rows_per_s"]
    return figures


def report(reports: int, f: dict[str, float]) -> None:
    """Print ours beside bare xlsxwriter and the target."""
    print(
        f"  XLSX at {reports:,} reports, {f['rows']:,.0f} rows (every sheet), {f['mb']:.0f} MB:"
        f" ours {f['rows_per_s']:,.0f} rows/s ({f['cpu_s']:.0f} s CPU, {f['wall_s']:.0f} s wall)"
        f" vs bare xlsxwriter {f['bare_rows_per_s']:,.0f} rows/s ({f['bare_cpu_s']:.0f} s CPU,"
        f" {f['bare_wall_s']:.0f} s wall) = {f['share']:.0%}"
        f"  [{'ok ' if f['share'] >= TARGET else 'MISS'} >= {TARGET:.0%}]",
        flush=True,
    )
    if "openpyxl_rows_per_s" in f:
        kept = "xlsxwriter" if f["openpyxl_rows_per_s"] < f["bare_rows_per_s"] else "openpyxl"
        print(
            f"  openpyxl (write-only) on the same rows: {f['openpyxl_rows_per_s']:,.0f} rows/s"
            f" ({f['openpyxl_cpu_s']:.0f} s CPU); the faster is {kept}",
            flush=True,
        )


def main(argv: list[str] | None = None) -> None:
    """Measure a database (or one built of REPORTS reports) and print."""
    parser = argparse.ArgumentParser(prog="python -m bench.export_bench")
    parser.add_argument("source", help="a bench database, or a number of reports to build")
    parser.add_argument("--openpyxl", action="store_true")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="ocu-export-db-") as name:
        path = Path(args.source)
        if args.source.isdigit():
            path = Path(name) / "bench.sqlite3"
            build(path, int(args.source))
        figures = measure(path, openpyxl=args.openpyxl)
        reports = read_size(path, 1).reports
    report(reports, figures)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
