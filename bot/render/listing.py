"""/reports and /show as a coordinator (or the author) reads them: a page of reports, one report."""

from __future__ import annotations

from datetime import date
from html import escape

from bot.domain.access import Permission, allows
from bot.domain.listing import (
    ListedReport,
    ListingFilter,
    ReportPage,
)
from bot.domain.stored import StoredItem
from bot.domain.unit import Operation, Role
from bot.render.amounts import format_shown
from bot.render.i18n import _, day, ngettext
from bot.render.labels import (
    period_label,
    substance_label,
)

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


def state_marks(voided: bool, corrected: bool, provisional: bool) -> str:
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
    line = " · ".join(pieces) + state_marks(report.voided, report.corrected, report.provisional)
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
            ).format(
                code=code, words=escape(_asked_substance(asked.key)), example="/reports week meth"
            )
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


def agency_or_substance(code: str, operation: str, substance: str) -> str:
    """/reports CODE where the code is an agency's and a name of a substance (plain text)."""
    return _(
        "{code} is both an agency of {operation} and a name for {label}. For the agency's "
        "reports: /reports agency={code}; for the substance: /reports {substance}"
    ).format(code=code, operation=operation, label=substance_label(substance), substance=substance)


def no_phase() -> str:
    """/reports phase while no phase runs (plain text)."""
    return _("No phase is running now. Example: /reports week or /reports 2026-11-01..2026-11-20")


def stale_page() -> str:
    """A page button that no longer pages (an old list of another operation, or a forged one)."""
    return _("This list is out of date. Send /reports again.")


def no_more() -> str:
    """A page button pressed when there is nothing that way any more."""
    return _("No more reports that way. Send /reports again for the newest.")
