"""`python -m bot import FILE --operation CODE`: an exported CSV back in, all or nothing.

The whole file is checked first; then its reports are written in short transactions, between
which the live bot writes as usual, and appear together when the last one is written
(storage/imports.py). An import that fails or is killed shows nothing and is cleaned up.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import io
import json
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import IO, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.config import ConfigError, load_config
from bot.domain.clock import utc_text
from bot.domain.units import NANO, substance_key, to_nano
from bot.render.export import ADDED_COLUMNS, COLUMNS, TEXT_COLUMNS, unescape_cell
from storage import imports
from storage.database import Database
from storage.migrate import MigrationError
from storage.totals import PendingTotals, TotalItem

# The columns that describe the report, repeated on each of its item rows.
REPORT_COLUMNS = COLUMNS[: COLUMNS.index("item")]
# Shown for reading, derived from the UTC times (or the operation): not read back.
DERIVED = frozenset(
    {"operation", "exercise", "reported_at_local", "edited_at_local", "voided", "voided_at_local",
     "transport_label", "detection_label"}
)  # fmt: skip
_AMOUNT = re.compile(r"^\d+(\.\d+)?$")
_UTC_TEXT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SUBSTANCE_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_UNITS = ("g", "ml", "unit")
# Reports per write transaction at first; then as many as take about _WRITE_SECONDS, so that a
# live report waits behind one for a few hundredths of a second at most.
_FIRST_BATCH = 500
_WRITE_SECONDS = 0.04
# Time left between two write transactions, at least: the live bot's writer, waiting in SQLite's
# busy handler, looks again after a few to 25 milliseconds and finds the lock free.
_GAP_SECONDS = 0.03
_CHECK_BATCH = 2000  # reports looked up at once for "already in the operation"
_MAX_ERRORS = 20
_PROGRESS_FROM_BYTES = 1_000_000
_I = {name: index for index, name in enumerate(COLUMNS)}
_ITEM_AT = len(REPORT_COLUMNS)
_CHAT, _MESSAGE, _VOIDED = 15, 16, 19  # in a report's values


class BadRow(Exception):
    """One row of the file cannot be imported; says which row and which field."""

    def __init__(self, row: int, column: str, message: str):
        super().__init__(f"row {row}, {column}: {message}")
        self.row = row
        self.column = column


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
    progress = None if args.quiet else _Progress(args.file.stat().st_size, stderr)
    try:
        result = asyncio.run(_import(args.file, database, args.operation, progress))
    except _Failed as failed:
        for line in failed.lines:
            stderr.write(line + "\n")
        stderr.write("Nothing was imported.\n")
        return 1
    except MigrationError as exc:
        stderr.write(f"{exc}; nothing was imported\n")
        return 2
    stdout.write(
        f"Imported {result.reports:,} reports ({result.items:,} items) into {args.operation}"
        f" in {result.seconds:.1f} s{result.note}.\n"
    )
    return 0


class _Failed(Exception):
    def __init__(self, lines: list[str]):
        super().__init__("\n".join(lines))
        self.lines = lines


@dataclass
class _Result:
    reports: int = 0
    items: int = 0
    seconds: float = 0.0
    note: str = ""


@dataclass
class _Report:
    row: int
    source_id: int
    cells: tuple[str, ...]
    values: tuple[Any, ...]
    items: list[tuple[Any, ...]] = field(default_factory=list)


class _Counting(io.RawIOBase):
    """A binary file that counts what was read from it, for the progress bar."""

    def __init__(self, raw: IO[bytes]):
        self.raw = raw
        self.read_bytes = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        count = self.raw.readinto(buffer)  # type: ignore[attr-defined]
        self.read_bytes += count or 0
        return int(count or 0)


class _Progress:
    """A plain-text bar on stderr: redrawn in place on a terminal, a line per tenth otherwise.

    The file is read twice (checked, then written): each reading is half of the bar.
    """

    def __init__(self, size: int, stream: IO[str]):
        self.size, self.stream = size, stream
        self.shown = -1
        self.tty = stream.isatty()
        self.enabled = size >= _PROGRESS_FROM_BYTES
        self.offset = 0

    def update(self, done: int, rows: int, *, final: bool = False) -> None:
        if not self.enabled:
            return
        done = (self.offset + done) // 2
        percent = 100 if final else min(99, done * 100 // max(self.size, 1))
        step = percent if self.tty else percent // 10 * 10
        if step == self.shown:
            return
        self.shown = step
        bar = "#" * (percent * 30 // 100)
        line = f"importing [{bar:<30}] {percent:3d}%  {rows:,} rows"
        if self.tty:
            self.stream.write("\r" + line + ("\n" if final else ""))
        else:
            self.stream.write(line + "\n")
        self.stream.flush()


async def _import(path: Path, database: Path, code: str, progress: _Progress | None) -> _Result:
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
            await imports.remove_abandoned(db)  # what an earlier import left when it failed
            plan = _Plan(
                db, operation_id, code, await imports.agencies(db, operation_id=operation_id)
            )
            with _reading(path) as (counting, reader):
                await plan.check(_Reader(counting, progress).reports(reader))
            if progress is not None:
                progress.offset = progress.size
            try:
                with _reading(path) as (counting, reader):
                    result = await plan.write(_Reader(counting, progress).reports(reader))
            except BaseException:
                # Nothing of it was shown; take away what was written (or the next import will).
                await asyncio.shield(imports.remove_abandoned(db))
                raise
        if progress is not None:
            progress.update(0, result.items, final=True)
        result.seconds = time.perf_counter() - started
        return result
    finally:
        await db.close()


class _reading:
    """The file opened for reading as CSV, counting the bytes read."""

    def __init__(self, path: Path):
        self.raw = path.open("rb")

    def __enter__(self) -> tuple[_Counting, Iterator[list[str]]]:
        counting = _Counting(self.raw)
        text = io.TextIOWrapper(io.BufferedReader(counting), encoding="utf-8-sig", newline="")
        return counting, csv.reader(text)

    def __exit__(self, *exc: object) -> None:
        self.raw.close()


class _Plan:
    """What the first reading found (and checked); the second writes it."""

    def __init__(self, db: Database, operation_id: int, code: str, agencies: dict[str, int]):
        self.db, self.operation_id, self.code = db, operation_id, code
        self.agencies = agencies
        self.new_agencies: dict[str, imports.NewAgency] = {}
        self.reports = 0
        self.first_source_id = 0
        self.first_number = 0  # the file's first report number; 0: an older file without them
        self.last: _Report | None = None
        self.errors: list[str] = []

    async def check(self, reports: Iterator[_Report | str]) -> None:
        """Read every row; any error ends the import before anything is written."""
        waiting: list[_Report] = []
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
                await self._not_there(waiting)
                waiting = []
        await self._not_there(waiting)
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

    async def _not_there(self, reports: list[_Report]) -> None:
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

    async def write(self, reports: Iterator[_Report | str]) -> _Result:
        """Write what `check` passed, in short transactions; then show it all in one more."""
        assert self.last is not None
        last = self.last
        result = _Result()
        totals = PendingTotals()
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
            last_items=_numbered(last),
            now=datetime.now(UTC),
        )
        self.agencies.update(added)
        size = _FIRST_BATCH
        people: list[tuple[int, str]] = []
        seizures: list[tuple[Any, ...]] = []
        items: list[tuple[Any, ...]] = []
        for index, report in enumerate(reports):
            if isinstance(report, str):
                raise _Failed([report, "(the file changed while it was imported)"])
            sid = batch.first_id + index if batch.renumbered else report.source_id
            if report.source_id != last.source_id:  # the last one was written first, by begin
                code = report.cells[_I["agency"]]
                people.append((report.values[1], _name(report)))
                seizures.append((sid, self.agencies[code] if code else None, *report.values[1:]))
                items += [(sid, *item) for item in _numbered(report)]
            _count(totals, report, self.agencies)
            result.reports += 1
            result.items += len(report.items)
            if len(seizures) >= size:
                size = await _write(self.db, batch, people, seizures, items, size)
                people, seizures, items = [], [], []
        if seizures:
            await _write(self.db, batch, people, seizures, items, size)
        if result.reports != self.reports:
            raise _Failed(["the file changed while it was imported"])
        await imports.finish(
            self.db, batch, totals=totals, now=datetime.now(UTC),
            reports=result.reports, items=result.items,
        )  # fmt: skip
        if batch.renumbered:
            result.note = f" (report ids were taken: renumbered from {batch.first_id})"
        return result


def _numbered(report: _Report) -> list[tuple[Any, ...]]:
    """The report's items numbered 1, 2 ... in the file's order (older exports began at 0)."""
    return [(n, *item[1:]) for n, item in enumerate(report.items, start=1)]


async def _write(
    db: Database,
    batch: imports.Batch,
    people: list[tuple[int, str]],
    seizures: list[tuple[Any, ...]],
    items: list[tuple[Any, ...]],
    size: int,
) -> int:
    """One short transaction, then a pause for the live bot; returns the next batch's size."""
    started = time.perf_counter()
    await imports.write(db, batch, people=people, seizures=seizures, items=items)
    took = time.perf_counter() - started
    await asyncio.sleep(_GAP_SECONDS)
    return max(50, min(20_000, int(size * _WRITE_SECONDS / max(took, 0.001))))


def _count(totals: PendingTotals, report: _Report, agencies: dict[str, int]) -> None:
    if report.values[_VOIDED] is not None:
        return  # a voided report counts in no total
    code = report.cells[_I["agency"]]
    totals.add(
        day=report.values[3],
        agency_id=agencies[code] if code else None,
        officer_id=report.values[1],
        location=report.values[5],
        transport=report.values[8],
        items=[TotalItem(substance_key(i[1], i[2]), i[5], i[6], i[4]) for i in report.items],
    )


class _Reader:
    """Turns the file's rows into checked reports; a bad row comes out as its error text."""

    def __init__(self, counting: _Counting, progress: _Progress | None):
        self.counting, self.progress = counting, progress
        self.last_source_id = 0
        self.last_number = 0

    def reports(self, reader: Iterator[list[str]]) -> Iterator[_Report | str]:
        """Each report of the file with its items, in the file's order, or a row's error."""
        header = self._header(reader)
        self.identity = header == list(range(len(COLUMNS)))
        report: _Report | None = None
        number = 1
        try:
            for number, cells in enumerate(reader, start=2):
                try:
                    done, report = self._row(number, header, cells, report)
                except BadRow as bad:
                    yield str(bad)
                    continue
                if done is not None:
                    yield done
                if self.progress is not None and number % 10_000 == 0:
                    self.progress.update(self.counting.read_bytes, number - 1)
        except UnicodeDecodeError:
            yield f"row {number + 1}: the file is not UTF-8 text; save it as CSV UTF-8"
        except csv.Error as exc:
            yield f"row {number + 1}: not readable as CSV ({exc})"
        if report is not None:
            yield report

    def _header(self, reader: Iterator[list[str]]) -> list[int]:
        try:
            names = next(reader)
        except StopIteration:
            raise _Failed(["The file is empty; export one with /export csv"]) from None
        missing = [c for c in COLUMNS if c not in names and c not in DERIVED | ADDED_COLUMNS]
        if missing:
            raise _Failed(
                [f"row 1: no column {', '.join(missing)}; the file must come from /export"]
            )
        return [names.index(c) if c in names else -1 for c in COLUMNS]

    def _row(
        self, number: int, header: list[int], raw: list[str], report: _Report | None
    ) -> tuple[_Report | None, _Report | None]:
        """(the report this row ends, if any; the report it belongs to)."""
        if not any(raw):
            return None, report  # a blank line, as spreadsheets sometimes leave at the end
        if self.identity and len(raw) == len(COLUMNS):
            cells = tuple(raw)
        else:
            cells = tuple(raw[i] if 0 <= i < len(raw) else "" for i in header)
        report_cells = cells[:_ITEM_AT]
        if report is not None and report_cells[0] == report.cells[0]:
            if report_cells != report.cells:
                _same_report(number, report_cells, report)
            report.items.append(_item(number, cells, report.items))
            return None, report
        # The report's number in its operation goes last, after what the seizure row keeps.
        seq = _number(number, cells[_I["number"]])
        values = (*_report_values(number, report_cells), seq)
        source_id = values[0]
        if source_id <= self.last_source_id:
            raise BadRow(
                number, "report_id", "reports must keep the order /export wrote (ids ascending)"
            )
        if seq and seq <= self.last_number:
            raise BadRow(
                number, "number", "reports must keep the order /export wrote (numbers ascending)"
            )
        self.last_source_id, self.last_number = source_id, seq
        started = _Report(number, source_id, report_cells, values)
        started.items.append(_item(number, cells, []))
        return report, started


def _number(row: int, value: str) -> int:
    """The report's number in its operation; 0 when the file (an older export) has none."""
    if not value:
        return 0
    if not value.isdigit() or int(value) < 1:
        raise BadRow(row, "number", f"{value!r} is not a report number like 1 or 27")
    return int(value)


def _same_report(row: int, cells: tuple[str, ...], report: _Report) -> None:
    for column, mine, first in zip(REPORT_COLUMNS, cells, report.cells, strict=True):
        if mine != first and column not in DERIVED:
            raise BadRow(row, column, f"differs from row {report.row} of the same report")


def _name(report: _Report) -> str:
    return unescape_cell(report.cells[_I["officer_name"]])


def _report_values(row: int, c: tuple[str, ...]) -> tuple[Any, ...]:
    """The seizure row's values (report_id, officer_id, reported_at ...), checked."""
    try:
        return _plain_report_values(c)
    except (ValueError, TypeError):
        return _checked_report_values(row, c)


def _unescaped(value: str) -> str | None:
    if not value:
        return None
    return value[1:] if value[0] == "'" else value


def _plain_report_values(c: tuple[str, ...]) -> tuple[Any, ...]:
    # The common case, a file as /export wrote it, quickly; anything unusual raises ValueError
    # and goes through _checked_report_values, which names the field.
    (report_id, _, _, _, _, _, officer_id, _, reported_at, _, day, occurred_on, location, origin,
     destination, transport, concealment, detection, reference, tags, note, text, chat_id,
     message_id, update_id, edited_at, _, _, voided_at, _, voided_by, reason, reply_chat_id,
     reply_message_id) = c  # fmt: skip
    if (
        not _UTC_TEXT.match(reported_at)
        or (edited_at and not _UTC_TEXT.match(edited_at))
        or (voided_at and not _UTC_TEXT.match(voided_at))
        or (not voided_at and (voided_by or reason))
        or (occurred_on and not _DATE.match(occurred_on))
        or not _DATE.match(day)
        or int(report_id) < 1
    ):
        raise ValueError
    for when in (reported_at, edited_at, voided_at):
        if when:
            datetime.fromisoformat(when)
    date.fromisoformat(day)
    if occurred_on:
        date.fromisoformat(occurred_on)
    return (
        int(report_id), int(officer_id), reported_at, day, occurred_on or None,
        _unescaped(location), _unescaped(origin), _unescaped(destination), transport or None,
        _unescaped(concealment), _unescaped(detection), _unescaped(reference),
        "[]" if tags in ("[]", "") else _plain_tags(tags),
        _unescaped(note), _unescaped(text) or "", int(chat_id), int(message_id),
        int(update_id) if update_id else None, edited_at or None, voided_at or None,
        int(voided_by) if voided_by else None, _unescaped(reason),
        int(reply_chat_id) if reply_chat_id else None,
        int(reply_message_id) if reply_message_id else None,
    )  # fmt: skip


def _plain_tags(value: str) -> str:
    tags = json.loads(value)
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise ValueError
    return value


def _checked_report_values(row: int, c: tuple[str, ...]) -> tuple[Any, ...]:
    voided_at = _time(row, c, "voided_at_utc", required=False)
    voided_by = _int(row, c, "voided_by", required=False)
    reason = _text(c, "void_reason")
    if voided_at is None and (voided_by is not None or reason):
        raise BadRow(row, "voided_at_utc", "a voided report needs the time it was voided")
    tz = c[_I["agency_tz"]]
    if c[_I["agency"]] and tz:
        try:
            ZoneInfo(tz)
        except (ZoneInfoNotFoundError, ValueError):
            raise BadRow(
                row, "agency_tz", f"{tz!r} is not a time zone such as Asia/Seoul"
            ) from None
    return (
        _int(row, c, "report_id", minimum=1),
        _int(row, c, "officer_id"),
        _time(row, c, "reported_at_utc"),
        _date(row, c, "day"),
        _date(row, c, "occurred_on", required=False),
        _text(c, "location"), _text(c, "origin"), _text(c, "destination"),
        _text(c, "transport"), _text(c, "concealment"), _text(c, "detection"),
        _text(c, "reference"), _tags(row, c), _text(c, "note"),
        unescape_cell(c[_I["text"]]),
        _int(row, c, "chat_id"), _int(row, c, "message_id"),
        _int(row, c, "update_id", required=False),
        _time(row, c, "edited_at_utc", required=False),
        voided_at, voided_by, reason,
        _int(row, c, "reply_chat_id", required=False),
        _int(row, c, "reply_message_id", required=False),
    )  # fmt: skip


def _item(row: int, c: tuple[str, ...], earlier: list[tuple[Any, ...]]) -> tuple[Any, ...]:
    """The seizure_item row's values after seizure_id, checked."""
    try:
        item = _plain_item(c)
    except (ValueError, TypeError):
        item = _checked_item(row, c)
    if any(other[0] == item[0] for other in earlier):
        raise BadRow(row, "item", f"item {item[0]} appears twice in this report")
    return item


def _plain_item(c: tuple[str, ...]) -> tuple[Any, ...]:
    position, substance, words, amount, unit, form, as_written = c[_ITEM_AT : _ITEM_AT + 7]
    if (
        not _AMOUNT.match(amount)
        or unit not in _UNITS
        or (form and unit != "unit")
        or (substance and not _SUBSTANCE_ID.match(substance))
        or not (substance or words)
    ):
        raise ValueError
    whole, _, fraction = amount.partition(".")
    if len(fraction) > 9:
        raise ValueError
    nano = int(whole) * NANO + (int(fraction.ljust(9, "0")) if fraction else 0)
    if nano == 0 or int(position) < 0:
        raise ValueError
    return (
        int(position), substance or None, _unescaped(words), amount, nano, unit, form or None,
        _unescaped(as_written) or "", *_plain_details(c),
    )  # fmt: skip


def _plain_details(c: tuple[str, ...]) -> tuple[Any, ...]:
    try:
        return _details(0, c)
    except BadRow:
        raise ValueError from None  # _checked_item says which row and column


def _checked_item(row: int, c: tuple[str, ...]) -> tuple[Any, ...]:
    position = _int(row, c, "item", minimum=0)
    substance = c[_I["substance"]] or None
    if substance is not None and not _SUBSTANCE_ID.match(substance):
        raise BadRow(row, "substance", f"{substance!r} is not a canonical id such as cocaine")
    words = _text(c, "substance_text")
    if substance is None and not words:
        raise BadRow(row, "substance_text", "give the substance or, if unclassified, its words")
    amount = c[_I["amount"]]
    if not _AMOUNT.match(amount):
        raise BadRow(row, "amount", f"{amount!r} is not a number like 2000 or 0.5")
    try:
        nano = to_nano(Decimal(amount))
    except ValueError:
        raise BadRow(row, "amount", f"{amount} has more than 9 decimals") from None
    if nano == 0:
        raise BadRow(row, "amount", "must be more than 0")
    unit = c[_I["unit"]]
    if unit not in _UNITS:
        raise BadRow(row, "unit", f"{unit!r} is not one of g, ml, unit")
    form = c[_I["form"]] or None
    if form is not None and unit != "unit":
        raise BadRow(row, "form", f"a form ({form}) goes with unit 'unit', not {unit!r}")
    as_written = unescape_cell(c[_I["as_written"]])
    return (position, substance, words, amount, nano, unit, form, as_written, *_details(row, c))


def _details(row: int, c: tuple[str, ...]) -> tuple[Any, ...]:
    """packages, approximate, provisional, gross, corrected_from; empty in older exports."""
    gross = c[_I["gross"]] or None
    if gross is not None and (not _AMOUNT.match(gross) or len(gross.partition(".")[2]) > 9):
        raise BadRow(row, "gross", f"{gross!r} is not a number of grams like 2300 or 0.5")
    flags = []
    for column in ("approximate", "provisional"):
        value = c[_I[column]]
        if value not in ("", "yes"):
            raise BadRow(row, column, f"{value!r} is not yes or empty")
        flags.append(int(value == "yes"))
    packages = _int(row, c, "packages", required=False, minimum=1)
    return (packages, *flags, gross, _text(c, "corrected_from"))


def _text(c: tuple[str, ...], column: str) -> str | None:
    value = c[_I[column]]
    if not value:
        return None
    return unescape_cell(value) if column in TEXT_COLUMNS else value


def _int(
    row: int, c: tuple[str, ...], column: str, *, required: bool = True, minimum: int | None = None
) -> Any:
    value = c[_I[column]]
    if not value and not required:
        return None
    try:
        number = int(value)
    except ValueError:
        raise BadRow(row, column, f"{value!r} is not a whole number") from None
    if minimum is not None and number < minimum:
        raise BadRow(row, column, f"must be {minimum} or more")
    return number


def _time(row: int, c: tuple[str, ...], column: str, *, required: bool = True) -> Any:
    value = c[_I[column]]
    if not value and not required:
        return None
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        when = None
    if when is None or when.tzinfo is None:
        raise BadRow(row, column, f"{value!r} is not a UTC time like 2026-11-22T09:00:00+00:00")
    return utc_text(when)


def _date(row: int, c: tuple[str, ...], column: str, *, required: bool = True) -> Any:
    value = c[_I[column]]
    if not value and not required:
        return None
    try:
        if _DATE.match(value):
            return date.fromisoformat(value).isoformat()
    except ValueError:
        pass
    raise BadRow(row, column, f"{value!r} is not a date like 2026-11-22")


def _tags(row: int, c: tuple[str, ...]) -> str:
    value = c[_I["tags"]] or "[]"
    try:
        tags = json.loads(value)
    except json.JSONDecodeError:
        tags = None
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise BadRow(row, "tags", f'{value!r} is not a list like ["#ICN", "#express"]')
    return value
