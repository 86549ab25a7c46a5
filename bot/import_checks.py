"""Reading an exported CSV back: its rows checked and turned into a seizure row's values.

Every cell is checked here, before anything is written; bot/import_cli.py plans and writes.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.domain.clock import utc_text
from bot.domain.units import NANO, to_nano
from bot.render.export import ADDED_COLUMNS, COLUMNS, TEXT_COLUMNS, unescape_cell

if TYPE_CHECKING:
    from bot.import_file import Counting, Progress

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

_I = {name: index for index, name in enumerate(COLUMNS)}
_ITEM_AT = len(REPORT_COLUMNS)
# An item's columns, in COLUMNS' order from "item" (_plain_item unpacks them by place).
_ITEM_COLUMNS = ("item", "substance", "substance_text", "amount", "unit", "form", "as_written",
                 "packages", "approximate", "provisional", "gross", "corrected_from")  # fmt: skip
assert COLUMNS[_ITEM_AT : _ITEM_AT + len(_ITEM_COLUMNS)] == _ITEM_COLUMNS
_FLAGS = ("", "yes")
_REPLY_AT = 22  # reply_chat_id, reply_message_id: the last two of a report's values


class BadRow(Exception):
    """One row of the file cannot be imported; says which row and which field."""

    def __init__(self, row: int, column: str, message: str):
        super().__init__(f"row {row}, {column}: {message}")
        self.row = row
        self.column = column


class _Failed(Exception):
    def __init__(self, lines: list[str]):
        super().__init__("\n".join(lines))
        self.lines = lines


@dataclass
class _Report:
    row: int
    source_id: int
    cells: tuple[str, ...]
    values: tuple[Any, ...]
    items: list[tuple[Any, ...]] = field(default_factory=list)


class _Reader:
    """Turns the file's rows into checked reports; a bad row comes out as its error text."""

    def __init__(self, counting: Counting, progress: Progress | None):
        self.counting, self.progress = counting, progress
        self.last_source_id = 0
        self.last_number = 0

    def reports(self, reader: Iterator[list[str]]) -> Iterator[_Report | str]:
        """Each report of the file with its items, in the file's order, or a row's error."""
        header = self._header(reader)
        self.identity = header == list(range(len(COLUMNS)))
        self.exercise_column = header[_I["exercise"]] >= 0  # bot/import_mix.py reads it
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
        # Never the source's acknowledgement (chat, message): a /void here would edit it there.
        values = (*_report_values(number, report_cells)[:_REPLY_AT], None, None, seq)
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
    if not value.isdecimal() or int(value) < 1:
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
    if earlier and any(other[0] == item[0] for other in earlier):
        raise BadRow(row, "item", f"item {item[0]} appears twice in this report")
    return item


def _plain_item(c: tuple[str, ...]) -> tuple[Any, ...]:
    (position, substance, words, amount, unit, form, as_written, packages, approximate,
     provisional, gross, corrected_from) = c[_ITEM_AT : _ITEM_AT + len(_ITEM_COLUMNS)]  # fmt: skip
    if (
        not _AMOUNT.match(amount)
        or unit not in _UNITS
        or (form and unit != "unit")
        or (substance and not _SUBSTANCE_ID.match(substance))
        or not (substance or words)
        or approximate not in _FLAGS
        or provisional not in _FLAGS
        or (gross and (not _AMOUNT.match(gross) or len(gross.partition(".")[2]) > 9))
    ):
        raise ValueError
    whole, _, fraction = amount.partition(".")
    if len(fraction) > 9:
        raise ValueError
    nano = int(whole) * NANO + (int(fraction.ljust(9, "0")) if fraction else 0)
    if nano == 0 or int(position) < 0:
        raise ValueError
    count = int(packages) if packages else None
    if count is not None and count < 1:
        raise ValueError
    # The details as _details reads them, without its lookups by name (a fifth of the check).
    return (
        int(position), substance or None, _unescaped(words), amount, nano, unit, form or None,
        _unescaped(as_written) or "", count, int(approximate == "yes"),
        int(provisional == "yes"), gross or None, _unescaped(corrected_from),
    )  # fmt: skip


def _checked_item(row: int, c: tuple[str, ...]) -> tuple[Any, ...]:
    position = _int(row, c, "item", minimum=0)
    substance = c[_I["substance"]] or None
    if substance is not None and not _SUBSTANCE_ID.match(substance):
        raise BadRow(row, "substance", f"{substance!r} is not a canonical id such as cocaine")
    words = _text(c, "substance_text")
    if substance is None and (not words or {"<", ">"} & set(words)):  # /alias names no < >
        raise BadRow(row, "substance_text", "give the substance, or its words without < or >")
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
