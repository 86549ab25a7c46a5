"""How a seizure report lies in its rows: the columns it is written with, live or imported,
and the stored report read back from them."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from bot.domain.clock import from_utc_text
from bot.domain.quantities import format_amount
from bot.domain.seizure import SeizureItem, SeizureReport, Unit
from bot.domain.stored import StoredItem, StoredSeizure
from bot.domain.units import to_nano

_DETAILS = (
    "location",
    "origin",
    "destination",
    "transport",
    "concealment",
    "detection",
    "reference",
)
# What a reading of the text decides, written alike by a report and by its correction.
_READ_COLUMNS = ("text", "day", "occurred_on", *_DETAILS, "tags", "note")
# What only a new report sets: who sent it, from where, when.
_WHO_COLUMNS = (
    "operation_id",
    "agency_id",
    "officer_id",
    "chat_id",
    "message_id",
    "update_id",
    "reported_at",
)


_NEW_COLUMNS = _WHO_COLUMNS + _READ_COLUMNS
_INSERT_SEIZURE = (
    f"INSERT INTO seizure ({', '.join(_NEW_COLUMNS)}) VALUES ({', '.join('?' * len(_NEW_COLUMNS))})"
)


def _read_values(text: str, day: str, report: SeizureReport) -> tuple[object, ...]:
    """The values of _READ_COLUMNS, in that order."""
    return (
        text,
        day,
        report.occurred_on.isoformat() if report.occurred_on else None,
        *(getattr(report, d) for d in _DETAILS),
        json.dumps(list(report.tags)),
        report.note,
    )


def _stored_items(items: list[SeizureItem]) -> tuple[StoredItem, ...]:
    return tuple(
        StoredItem(
            i.substance,
            i.substance_text,
            i.amount,
            i.unit,
            i.form,
            i.as_written,
            *_details(i),
        )
        for i in items
    )


_INSERT_ITEM = (
    "INSERT INTO seizure_item (seizure_id, position, substance, substance_text, amount,"
    " amount_nano, unit, form, as_written, packages, approximate, provisional, gross,"
    " corrected_from) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def _write_items(conn: sqlite3.Connection, seizure_id: int, items: list[SeizureItem]) -> None:
    conn.executemany(
        _INSERT_ITEM,
        [
            (
                seizure_id,
                n,
                i.substance,
                i.substance_text,
                format_amount(i.amount),  # '0.0000001', never str()'s '1E-7'
                to_nano(i.amount),
                i.unit,
                i.form,
                i.as_written,
                i.packages,
                int(i.approximate),
                int(i.provisional),
                None if i.gross is None else format_amount(i.gross),
                i.corrected_from,
            )
            for n, i in enumerate(items, start=1)
        ],
    )


def _details(
    i: SeizureItem | StoredItem,
) -> tuple[int | None, bool, bool, Decimal | None, str | None]:
    """The second edition's item details, in StoredItem's and SeizureItem's order."""
    return (i.packages, i.approximate, i.provisional, i.gross, i.corrected_from)


def _load(conn: sqlite3.Connection, seizure_id: int) -> StoredSeizure:
    row = conn.execute("SELECT * FROM seizure WHERE id = ?", (seizure_id,)).fetchone()
    items = conn.execute(
        "SELECT * FROM seizure_item WHERE seizure_id = ? ORDER BY position", (seizure_id,)
    ).fetchall()
    if row is None:
        raise LookupError(seizure_id)
    return _build(row, items)


def _unit(unit: str) -> Unit:
    if unit not in ("g", "ml", "unit"):
        raise ValueError(f"unknown unit {unit!r} in the database")
    return unit  # type: ignore[return-value]


def stored_item(r: sqlite3.Row) -> StoredItem:
    """One seizure_item row as the rest of the bot sees it."""
    return StoredItem(
        r["substance"],
        r["substance_text"],
        Decimal(r["amount"]),
        r["unit"],
        r["form"],
        r["as_written"],
        r["packages"],
        bool(r["approximate"]),
        bool(r["provisional"]),
        None if r["gross"] is None else Decimal(r["gross"]),
        r["corrected_from"],
    )


def _build(row: sqlite3.Row, item_rows: list[sqlite3.Row]) -> StoredSeizure:
    items = tuple(stored_item(r) for r in item_rows)
    report = SeizureReport(
        items=tuple(
            SeizureItem(
                i.substance,
                i.substance_text,
                i.amount,
                _unit(i.unit),
                i.form,
                i.as_written,
                *_details(i),
            )
            for i in items
        ),
        **{d: row[d] for d in _DETAILS},
        occurred_on=date.fromisoformat(row["occurred_on"]) if row["occurred_on"] else None,
        tags=tuple(json.loads(row["tags"])),
        note=row["note"],
    )
    return StoredSeizure(
        id=row["id"],
        number=row["number"],
        operation_id=row["operation_id"],
        officer_id=row["officer_id"],
        agency_id=row["agency_id"],
        chat_id=row["chat_id"],
        message_id=row["message_id"],
        text=row["text"],
        reported_at=from_utc_text(row["reported_at"]),
        day=row["day"],
        report=report,
        items=items,
        voided_at=from_utc_text(row["voided_at"]) if row["voided_at"] else None,
        void_reason=row["void_reason"],
        edited_at=from_utc_text(row["edited_at"]) if row["edited_at"] else None,
        reply_chat_id=row["reply_chat_id"],
        reply_message_id=row["reply_message_id"],
    )


# What an import writes of a report, in the order of `insert_imported`'s rows (its reading of
# an exported file keeps every stored field).
IMPORTED_COLUMNS = (
    "id",
    "import_id",
    "operation_id",
    "agency_id",
    "officer_id",
    "reported_at",
    "day",
    "occurred_on",
    *_DETAILS,
    "tags",
    "note",
    "text",
    "chat_id",
    "message_id",
    "update_id",
    "edited_at",
    "voided_at",
    "voided_by",
    "void_reason",
    "reply_chat_id",
    "reply_message_id",
    "number",  # the file's, or one of the range the import set aside (imports.begin)
)
_INSERT_IMPORTED = (
    f"INSERT INTO seizure ({', '.join(IMPORTED_COLUMNS)})"
    f" VALUES ({', '.join('?' * len(IMPORTED_COLUMNS))})"
)


def insert_imported(
    conn: sqlite3.Connection,
    seizures: Sequence[Sequence[object]],
    items: Sequence[Sequence[object]],
) -> None:
    """Write imported reports (IMPORTED_COLUMNS) and their items (seizure_item's columns)."""
    conn.executemany(_INSERT_IMPORTED, seizures)
    conn.executemany(_INSERT_ITEM, items)
