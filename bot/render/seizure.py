"""Seizure reports as the officer sees them back: what was understood, in readable units."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from html import escape

from bot.domain.access import Permission, allows
from bot.domain.stored import StoredItem, StoredSeizure
from bot.domain.unit import Operation, Role
from bot.domain.voids import VoidRefusal, VoidRefused
from bot.parsing.alias_clash import description_only
from bot.parsing.dates import dates_in, without_year
from bot.parsing.own_grammar import english_details
from bot.render.amounts import format_shown
from bot.render.i18n import N_, _, day, ngettext
from bot.render.labels import detection_label, place_label, substance_label, transport_label


def item_line(item: StoredItem, *, how_read: bool = True) -> str:
    """'22 kg methamphetamine', '~1.5 kg heroin (suspected; in 3 packages; gross 1.6 kg)', or
    the officer's words marked unclassified; a typo says how it was read (with `how_read`).

    A package count is shown beside the total, never as 'N × each': '3 bricks 1.2kg cocaine'
    is a total, and '3 × 400 g' read as a weight per brick nobody weighed (newcomer reviews).
    """
    amount = format_shown(item.amount, item.unit, item.form)
    if item.approximate:
        amount = "~" + amount
    extras = []
    if item.substance is None:
        words = escape(item.substance_text or "?")
        line = f'{amount} "{words}"'
        # One bracket for every remark: before, '"powder" (미분류) (추정(감정 대기))'. Outside
        # the f-string: pybabel cannot see a _() inside one, so it went untranslated.
        mark = _("unclassified")
        extras.append(f"<i>{mark}</i>")
    else:
        line = f"{amount} {escape(substance_label(item.substance))}"
    if item.provisional:
        extras.append(_("suspected"))
    if item.packages is not None:
        extras.append(
            ngettext("in {n} package", "in {n} packages", item.packages).format(n=item.packages)
        )
    if item.gross is not None:
        gross = (
            _("gross")
            if item.gross == item.amount
            else _("gross {amount}").format(amount=format_shown(item.gross, "g", None))
        )
        extras.append(gross)
    if item.corrected_from and item.substance and how_read:
        typed = escape(item.corrected_from)
        extras.append(
            _("read '{typed}' as {substance}").format(
                typed=typed, substance=escape(substance_label(item.substance))
            )
        )
    return f"{line} ({'; '.join(extras)})" if extras else line


def detail_lines(seizure: StoredSeizure) -> list[str]:
    """The details understood, one short line each."""
    r = seizure.report
    lines = []
    if r.location:
        lines.append(_("at: {place}").format(place=escape(r.location)))
    route = " → ".join(escape(place_label(p)) for p in (r.origin, r.destination) if p)
    if r.origin and r.destination:
        lines.append(_("route: {route}").format(route=route))
    elif r.origin:
        lines.append(_("from: {place}").format(place=escape(place_label(r.origin))))
    elif r.destination:
        lines.append(_("to: {place}").format(place=escape(place_label(r.destination))))
    if r.transport:
        lines.append(_("via: {transport}").format(transport=escape(transport_label(r.transport))))
    if r.concealment:
        lines.append(_("concealed in: {concealment}").format(concealment=escape(r.concealment)))
    if r.detection:
        lines.append(
            _("detected by: {detection}").format(detection=escape(detection_label(r.detection)))
        )
    if r.reference:
        lines.append(_("ref: {reference}").format(reference=escape(r.reference)))
    if r.occurred_on:
        lines.append(_("date: {date}").format(date=day(r.occurred_on)))
    if r.tags:
        lines.append(_("tags: {tags}").format(tags=" ".join("#" + escape(t) for t in r.tags)))
    if r.note:
        lines.append(_("note: {note}").format(note=escape(r.note)))
    return lines


def seizure_ack(
    operation: Operation,
    seizure: StoredSeizure,
    *,
    agency_code: str | None,
    corrected: bool,
    undo: bool = True,
    guided: bool = False,
) -> str:
    """The reply to /seizure (and its edit after a correction); `undo` if it has the button;
    `guided` for a report given step by step, which has no message of its own to edit."""
    lines = [_head(operation, seizure, agency_code, corrected)]
    lines += [f"• {item_line(i)}" for i in seizure.items]
    lines += detail_lines(seizure)
    lines += _date_in_note(seizure)
    # Hints that say to edit the message; a voided report is not corrected by an edit.
    edit_hints = [
        *_details_in_note(seizure),
        *_date_long_ago(seizure, operation.local(seizure.reported_at).date(), operation),
    ]
    if seizure.voided_at is None:
        lines += edit_hints
    # A description ("white powder") awaits the lab, and /alias refuses it: its author names it.
    unknown = [description_only(i.substance_text or "") for i in seizure.items if not i.substance]
    if not all(unknown):
        lines.append(_("<i>A coordinator can classify unknown names with /alias.</i>"))
    if any(unknown) and seizure.voided_at is None:
        lines.append(_(DESCRIBED))
    lines.append(_closing(seizure, undo=undo, guided=guided, hinted=bool(edit_hints)))
    return "\n".join(lines)


def ack_in_short(
    operation: Operation,
    seizure: StoredSeizure,
    *,
    agency_code: str | None,
    corrected: bool,
    undo: bool = True,
) -> str:
    """The acknowledgement of a report too long for one message: its number, how many items
    and their totals, and where all of them are. One message, so that a correction, a void or
    a photo edits the whole of what the officer was told, never the first of several parts."""
    totals: dict[tuple[str, str | None], Decimal] = {}
    for item in seizure.items:
        totals[item.unit, item.form] = totals.get((item.unit, item.form), Decimal(0)) + item.amount
    n = len(seizure.items)
    return "\n".join(
        [
            _head(operation, seizure, agency_code, corrected),
            ngettext("{n} item, in all {totals}.", "{n} items, in all {totals}.", n).format(
                n=n,
                totals=", ".join(format_shown(a, unit, form) for (unit, form), a in totals.items()),
            ),
            _("/show {number} lists every item and detail.").format(number=seizure.number),
            _closing(seizure, undo=undo, guided=False, hinted=False),
        ]
    )


def _head(
    operation: Operation, seizure: StoredSeizure, agency_code: str | None, corrected: bool
) -> str:
    if seizure.voided_at is not None:
        # Undone (or voided) reads so from its first line, not only from its last.
        head = (
            _("❌ Voided report <b>{code} #{number}</b> for {agency} (not counted):")
            if agency_code
            else _("❌ Voided report <b>{code} #{number}</b> (not counted):")
        )
    elif corrected:
        head = (
            _("✏️ Corrected report <b>{code} #{number}</b> for {agency}:")
            if agency_code
            else _("✏️ Corrected report <b>{code} #{number}</b>:")
        )
    else:
        head = (
            _("✅ Recorded report <b>{code} #{number}</b> for {agency}:")
            if agency_code
            else _("✅ Recorded report <b>{code} #{number}</b>:")
        )
    # The operation is named: a person in several operations sees where it went. The number
    # counts this operation's reports only.
    return head.format(
        code=escape(operation.code), number=seizure.number, agency=escape(agency_code or "")
    )


def _closing(seizure: StoredSeizure, *, undo: bool, guided: bool, hinted: bool) -> str:
    """The last line: why it does not count, or how to take it back; `hinted` when hints above
    said to edit the message already (not said twice)."""
    if seizure.voided_at is not None:
        return _("❌ Voided: {reason}").format(reason=escape(void_reason(seizure.void_reason)))
    if undo and guided:
        return _(
            "Wrong? Press Undo and report it again, or later void it with a reason: {example}"
        ).format(example=void_example(seizure.number))
    if undo:
        return (
            _("Or press Undo to take it back.")
            if hinted
            else _("Wrong? Edit your message to correct it, or press Undo.")
        )
    # Restored: its Undo is spent, so the text offers none.
    return (
        _("Or void it with a reason: {example}")
        if hinted
        else _("Wrong? Edit your message to correct it, or void it with a reason: {example}")
    ).format(example=void_example(seizure.number))


# A day written without a year is the latest such day not after today: '1 Dec' sent on 30 Nov
# is eleven months back. Kept as the rule, but said when it lands this far back.
LONG_AGO_DAYS = 300


def _date_long_ago(seizure: StoredSeizure, sent: date, operation: Operation) -> list[str]:
    happened = seizure.report.occurred_on
    if happened is None or (sent - happened).days <= LONG_AGO_DAYS:
        return []
    typed = next((t for t, read in without_year(seizure.text, sent) if read == happened), None)
    if typed is None:
        return []
    within_a_year = (sent - happened).days <= 366
    if operation.began is not None and happened < operation.began and within_a_year:
        # '2 Dec' sent on 1 Dec: a year back, before the operation existed; it would stretch
        # the whole operation's totals and chart to a year. Said plainly, to be fixed.
        text = _(
            "<b>{typed} was read as {date}, almost a year ago and before {code} began on "
            "{began}</b>: edit your message with the day it happened"
        )
        code, began = escape(operation.code), day(operation.began)
        return [text.format(typed=escape(typed), date=day(happened), code=code, began=began)]
    if within_a_year:
        text = _(
            "<i>{typed} was read as {date}, almost a year ago: edit your message if you "
            "meant another day</i>"
        )
    else:  # 29 Feb, read in the latest leap year
        text = _(
            "<i>{typed} was read as {date}, more than a year ago: edit your message if you "
            "meant another day</i>"
        )
    return [text.format(typed=escape(typed), date=day(happened))]


def _date_in_note(seizure: StoredSeizure) -> list[str]:
    # A date is read only after "on" or "date="; one written bare went to the note and the
    # report counts on the day it was sent: say so, with the words that would record it.
    report = seizure.report
    if report.occurred_on is not None or not report.note:
        return []
    written = dates_in(report.note, date.fromisoformat(seizure.day))
    if not written:
        return []
    return [
        _(
            "<i>{date} is kept in the note; to record when it happened write "
            "<code>on {date}</code></i>"
        ).format(date=escape(written[0]))
    ]


def _details_in_note(seizure: StoredSeizure) -> list[str]:
    # "인천공항에서, 태국발": the rules read a place or origin only after the English keywords;
    # the words stayed in the note, so say so, with the same words as the rules read them.
    example = english_details(seizure.report)
    if example is None:
        return []
    return [
        _(
            "<i>The place or country in your words is kept only in the note: to record it, "
            "write it after at, from or to, e.g. <code>{example}</code>, and edit your message "
            "to correct this report</i>"
        ).format(example=escape(example))
    ]


def void_example(number: int) -> str:
    """`/void 8 entered twice`, its reason in the reader's words (a valid /void either way)."""
    return f"/void {number} {_('entered twice')}"


DESCRIBED = N_(
    "<i>A description is kept until the lab names the substance: then edit your message to "
    "name it, and this report is corrected.</i>"
)
# The reason /undo and the Undo button store; shown in the reader's words.
UNDONE = N_("undone by its author")


def void_reason(reason: str | None) -> str:
    """A stored void reason as the reader reads it: the bot's own one translated."""
    return _(UNDONE) if reason == UNDONE else reason or ""


# No number, no figures: the group now belongs to another operation, whose people may read it.
OTHER_OPERATIONS_REPORT = N_(
    "This message's report belongs to an operation this group is no longer bound to, so "
    "nothing changes here. To correct it, use your private chat with the bot (/mine lists your "
    "reports, /void takes one back with a reason), or ask a coordinator of that operation."
)
EDIT_BY_FORMER_MEMBER = N_(
    "Report #{n} is unchanged: you are no longer a member of its operation, so your edits no "
    "longer correct it. Ask a coordinator if it needs correcting."
)


def voided(operation: Operation, seizure: StoredSeizure) -> str:
    """The answer to /undo, /void or the Undo button."""
    items = "; ".join(item_line(i) for i in seizure.items)
    return _(
        "❌ Report <b>{code} #{number}</b> voided ({reason}): {items}. "
        "It no longer counts in the {code} totals."
    ).format(
        code=escape(operation.code),
        number=seizure.number,
        reason=escape(void_reason(seizure.void_reason)),
        items=items,
    )


def restored(operation: Operation, seizure: StoredSeizure) -> str:
    """The answer to /restore."""
    items = "; ".join(item_line(i) for i in seizure.items)
    return _(
        "♻️ Report <b>{code} #{number}</b> restored: {items}. It counts again in the {code} totals."
    ).format(code=escape(operation.code), number=seizure.number, items=items)


def void_refusal(refused: VoidRefused, role: Role | None = None) -> str:
    """Why a report could not be voided or restored, with what to do instead (for this role)."""
    n = refused.number
    reason = refused.reason
    if reason is VoidRefusal.NOT_FOUND and role is not None and allows(role, Permission.REVIEW):
        # A coordinator has no /mine: the operation's reports are theirs to list.
        if n is None:
            return _("That report is not in this operation. /reports lists them.")
        return _("There is no report #{n} in this operation. /reports lists them.").format(n=n)
    if reason is VoidRefusal.NOT_FOUND:
        if n is None:
            return _("That report is not in this operation. /mine lists your reports.")
        return _("There is no report #{n} in this operation. /mine lists your reports.").format(n=n)
    if reason is VoidRefusal.ALREADY_VOIDED:
        return _("Report #{n} was already voided.").format(n=n)
    if reason is VoidRefusal.NOT_YOURS:
        return _("Report #{n} is not yours; only its author or a coordinator can void it.").format(
            n=n
        )
    if reason is VoidRefusal.TOO_LATE:
        minutes = int(refused.window.total_seconds() // 60) if refused.window else 0
        return ngettext(
            "Too late to undo report #{n} (undo works for {minutes} minute). "
            "Void it with a reason instead, e.g. /void {n} entered twice",
            "Too late to undo report #{n} (undo works for {minutes} minutes). "
            "Void it with a reason instead, e.g. /void {n} entered twice",
            minutes,
        ).format(n=n, minutes=minutes)
    if reason is VoidRefusal.RESTORED:
        return _(
            "The undo for report #{n} has expired: a coordinator restored it. "
            "Void it with a reason instead, e.g. /void {n} entered twice"
        ).format(n=n)
    return _("Report #{n} is not voided, so there is nothing to restore.").format(n=n)


def duplicate_question(earlier: StoredSeizure, minutes: int) -> str:
    """Asked before recording an identical report sent again within a few minutes."""
    text = (
        _(
            "You sent exactly this report just now (#{number}). "
            "Record it again as a separate seizure?"
        )
        if minutes < 1
        else _(
            "You sent exactly this report {minutes} min ago (#{number}). "
            "Record it again as a separate seizure?"
        )
    )
    return text.format(number=earlier.number, minutes=minutes)


FORWARDED = N_(
    "That is a forwarded report; the officer who made the seizure reports it. Type your own "
    "report if it is yours, e.g. /seizure 2kg meth at ICN"
)
