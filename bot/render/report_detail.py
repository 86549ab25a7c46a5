"""/show: one report whole, as a coordinator (or its author) reads it: its items, details, history
and files."""

from __future__ import annotations

from datetime import date, datetime
from difflib import SequenceMatcher
from html import escape
from zoneinfo import ZoneInfo

from bot.domain.listing import (
    HistoryEntry,
    MediaRef,
    Person,
    ReportDetail,
)
from bot.domain.stored import StoredItem
from bot.domain.unit import Operation
from bot.domain.units import format_number, unit_class
from bot.render.amounts import count_word, written
from bot.render.asked import zoned
from bot.render.i18n import _, day, ngettext
from bot.render.labels import (
    detection_label,
    place_label,
    transport_label,
)
from bot.render.listing import state_marks
from bot.render.seizure import item_line, void_reason


def person(who: Person | None, user_id: int | None = None) -> str:
    """'Park Ji-woo (@park_kcs)', or the Telegram id of someone the bot never met."""
    if who is None:
        return _("user {id}").format(id=user_id) if user_id is not None else _("the import")
    name = escape(who.full_name or str(who.user_id))
    return f"{name} (@{escape(who.username)})" if who.username else name


def _when(at: datetime, operation: Operation, tz: str | None = None) -> str:
    # The date as every reply writes it for this reader ('2026. 11. 30.', '30 พ.ย. 2569'), the
    # time in the given zone (the officer's agency's), the operation's beside where it differs.
    reader = tz or operation.tz
    return f"{day(at.astimezone(ZoneInfo(reader)).date())} {zoned(at, reader, operation.tz)}"


def _quote(text: str) -> str:
    return "“" + escape(text) + "”"


def history_line(entry: HistoryEntry, operation: Operation, tz: str | None = None) -> str:
    """One change, when (in zone `tz`, else the operation's) and by whom, and what it changed."""
    when = _when(entry.at, operation, tz)
    who = person(entry.actor)
    if entry.action == "report":
        return _("{when}: reported by {who}").format(when=when, who=who)
    if entry.action == "import":
        return _("{when}: imported from a file").format(when=when)
    if entry.action == "correct":
        return _("{when}: corrected by {who}: {changes}; before, it read {old}").format(
            when=when,
            who=who,
            changes=changed_words(entry.old_text or "", entry.text or ""),
            old=_quote(entry.old_text or ""),
        )
    if entry.action == "void":
        return _("{when}: voided by {who}, because: {reason}").format(
            when=when, who=who, reason=escape(void_reason(entry.reason))
        )
    if entry.action == "restore":
        return _("{when}: restored by {who}, because: {reason}").format(
            when=when, who=who, reason=escape(entry.reason or "")
        )
    if entry.action == "media":
        if entry.kind == "document":
            return _("{when}: document added by {who}").format(when=when, who=who)
        return _("{when}: photo added by {who}").format(when=when, who=who)
    if entry.action == "location":
        return _("{when}: location added by {who}").format(when=when, who=who)
    return _("{when}: {action} by {who}").format(when=when, action=escape(entry.action), who=who)


def changed_words(old: str, new: str) -> str:
    """What a correction changed, word by word: '“2kg” → “2.5kg”, “ICN” removed'."""
    before, after = old.split(), new.split()
    changes = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, before, after).get_opcodes():
        was, now = " ".join(before[i1:i2]), " ".join(after[j1:j2])
        if tag == "replace":
            changes.append(_("{old} → {new}").format(old=_quote(was), new=_quote(now)))
        elif tag == "delete":
            changes.append(_("{old} removed").format(old=_quote(was)))
        elif tag == "insert":
            changes.append(_("{new} added").format(new=_quote(now)))
    return ", ".join(changes) or _("the same words")


def _item_full(item: StoredItem) -> str:
    # Exact and in the stored unit ('2,500 g'), a count in the reader's words ('8,000정'),
    # never the stored key 'unit'.
    counted = unit_class(item.unit) == "count"
    word = count_word(item.form, item.amount) if counted else item.unit
    stored = written(format_number(item.amount), word)
    return _("{item} (stored as {amount}; typed “{typed}”)").format(
        item=item_line(item), amount=stored, typed=escape(item.as_written)
    )


def show_report(operation: Operation, report: ReportDetail) -> str:
    """/show N: every field of a report, its history, its state, and its files."""
    code = escape(operation.code)
    marks = state_marks(
        report.voided_at is not None, report.edited_at is not None, report.provisional
    )
    lines = [_("<b>Report {code} #{number}</b>").format(code=code, number=report.number) + marks]
    if report.voided_at is not None:
        lines.append(
            _("❌ Voided {when} by {who}, because: {reason}. It does not count in the totals.")
            .format(when=_when(report.voided_at, operation), who=person(report.voided_by),
                    reason=escape(void_reason(report.void_reason)))
        )  # fmt: skip
    lines.append(_("<b>Items</b>"))
    lines += [f"• {_item_full(i)}" for i in report.items]
    fields: list[tuple[str, str | None]] = [
        (_("Seized on"), day(date.fromisoformat(report.day))),
        (
            _("Date given in the report"),
            day(date.fromisoformat(report.occurred_on)) if report.occurred_on else None,
        ),
        (_("Reported"), _when(report.reported_at, operation, report.agency_tz)),
        (_("Agency"), _agency(report)),
        (_("Officer"), person(report.officer, report.officer_id)),
        (_("Location"), escape(report.location) if report.location else None),
        (_("Coordinates"), _coordinates(report)),
        (_("Origin"), escape(report.origin) if report.origin else None),
        (_("Destination"), escape(report.destination) if report.destination else None),
        (_("Route"), _route(report)),
        (_("Transport"), escape(transport_label(report.transport)) if report.transport else None),
        (_("Concealment"), escape(report.concealment) if report.concealment else None),
        (_("Detection"), escape(detection_label(report.detection)) if report.detection else None),
        (_("Reference"), escape(report.reference) if report.reference else None),
        (_("Tags"), " ".join("#" + escape(t) for t in report.tags) or None),
        (_("Note"), escape(report.note) if report.note else None),
    ]
    lines += [f"{name}: {value}" for name, value in fields if value]
    lines.append(_("<b>Message as sent</b>"))
    lines.append(f"<blockquote>{escape(report.text)}</blockquote>")
    lines.append(_("<b>History</b>"))
    lines += [f"• {history_line(h, operation, report.agency_tz)}" for h in report.history] or [
        _("• none recorded")
    ]
    if report.media:
        lines.append(media_summary(report.media))
    return "\n".join(lines)


def _agency(report: ReportDetail) -> str | None:
    if not report.agency_code:
        return None
    if report.agency_name:
        return f"{escape(report.agency_code)} — {escape(report.agency_name)}"
    return escape(report.agency_code)


def _route(report: ReportDetail) -> str | None:
    if report.origin and report.destination:
        return f"{escape(place_label(report.origin))} → {escape(place_label(report.destination))}"
    return None


def _coordinates(report: ReportDetail) -> str | None:
    if report.latitude is None or report.longitude is None:
        return None
    return f"{report.latitude:.5f}, {report.longitude:.5f}"


def media_summary(media: tuple[MediaRef, ...]) -> str:
    """'📎 2 photos and 1 document, sent below.'"""
    photos = sum(1 for m in media if m.kind == "photo")
    documents = len(media) - photos
    said_photos = ngettext("{n} photo", "{n} photos", photos).format(n=photos)
    said_documents = ngettext("{n} document", "{n} documents", documents).format(n=documents)
    if photos and documents:
        return _("📎 {photos} and {documents}, sent below.").format(
            photos=said_photos, documents=said_documents
        )
    return _("📎 {files}, sent below.").format(files=said_photos if photos else said_documents)


def media_caption(operation: Operation, number: int, n: int, total: int, media: MediaRef) -> str:
    """The caption of a file /show sends again: whose report, which of how many, who sent it."""
    return _("{code} #{number} · file {n} of {total} · sent {when} by {who}").format(
        code=escape(operation.code),
        number=number,
        n=n,
        total=total,
        when=_when(media.added_at, operation),
        who=person(media.added_by),
    )


def media_lost(operation: Operation, number: int, n: int, total: int) -> str:
    """A file Telegram no longer gives and whose bytes were not kept."""
    return _("{code} #{number} · file {n} of {total} could not be sent again.").format(
        code=escape(operation.code), number=number, n=n, total=total
    )


def more_files(n: int) -> str:
    """Files beyond what /show sends again."""
    return ngettext(
        "{n} more file is kept with this report; /export lists every file.",
        "{n} more files are kept with this report; /export lists every file.",
        n,
    ).format(n=n)
