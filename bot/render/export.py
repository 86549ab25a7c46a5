"""/export: every report with every field, one row per item, as CSV (UTF-8 with BOM) or XLSX."""

from __future__ import annotations

import asyncio
import csv
import functools
import io
from collections.abc import AsyncIterator
from datetime import datetime
from typing import IO, Any
from zoneinfo import ZoneInfo

from bot.domain.clock import from_utc_text
from bot.domain.unit import Operation
from bot.parsing.args import UsageError
from bot.render.labels import detection_label, transport_label
from storage.database import Database
from storage.pending import visible
from storage.summary import operation

# The file's columns, in order; import_cli reads them back by these names.
COLUMNS = (
    "report_id", "operation", "exercise", "agency", "agency_name", "agency_tz",
    "officer_id", "officer_name", "reported_at_utc", "reported_at_local", "day", "occurred_on",
    "location", "origin", "destination", "transport", "concealment", "detection", "reference",
    "tags", "note", "text", "chat_id", "message_id", "update_id", "edited_at_utc",
    "edited_at_local", "voided", "voided_at_utc", "voided_at_local", "voided_by", "void_reason",
    "reply_chat_id", "reply_message_id",
    "item", "substance", "substance_text", "amount", "unit", "form", "as_written",
    # The second edition's item details, appended so that older readers keep their columns.
    "packages", "approximate", "provisional", "gross", "corrected_from",
    # The words people read for the coded transport and detection, as the bot says them.
    "transport_label", "detection_label",
    # The report's number in its operation (what people see, "SIREN #1"); report_id is internal.
    "number",
)  # fmt: skip
# Columns an older export does not have; the importer reads them as "not said".
ADDED_COLUMNS = frozenset(
    {"packages", "approximate", "provisional", "gross", "corrected_from", "transport_label",
     "detection_label", "number"}
)  # fmt: skip
# Free text a spreadsheet could mistake for a formula; see escape_cell.
TEXT_COLUMNS = frozenset(
    {
        "agency_name", "officer_name", "location", "origin", "destination", "concealment",
        "detection", "reference", "note", "text", "void_reason", "substance_text", "as_written",
        "corrected_from",
    }
)  # fmt: skip
_FORMULA_START = frozenset("=+-@\t\r'")
XLSX_MAX_ROWS = 1_048_575  # Excel's sheet limit, less the heading row
_PAGE = 2000

# Pages of whole reports in id order; '+operation_id' keeps SQLite walking the ids instead of
# sorting all of the operation's reports for every page.
_QUERY = f"""
SELECT s.id, a.code AS agency, a.name AS agency_name, a.tz AS agency_tz, s.officer_id,
       p.full_name AS officer_name, s.reported_at, s.day, s.occurred_on, s.location, s.origin,
       s.destination, s.transport, s.concealment, s.detection, s.reference, s.tags, s.note, s.text,
       s.chat_id, s.message_id, s.update_id, s.edited_at, s.voided_at, s.voided_by, s.void_reason,
       s.reply_chat_id, s.reply_message_id, i.position, i.substance, i.substance_text, i.amount,
       i.unit, i.form, i.as_written, i.packages, i.approximate, i.provisional, i.gross,
       i.corrected_from, s.number
FROM seizure AS s
JOIN seizure_item AS i ON i.seizure_id = s.id
LEFT JOIN agency AS a ON a.id = s.agency_id
LEFT JOIN person AS p ON p.user_id = s.officer_id
WHERE s.id IN (SELECT id FROM seizure WHERE +operation_id = ? AND id > ? AND {visible()}
               ORDER BY id LIMIT ?)
ORDER BY s.id, i.position
"""


class ExportTooLarge(UsageError):
    """More rows than a spreadsheet holds; the message suggests CSV."""


def escape_cell(value: str) -> str:
    """Free text made safe to open in a spreadsheet: a leading = + - @ gets a ' before it."""
    # Reversible (unescape_cell drops exactly one ') so that import gives back the exact text.
    return "'" + value if value[:1] in _FORMULA_START and value else value


def unescape_cell(value: str) -> str:
    """The text escape_cell was given."""
    return value[1:] if value.startswith("'") else value


async def export_rows(db: Database, *, operation_id: int) -> AsyncIterator[list[str]]:
    """Every item of every report of the operation as text cells, in COLUMNS order."""
    op = await operation(db, operation_id=operation_id)
    zone = op.zone
    head = (op.code, "yes" if op.exercise else "")
    page = await db.fetchall(_QUERY, (operation_id, 0, _PAGE))
    while page:
        # Fetch the next page while this one is turned into text.
        following = asyncio.ensure_future(db.fetchall(_QUERY, (operation_id, page[-1][0], _PAGE)))
        try:
            for row in page:
                yield _cells(head, zone, tuple(row))
        except BaseException:
            following.cancel()
            raise
        page = await following


def _cells(head: tuple[str, str], zone: ZoneInfo, r: tuple[Any, ...]) -> list[str]:
    (report_id, agency, agency_name, agency_tz, officer_id, officer_name, reported_at, day,
     occurred_on, location, origin, destination, transport, concealment, detection, reference,
     tags, note, text, chat_id, message_id, update_id, edited_at, voided_at, voided_by,
     void_reason, reply_chat_id, reply_message_id, position, substance, substance_text, amount,
     unit, form, as_written, packages, approximate, provisional, gross, corrected_from,
     number) = r  # fmt: skip
    cells = [
        str(report_id), *head, _text(agency), _text(agency_name), _text(agency_tz),
        str(officer_id), _text(officer_name), reported_at, _local(reported_at, zone), day,
        _text(occurred_on), _text(location), _text(origin), _text(destination), _text(transport),
        _text(concealment), _text(detection), _text(reference), tags, _text(note), text,
        str(chat_id), str(message_id), _text(update_id), _text(edited_at),
        _local(edited_at, zone), "yes" if voided_at else "", _text(voided_at),
        _local(voided_at, zone), _text(voided_by), _text(void_reason), _text(reply_chat_id),
        _text(reply_message_id), str(position), _text(substance), _text(substance_text), amount,
        unit, _text(form), as_written, _text(packages), "yes" if approximate else "",
        "yes" if provisional else "", _text(gross), _text(corrected_from),
        transport_label(transport) if transport else "",
        detection_label(detection) if detection else "",
        str(number),
    ]  # fmt: skip
    for index in _TEXT_INDEXES:
        value = cells[index]
        if value and value[0] in _FORMULA_START:
            cells[index] = "'" + value
    return cells


_TEXT_INDEXES = tuple(i for i, name in enumerate(COLUMNS) if name in TEXT_COLUMNS)


def _text(value: object) -> str:
    return "" if value is None else str(value)


@functools.lru_cache(maxsize=4096)
def _local(utc: str | None, zone: ZoneInfo) -> str:
    # Items of one report share its times; the cache saves converting them again.
    return from_utc_text(utc).astimezone(zone).isoformat() if utc else ""


async def write_csv(db: Database, out: IO[bytes], *, operation_id: int) -> int:
    """Write the CSV to a binary stream; returns how many rows (items) it holds."""
    # The BOM tells Excel the file is UTF-8, so Korean and Thai text opens readable.
    text = io.TextIOWrapper(out, encoding="utf-8-sig", newline="", write_through=False)
    writer = csv.writer(text)
    writer.writerow(COLUMNS)
    count = 0
    batch: list[list[str]] = []
    async for cells in export_rows(db, operation_id=operation_id):
        batch.append(cells)
        if len(batch) == _PAGE:
            writer.writerows(batch)
            count += len(batch)
            batch.clear()
    writer.writerows(batch)
    count += len(batch)
    text.flush()
    text.detach()  # leave the caller's stream open
    return count


async def write_xlsx(db: Database, out: IO[bytes], *, operation_id: int) -> int:
    """Write an XLSX workbook to a binary stream; returns how many rows (items) it holds."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Reports")
    sheet.freeze_panes = "B2"
    bold = Font(bold=True)
    heading = []
    for name in COLUMNS:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = bold
        heading.append(cell)
    sheet.append(heading)
    numeric = {COLUMNS.index(c) for c in ("report_id", "officer_id", "item", "chat_id")}
    count = 0
    async for cells in export_rows(db, operation_id=operation_id):
        count += 1
        if count > XLSX_MAX_ROWS:
            raise ExportTooLarge(
                f"{count:,}+ rows do not fit in one spreadsheet; use /export csv instead"
            )
        sheet.append([_xlsx_cell(sheet, i, v, i in numeric) for i, v in enumerate(cells)])
    book.save(out)
    return count


def _xlsx_cell(sheet: Any, index: int, value: str, numeric: bool) -> Any:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if numeric and value:
        return int(value)
    if index in _TEXT_INDEXES:
        value = unescape_cell(value)  # a typed string cell is never a formula: no ' needed
    cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", value))
    cell.data_type = "s"
    return cell


def export_filename(op: Operation, fmt: str, now: datetime) -> str:
    """'SIREN-reports-20261122-0300Z.csv', with EXERCISE in front for an exercise."""
    stamp = now.strftime("%Y%m%d-%H%MZ")
    return f"{'EXERCISE-' if op.exercise else ''}{op.code}-reports-{stamp}.{fmt}"


async def build_export(
    db: Database, *, operation_id: int, fmt: str, now: datetime
) -> tuple[str, bytes]:
    """The /export file: (filename, contents); fmt is 'csv' or 'xlsx'."""
    if fmt not in ("csv", "xlsx"):
        raise ValueError(f"unknown export format {fmt!r}; use csv or xlsx")
    op = await operation(db, operation_id=operation_id)
    buffer = io.BytesIO()
    if fmt == "csv":
        await write_csv(db, buffer, operation_id=operation_id)
    else:
        await write_xlsx(db, buffer, operation_id=operation_id)
    return export_filename(op, fmt, now), buffer.getvalue()
