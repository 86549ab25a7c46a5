"""`python -m bot import FILE --operation CODE`: an exported CSV back in, all or nothing."""

from __future__ import annotations

import argparse
import asyncio
import csv
import io
import json
import re
import sqlite3
import time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import IO, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import aiosqlite

from bot.clock import utc_text
from bot.config import ConfigError, load_config
from bot.export import COLUMNS, TEXT_COLUMNS, unescape_cell
from bot.units import NANO, to_nano
from storage.database import Database
from storage.migrate import MigrationError
from storage.totals import rebuild_totals

# The columns that describe the report, repeated on each of its item rows.
REPORT_COLUMNS = COLUMNS[: COLUMNS.index("item")]
ITEM_COLUMNS = COLUMNS[COLUMNS.index("item") :]
# Shown for reading, derived from the UTC times (or the operation): not read back.
DERIVED = frozenset(
    {"operation", "exercise", "reported_at_local", "edited_at_local", "voided", "voided_at_local"}
)
_AMOUNT = re.compile(r"^\d+(\.\d+)?$")
_UTC_TEXT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SUBSTANCE_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_UNITS = ("g", "ml", "unit")
_BATCH = 5000
_MAX_ERRORS = 20
_PROGRESS_FROM_BYTES = 1_000_000
_I = {name: index for index, name in enumerate(COLUMNS)}
_ITEM_AT = len(REPORT_COLUMNS)


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
    """A plain-text bar on stderr: redrawn in place on a terminal, a line per tenth otherwise."""

    def __init__(self, size: int, stream: IO[str]):
        self.size, self.stream = size, stream
        self.shown = -1
        self.tty = stream.isatty()
        self.enabled = size >= _PROGRESS_FROM_BYTES

    def update(self, done: int, rows: int, *, final: bool = False) -> None:
        if not self.enabled:
            return
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
        found = await db.fetchone("SELECT id, tz FROM operation WHERE code = ?", (code,))
        if found is None:
            raise _Failed(
                [f"No operation {code} in {database}; create it first, e.g."
                 f' /operation new {code} "Title" Asia/Seoul']
            )  # fmt: skip
        with path.open("rb") as raw:
            counting = _Counting(raw)
            text = io.TextIOWrapper(io.BufferedReader(counting), encoding="utf-8-sig", newline="")
            async with db.transaction() as conn:
                # A bigger page cache keeps the indexes' pages in memory through a long import.
                await conn.execute("PRAGMA cache_size = -65536")
                importer = _Importer(conn, found["id"], counting, progress)
                await importer.run(csv.reader(text))
        result = importer.result
        result.seconds = time.perf_counter() - started
        return result
    finally:
        await db.close()


class _Importer:
    """Reads, checks and inserts rows inside one transaction; any error rolls all of it back."""

    def __init__(
        self,
        conn: aiosqlite.Connection,
        operation_id: int,
        counting: _Counting,
        progress: _Progress | None,
    ):
        self.conn, self.operation_id = conn, operation_id
        self.counting, self.progress = counting, progress
        self.errors: list[str] = []
        self.result = _Result()
        self.agencies: dict[str, int] = {}
        self.batch: list[_Report] = []
        self.pending: asyncio.Future[None] | None = None
        self.identity = False
        self.next_id = 0
        self.renumber = False
        self.last_source_id = 0

    async def run(self, reader: Any) -> None:
        """Import every row, then the running totals and the audit record."""
        async with self.conn.execute(
            "SELECT code, id FROM agency WHERE operation_id = ?", (self.operation_id,)
        ) as cursor:
            self.agencies = {r[0]: r[1] for r in await cursor.fetchall()}
        async with self.conn.execute("SELECT coalesce(max(id), 0) FROM seizure") as cursor:
            row = await cursor.fetchone()
            self.next_id = int(row[0]) + 1 if row else 1
        header = self._header(reader)
        self.identity = header == list(range(len(COLUMNS)))
        report: _Report | None = None
        number = 1
        try:
            for number, cells in enumerate(reader, start=2):
                try:
                    report = self._row(number, header, cells, report)
                except BadRow as bad:
                    self._error(str(bad))
                if len(self.batch) >= _BATCH:
                    await self._flush()
                if self.progress is not None and number % 10_000 == 0:
                    self.progress.update(self.counting.read_bytes, number - 1)
        except UnicodeDecodeError:
            self._error(f"row {number + 1}: the file is not UTF-8 text; save it as CSV UTF-8")
        except csv.Error as exc:
            self._error(f"row {number + 1}: not readable as CSV ({exc})")
        if report is not None:
            self._add(report)
        await self._flush()
        await self._settle()
        if self.errors:
            raise _Failed(self.errors)
        if self.result.reports == 0:
            raise _Failed(["The file holds no reports."])
        await rebuild_totals(self.conn, self.operation_id)
        await self.conn.execute(
            "INSERT INTO audit_log (at, actor_id, operation_id, action, detail)"
            " VALUES (?, NULL, ?, 'import', ?)",
            (
                utc_text(datetime.now(UTC)),
                self.operation_id,
                json.dumps({"reports": self.result.reports, "items": self.result.items}),
            ),
        )
        if self.progress is not None:
            self.progress.update(self.counting.read_bytes, self.result.items, final=True)

    def _header(self, reader: Any) -> list[int]:
        try:
            names = next(reader)
        except StopIteration:
            raise _Failed(["The file is empty; export one with /export csv"]) from None
        missing = [c for c in COLUMNS if c not in names and c not in DERIVED]
        if missing:
            raise _Failed(
                [f"row 1: no column {', '.join(missing)}; the file must come from /export"]
            )
        return [names.index(c) if c in names else -1 for c in COLUMNS]

    def _error(self, message: str) -> None:
        self.errors.append(message)
        if len(self.errors) >= _MAX_ERRORS:
            raise _Failed([*self.errors, f"... stopped after {_MAX_ERRORS} errors."])

    def _row(
        self, number: int, header: list[int], raw: list[str], report: _Report | None
    ) -> _Report | None:
        if not any(raw):
            return report  # a blank line, as spreadsheets sometimes leave at the end
        if self.identity and len(raw) == len(COLUMNS):
            cells = tuple(raw)
        else:
            cells = tuple(raw[i] if 0 <= i < len(raw) else "" for i in header)
        report_cells = cells[:_ITEM_AT]
        if report is not None and report_cells[0] == report.cells[0]:
            if report_cells != report.cells:
                _same_report(number, report_cells, report)
            report.items.append(_item(number, cells, report.items))
            return report
        if report is not None:
            self._add(report)
        values = _report_values(number, report_cells)
        source_id = values[0]
        if source_id <= self.last_source_id:
            raise BadRow(
                number, "report_id", "reports must keep the order /export wrote (ids ascending)"
            )
        if not self.last_source_id:
            self.renumber = source_id < self.next_id  # ids already taken: number them anew
        self.last_source_id = source_id
        started = _Report(number, source_id, report_cells, values)
        started.items.append(_item(number, cells, []))
        return started

    def _add(self, report: _Report) -> None:
        if not self.errors:  # after an error the rest is still checked, but not written
            self.batch.append(report)

    async def _flush(self) -> None:
        if not self.batch or self.errors:
            return
        batch, self.batch = self.batch, []
        seizures, items = [], []
        for report in batch:
            sid = self.next_id if self.renumber else report.source_id
            self.next_id = max(self.next_id, sid) + 1
            agency_id = await self._agency(report)
            seizures.append((sid, self.operation_id, agency_id, *report.values[1:]))
            items += [(sid, *item) for item in report.items]
        if self.renumber and not self.result.note:
            self.result.note = f" (report ids were taken: renumbered from {seizures[0][0]})"
        # SQLite writes this batch on its own thread while the next one is being read.
        await self._settle()
        self.pending = asyncio.ensure_future(self._write(batch, seizures, items))

    async def _settle(self) -> None:
        if self.pending is not None:
            await self.pending
            self.pending = None

    async def _write(
        self, batch: list[_Report], seizures: list[tuple[Any, ...]], items: list[tuple[Any, ...]]
    ) -> None:
        await self.conn.executemany(
            "INSERT OR IGNORE INTO person (user_id, full_name) VALUES (?, ?)",
            [(r.values[1], _name(r)) for r in batch],
        )
        await self.conn.execute("SAVEPOINT import_batch")
        try:
            await self.conn.executemany(_INSERT_SEIZURE, seizures)
        except sqlite3.IntegrityError:
            await self.conn.execute("ROLLBACK TO import_batch")
            await self._find_duplicate(batch, seizures)
            return
        await self.conn.execute("RELEASE import_batch")
        await self.conn.executemany(_INSERT_ITEM, items)
        self.result.reports += len(seizures)
        self.result.items += len(items)

    async def _find_duplicate(self, batch: list[_Report], seizures: list[tuple[Any, ...]]) -> None:
        for report, values in zip(batch, seizures, strict=True):
            try:
                await self.conn.execute(_INSERT_SEIZURE, values)
            except sqlite3.IntegrityError as exc:
                column = "update_id" if "update_id" in str(exc) else "message_id"
                self.errors.append(
                    f"row {report.row}, {column}: this report is already in the database"
                    f" (chat {values[17]}, message {values[18]})"
                )
                return

    async def _agency(self, report: _Report) -> int | None:
        code = report.cells[_I["agency"]]
        if not code:
            return None
        if code not in self.agencies:
            name, tz = report.cells[_I["agency_name"]], report.cells[_I["agency_tz"]]
            if not name:
                raise _Failed([f"row {report.row}, agency_name: needed to add agency {code}"])
            try:
                ZoneInfo(tz)
            except (ZoneInfoNotFoundError, ValueError):
                raise _Failed(
                    [f"row {report.row}, agency_tz: {tz!r} is not a time zone such as Asia/Seoul"]
                ) from None
            cursor = await self.conn.execute(
                "INSERT INTO agency (operation_id, code, name, tz) VALUES (?, ?, ?, ?)",
                (self.operation_id, code, unescape_cell(name), tz),
            )
            assert cursor.lastrowid is not None
            self.agencies[code] = cursor.lastrowid
        return self.agencies[code]


_INSERT_SEIZURE = (
    "INSERT INTO seizure (id, operation_id, agency_id, officer_id, reported_at, day, occurred_on,"
    " location, origin, destination, transport, concealment, detection, reference, tags, note,"
    " text, chat_id, message_id, update_id, edited_at, voided_at, voided_by, void_reason,"
    " reply_chat_id, reply_message_id)"
    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
)
_INSERT_ITEM = (
    "INSERT INTO seizure_item (seizure_id, position, substance, substance_text, amount,"
    " amount_nano, unit, form, as_written) VALUES (?,?,?,?,?,?,?,?,?)"
)


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
    position, substance, words, amount, unit, form, as_written = c[_ITEM_AT:]
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
    if nano == 0 or int(position) < 1:
        raise ValueError
    return (
        int(position), substance or None, _unescaped(words), amount, nano, unit, form or None,
        _unescaped(as_written) or "",
    )  # fmt: skip


def _checked_item(row: int, c: tuple[str, ...]) -> tuple[Any, ...]:
    position = _int(row, c, "item", minimum=1)
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
    return (position, substance, words, amount, nano, unit, form, as_written)


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
