"""`python -m bot import FILE --operation CODE`: an exported CSV back in, all or nothing.

The whole file is read and checked once, its reports kept as values in a temporary file; then
they are written in short transactions, between which the live bot writes as usual, and appear
together with their totals in one more, of a few rows, at the end (storage/imports.py). No
transaction grows with the file. An import that fails or is killed shows nothing and is cleaned
up.
"""

from __future__ import annotations

import argparse
import asyncio
import marshal
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.config import ConfigError, load_config
from bot.import_aliases import classified_items
from bot.import_checks import _I, _Failed, _name, _Reader, _Report
from bot.import_file import Progress, reading
from bot.import_mix import Refused, kept_apart
from bot.import_places import cut_lines, places_cut
from bot.render.export import unescape_cell
from storage import import_removal, imports
from storage import operations as operation_store
from storage.aliases import operation_aliases
from storage.database import Database
from storage.migrate import MigrationError

# Reports per write transaction at first; then as many as take about _WRITE_SECONDS of CPU, so
# that a live report waits behind one for a few hundredths of a second at most. CPU, not wall
# time: under load the wall time grew and the chunks shrank to ~60 reports, each paying a
# transaction's fixed cost (issue #16). No pause between two: a live writer waiting for the
# lock is let through first (Database.write's make_way), and one that comes to wait during a
# transaction gets in after the slice under way (imports.write). Half-second transactions were
# tried: they saved no CPU (8.8 s against 8.5 s at 20,000 rows) and held the lock for seconds
# under load, so the 25 ms stay: a transaction stays short whether or not anyone waits.
_FIRST_BATCH = 500
_WRITE_SECONDS = 0.025  # with its commit, under the 50 ms a transaction may hold the lock
_CHECK_BATCH = 2000  # reports looked up at once for "already in the operation"
_MAX_ERRORS = 20
_CHAT, _MESSAGE = 15, 16  # in a report's values


class _Usage(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:
        raise _Usage(message)


def main(argv: list[str], *, stdout: IO[str], stderr: IO[str]) -> int:
    """Import an exported CSV into an operation; 0 when imported, 1 when nothing was, 2 on usage."""
    parser = _Parser(
        prog="python -m bot import",
        description="Import a CSV written by /export; nothing is imported if any row is bad.",
    )
    parser.add_argument("file", type=Path)
    parser.add_argument("--operation", required=True, metavar="CODE")
    parser.add_argument("--config", type=Path, help="config file naming the database")
    parser.add_argument("--db", type=Path, help="the database file (instead of --config)")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    try:
        args = parser.parse_args(argv)
    except _Usage as exc:
        stderr.write(f"{parser.format_usage()}error: {exc}\n")
        stderr.write(
            "e.g. python -m bot import SIREN-reports.csv --operation SIREN --db ocu.sqlite3\n"
        )
        return 2
    try:
        database = args.db or load_config(args.config or Path("config.toml")).storage.database
    except ConfigError as exc:
        stderr.write(f"config error: {exc} (or name the database with --db PATH)\n")
        return 2
    if not args.file.is_file():
        stderr.write(f"{args.file}: no such file\n")
        return 1
    if not Path(database).is_file():
        # Opening it would make an empty database (and its folders) only to refuse the import.
        stderr.write(f"{database}: no database file there; name the bot's with --db or --config\n")
        return 2
    progress = None if args.quiet else Progress(args.file.stat().st_size, stderr)
    try:
        result = asyncio.run(_import(args.file, database, args.operation, progress))
    except Refused as refused:  # before anything was written: nothing to say of that
        stderr.write(f"{refused}\n")
        return 2
    except _Failed as failed:
        for line in failed.lines:
            stderr.write(line + "\n")
        stderr.write("Nothing was imported.\n")
        return 1
    except MigrationError as exc:
        stderr.write(f"{exc}; nothing was imported\n")
        return 2
    reports = f"{result.reports:,} report" + ("" if result.reports == 1 else "s")
    items = f"{result.items:,} item" + ("" if result.items == 1 else "s")
    stdout.write(
        f"Imported {reports} ({items}) into {args.operation}"
        f" in {result.seconds:.1f} s{result.note}.\n"
    )
    for line in result.cut:
        stdout.write(line + "\n")
    return 0


@dataclass
class _Result:
    reports: int = 0
    items: int = 0
    seconds: float = 0.0
    note: str = ""
    cut: list[str] = field(default_factory=list)  # a line for each place cut


async def _import(path: Path, database: Path, code: str, progress: Progress | None) -> _Result:
    started = time.perf_counter()
    db = await Database.open(database)
    try:
        operation_id = await imports.operation_of(db, code)
        if operation_id is None:
            raise _Failed(
                [f"No operation {code} in {database}; create it first, e.g."
                 f' /operation new {code} "Title" Asia/Seoul']
            )  # fmt: skip
        with imports.import_lock(database, wait=False) as held:
            if not held:
                raise _Failed([f"Another import into {database} is running; try when it is done."])
            await imports.widen_cache(db)
            await import_removal.remove_abandoned(db)  # what an earlier import left when it failed
            await imports.merge_left(db)  # or, killed once shown, had not yet merged
            plan = _Plan(
                db, operation_id, code, await imports.agencies(db, operation_id=operation_id)
            )
            with reading(path) as (counting, reader), tempfile.TemporaryFile() as spool:
                source = _Reader(counting, progress)
                operation = await operation_store.get_operation(db, operation_id=operation_id)
                assert operation is not None
                read = kept_apart(source.reports(reader), source, operation, path)
                await plan.check(places_cut(read, plan.cut), spool)
                if progress is not None:
                    progress.offset = progress.size
                spool.seek(0)
                try:
                    result = await plan.write(spool, progress)
                except BaseException:
                    # Nothing of it was shown; take away what was written (or the next import
                    # will).
                    await asyncio.shield(import_removal.remove_abandoned(db))
                    raise
            # Shown: its totals move into the running totals, a short transaction at a time.
            await imports.merge_left(db)
        if progress is not None:
            progress.update(0, result.items, final=True)
        result.seconds = time.perf_counter() - started
        return result
    finally:
        await db.close()


class _Plan:
    """What the first reading found (and checked); the second writes it."""

    def __init__(self, db: Database, operation_id: int, code: str, agencies: dict[str, int]):
        self.db, self.operation_id, self.code = db, operation_id, code
        self.agencies = agencies
        self.aliases: dict[str, str] = {}  # the operation's /alias words (import_aliases)
        self.new_agencies: dict[str, imports.NewAgency] = {}
        self.reports = 0
        self.first_source_id = 0
        self.first_number = 0  # the file's first report number; 0: an older file without them
        self.last: _Report | None = None
        self.errors: list[str] = []
        self.cut: list[str] = []  # places longer than a place may be, cut (bot.import_places)

    async def check(self, reports: Iterator[_Report | str], spool: IO[bytes]) -> None:
        """Read every row; any error ends the import before anything is written.

        The checked reports go to `spool` as values (marshal, a chunk at a time), for `write`.
        """
        waiting: list[_Report] = []
        self.aliases = await operation_aliases(self.db, operation_id=self.operation_id)
        for report in reports:
            if isinstance(report, str):
                self._error(report)
                continue
            self._check_agency(report)
            if self.errors:
                continue  # the rest is still checked, but need not be looked up
            self.reports += 1
            self.first_source_id = self.first_source_id or report.source_id
            self.first_number = self.first_number or report.values[-1]
            self.last = report
            waiting.append(report)
            if len(waiting) >= _CHECK_BATCH:
                await self._not_there(waiting, spool)
                waiting = []
        await self._not_there(waiting, spool)
        if self.errors:
            raise _Failed(self.errors)
        if self.reports == 0:
            raise _Failed(["The file holds no reports."])

    def _error(self, message: str) -> None:
        self.errors.append(message)
        if len(self.errors) >= _MAX_ERRORS:
            raise _Failed([*self.errors, f"... stopped after {_MAX_ERRORS} errors."])

    def _check_agency(self, report: _Report) -> None:
        code = report.cells[_I["agency"]]
        if not code or code in self.agencies or code in self.new_agencies:
            return
        name, tz = report.cells[_I["agency_name"]], report.cells[_I["agency_tz"]]
        if not name:
            self._error(f"row {report.row}, agency_name: needed to add agency {code}")
            return
        try:
            ZoneInfo(tz)
        except (ZoneInfoNotFoundError, ValueError):
            self._error(
                f"row {report.row}, agency_tz: {tz!r} is not a time zone such as Asia/Seoul"
            )
            return
        self.new_agencies[code] = imports.NewAgency(code, unescape_cell(name), tz)

    async def _not_there(self, reports: list[_Report], spool: IO[bytes]) -> None:
        sent = [(r.values[_CHAT], r.values[_MESSAGE], r.values[1], r.values[2]) for r in reports]
        found = await imports.already_there(self.db, operation_id=self.operation_id, reports=sent)
        for report, key in zip(reports, sent, strict=True):
            chat, message = key[:2]
            if key in found:
                # The first is enough: a file imported twice would name every report.
                self._error(
                    f"row {report.row}, message_id: this report is already in {self.code}"
                    f" (chat {chat}, message {message})"
                )
                return
        if not self.errors:
            # What `write` needs of each report; a bad file stops being kept at its first error.
            chunk = marshal.dumps(
                [(r.source_id, r.cells[_I["agency"]], r.values, _name(r),
                  classified_items(r.items, self.aliases)) for r in reports]
            )  # fmt: skip
            spool.write(len(chunk).to_bytes(8, "little") + chunk)

    async def write(self, spool: IO[bytes], progress: Progress | None) -> _Result:
        """Write what `check` kept, in short transactions; then show it all in one more."""
        assert self.last is not None
        last = self.last
        result = _Result()
        batch, added = await imports.begin(
            self.db,
            operation_id=self.operation_id,
            new_agencies=list(self.new_agencies.values()),
            first_source_id=self.first_source_id,
            first_number=self.first_number,
            reports=self.reports,
            last_report=last.values,
            last_agency=last.cells[_I["agency"]] or None,
            last_person=(last.values[1], _name(last)),
            last_items=classified_items(last.items, self.aliases),
            now=datetime.now(UTC),
        )
        self.agencies.update(added)
        await imports.check_references(self.db, on=False)
        try:
            first_id, last_id = await self._write_all(spool, progress, batch, result)
        finally:
            await imports.check_references(self.db, on=True)
        if result.reports != self.reports:
            raise _Failed(["the temporary copy of the file was cut short"])
        await imports.gather(self.db, batch, first_id=first_id, last_id=last_id)
        await imports.finish(
            self.db, batch, now=datetime.now(UTC),
            reports=result.reports, items=result.items,
        )  # fmt: skip
        if batch.renumbered:
            result.note = f" (report ids were taken: renumbered from {batch.first_id})"
        result.cut = cut_lines(self.cut)
        return result

    async def _write_all(
        self, spool: IO[bytes], progress: Progress | None, batch: imports.Batch, result: _Result
    ) -> tuple[int, int]:
        """Every report but the last (`begin` wrote it); returns the first and last ids given."""
        assert self.last is not None
        last, agencies = self.last, self.agencies
        size = _FIRST_BATCH
        people: list[tuple[int, str]] = []
        seizures: list[tuple[Any, ...]] = []
        items: list[tuple[Any, ...]] = []
        first_id = last_id = 0
        for source_id, code, values, name, numbered in _chunks(spool):
            sid = batch.first_id + result.reports if batch.renumbered else source_id
            first_id, last_id = first_id or sid, max(last_id, sid)
            result.reports += 1
            result.items += len(numbered)
            if source_id == last.source_id:
                continue
            people.append((values[1], name))
            number = batch.number(result.reports - 1, values[-1])
            seizures.append((sid, agencies[code] if code else None, *values[1:-1], number))
            items += [(sid, *item) for item in numbered]
            if len(seizures) >= size:
                size = await _write(self.db, batch, people, seizures, items, size)
                people, seizures, items = [], [], []
                if progress is not None:
                    progress.update(progress.size * result.reports // self.reports, result.items)
        if seizures:
            await _write(self.db, batch, people, seizures, items, size)
        return first_id, last_id


def _chunks(spool: IO[bytes]) -> Iterator[tuple[Any, ...]]:
    """The reports `check` kept, in the file's order."""
    # Each chunk behind its length: marshal.load from a file reads far more than it uses.
    while size := int.from_bytes(spool.read(8), "little"):
        yield from marshal.loads(spool.read(size))


async def _write(
    db: Database,
    batch: imports.Batch,
    people: list[tuple[int, str]],
    seizures: list[tuple[Any, ...]],
    items: list[tuple[Any, ...]],
    size: int,
) -> int:
    """One short transaction; returns the next batch's size."""
    cpu = await imports.write(db, batch, people=people, seizures=seizures, items=items)
    return min(20_000, imports.next_size(size, cpu, _WRITE_SECONDS))
