"""A summary as Telegram HTML: an aligned <pre> table, split into messages at line boundaries."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date
from html import escape

from bot.domain.summary import (
    AgencyStatus,
    Dimension,
    SubstanceTotal,
    Summary,
    SummaryGroup,
)
from bot.render.amounts import split_amounts, unit_column
from bot.render.i18n import N_, _, day, ljust, ngettext, number, rjust, weekday, width
from bot.render.labels import (
    detection_label,
    heading_filters,
    heading_label,
    place_label,
    substance_label,
    transport_label,
)
from bot.render.summary_names import AGENCIES_OF_A_CASE, before_it_began, nothing_shown
from bot.render.summary_parts import budget as _budget
from bot.render.summary_parts import line_cost as _line_cost
from bot.render.summary_parts import split as _split
from bot.render.summary_parts import total_cost as _total_cost

# Both ends of a route in one group value (storage.dimensions.ROUTE_SEPARATOR).
_ROUTE_SEPARATOR = "\x1f"

TELEGRAM_LIMIT = 4096
# About what a phone shows of a monospace line before it wraps.
_NAME_WIDTH = 16
_LONGEST_NAME = 40
_LONGEST_LABEL = 60
_WRAP = 38
# Beyond three messages the outbox sends the parts as one file (bot.outbox); beyond this many
# even the file says to narrow it down, and /export has everything.
MAX_MESSAGES = 100
_MORE_GROUPS = N_("More groups. Narrow it down, e.g. /summary week agency=KCS")


def group_label(dimension: Dimension | None, value: str, names: Mapping[str, str]) -> str:
    """How a summary group is headed: its stored name, or the words for its value."""
    if dimension is Dimension.AGENCY:
        return names.get(value, _("No agency"))
    if dimension is Dimension.DAY:
        # '2026-11-20 Fri'; a Thai reader's day in the Buddhist era, as the config says.
        return f"{day(date.fromisoformat(value))} {weekday(date.fromisoformat(value))}"
    if dimension is Dimension.OFFICER:
        return names.get(value, _("user {id}").format(id=value))
    if dimension is Dimension.TRANSPORT:
        return transport_label(value) if value else _("Transport not stated")
    if dimension is Dimension.LOCATION:
        return value or _("Location not stated")
    if dimension is Dimension.PHASE:
        if value not in names:
            return _("Not in a phase")
        # Storage gives the phase's days as ISO 'first – last': written as the reader's dates.
        first, dash, last = names.get(f"{value}:span", "").partition(" – ")
        span = f"{day(date.fromisoformat(first))} – {day(date.fromisoformat(last))}" if dash else ""
        return _("Phase {name}, {span}").format(name=names[value], span=span)
    if dimension is not None:
        return detail_label(dimension.value, value)
    return ""


def render_summary(
    summary: Summary, *, limit: int = TELEGRAM_LIMIT, max_messages: int = MAX_MESSAGES
) -> list[str]:
    """The summary as HTML messages of at most `limit` characters, at most `max_messages`."""
    return _Layout(summary).messages(limit, max_messages)


def render_summary_text(summary: Summary) -> str:
    """The summary as one continuous HTML text (header once), for a file of a long one."""
    return _Layout(summary).whole()


def summary_answer(summary: Summary, *, max_parts: int) -> tuple[list[str], str | None]:
    """The messages and, beyond `max_parts` of them, the whole text for a file: laid out once.

    Beyond `max_parts`, only the first messages are made (`max_parts` and one more): the
    outbox sends the file, captioned with the first message's title, and needs no others.
    """
    # The table's lines and their sizes are most of the work: made once for both shapes.
    layout = _Layout(summary)
    parts = layout.messages(TELEGRAM_LIMIT, MAX_MESSAGES, most=max_parts)
    return parts, layout.whole() if len(parts) > max_parts else None


class _Layout:
    """A summary's lines, each with what it takes of a message, ready to be cut and split."""

    def __init__(self, summary: Summary):
        table = _Table([t for g in summary.groups for t in g.totals])
        heading = table.heading()
        self.header = _header(summary)
        lines: list[str] = []
        if not summary.groups and summary.upcoming:
            lines.append(_("This period has not begun yet: nothing can be recorded for it so far."))
        elif not summary.groups and summary.began is not None:
            lines.append(before_it_began(summary))
        elif not summary.groups:
            lines.append(nothing_shown(summary.truncated))
        else:
            lines.append(heading)
            counted: dict[int, str] = {}  # a group's '· 12 cases', worded once for each count
            start = 0
            for group in summary.groups:
                end = start + len(group.totals)
                _group_lines(lines, group, table, counted, start, end)
                start = end
        if summary.truncated and summary.groups:
            lines += ["", _(_MORE_GROUPS)]
        self.lines = lines
        # What the lines take, measured on them all at once: a line's own cost is looked at
        # only where the text is cut (most summaries fit, or go as a file after three parts).
        self.total = _total_cost(lines)
        filtered = summary.request.substance is not None
        self.footer = _agency_lines(summary.agencies, filtered=filtered)
        self.footer_total = _total_cost(self.footer)
        self.heading_cost = _line_cost(heading)
        self.heading = heading if summary.groups else None

    def messages(self, limit: int, max_messages: int, most: int | None = None) -> list[str]:
        """HTML messages of at most `limit` characters, at most `max_messages` of them.

        Given `most`, no more than the first `most` + 1 are made when there would be more.
        """
        # Room for the table in max_messages, less what repeated headings and breaks may take.
        budget = _budget(self.header, limit)
        room = int(max_messages * (budget - self.heading_cost) * 0.85) - self.footer_total
        lines, total = self.lines, self.total
        if total > room:
            lines = _cut(lines, room - 80)
            total = _total_cost(lines)
        body, total = lines + self.footer, total + self.footer_total
        while body and not body[-1]:
            body.pop()
            total -= 1  # a blank line takes its line break
        return _split(
            self.header,
            body,
            total,
            repeat=self.heading,
            repeat_until=len(lines),
            limit=limit,
            most=most,
        )

    def whole(self) -> str:
        """One continuous HTML text (header once)."""
        (text,) = self.messages(TELEGRAM_LIMIT * MAX_MESSAGES, 1)
        return text


def _cut(lines: list[str], room: int) -> list[str]:
    kept = 0
    used = 0
    for line in lines:
        used += _line_cost(line)
        if used > room:
            break
        kept += 1
    hidden = sum(1 for line in lines[kept:] if line and not line.startswith("▸"))
    more = ngettext(
        "… {n} more line. Narrow it down, e.g. /summary week agency=KCS",
        "… {n} more lines. Narrow it down, e.g. /summary week agency=KCS",
        hidden,
    ).format(n=number(hidden))
    return [*lines[:kept], "", more]


def _header(summary: Summary) -> list[str]:
    title = _("<b>Summary · {code}</b> — {title}").format(
        code=escape(summary.operation_code), title=escape(summary.operation_title)
    )
    lines = [title, f"{escape(heading_label(summary.heading))} ({escape(summary.tz)})"]
    if summary.counted_to is not None:  # before: a range into the future, and no word of it
        lines.append(
            escape(_("Counted up to today, {day}: the days after it have not come yet.")).format(
                day=day(summary.counted_to)
            )
        )
    # The digest counts by the time a report came in; a summary by the day of the seizure.
    lines.append(escape(_("By seizure date (the day it happened, or was reported if not said)")))
    filters = heading_filters(summary.heading)
    if filters:
        lines.append(_("Only: {filters}").format(filters=escape(", ".join(filters))))
    if summary.cases is not None:
        lines.append(escape(case_line(summary.cases, summary.linked, summary.linked_reports)))
    shown = sum(g.cases or 0 for g in summary.groups)
    if summary.linked and summary.request.dimension and summary.cases is not None:
        if shown > summary.cases:  # a case's reports in two groups: counted in each
            lines.append(escape(_(AGENCIES_OF_A_CASE)))
    return lines


def case_line(cases: int, linked: int = 0, linked_reports: int = 0) -> str:
    """'Reports: 8, cases: 7 (2 reports linked into 1 case)': what the case count rests on."""
    reports = cases + linked_reports - linked
    if not linked:
        return _("Reports: {reports:,}, cases: {cases:,}").format(reports=reports, cases=cases)
    return ngettext(
        "Reports: {reports:,}, cases: {cases:,} ({linked_reports} reports linked into "
        "{linked} case)",
        "Reports: {reports:,}, cases: {cases:,} ({linked_reports} reports linked into "
        "{linked} cases)",
        linked,
    ).format(reports=reports, cases=cases, linked_reports=linked_reports, linked=linked)


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def concealment_text(value: str) -> str:
    """A concealment as it is grouped (storage: lower(trim(...)), SQLite's ASCII lower case),
    and so shown everywhere, in every script alike: 'Suitcase' and 'suitcase ' are 'suitcase'.

    Free text is otherwise shown as written; before, 'Speaker' was capitalised beside 스피커
    and กล่องพัสดุ, which have no capitals, and beside places as typed."""
    return value.strip(" ").translate(_ASCII_LOWER)


def detail_label(dimension: str, value: str) -> str:
    """A group's heading for a breakdown the reports' own details give; '' is not stated."""
    if dimension == "route":
        origin, _sep, destination = value.partition(_ROUTE_SEPARATOR)
        if not origin and not destination:
            return _("Route not stated")
        return _("{origin} → {destination}").format(
            origin=place_label(origin) if origin else _("not stated"),
            destination=place_label(destination) if destination else _("not stated"),
        )
    if value and dimension == "concealment":
        return concealment_text(value)
    if value and dimension in ("origin", "destination"):
        return place_label(value)
    if value:
        return detection_label(value) if dimension == "detection" else value
    return {
        "origin": _("Origin not stated"),
        "destination": _("Destination not stated"),
        "concealment": _("Concealment not stated"),
        "detection": _("Detection not stated"),
    }.get(dimension, _("Not stated"))


class _Table:
    """Column widths shared by every line of one summary, so all groups line up."""

    def __init__(self, totals: list[SubstanceTotal]):
        # Each amount and count is formatted once (Babel's formatting is most of a long
        # summary's text time) and each line's figures laid out once, here, where the columns
        # are known: in a list beside the totals', a group's lines are a slice of it.
        counts = {n: number(n) for n in {t.cases for t in totals}}
        split = split_amounts([(t.amount, t.unit, t.form) for t in totals])
        self.keys = [t.substance_key for t in totals]
        # Each substance named once, not once for each of its lines.
        self.names = {key: _name(key) for key in set(self.keys)}
        self.unclassified = {key for key in self.names if key.startswith("?")}
        self.name = min(
            _NAME_WIDTH, max([width(n) for n in self.names.values()] + [width(_("Substance"))])
        )
        # Amounts are ASCII digits (their width is their length); unit words and counts few.
        self.number = max([len(n) for n, _u in split] + [1])
        units = {u for _n, u in split}
        self.unit = max([width(u) for u in units] + [1])
        # Short amounts under a longer heading: the unit column widens, so the counts stay
        # under theirs ('Substance  Amount  Cases', not squeezed one onto the next).
        self.unit = max(self.unit, width(_("Amount")) - self.number - 1)
        self.cases = max([width(c) for c in counts.values()] + [width(_("Cases"))])
        # Names and unit words padded once: measuring Hangul and Thai is by the character.
        # A name that fits leads its first line with the gap; a long one has a line of its own.
        self.lead = {
            key: None if width(name) > self.name else ljust(name, self.name) + "  "
            for key, name in self.names.items()
        }
        padded_units = {u: unit_column(u, self.unit) for u in units}
        padded_counts = {n: rjust(c, self.cases) for n, c in counts.items()}
        # The count comes last, right-aligned: a figures' text never ends in a space.
        digits = self.number
        self.figures = [
            f"{amount.rjust(digits)}{padded_units[unit]} {padded_counts[t.cases]}"
            for t, (amount, unit) in zip(totals, split, strict=True)
        ]
        self.blank = " " * self.name + "  "

    def heading(self) -> str:
        amount = ljust(_("Amount"), self.number + 1 + self.unit)
        cases = rjust(_("Cases"), self.cases)
        return f"{ljust(_('Substance'), self.name)}  {amount} {cases}".rstrip()

    def extend(self, lines: list[str], rows: Iterable[tuple[str, str]]) -> None:
        """`lines` extended with the rows' lines (substance, figures), each substance named once."""
        lead, blank, append = self.lead, self.blank, lines.append
        previous = None
        for key, figures in rows:
            if key == previous:
                # Its other unit classes follow on the lines below the name.
                append(blank + figures)
                continue
            previous = key
            name = lead[key]
            if name is None:
                # A long name takes a line of its own rather than pushing the columns off screen.
                lines += (self.names[key], blank + figures)
            else:
                append(name + figures)


# 'X(Y)' / 'X (Y)': a name with its gloss, as Korean '필로폰(메트암페타민)' is methamphetamine.
_GLOSSED = re.compile(r"^(?P<head>[^()]+?)\s*\((?P<gloss>[^()]+)\)$")


def _name(key: str) -> str:
    """A substance as the table names it: a glossed name too wide for the column by its
    narrower part ('필로폰', 'NPS'), so it stays on the figures' line (before: the Korean
    methamphetamine took a line of its own, wrapped on phones, put the columns out of line)."""
    name = substance_label(key)
    if width(name) > _NAME_WIDTH and (match := _GLOSSED.match(name)):
        name = min(match.group("head"), match.group("gloss"), key=width)
    return name if len(name) <= _LONGEST_NAME else name[: _LONGEST_NAME - 1] + "…"


def _group_lines(
    lines: list[str],
    group: SummaryGroup,
    table: _Table,
    counted: dict[int, str],
    start: int,
    end: int,
) -> None:
    if group.label:
        heading = "▸ " + _short(group.label)
        if group.cases is not None:
            cases = counted.get(group.cases)
            if cases is None:
                cases = counted[group.cases] = " · " + ngettext(
                    "{count:,} case", "{count:,} cases", group.cases
                ).format(count=group.cases)
            heading += cases
        lines += ("", heading)
    keys, figures = table.keys[start:end], table.figures[start:end]
    unclassified = table.unclassified
    if unclassified.isdisjoint(keys):
        table.extend(lines, zip(keys, figures, strict=True))
        return
    rows = list(zip(keys, figures, strict=True))
    classified = [row for row in rows if row[0] not in unclassified]
    table.extend(lines, classified)
    if classified or not group.label:
        lines.append("")  # else it reads as the end of the substance above it
    lines.append(_("Unclassified:"))
    table.extend(lines, [row for row in rows if row[0] in unclassified])


def _agency_lines(statuses: tuple[AgencyStatus, ...], *, filtered: bool = False) -> list[str]:
    if not statuses:
        return []
    reported = [a.code for a in statuses if a.reported]
    nil = [
        a.code + (f" ×{a.nil_returns}" if a.nil_returns > 1 else "")
        for a in statuses
        if a.nil_returns and not a.reported  # seizures win: never shown both ways
    ]
    silent = [a.code for a in statuses if a.silent]
    lines = [""]
    # Under a substance filter, still every report: an agency with other seizures is not silent.
    lead = _("Seizures reported (any kind):") if filtered else _("Seizures reported:")
    lines += _wrapped(lead + " ", reported)
    lines += _wrapped(_("Nil returns:") + " ", nil)
    lines += _wrapped(_("Silent:") + " ", silent)
    later = [a.code for a in statuses if not a.joined]  # in none of the lines above
    return lines + (_wrapped(_("Joined after this period:") + " ", later) if later else [])


def _wrapped(lead: str, codes: list[str]) -> list[str]:
    if not codes:
        return [lead + _("none")]
    lines, line = [], lead
    for i, code in enumerate(codes):
        piece = code + ("," if i < len(codes) - 1 else "")
        if len(line) + len(piece) > _WRAP and line.strip() != lead.strip():
            lines.append(line.rstrip())
            line = " " * 2
        line += piece + " "
    lines.append(line.rstrip())
    return lines


def _short(label: str) -> str:
    return label if len(label) <= _LONGEST_LABEL else label[: _LONGEST_LABEL - 1] + "…"
