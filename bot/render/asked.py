"""Words for what the bot asks or points out: did you mean, is this amount right, corrections.

Also the times people read, each with its zone: the reader's first, the operation's beside it.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from html import escape
from zoneinfo import ZoneInfo

from bot.domain.seizure import SeizureItem
from bot.domain.stored import StoredSeizure
from bot.domain.unit import Caller, Operation
from bot.render.amounts import format_amount
from bot.render.i18n import (
    BUDDHIST_ERA_OFFSET,
    DEFAULT_LOCALE,
    N_,
    _,
    buddhist_era,
    current_locale,
    ngettext,
)
from bot.render.i18n import day as shown_day
from bot.render.labels import substance_label

RECORD_IT = N_("Record it")
CANCEL = N_("Cancel")
EXPIRED = N_("This question has expired (the bot restarted or it was answered). Send it again.")
NO_LONGER_MEMBER = N_(
    "Nothing was recorded: you are no longer a member of this operation. Ask a coordinator."
)
ONLY_AUTHOR = N_("Only the person who sent it can answer.")
HELP_POINTER = N_(
    "I did not understand that. To report a seizure, start with /seizure, e.g. "
    "<code>/seizure 2kg meth at ICN</code>. /help lists what you can do."
)
NOT_RECORDED = N_("Not recorded.")
REPLACED = N_("This question was replaced: you edited the message since. Answer the newest one.")
CLOSED_BY_EDIT = N_(
    "Replaced by your edit: this question no longer asks about what your message says now."
)
CLOSED_BY_CANCEL = N_("Cancelled with /cancel: nothing of it was recorded.")
CLOSED_BY_UNDO = N_("Taken back with /undo: nothing of it was recorded.")


def questions_cancelled(count: int) -> str:
    """/cancel: the questions of the caller's it took back (Record it / Cancel, and the like)."""
    return ngettext(
        "Cancelled your question waiting for an answer; nothing of it was recorded.",
        "Cancelled your {count} questions waiting for an answer; nothing of them was recorded.",
        count,
    ).format(count=count)


def edit_cancelled(number: int) -> str:
    """Cancel under the question about an outsized edit: the report stays as it was."""
    return _("Not corrected: report #{number} stays as it was.").format(number=number)


def zone_label(tz: str, when: datetime) -> str:
    """'KST', or 'Asia/Bangkok' where the zone has no letters of its own (tzdata's '+07'):
    the name /operation and the clock lines give it, never a bare offset."""
    name = when.astimezone(ZoneInfo(tz)).tzname() or tz
    return name if name.isalpha() else tz


# The strftime forms the replies use, as CLDR patterns for readers of other languages.
_PATTERNS = {
    "%H:%M": "HH:mm",
    "%d %b": "d MMM",
    "%d %b %H:%M": "d MMM HH:mm",
    "%a %d %b %H:%M": "EEE d MMM HH:mm",
}
# Korean puts the month first and names the day after the date: 11월 30일 (월) 14:07.
_KOREAN = {
    "%d %b": "M월 d일",
    "%d %b %H:%M": "M월 d일 HH:mm",
    "%a %d %b %H:%M": "M월 d일 (E) HH:mm",
}


def stamp(when: datetime, tz: str, fmt: str) -> str:
    """`when` in zone `tz`, as `fmt` writes it in English and the reader's locale otherwise."""
    local = when.astimezone(ZoneInfo(tz))
    locale = current_locale()
    pattern = (_KOREAN if locale == "ko" else {}).get(fmt) or _PATTERNS.get(fmt)
    if locale == DEFAULT_LOCALE or pattern is None:
        return local.strftime(fmt)
    from babel.dates import format_datetime  # not at start-up (#16)

    return format_datetime(local, pattern, locale=locale)


def short_day(value: date, *, year: bool = False) -> str:
    """A day as `stamp` writes '%d %b' ('30 Nov', '11월 30일', '30 พ.ย.'), beside its times;
    with `year` ('25 Dec 2025', '2025년 12월 25일', '25 ธ.ค. 2568' in the Buddhist era)."""
    noon = datetime(value.year, value.month, value.day, 12, tzinfo=ZoneInfo("UTC"))
    shown = stamp(noon, "UTC", "%d %b")
    if not year:
        return shown
    if current_locale() == "ko":
        return f"{value.year}년 {shown}"
    return f"{shown} {value.year + (BUDDHIST_ERA_OFFSET if buddhist_era() else 0)}"


def zoned(when: datetime, reader_tz: str, operation_tz: str, fmt: str = "%H:%M") -> str:
    """'14:05 UTC+7 (16:05 KST)': the reader's zone first, the operation's where it differs."""
    mine = f"{stamp(when, reader_tz, fmt)} {zone_label(reader_tz, when)}"
    if reader_tz == operation_tz or _same_clock(when, reader_tz, operation_tz):
        return mine
    theirs = when.astimezone(ZoneInfo(operation_tz)).strftime("%H:%M")
    return f"{mine} ({theirs} {zone_label(operation_tz, when)})"


def _same_clock(when: datetime, a: str, b: str) -> bool:
    return when.astimezone(ZoneInfo(a)).utcoffset() == when.astimezone(ZoneInfo(b)).utcoffset()


def did_you_mean(text: str) -> str:
    """Plain text that reads as a report: offer to record it as a /seizure."""
    return _(
        "Did you mean <code>/seizure {text}</code>?\n"
        "Press {button} to record it, or start your report with /seizure next time."
    ).format(text=escape(text), button=_(RECORD_IT))


def did_you_mean_command(name: str, corrected: str) -> str:
    """A misspelt command close to one of ours, and the message as it should have been sent."""
    return _("Did you mean /{command}? Nothing was recorded. Send: <code>{example}</code>").format(
        command=escape(name), example=escape(corrected)
    )


def did_you_mean_refused(name: str, reason: str, example: str) -> str:
    """A misspelt command whose words the command would refuse too: why, and a line it takes."""
    return _(
        "Did you mean /{command}? Nothing was recorded: {reason}. Send, for example: "
        "<code>{example}</code>"
    ).format(command=escape(name), reason=escape(reason), example=escape(example))


def did_you_mean_usage(name: str, example: str) -> str:
    """A misspelt command whose words are not checked here: how to type it, and its example."""
    return _(
        "Did you mean /{command}? Nothing was done. /help {command} shows how to type it, "
        "e.g. <code>{example}</code>"
    ).format(command=escape(name), example=escape(example))


def how_to_correct(number: int) -> str:
    """A reply to the bot's acknowledgement: replies are not read as corrections."""
    return _(
        "To correct report #{number}, edit your original /seizure message (the bot "
        "follows the edit), or send /undo and then the report again. "
        "A reply to my message changes nothing."
    ).format(number=number)


def addressed_in_group() -> str:
    """A message to the bot in a group that is neither a report nor a command."""
    return _(
        "I read commands here. Report with /seizure, e.g. "
        "<code>/seizure 2kg meth at ICN</code>; /help lists the rest."
    )


def edit_left_report(
    number: int, *, became: str | None, elsewhere: tuple[str, str, str] | None = None
) -> str:
    """An edit that dropped /seizure (or made it another command, or addressed it to another
    bot: `elsewhere` is that bot, this one and the edit meant for this one): the report stays
    as it was."""
    what = (
        _("An edit does not run {command}; send it as a new message.").format(
            command=escape(became)
        )
        if became
        else _("Your edit has no /seizure in it.")
    )
    if elsewhere is not None:
        bot, ours, mended = elsewhere
        what = _(
            "The edit is addressed to @{bot}, not to me (@{me}). To correct the report, edit "
            "it to: <code>{mended}</code>"
        ).format(bot=escape(bot), me=escape(ours), mended=escape(mended))
    return _(
        "Report #{number} is unchanged. {what} "
        "To void the report: <code>/void {number} REASON</code> (or /undo right after "
        "sending it)."
    ).format(number=number, what=what)


def _outsized(
    item: SeizureItem, largest: Decimal | None, operation: Operation
) -> tuple[str, str, str]:
    """An outsized item's amount, its substance, and the largest one seen so far, in words."""
    amount = format_amount(item.amount, item.unit, item.form)
    name = escape(substance_label(item.substance) if item.substance else "?")
    if largest is None:
        return amount, name, ""
    seen = _("The largest {substance} report in {code} so far is {largest}.").format(
        substance=name,
        code=escape(operation.code),
        largest=format_amount(largest, item.unit, item.form),
    )
    return amount, name, seen


def too_large(item: SeizureItem, largest: Decimal | None, operation: Operation) -> str:
    """Asked before recording an amount far outside what the unit has seen."""
    amount, name, seen = _outsized(item, largest, operation)
    right, slip = (Decimal(300), 100) if item.unit == "unit" else (Decimal(22_000), 1000)
    return (
        _(
            "⚠️ {amount} {substance} is far more than usual. {seen} "
            "Is the amount right? Press {record} to record it as typed, or {cancel} and send it "
            "again corrected (e.g. {right} rather than {wrong})."
        )
        .format(
            amount=escape(amount),
            substance=name,
            seen=seen,
            record=_(RECORD_IT),
            cancel=_(CANCEL),
            right=escape(format_amount(right, item.unit, item.form)),
            wrong=escape(format_amount(right * slip, item.unit, item.form)),
        )
        .replace("  ", " ")
    )


def before_start(typed: str, happened: date, operation: Operation, example: str) -> str:
    """Asked before recording a report dated before the operation began ('2/12' sent on 1 Dec
    is read, by the rules, as last year's 2 Dec): it would stretch the operation's totals."""
    assert operation.began is not None
    text = _(
        "⚠️ {typed} was read as {date}, before {code} began on {began}. Press {record} to "
        "record it with that date, or {cancel} and send it again with the day it happened, "
        "e.g. <code>{example}</code>."
    )
    return text.format(
        typed=escape(typed), date=shown_day(happened), code=escape(operation.code),
        began=shown_day(operation.began), record=_(RECORD_IT), cancel=_(CANCEL),
        example=escape(example),
    )  # fmt: skip


def dated_before_start(happened: date, operation: Operation, example: str) -> str:
    """Asked before recording a report whose day, typed with its year or as a word
    ('2026-11-20', '어제'), falls before the operation began."""
    assert operation.began is not None
    text = _(
        "⚠️ The report is dated {date}, before {code} began on {began}. Press {record} to "
        "record it with that date, or {cancel} and send it again with the day it happened, "
        "e.g. <code>{example}</code>."
    )
    return text.format(
        date=shown_day(happened), code=escape(operation.code), began=shown_day(operation.began),
        record=_(RECORD_IT), cancel=_(CANCEL), example=escape(example),
    )  # fmt: skip


def edit_before_start(
    number: int, happened: date, operation: Operation, typed: str | None = None
) -> str:
    """Asked before an edit dates a recorded report before the operation began (`typed`: the
    day as written without a year, read by the rules as last year's). Unlike a new report's
    question it offers no line to send: sent, that would be a second report of the same
    seizure, while the edited one stays as it was."""
    assert operation.began is not None
    if typed is None:
        text = _(
            "⚠️ Your edit dates report #{number} {date}, before {code} began on {began}. Press "
            "{record} to correct the report as edited, or {cancel} to leave it as it was; to "
            "give another day, edit your message again."
        )
    else:
        text = _(
            "⚠️ In your edit, {typed} was read as {date}, before {code} began on {began}. Press "
            "{record} to correct report #{number} as edited, or {cancel} to leave it as it was; "
            "to give another day, edit your message again."
        )
    return text.format(
        number=number, date=shown_day(happened), code=escape(operation.code),
        began=shown_day(operation.began), record=_(RECORD_IT), cancel=_(CANCEL),
        typed=escape(typed or ""),
    )  # fmt: skip


def nil_after_seizures(agency_code: str | None, reports: int, day: str) -> str:
    """/nil on a day the agency already reported seizures."""
    if agency_code:
        text = ngettext(
            "{agency} already reported {n} seizure on {day}; a nil return says nothing was "
            "seized. Record a nil return anyway (e.g. for another post)? "
            "The summary shows {agency} under seizures either way.",
            "{agency} already reported {n} seizures on {day}; a nil return says nothing was "
            "seized. Record a nil return anyway (e.g. for another post)? "
            "The summary shows {agency} under seizures either way.",
            reports,
        )
    else:
        text = ngettext(
            "You already reported {n} seizure on {day}; a nil return says nothing was "
            "seized. Record a nil return anyway (e.g. for another post)? "
            "The summary shows you under seizures either way.",
            "You already reported {n} seizures on {day}; a nil return says nothing was "
            "seized. Record a nil return anyway (e.g. for another post)? "
            "The summary shows you under seizures either way.",
            reports,
        )
    return text.format(agency=escape(agency_code or ""), n=reports, day=_day(day))


def _day(iso: str) -> str:
    """A stored ISO day as the reader writes dates (Buddhist era in Thai)."""
    return shown_day(date.fromisoformat(iso))


def nil_recorded(caller: Caller, day: str) -> str:
    """The answer to a nil return, typed or confirmed."""
    text = (
        _("Nil return recorded for {agency} in {code} on {day}. Thank you.")
        if caller.agency_code
        else _("Nil return recorded in {code} on {day}. Thank you.")
    )
    return text.format(
        agency=escape(caller.agency_code or ""), code=escape(caller.operation.code), day=_day(day)
    )


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
        head = _(
            "♻️ Your report <b>{code} #{number}</b> was restored by {actor} at {when}: {reason}."
        )
        tail = _("It counts again in the totals.")
    else:
        head = _(
            "❌ Your report <b>{code} #{number}</b> was voided by {actor} at {when}: {reason}."
        )
        tail = _("It no longer counts in the totals. Ask your coordinator if this is wrong.")
    return (
        head.format(
            code=escape(operation.code),
            number=seizure.number,
            actor=escape(actor),
            when=when,
            reason=escape(reason),
        )
        + f"\n{items}\n{tail}"
    )


def nil_already(caller: Caller, day: str) -> str:
    """A second /nil for the same day: it counts once."""
    text = (
        _("A nil return for {agency} in {code} on {day} is already recorded; it counts once.")
        if caller.agency_code
        else _("Your nil return in {code} on {day} is already recorded; it counts once.")
    )
    return text.format(
        agency=escape(caller.agency_code or ""), code=escape(caller.operation.code), day=_day(day)
    )


def edit_too_large(
    number: int, item: SeizureItem, largest: Decimal | None, operation: Operation
) -> str:
    """Asked before an edit makes a recorded report far outside what the unit has seen."""
    amount, name, seen = _outsized(item, largest, operation)
    return (
        _(
            "⚠️ Your edit makes report #{number} {amount} {substance}, far more than usual. "
            "{seen} Is the amount right? Press {record} to correct the report as edited, or "
            "{cancel} to leave it as it was."
        )
        .format(
            number=number,
            amount=escape(amount),
            substance=name,
            seen=seen,
            record=_(RECORD_IT),
            cancel=_(CANCEL),
        )
        .replace("  ", " ")
    )
