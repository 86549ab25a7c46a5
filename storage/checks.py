"""Questions asked before a write: did the agency report today, how large is this usually, was
it sent twice."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Sequence
from datetime import datetime
from decimal import Decimal
from functools import lru_cache

from bot.domain.clock import utc_text
from bot.domain.seizure import SeizureItem
from bot.domain.stored import StoredSeizure
from storage.database import Database
from storage.pending import visible
from storage.seizure_rows import _load


async def seizures_on_day(
    db: Database, *, operation_id: int, agency_id: int | None, day: str
) -> int:
    """How many live (not voided) reports the agency has for the operation's local day."""
    row = await db.fetchone(
        "SELECT count(*) FROM seizure WHERE operation_id = ? AND day = ?"
        " AND coalesce(agency_id, 0) = ? AND voided_at IS NULL AND " + visible(),
        (operation_id, day, agency_id or 0),
    )
    return int(row[0]) if row else 0


async def nil_return_on_day(
    db: Database, *, operation_id: int, agency_id: int | None, officer_id: int, day: str
) -> bool:
    """Whether the agency (or, without one, the officer) has a nil return for that local day,
    as storage.nil_returns.record_nil finds the one a second /nil counts as."""
    row = await db.fetchone(
        "SELECT 1 FROM nil_return WHERE operation_id = ? AND day = ? AND"
        " (agency_id = ? OR (agency_id IS NULL AND ? IS NULL AND officer_id = ?)) LIMIT 1",
        (operation_id, day, agency_id, agency_id, officer_id),
    )
    return row is not None


# Down the items of the substance from the largest (seizure_item_largest, 0022) to the first
# counted one of this operation: a few rows, not every item of the substance.
LARGEST_SQL = (
    "SELECT i.amount_nano FROM seizure_item AS i INDEXED BY seizure_item_largest"
    " CROSS JOIN seizure AS s ON s.id = i.seizure_id"
    " WHERE i.substance = ? AND i.unit = ? AND s.operation_id = ? AND s.voided_at IS NULL"
    " AND " + visible("s") + " ORDER BY i.amount_nano DESC LIMIT ?"
)
# Reports of a substance in a unit the operation needs before its largest says what is usual:
# after one report of 2 tablets, every later 300 tablets was asked about (newcomer review).
HISTORY = 5


def largest_in(
    conn: sqlite3.Connection, *, operation_id: int, substance: str, unit: str
) -> Decimal | None:
    """The largest live item of this substance in this unit class in the operation, once it
    has HISTORY of them; None before."""
    rows = conn.execute(LARGEST_SQL, (substance, unit, operation_id, HISTORY)).fetchall()
    return _amount(rows[0]) if len(rows) >= HISTORY else None


# Whether an item is far outside the usual, given the operation's largest of its kind so far.
TooLarge = Callable[[SeizureItem, Decimal | None], bool]


def first_unusual(
    conn: sqlite3.Connection,
    *,
    operation_id: int,
    items: Sequence[SeizureItem],
    too_large: TooLarge,
) -> tuple[SeizureItem, Decimal | None] | None:
    """The first item far outside what the operation has seen, with its largest so far."""
    for item in items:
        if item.substance is None:
            continue
        largest = largest_in(
            conn, operation_id=operation_id, substance=item.substance, unit=item.unit
        )
        if too_large(item, largest):
            return item, largest
    return None


async def unusual(
    db: Database, *, operation_id: int, items: Sequence[SeizureItem], too_large: TooLarge
) -> tuple[SeizureItem, Decimal | None] | None:
    """first_unusual in a read of its own (an edit's; a new report's runs in its own write)."""
    return await db.read(
        lambda conn: first_unusual(
            conn, operation_id=operation_id, items=items, too_large=too_large
        )
    )


def _amount(row: sqlite3.Row | None) -> Decimal | None:
    if row is None or row[0] is None:
        return None
    return Decimal(int(row[0])) / 10**9


async def number_by_reply(db: Database, *, chat_id: int, message_id: int) -> int | None:
    """The operation's number of the report whose acknowledgement is this bot message, if any."""
    row = await db.fetchone(
        "SELECT number FROM seizure WHERE reply_chat_id = ? AND reply_message_id = ?",
        (chat_id, message_id),
    )
    return int(row[0]) if row else None


# The officer's newest 200 reports since then, newest first. Walked backwards along
# seizure_officer (officer_id, id), stopping at 200 or at the oldest id of the recent ones (an
# index-only look at seizure_officer_recent): the range on reported_at alone would fetch and
# sort every recent report of an officer sending many (bench/e2e.py's hundreds) to keep 200.
# 200, not 50: the kill storm's officers send about 110 reports within the five minutes, and a
# resend of one older than their newest 50 was recorded a second time instead of asked about.
_RECENT_TEXTS = (
    "SELECT id, text FROM seizure WHERE officer_id = ?1 AND id >= (SELECT min(id + 0) FROM seizure"
    " WHERE officer_id = ?1 AND reported_at >= ?2) AND operation_id = ?3 AND +reported_at >= ?2"
    " AND voided_at IS NULL AND import_id IS NULL ORDER BY id DESC LIMIT 200"
)


def same_text_since(
    conn: sqlite3.Connection, operation_id: int, officer_id: int, text: str, since: datetime
) -> StoredSeizure | None:
    # The same words however the command was typed: /s, /S, /seizure@OcuBot, spacing, case.
    wanted = _report_words(text)
    rows = conn.execute(_RECENT_TEXTS, (officer_id, utc_text(since), operation_id)).fetchall()
    same = next((int(r[0]) for r in rows if _report_words(str(r[1])) == wanted), None)
    return _load(conn, same) if same is not None else None


_COMMAND = re.compile(r"^\s*/(?:seizure|s)(?:@\w+)?(?=\s|$)", re.IGNORECASE)


# The resend check compares each new report with up to 200 recent ones: the same texts again
# and again, so their words are remembered rather than worked out again for each report.
@lru_cache(maxsize=1024)
def _report_words(text: str) -> str:
    return " ".join(_COMMAND.sub("", text).casefold().split())


async def units_reported(
    db: Database, *, operation_id: int, substance: str, form: str | None
) -> dict[str, int]:
    """Cases of the substance (of that form, if given) the operation counts per stored unit
    ('g', 'ml', 'unit'): what it is usually reported in. A seek on the whole operation's
    totals (grain 'a'), a few rows."""
    sql = (
        "SELECT unit, sum(cases) FROM seizure_total WHERE operation_id = ? AND grain = 'a'"
        " AND period = '' AND substance_key = ?"
        + (" AND form = ?" if form else "")
        + " GROUP BY unit"
    )
    params: tuple[object, ...] = (
        (operation_id, substance, form) if form else (operation_id, substance)
    )
    rows = await db.fetchall(sql, params)
    return {str(row[0]): int(row[1]) for row in rows}
