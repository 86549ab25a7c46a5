"""The analysis-ready workbook: typed cells, one sheet per subject, written as the rows come.

xlsxwriter in constant-memory mode writes each row to its sheet's temporary file as soon as it
is given, so a million reports take the memory of one row (bench/export_bench.py measured it
against openpyxl's write-only mode: 1.6x as fast for the same rows). Numbers are Excel
numbers, dates and times are Excel dates (SUM and pivot tables work), amounts are given in base
units (g, ml, units) and beside them in kg, L or a count. A sheet that would pass Excel's
1,048,576 rows says so in its last row and its remaining rows go to a CSV beside the workbook
(bot.render.workbook_sheet writes each sheet; this module says what the sheets hold).
`write_workbook` is the one entry point (/export, `python -m bot export`, the debriefing annex).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.domain.export import AgencyRow, AuditRow, ItemRow, NilRow
from bot.domain.unit import Operation
from bot.domain.units import count_word, substance_name
from bot.render.i18n import _
from bot.render.labels import Remembered, detection_label, substance_label, transport_label
from bot.render.workbook_sheet import DATE, EPOCH, NUMBER, TIME, Cell, Column, Sheet

_EPOCH_DAY = EPOCH.date().toordinal()


@dataclass
class WorkbookResult:
    """What write_workbook wrote: rows per sheet, and the CSVs that took a full sheet's rest."""

    rows: dict[str, int] = field(default_factory=dict)
    overflow: list[Path] = field(default_factory=list)


@functools.lru_cache(maxsize=4096)
def _when(utc: str | None, zone: ZoneInfo | None) -> float | None:
    """A stored UTC time as an Excel serial, in UTC or in `zone` (Excel has no time zones)."""
    if not utc:
        return None
    moment = datetime.fromisoformat(utc)
    moment = moment.astimezone(zone or UTC).replace(tzinfo=None)
    return (moment - EPOCH).total_seconds() / 86400


@functools.lru_cache(maxsize=4096)
def _day(text: str | None) -> int | None:
    return date.fromisoformat(text).toordinal() - _EPOCH_DAY if text else None


def _number(text: str | None) -> float | None:
    return float(text) if text else None


def _tags(tags: str) -> str:
    # Stored as a JSON list of hashtags; a cell reads better as '#icn #xmas'.
    return " ".join(part.strip(' "') for part in tags.strip("[]").split(",") if part.strip(' "'))


def _readable(amount: float, unit: str, form: str | None) -> tuple[float, str]:
    if unit == "g":
        return amount / 1000, "kg"
    if unit == "ml":
        return amount / 1000, "L"
    return amount, count_word(form)


def _columns() -> dict[str, list[Column]]:
    """Every sheet's columns, headings in the current language."""
    return {
        "reports": [
            Column(_("Report"), 9, NUMBER),
            Column(_("Agency"), 9),
            Column(_("Agency name"), 24),
            Column(_("Officer"), 20),
            Column(_("Officer ID"), 12),
            Column(_("Reported (UTC)"), 18, TIME),
            Column(_("Reported (local)"), 18, TIME),
            Column(_("Day"), 11, DATE),
            Column(_("Occurred on"), 11, DATE),
            Column(_("Location"), 16),
            Column(_("Place"), 16),
            Column(_("Origin"), 10),
            Column(_("Destination"), 10),
            Column(_("Transport"), 14),
            Column(_("Concealment"), 18),
            Column(_("Detection"), 14),
            Column(_("Reference"), 16),
            Column(_("Tags"), 14),
            Column(_("Note"), 24),
            Column(_("Items"), 7, NUMBER),
            Column(_("Voided"), 8),
            Column(_("Voided at (UTC)"), 18, TIME),
            Column(_("Voided by"), 12),
            Column(_("Void reason"), 20),
            Column(_("Edited at (UTC)"), 18, TIME),
            Column(_("Message"), 40),
            Column(_("Report ID"), 10, NUMBER),
            Column(_("Case"), 8, NUMBER),
        ],
        "items": [
            Column(_("Report"), 9, NUMBER),
            Column(_("Item"), 6, NUMBER),
            Column(_("Agency"), 9),
            Column(_("Day"), 11, DATE),
            Column(_("Substance"), 18),
            Column(_("Unclassified as"), 18),
            Column(_("Amount (g, ml or units)"), 14),
            Column(_("Unit"), 6),
            Column(_("Amount (kg, L or count)"), 14),
            Column(_("In"), 9),
            Column(_("Form"), 10),
            Column(_("Packages"), 9, NUMBER),
            Column(_("Approximate"), 11),
            Column(_("Provisional"), 11),
            Column(_("Gross"), 10),
            Column(_("Corrected from"), 14),
            Column(_("Voided"), 8),
            Column(_("As written"), 24),
        ],
        "cases": [
            Column(_("Case"), 8, NUMBER),
            Column(_("Reports"), 10),
            Column(_("Agency"), 9),
            Column(_("Day"), 11, DATE),
            Column(_("Location"), 16),
            Column(_("Origin"), 10),
            Column(_("Destination"), 10),
            Column(_("Substances"), 40),
        ],
        "nil": [
            Column(_("Day"), 11, DATE),
            Column(_("Agency"), 9),
            Column(_("Officer"), 20),
            Column(_("Officer ID"), 12),
            Column(_("Note"), 30),
            Column(_("Reported (UTC)"), 18, TIME),
            Column(_("Reported (local)"), 18, TIME),
        ],
        "agencies": [
            Column(_("Agency"), 9),
            Column(_("Name"), 28),
            Column(_("Time zone"), 16),
            Column(_("Reports"), 9, NUMBER),
            Column(_("Items"), 9, NUMBER),
            Column(_("Voided"), 9, NUMBER),
            Column(_("Nil returns"), 11, NUMBER),
            Column(_("Cases"), 9, NUMBER),
        ],
        "audit": [
            Column(_("At (UTC)"), 18, TIME),
            Column(_("By"), 20),
            Column(_("By (ID)"), 12),
            Column(_("Action"), 18),
            Column(_("Detail"), 60),
        ],
    }


def _sheet_names() -> dict[str, str]:
    return {
        "reports": _("Reports"), "items": _("Items"), "cases": _("Cases"),
        "nil": _("Nil returns"), "agencies": _("Agencies"), "audit": _("Audit"),
    }  # fmt: skip


@dataclass
class _Tally:
    reports: int = 0
    items: int = 0
    voided: int = 0
    nil_returns: int = 0
    cases: int = 0  # live reports, a linked case's reports of this agency once (as /summary)


def write_workbook(
    path: Path,
    op: Operation,
    items: Iterable[ItemRow],
    *,
    nil_returns: Iterable[NilRow] = (),
    agencies: Iterable[AgencyRow] = (),
    audit: Iterable[AuditRow] = (),
) -> WorkbookResult:
    """Write the operation's workbook to `path` as the rows come; CSVs beside it if Excel is full.

    `items` in report order (as storage.export gives them): the Reports and Cases sheets are
    made from each report's first item.
    """
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_formulas": False})
    formats = {
        "heading": book.add_format({"bold": True, "bg_color": "#DDE4EE", "text_wrap": True}),
        DATE: book.add_format({"num_format": "yyyy-mm-dd"}),
        TIME: book.add_format({"num_format": "yyyy-mm-dd hh:mm"}),
        NUMBER: None,
    }
    columns, names = _columns(), _sheet_names()
    sheets = {
        key: Sheet(book, names[key], columns[key], formats, _beside(path, key))
        for key in ("reports", "items", "cases", "nil", "agencies", "audit")
    }
    tally: dict[str | None, _Tally] = {}
    result = WorkbookResult()
    try:
        _write_items(sheets, op, items, tally)
        for nil in nil_returns:
            sheets["nil"].add(_nil_cells(nil, op.zone))
            tally.setdefault(nil.agency, _Tally()).nil_returns += 1
        for agency in agencies:
            count = tally.pop(agency.code, _Tally())
            sheets["agencies"].add(
                (agency.code, agency.name, agency.tz, count.reports, count.items, count.voided,
                 count.nil_returns, count.cases)
            )  # fmt: skip
        for entry in audit:
            sheets["audit"].add(
                (_when(entry.at, None), entry.actor_name, entry.actor_id, entry.action,
                 entry.detail)
            )  # fmt: skip
        for key, sheet in sheets.items():
            result.rows[key] = sheet.written
            spilled = sheet.close()
            if spilled is not None:
                result.overflow.append(spilled)
    finally:
        book.close()
    return result


def _beside(path: Path, key: str) -> Path:
    return path.with_name(f"{path.stem}-{key}.csv")


def _write_items(
    sheets: dict[str, Sheet],
    op: Operation,
    items: Iterable[ItemRow],
    tally: dict[str | None, _Tally],
) -> None:
    zone = op.zone
    reports, item_sheet, cases = sheets["reports"], sheets["items"], sheets["cases"]
    current: ItemRow | None = None
    count = 0
    substances: list[str] = []
    # Linked reports wait for the end to be written as one case (few: a coordinator links them).
    linked: dict[int, list[tuple[ItemRow, list[str]]]] = {}
    labels = Remembered(transport_label), Remembered(detection_label)
    # In the reader's words, as the chat, the summary and the debriefing name them: a Korean
    # annex said 'cannabis_resin' where its PDF said 대마수지.
    named = Remembered(substance_label)
    for row in items:
        if current is None or row.report_id != current.report_id:
            if current is not None:
                _close_report(
                    reports, cases, current, count, substances, zone, tally, linked, labels
                )
            current, count, substances = row, 0, []
        count += 1
        substance = named[row.substance] if row.substance else None
        substances.append(substance or substance_name("?" + (row.substance_text or "")))
        amount = float(row.amount)
        readable, word = _readable(amount, row.unit, row.form)
        item_sheet.add(
            (row.number, row.position, row.agency, _day(row.day), substance,
             row.substance_text, amount, row.unit, readable, word, row.form, row.packages,
             bool(row.approximate), bool(row.provisional), row.gross, row.corrected_from,
             row.voided_at is not None, row.as_written)
        )  # fmt: skip
    if current is not None:
        _close_report(reports, cases, current, count, substances, zone, tally, linked, labels)
    for number, members in sorted(linked.items()):
        first = min((r for r, _words in members), key=lambda r: r.day)
        words = [word for _r, some in members for word in some]
        for agency in dict.fromkeys(r.agency for r, _words in members):
            tally.setdefault(agency, _Tally()).cases += 1
        cases.add(
            (number, ", ".join(str(r.number) for r, _words in members),
             ", ".join(dict.fromkeys(r.agency or "—" for r, _words in members)), _day(first.day),
             first.place, first.origin, first.destination, "; ".join(dict.fromkeys(words)))
        )  # fmt: skip


def _close_report(
    reports: Sheet,
    cases: Sheet,
    r: ItemRow,
    count: int,
    substances: list[str],
    zone: ZoneInfo,
    tally: dict[str | None, _Tally],
    linked: dict[int, list[tuple[ItemRow, list[str]]]],
    labels: tuple[Remembered, Remembered],
) -> None:
    voided = r.voided_at is not None
    reports.add(
        (r.number, r.agency, r.agency_name, r.officer_name, r.officer_id,
         _when(r.reported_at, None), _when(r.reported_at, zone), _day(r.day),
         _day(r.occurred_on), r.location, r.place, r.origin, r.destination,
         labels[0][r.transport] if r.transport else None, r.concealment,
         labels[1][r.detection] if r.detection else None, r.reference, _tags(r.tags),
         r.note, count, voided, _when(r.voided_at, None), r.voided_by, r.void_reason,
         _when(r.edited_at, None), r.text, r.report_id, None if voided else r.case)
    )  # fmt: skip
    counts = tally.setdefault(r.agency, _Tally())
    counts.reports += 1
    counts.items += count
    if voided:
        counts.voided += 1
        return
    if r.case is not None:
        linked.setdefault(r.case, []).append((r, substances))
        return
    counts.cases += 1
    cases.add(
        (r.number, str(r.number), r.agency, _day(r.day), r.place, r.origin, r.destination,
         "; ".join(dict.fromkeys(substances)))
    )  # fmt: skip


def _nil_cells(nil: NilRow, zone: ZoneInfo) -> tuple[Cell, ...]:
    return (
        _day(nil.day), nil.agency, nil.officer_name, nil.officer_id, nil.note,
        _when(nil.reported_at, None), _when(nil.reported_at, zone),
    )  # fmt: skip
