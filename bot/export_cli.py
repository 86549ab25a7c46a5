"""`python -m bot export --operation CODE --format csv|xlsx --out FILE`: an export of any size.

The same files /export sends, written on the server where no upload limit applies: the CSV in
one file (it imports back with `python -m bot import`), the workbook with a CSV beside it for a
sheet past Excel's 1,048,576 rows. Rows are written as they are read; memory stays flat.
"""

from __future__ import annotations

import argparse
import asyncio
import time
from pathlib import Path
from typing import IO, Any

from bot.config import ConfigError, load_config
from bot.domain.unit import Operation
from bot.exporting import Progress, write_workbook_from
from bot.render.export import write_csv
from storage.database import Database
from storage.export import ExportReader
from storage.migrate import MigrationError
from storage.operations import find_operation

_EXAMPLE = "e.g. python -m bot export --operation SIREN --format xlsx --out SIREN.xlsx"


class _Usage(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:
        raise _Usage(message)


def main(argv: list[str], *, stdout: IO[str], stderr: IO[str]) -> int:
    """Write an operation's export to a file; 0 when written, 1 when not, 2 on usage."""
    parser = _Parser(prog="python -m bot export", description="Export an operation's reports.")
    parser.add_argument("--operation", required=True, metavar="CODE")
    parser.add_argument("--format", choices=("csv", "xlsx"), default=None)
    parser.add_argument("--out", type=Path, required=True, metavar="FILE")
    parser.add_argument("--config", type=Path, help="config file naming the database")
    parser.add_argument("--db", type=Path, help="the database file (instead of --config)")
    try:
        args = parser.parse_args(argv)
    except _Usage as exc:
        stderr.write(f"{parser.format_usage()}error: {exc}\n{_EXAMPLE}\n")
        return 2
    fmt = args.format or args.out.suffix.lstrip(".").lower()
    if fmt not in ("csv", "xlsx"):
        stderr.write(f"--format: csv or xlsx (or name the file .csv or .xlsx)\n{_EXAMPLE}\n")
        return 2
    try:
        database = args.db or load_config(args.config or Path("config.toml")).storage.database
    except ConfigError as exc:
        stderr.write(f"config error: {exc} (or name the database with --db PATH)\n")
        return 2
    if not Path(database).is_file():
        stderr.write(f"{database}: no database file there; name the bot's with --db or --config\n")
        return 2
    if not args.out.parent.is_dir():
        stderr.write(f"{args.out.parent}: no such folder; make it first\n")
        return 1
    try:
        op = asyncio.run(_operation(Path(database), args.operation))
    except MigrationError as exc:
        stderr.write(f"database error: {exc}\n")
        return 2
    if op is None:
        stderr.write(f"No operation {args.operation} in {database}.\n")
        return 1
    started = time.monotonic()
    with ExportReader(Path(database), op.id) as reader:
        size = reader.size()
        if fmt == "csv":
            with args.out.open("wb") as out:
                rows = write_csv(reader.items(), op, out)
            beside: list[Path] = []
        else:
            result = write_workbook_from(reader, op, args.out, Progress(size.items))
            rows, beside = result.rows["items"], result.overflow
    seconds = time.monotonic() - started
    stdout.write(
        f"Wrote {size.reports:,} reports ({rows:,} items) of {op.code} to {args.out}"
        f" in {seconds:.1f} s.\n"
    )
    for path in beside:
        stdout.write(f"A sheet passed Excel's 1,048,576 rows: the rest is in {path}.\n")
    return 0


async def _operation(database: Path, code: str) -> Operation | None:
    db = await Database.open(database)
    try:
        return await find_operation(db, code=code)
    finally:
        await db.close()
