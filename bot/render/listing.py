"""/reports and /show as a coordinator (or the author) reads them: a page of reports, one report."""

from __future__ import annotations

from datetime import date, datetime
from difflib import SequenceMatcher
from html import escape
from zoneinfo import ZoneInfo

from bot.domain.access import Permission, allows
from bot.domain.listing import (
    HistoryEntry,
    ListedReport,
    ListingFilter,
    MediaRef,
    Person,
    ReportDetail,
    ReportPage,
)
from bot.domain.stored import StoredItem
from bot.domain.unit import Operation, Role
from bot.domain.units import format_number, unit_class
from bot.render.amounts import count_word, format_shown, written
from bot.render.asked import zoned
from bot.render.i18n import _, day, ngettext
from bot.render.labels import (
    detection_label,
    period_label,
    place_label,
    substance_label,
    transport_label,
)
from bot.render.seizure import item_line, void_reason

VOIDED_MARK, CORRECTED_MARK, PROVISIONAL_MARK = "❌", "✏️", "⏳"


def prev_label() -> str:
    """The page button to newer reports."""
    return _("◀ Prev")


def next_label() -> str:
    """The page button to older reports."""
    return _("Next ▶")


_ITEMS_SHOWN = 3  # items named in a report's line of /reports; the rest counted


def _short_item(item: StoredItem) -> str:
    amount = format_shown(item.amount, item.unit, item.form)
    if item.approximate:
        amount = "~" + amount
    key = item.substance or "?" + (item.substance_text or "?")
    return f"{amount} {escape(substance_label(key))}"


def _marks(voided: bool, corrected: bool, provisional: bool) -> str:
    marks = [m for m, on in ((VOIDED_MARK, voided), (CORRECTED_MARK, corrected),
                             (PROVISIONAL_MARK, provisional)) if on]  # fmt: skip
    return (" " + "".join(marks)) if marks else ""


def report_line(report: ListedReport) -> str:
    """'#12 · 2026-11-20 · KCS · 2 kg methamphetamine · ICN ✏️' (the date as /show writes it)."""
    pieces = [f"<b>#{report.number}</b>", day(date.fromisoformat(report.day))]
    if report.agency_code:
        pieces.append(escape(report.agency_code))
    # A page is one message its buttons edit: a report of many items shows its first few.
    shown = [_short_item(i) for i in report.items[:_ITEMS_SHOWN]]
    if len(report.items) > _ITEMS_SHOWN + 1:
        more = len(report.items) - _ITEMS_SHOWN
        shown.append(ngettext("{n} more item", "{n} more items", more).format(n=more))
    else:
        shown = [_short_item(i) for i in report.items]
    pieces.append(" + ".join(shown) or "—")
    if report.location:
        pieces.append(escape(report.location))
    line = " · ".join(pieces) + _marks(report.voided, report.corrected, report.provisional)
    return f"<s>{line}</s>" if report.voided else line


def filter_label(operation: Operation, listing: ListingFilter) -> str:
    """What the listing is narrowed to, for its heading: 'Last 7 days, … · KCS · voided'."""
    pieces = []
    period = period_label(listing.period, listing.dates)
    if period:
        pieces.append(escape(period))
    if listing.agency_code:
        pieces.append(_("agency {code}").format(code=escape(listing.agency_code)))
    if listing.substance:
        pieces.append(escape(_asked_substance(listing.substance.key)))
    words = {"voided": _("voided"), "corrected": _("corrected"), "provisional": _("provisional")}
    pieces += [words[f] for f in sorted(listing.flags)]
    return " · ".join(pieces)


_ASKED_NAME = 40  # characters of an unknown name quoted back in the heading


def _asked_substance(key: str) -> str:
    """The substance a listing is narrowed to; an unknown name pasted at length quoted short, so
    that the answer stays one message ('"zombie powder zombie…"': a wall of text was quoted
    whole and the answer went as two parts)."""
    name = key[1:]
    if key.startswith("?") and len(name) > _ASKED_NAME:
        return f'"{name[: _ASKED_NAME - 1].rstrip()}…"'
    return substance_label(key)


def reports_page(operation: Operation, listing: ListingFilter, page: ReportPage) -> str:
    """A page of /reports: a heading, one line per report, and what the marks mean."""
    code = escape(operation.code)
    label = filter_label(operation, listing)
    if not page.reports:
        asked = listing.substance
        if asked is not None and asked.unclassified:
            # '/reports park': a word no report names as its substance; not "nothing matches".
            return _(
                "No report of {code} names {words} as its substance. /reports narrows by "
                "period, agency=CODE, substance and voided, corrected or provisional, e.g. "
                "{example}; totals by officer: /summary by officer."
            ).format(code=code, words=_asked_substance(asked.key), example="/reports week meth")
        if label != escape(period_label(listing.period, listing.dates)) or page.total:
            return _("No reports of {code} match: {filters}. Try /reports all").format(
                code=code, filters=label
            )
        return _("{code} has no reports yet.").format(code=code)
    head = _("<b>Reports of {code}</b> · {filters}").format(code=code, filters=label)
    count = ngettext(
        "{n} report, newest first, dated by seizure · page {page} of {pages}",
        "{n} reports, newest first, dated by seizure · page {page} of {pages}",
        page.total,
    ).format(n=f"{page.total:,}", page=page.page, pages=page.pages)
    lines = [head, count, ""]
    lines += [report_line(r) for r in page.reports]
    lines += [
        "",
        _("{voided} voided · {corrected} corrected · {provisional} provisional (awaiting the lab)."
          " /show N shows one report in full.").format(
            voided=VOIDED_MARK, corrected=CORRECTED_MARK, provisional=PROVISIONAL_MARK
        ),
    ]  # fmt: skip
    return "\n".join(lines)


def no_buttons_note() -> str:
    """Said when the filter is too long to ride on a page button."""
    return _("Page buttons cannot carry a substance name this long: narrow by period instead.")


# -- /show ------------------------------------------------------------------------------------


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
    marks = _marks(report.voided_at is not None, report.edited_at is not None, report.provisional)
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


def no_report(
    number: int, operation: Operation, typed_code: str | None = None, role: Role | None = None
) -> str:
    """The same answer for a missing report and for another operation's (plain text).

    It points to the list this role may ask for: /reports for a coordinator, /mine otherwise.
    """
    if role is not None and not allows(role, Permission.REVIEW):
        if typed_code is not None and typed_code.upper() != operation.code.upper():
            return _("There is no report {typed} #{number} in {code}. /mine lists yours.").format(
                typed=typed_code.upper(), number=number, code=operation.code
            )
        return _("There is no report #{number} in {code}. /mine lists yours.").format(
            number=number, code=operation.code
        )
    if typed_code is not None and typed_code.upper() != operation.code.upper():
        return _("There is no report {typed} #{number} in {code}. /reports lists them.").format(
            typed=typed_code.upper(), number=number, code=operation.code
        )
    return _("There is no report #{number} in {code}. /reports lists them.").format(
        number=number, code=operation.code
    )


def not_yours(number: int) -> str:
    """An officer asked for someone else's report (plain text)."""
    return _(
        "Report #{number} is not yours: an officer sees their own reports in full, a "
        "coordinator any. /mine lists yours."
    ).format(number=number)


def show_usage_error(typed: str) -> str:
    """/show without a report number (plain text)."""
    if not typed:
        return _("Which report? Give its number.\nUsage: /show ID\nExample: /show 12")
    return _(
        "'{typed}' is not a report number: it is the # in the report's acknowledgement.\n"
        "Usage: /show ID\nExample: /show 12"
    ).format(typed=typed[:30])


def unknown_agency(code: str, codes: list[str]) -> str:
    """/reports agency=XYZ for an agency the operation does not have (plain text)."""
    example = codes[0] if codes else "KCS"
    return _(
        "There is no agency {code} in this operation; it has {codes}. "
        "Example: /reports week agency={example}"
    ).format(code=code, codes=", ".join(codes) or _("none yet"), example=example)


def no_phase() -> str:
    """/reports phase while no phase runs (plain text)."""
    return _("No phase is running now. Example: /reports week or /reports 2026-11-01..2026-11-20")


def stale_page() -> str:
    """A page button that no longer pages (an old list of another operation, or a forged one)."""
    return _("This list is out of date. Send /reports again.")


def no_more() -> str:
    """A page button pressed when there is nothing that way any more."""
    return _("No more reports that way. Send /reports again for the newest.")


def more_files(n: int) -> str:
    """Files beyond what /show sends again."""
    return ngettext(
        "{n} more file is kept with this report; /export lists every file.",
        "{n} more files are kept with this report; /export lists every file.",
        n,
    ).format(n=n)
