"""What an export reads: the rows storage hands over, one per item, nil return, agency, entry."""

from __future__ import annotations

from typing import NamedTuple


class ItemRow(NamedTuple):
    """One item of one report, with its report's fields repeated (text as stored)."""

    report_id: int
    agency: str | None
    agency_name: str | None
    agency_tz: str | None
    officer_id: int
    officer_name: str | None
    reported_at: str
    day: str
    occurred_on: str | None
    location: str | None
    origin: str | None
    destination: str | None
    transport: str | None
    concealment: str | None
    detection: str | None
    reference: str | None
    tags: str
    note: str | None
    text: str
    chat_id: int
    message_id: int
    update_id: int | None
    edited_at: str | None
    voided_at: str | None
    voided_by: int | None
    void_reason: str | None
    reply_chat_id: int | None
    reply_message_id: int | None
    position: int
    substance: str | None
    substance_text: str | None
    amount: str
    unit: str
    form: str | None
    as_written: str
    packages: int | None
    approximate: int
    provisional: int
    gross: str | None
    corrected_from: str | None
    number: int
    case: int | None  # the number of the case's first report when /link made it one case
    # The place the location counts as (bot.domain.places): its name in every report, and
    # the one a coordinator's /alias place gives; None where no location was stated.
    place: str | None = None


class NilRow(NamedTuple):
    """A nil return: an agency's 'nothing found today'."""

    day: str
    agency: str | None
    officer_id: int
    officer_name: str | None
    note: str | None
    reported_at: str


class AgencyRow(NamedTuple):
    """A participating administration of the operation."""

    code: str
    name: str
    tz: str


class AuditRow(NamedTuple):
    """One entry of the operation's audit log."""

    at: str
    actor_id: int | None
    actor_name: str | None
    action: str
    detail: str


class ExportSize(NamedTuple):
    """How many rows an export will write, counted before it starts."""

    reports: int
    items: int
    nil_returns: int
    agencies: int
    audit: int
