"""/export as CSV: every report with every field, one row per item, UTF-8 with a BOM.

The columns are stable English names that `python -m bot import` reads back; new ones are
appended. The workbook (bot.render.workbook) is the form made for reading and analysis.
"""

from __future__ import annotations

import csv
import functools
import html
import io
from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal
from typing import IO
from zoneinfo import ZoneInfo

from bot.domain.clock import from_utc_text
from bot.domain.export import ItemRow
from bot.domain.quantities import format_amount
from bot.domain.unit import Operation
from bot.render.i18n import _, ngettext, number
from bot.render.labels import Remembered, detection_label, transport_label

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
    # The place the location counts as: one name for its spellings and /alias place's words.
    "place",
)  # fmt: skip
# Columns an older export does not have; the importer reads them as "not said".
ADDED_COLUMNS = frozenset(
    {"packages", "approximate", "provisional", "gross", "corrected_from", "transport_label",
     "detection_label", "number", "place"}
)  # fmt: skip
# Free text a spreadsheet could mistake for a formula; see escape_cell.
TEXT_COLUMNS = frozenset(
    {
        "agency_name", "officer_name", "location", "origin", "destination", "concealment",
        "detection", "reference", "note", "text", "void_reason", "substance_text", "as_written",
        "corrected_from", "place",
    }
)  # fmt: skip
_FORMULA_START = frozenset("=+-@\t\r'")
_BATCH = 2000


def escape_cell(value: str) -> str:
    """Free text made safe to open in a spreadsheet: a leading = + - @ gets a ' before it."""
    # Reversible (unescape_cell drops exactly one ') so that import gives back the exact text.
    return "'" + value if value[:1] in _FORMULA_START and value else value


def unescape_cell(value: str) -> str:
    """The text escape_cell was given."""
    return value[1:] if value.startswith("'") else value


def _cells(
    head: tuple[str, str], zone: ZoneInfo, labels: tuple[Remembered, Remembered], r: ItemRow
) -> list[str]:
    (report_id, agency, agency_name, agency_tz, officer_id, officer_name, reported_at, day,
     occurred_on, location, origin, destination, transport, concealment, detection, reference,
     tags, note, text, chat_id, message_id, update_id, edited_at, voided_at, voided_by,
     void_reason, reply_chat_id, reply_message_id, position, substance, substance_text, amount,
     unit, form, as_written, packages, approximate, provisional, gross, corrected_from,
     number, _case, place) = r  # fmt: skip
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
        labels[0][transport] if transport else "",
        labels[1][detection] if detection else "",
        str(number), _text(place),
    ]  # fmt: skip
    for index in _AMOUNT_INDEXES:  # written as str() wrote it before: '1E-7' (plain since)
        if "E" in cells[index]:
            cells[index] = format_amount(Decimal(cells[index]))
    for index in _TEXT_INDEXES:
        value = cells[index]
        if value and value[0] in _FORMULA_START:
            cells[index] = "'" + value
    return cells


_TEXT_INDEXES = tuple(i for i, name in enumerate(COLUMNS) if name in TEXT_COLUMNS)
_AMOUNT_INDEXES = (COLUMNS.index("amount"), COLUMNS.index("gross"))


def _text(value: object) -> str:
    return "" if value is None else str(value)


@functools.lru_cache(maxsize=4096)
def _local(utc: str | None, zone: ZoneInfo) -> str:
    # Items of one report share its times; the cache saves converting them again.
    return from_utc_text(utc).astimezone(zone).isoformat() if utc else ""


class CsvWriter:
    """The CSV written a batch of rows at a time to a binary stream the caller owns."""

    def __init__(self, out: IO[bytes], op: Operation) -> None:
        # The BOM tells Excel the file is UTF-8, so Korean and Thai text opens readable.
        self._text = io.TextIOWrapper(out, encoding="utf-8-sig", newline="")
        self._writer = csv.writer(self._text)
        self._writer.writerow(COLUMNS)
        self._head = (op.code, "yes" if op.exercise else "")
        self._zone = op.zone
        self._labels = Remembered(transport_label), Remembered(detection_label)
        self.rows = 0

    def write(self, items: Iterable[ItemRow]) -> int:
        """Write these rows and push them to the stream; returns how many."""
        head, zone, labels = self._head, self._zone, self._labels
        cells = [_cells(head, zone, labels, row) for row in items]
        self._writer.writerows(cells)
        self._text.flush()
        self.rows += len(cells)
        return len(cells)

    def close(self) -> None:
        """Flush, leaving the caller's stream open."""
        self._text.flush()
        self._text.detach()


def write_csv(items: Iterable[ItemRow], op: Operation, out: IO[bytes]) -> int:
    """Write the CSV to a binary stream as the rows come; returns how many rows (items)."""
    writer = CsvWriter(out, op)
    batch: list[ItemRow] = []
    for row in items:
        batch.append(row)
        if len(batch) == _BATCH:
            writer.write(batch)
            batch.clear()
    writer.write(batch)
    writer.close()
    return writer.rows


def export_filename(op: Operation, fmt: str, now: datetime) -> str:
    """'SIREN-reports-20261122-0300Z.csv', with EXERCISE in front for an exercise."""
    stamp = now.strftime("%Y%m%d-%H%MZ")
    return f"{'EXERCISE-' if op.exercise else ''}{op.code}-reports-{stamp}.{fmt}"


def exporting(percent: int) -> str:
    """The progress message, edited as the file is written."""
    return _("Exporting… {percent} %").format(percent=percent)


def export_ready(rows: int, files: int) -> str:
    """The progress message once the file is written."""
    # Before: "Exported 1 rows".
    if files > 1:
        return ngettext(
            "Exported {rows} row; sending {files} files.",
            "Exported {rows} rows; sending {files} files.",
            rows,
        ).format(rows=number(rows), files=files)
    return ngettext(
        "Exported {rows} row; sending the file.", "Exported {rows} rows; sending the file.", rows
    ).format(rows=number(rows))


def export_stopped(fmt: str, *, sent: int = 0, parts: int = 1) -> str:
    """The line that ends an export the bot's stop cut short (parts already sent, if any)."""
    command = f"/export {fmt}"
    if sent:
        return _(
            "The export was stopped because the bot restarted, after part {sent} of {parts}"
            " (each part imports on its own). Send {command} again for all of it."
        ).format(sent=sent, parts=parts, command=command)
    return _(
        "The export was stopped because the bot restarted; nothing was sent. Send {command} again."
    ).format(command=command)


def export_caption(code: str, *, part: int = 0, parts: int = 1, zipped: bool = False) -> str:
    """The caption of an export file (HTML)."""
    text = _(
        "All reports of {code}, one row per item; voided ones marked. "
        "Times in UTC and in the operation's zone."
    ).format(code=html.escape(code))
    if zipped:
        text += " " + _("Compressed (zip) to fit Telegram's upload limit.")
    if parts > 1:
        text += " " + _("Part {part} of {parts}: each part imports on its own.").format(
            part=part, parts=parts
        )
    return text


def workbook_caption(code: str) -> str:
    """The caption of an export workbook (HTML)."""
    return _(
        "All reports of {code}: a sheet each for reports, items, cases, nil returns, agencies "
        "and the audit log. Times in UTC and in the operation's zone."
    ).format(code=html.escape(code))


def too_large(code: str, fmt: str, megabytes: int, limit_mb: int, *, rows: int = 0) -> str:
    """Why the file is not sent here, and how to get it on the server (HTML)."""
    command = f"python -m bot export --operation {code} --format {fmt} --out {code}.{fmt}"
    if rows:
        why = _("{code} has {rows:,} items: more than one Excel sheet holds (1,048,575).").format(
            code=html.escape(code), rows=rows
        )
    else:
        why = _(
            "The {fmt} file of {code} would be about {size:,} MB, over the {limit:,} MB "
            "Telegram takes from a bot."
        ).format(fmt=fmt.upper(), code=html.escape(code), size=megabytes, limit=limit_mb)
    hint = _("/export csv sends every report compressed, in parts if need be.")
    server = _("On the server, run:")
    lines = [why, hint] if fmt == "xlsx" else [why]
    return "\n".join([*lines, f"{server}\n<code>{html.escape(command)}</code>"])


def export_takes_no_period(fmt: str, period: str) -> str:
    """/export was given a period: it exports every report, and /summary totals a period."""
    return _(
        "/export always sends the whole operation: every report, voided ones marked, with its "
        "date in a column to sort or filter by. Type /export {fmt} — or, for the totals of "
        "{period}, /summary {period}"
    ).format(fmt=fmt, period=period)


def export_takes_a_format_only(extra: str) -> str:
    """/export was given words besides csv or xlsx: say what it takes."""
    return _(
        "/export takes only a format, csv or xlsx, and sends every report of the operation; "
        "'{extra}' is not something it reads. Type /export csv or /export xlsx"
    ).format(extra=extra)
