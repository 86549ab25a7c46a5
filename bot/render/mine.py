"""/mine: an officer's own recent reports, newest first."""

from __future__ import annotations

from datetime import date
from html import escape

from bot.domain.stored import StoredSeizure
from bot.domain.unit import Operation
from bot.render.asked import short_day, zoned
from bot.render.i18n import _, ngettext
from bot.render.seizure import item_line

PAGE = 10  # reports a page of /mine


def mine_usage(typed: str) -> str:
    """/mine with an argument that is no page number."""
    return _(
        "/mine lists your reports, newest first, {n} a page; give a page number or nothing, "
        "e.g. /mine 2. Not understood: {typed}"
    ).format(n=PAGE, typed=escape(typed[:40]))


def mine(
    operation: Operation,
    seizures: list[StoredSeizure],
    *,
    reader_tz: str | None = None,
    today: date | None = None,
    total: int | None = None,
    page: int = 1,
) -> str:
    """The officer's reports, a page of them, in their zone and the operation's; how many in
    all (`total`) and how to see the rest. A day of a year other than `today`'s says its year
    ('25 Dec 2025'), as the digest's do."""
    total = len(seizures) if total is None else total
    if not total:
        return _("You have no reports yet. Send one like /seizure 2kg meth")
    pages = -(-total // PAGE)
    if not seizures:
        return ngettext(
            "You have {total} report: page {page} is past the last, {pages}.",
            "You have {total} reports: page {page} is past the last, {pages}.",
            total,
        ).format(total=total, page=page, pages=pages)
    if pages == 1:
        lines = [_("<b>Your recent reports</b>")]
    else:
        lines = [
            _("<b>Your reports</b>, newest first: page {page} of {pages}").format(
                page=page, pages=pages
            )
        ]
    for s in seizures:
        when = zoned(s.reported_at, reader_tz or operation.tz, operation.tz, "%d %b %H:%M")
        seized = s.report.occurred_on
        if seized is not None:
            # Listed by the day of the seizure, as /reports counts it; the sending time beside.
            # One style in the list: the day as the sending times write theirs.
            other_year = today is not None and seized.year != today.year
            day = short_day(seized, year=other_year)
            when = _("{day} (sent {when})").format(day=day, when=when)
        # How a typo was read is said once, in the acknowledgement; the list stays short.
        items = "; ".join(item_line(i, how_read=False) for i in s.items)
        mark = " " + _("❌ voided") if s.voided_at else (" ✏️" if s.edited_at else "")
        lines.append(f"#{s.number} {when}: {items}{mark}")
    if page < pages:
        shown = (page - 1) * PAGE + len(seizures)
        lines.append(
            ngettext(
                "{shown} of your {total} report shown; older: /mine {next}",
                "{shown} of your {total} reports shown; older: /mine {next}",
                total,
            ).format(shown=shown, total=total, next=page + 1)
        )
    return "\n".join(lines)
