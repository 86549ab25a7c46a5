"""A stored seizure report as the rest of the bot sees it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from bot.domain.seizure import SeizureReport


@dataclass(frozen=True)
class StoredItem:
    """One item of a stored report."""

    substance: str | None
    substance_text: str | None
    amount: Decimal
    unit: str
    form: str | None
    as_written: str
    packages: int | None = None
    approximate: bool = False
    provisional: bool = False
    gross: Decimal | None = None
    corrected_from: str | None = None


@dataclass(frozen=True)
class StoredSeizure:
    """A report as stored, with its items."""

    id: int
    operation_id: int
    officer_id: int
    agency_id: int | None
    chat_id: int
    message_id: int
    text: str
    reported_at: datetime
    day: str
    report: SeizureReport
    items: tuple[StoredItem, ...]
    voided_at: datetime | None
    void_reason: str | None
    edited_at: datetime | None
    reply_chat_id: int | None
    reply_message_id: int | None
    # What people see: the report's number within its operation ("SIREN #1"); `id` is internal.
    number: int = 0
