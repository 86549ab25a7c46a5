"""Words for what the bot asks or points out: did you mean, is this amount right, corrections.

Also the times people read, each with its zone: the reader's first, the operation's beside it.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from html import escape
from zoneinfo import ZoneInfo

from bot.domain.seizure import SeizureItem
from bot.domain.stored import StoredSeizure
from bot.domain.unit import Caller, Operation
from bot.domain.units import format_amount, substance_name

RECORD_IT = "Record it"
CANCEL = "Cancel"
EXPIRED = "This question has expired (the bot restarted or it was answered). Send it again."
ONLY_AUTHOR = "Only the person who sent it can answer."
HELP_POINTER = (
    "I did not understand that. To report a seizure, start with /seizure, e.g. "
    "<code>/seizure 2kg meth at ICN</code>. /help lists what you can do."
)
NOT_RECORDED = "Not recorded."


def zone_label(tz: str, when: datetime) -> str:
    """'KST', or 'UTC+7' where the zone has no letters of its own (tzdata's '+07')."""
    name = when.astimezone(ZoneInfo(tz)).tzname() or tz
    if name.isalpha():
        return name
    offset = when.astimezone(ZoneInfo(tz)).utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def zoned(when: datetime, reader_tz: str, operation_tz: str, fmt: str = "%H:%M") -> str:
    """'14:05 UTC+7 (16:05 KST)': the reader's zone first, the operation's where it differs."""
    mine = f"{when.astimezone(ZoneInfo(reader_tz)).strftime(fmt)} {zone_label(reader_tz, when)}"
    if reader_tz == operation_tz or _same_clock(when, reader_tz, operation_tz):
        return mine
    theirs = when.astimezone(ZoneInfo(operation_tz)).strftime("%H:%M")
    return f"{mine} ({theirs} {zone_label(operation_tz, when)})"


def _same_clock(when: datetime, a: str, b: str) -> bool:
    return when.astimezone(ZoneInfo(a)).utcoffset() == when.astimezone(ZoneInfo(b)).utcoffset()


def did_you_mean(text: str) -> str:
    """Plain text that reads as a report: offer to record it as a /seizure."""
    return (
        f"Did you mean <code>/seizure {escape(text)}</code>?\n"
        f"Press {RECORD_IT} to record it, or start your report with /seizure next time."
    )


def did_you_mean_command(name: str, example: str) -> str:
    """A misspelt command close to one of ours."""
    return f"Did you mean /{escape(name)}? For example: <code>{escape(example)}</code>"


def how_to_correct(number: int) -> str:
    """A reply to the bot's acknowledgement: replies are not read as corrections."""
    return (
        f"To correct report #{number}, edit your original /seizure message (the bot "
        "follows the edit), or send /undo and then the report again. "
        "A reply to my message changes nothing."
    )


def addressed_in_group() -> str:
    """A message to the bot in a group that is neither a report nor a command."""
    return (
        "I read commands here. Report with /seizure, e.g. "
        "<code>/seizure 2kg meth at ICN</code>; /help lists the rest."
    )


def edit_left_report(number: int, *, became: str | None) -> str:
    """An edit that dropped /seizure (or made it another command): the report stays as it was."""
    what = (
        f"An edit does not run {escape(became)}; send it as a new message."
        if became
        else "Your edit has no /seizure in it."
    )
    return (
        f"Report #{number} is unchanged. {what} "
        f"To void the report: <code>/void {number} REASON</code> (or /undo right after "
        "sending it)."
    )


def too_large(item: SeizureItem, largest: Decimal | None, operation: Operation) -> str:
    """Asked before recording an amount far outside what the unit has seen."""
    amount = format_amount(item.amount, item.unit, item.form)
    name = escape(substance_name(item.substance or "?") if item.substance else "?")
    seen = (
        f"The largest {name} report in {escape(operation.code)} so far is "
        f"{format_amount(largest, item.unit, item.form)}."
        if largest is not None
        else ""
    )
    return (
        f"⚠️ {escape(amount)} {name} is far more than usual. {seen} "
        f"Is the amount right? Press {RECORD_IT} to record it as typed, or {CANCEL} and send it "
        "again corrected (e.g. 22 kg rather than 22000 kg)."
    ).replace("  ", " ")


def nil_after_seizures(agency_code: str | None, reports: int, day: str) -> str:
    """/nil on a day the agency already reported seizures."""
    who = escape(agency_code) if agency_code else "You"
    plural = "s" if reports != 1 else ""
    return (
        f"{who} already reported {reports} seizure{plural} on {day}; a nil return says nothing "
        f"was seized. Record a nil return anyway (e.g. for another post)? "
        f"The summary shows {who} under seizures either way."
    )


def nil_recorded(caller: Caller, day: str) -> str:
    """The answer to a nil return, typed or confirmed."""
    agency = f" for {escape(caller.agency_code)}" if caller.agency_code else ""
    return f"Nil return recorded{agency} in {escape(caller.operation.code)} on {day}. Thank you."


def report_changed_by(
    seizure: StoredSeizure,
    operation: Operation,
    *,
    items: str,
    restored: bool,
    actor: str,
    reason: str,
    when: str,
) -> str:
    """The officer's private notice that someone else voided or restored their report."""
    if restored:
        head = f"♻️ Your report <b>{escape(operation.code)} #{seizure.number}</b> was restored"
        tail = "It counts again in the totals."
    else:
        head = f"❌ Your report <b>{escape(operation.code)} #{seizure.number}</b> was voided"
        tail = "It no longer counts in the totals. Ask your coordinator if this is wrong."
    return f"{head} by {escape(actor)} at {when}: {escape(reason)}.\n{items}\n{tail}"
