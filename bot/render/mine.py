"""/mine: an officer's own recent reports, newest first."""

from __future__ import annotations

from datetime import date

from bot.domain.stored import StoredSeizure
from bot.domain.unit import Operation
from bot.render.asked import short_day, zoned
from bot.render.i18n import _
from bot.render.seizure import item_line


def mine(
    operation: Operation,
    seizures: list[StoredSeizure],
    *,
    reader_tz: str | None = None,
    today: date | None = None,
) -> str:
    """The officer's recent reports in their zone and the operation's; a day of a year other
    than `today`'s says its year ('25 Dec 2025'), as the digest's do."""
    if not seizures:
        return _("You have no reports yet. Send one like /seizure 2kg meth")
    lines = [_("<b>Your recent reports</b>")]
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
    return "\n".join(lines)
