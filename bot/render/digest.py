"""The daily digest's text: what was recorded since the last one, the totals, phase, agencies.

Pure: no Telegram, no SQL. storage.schedule.digest_facts gathers the facts; this lays them out.
Times are shown in the operation's zone and, for an agency in another zone, in its zone too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from html import escape as _escape
from html import unescape

from bot.domain.digest import MAX_REPORT_LINES, Amount, DigestFacts, RecentReport
from bot.domain.seizure import PLACE_MAX
from bot.domain.unit import Agency, Operation
from bot.domain.when import zone
from bot.render.amounts import split_amount, unit_column, written
from bot.render.clock import phase_status
from bot.render.i18n import (
    _,
    city,
    clock,
    current_locale,
    ljust,
    moment,
    ngettext,
    number,
    rjust,
    using,
    weekday,
    weekday_date,
    width,
)
from bot.render.labels import substance_label


def escape(text: str) -> str:
    """HTML-safe text; quotes stay as typed (they are fine outside attributes)."""
    return _escape(text, quote=False)


MAX_TOTAL_LINES = 25
_NAME_WIDTH = 16
# Telegram takes 4096 characters; leave room for the EXERCISE label and a late line.
TEXT_BUDGET = 3800
_TAG = re.compile(r"<[^>]*>")


def _time(when: datetime, tz: str) -> str:
    return clock(when.astimezone(zone(tz)))


def _local(when: datetime, tz: str) -> str:
    return moment(when.astimezone(zone(tz)))


def dual_time(when: datetime, operation_tz: str, agency: Agency | None) -> str:
    """'Sat 14:05', or 'Sat 14:05 (Bangkok 12:05)' when the agency lives in another zone."""
    local = when.astimezone(zone(operation_tz))
    text = f"{weekday(local.date())} {clock(local)}"
    if agency is not None and agency.tz != operation_tz:
        text += f" ({escape(city(agency.tz))} {_time(when, agency.tz)})"
    return text


def _amount_text(amount: Amount) -> str:
    return written(*split_amount(amount.amount, amount.unit, amount.form))


def _table(amounts: Sequence[Amount], limit: int) -> list[str]:
    """An aligned <pre> table of amounts, classified substances before unclassified ones."""
    ordered = sorted(amounts, key=Amount.sort_key)
    shown = ordered[:limit]
    cells = [split_amount(a.amount, a.unit, a.form) for a in shown]
    names = [substance_label(a.substance_key) for a in shown]
    name_width = min(_NAME_WIDTH, max([width(n) for n in names] + [1]))
    figures = max([width(n) for n, _w in cells] + [1])
    word = max([width(w) for _n, w in cells] + [1])
    # Counts right-aligned too, padded inside the sentence: '{n}건' reads ' 2건' over '10건'.
    counts = [number(a.cases) for a in shown]
    count_width = max([width(c) for c in counts] + [1])
    lines = []
    previous = None
    for amount, name, (num, unit), count in zip(shown, names, cells, counts, strict=True):
        if amount.substance_key.startswith("?") and not (previous or "").startswith("?"):
            lines.append(_("Unclassified:"))
        label = name if amount.substance_key != previous else ""
        previous = amount.substance_key
        cases = ngettext("{n} case", "{n} cases", amount.cases).format(n=rjust(count, count_width))
        row = f"{rjust(num, figures)}{unit_column(unit, word)}  {cases}"
        if width(label) > name_width:
            lines += [escape(label), f"{'':<{name_width}}  {row}"]
        else:
            lines.append(f"{escape(ljust(label, name_width))}  {row}")
    text = ["<pre>" + "\n".join(line.rstrip() for line in lines) + "</pre>"]
    if len(ordered) > limit:
        more = len(ordered) - limit
        text.append(
            ngettext(
                "… and {n} more line: /summary", "… and {n} more lines: /summary", more
            ).format(n=number(more))
        )
    return text


# A report's line is one of several in one message: a long list of items is cut so that the
# newest reports are listed, not crowded out by one 4,000-character field; and so is a place
# longer than reports now record (an older report's, or an imported one).
_LOCATION_CHARS = PLACE_MAX
_ITEMS_CHARS = 240


def _report_line(report: RecentReport, operation: Operation, agencies: dict[int, Agency]) -> str:
    agency = agencies.get(report.agency_id) if report.agency_id is not None else None
    who = escape(agency.code) if agency else _("no agency")
    what = escape(
        _note(
            ", ".join(
                f"{_amount_text(i)} {substance_label(i.substance_key)}" for i in report.items
            ),
            _ITEMS_CHARS,
        )
    )
    # Listed by when it was reported: a seizure of another day says its own day.
    seized = report.seized_on
    reported = report.reported_at.astimezone(zone(operation.tz)).date()
    if seized == reported:
        seized = None
    if report.location and seized:
        line = _("• {time} {agency} — {items} at {location} (#{number}, seized {day})")
    elif report.location:
        line = _("• {time} {agency} — {items} at {location} (#{number})")
    elif seized:
        line = _("• {time} {agency} — {items} (#{number}, seized {day})")
    else:
        line = _("• {time} {agency} — {items} (#{number})")
    return line.format(
        time=dual_time(report.reported_at, operation.tz, agency),
        agency=who,
        items=what or _("no amount"),
        location=escape(_note(report.location or "", _LOCATION_CHARS)),
        number=report.number,
        # Another year's day says its year: 'Tue 02 Dec' of last year reads as tomorrow.
        day=weekday_date(seized, year=seized.year != reported.year) if seized else "",
    )


def _note(note: str, limit: int) -> str:
    return note if len(note) <= limit else note[: limit - 1].rstrip() + "…"


def _agency_lines(facts: DigestFacts, note_limit: int) -> list[str]:
    tz = facts.operation.tz
    lines = []
    for agency in facts.agencies:
        code = escape(agency.code)
        reports = facts.reported.get(agency.id, 0)
        nil = facts.nil_returns.get(agency.id)
        if reports:
            lines.append(
                ngettext(
                    "✅ {agency}: reported {n} seizure",
                    "✅ {agency}: reported {n} seizures",
                    reports,
                ).format(agency=code, n=number(reports))
            )
        elif nil is not None:
            at = dual_time(nil.reported_at, tz, agency)
            if nil.note and note_limit:
                line = _("☑️ {agency}: nil return at {time}: “{note}”")
            else:
                line = _("☑️ {agency}: nil return at {time}")
            note = escape(_note(nil.note or "", note_limit))
            lines.append(line.format(agency=code, time=at, note=note))
        else:
            lines.append(_("⚪ {agency}: silent").format(agency=code))
    return lines


# Less detail until it fits one message: (reports listed, total lines, note characters).
_TIERS = ((MAX_REPORT_LINES, MAX_TOTAL_LINES, 300), (5, 15, 80), (0, 10, 30), (0, 10, 0))


def digest_text(
    facts: DigestFacts,
    *,
    preview: bool = False,
    budget: int = TEXT_BUDGET,
    languages: Sequence[str] = (),
) -> str:
    """The digest as Telegram HTML (without the EXERCISE label, which the sender adds).

    With a group's `languages`, `budget` is theirs together: every language lists the same
    reports, as many as let all of them share one message (not half of it each).
    """
    written = tuple(languages) or (current_locale(),)
    reports, totals, notes = _TIERS[_fitting(facts, preview, budget, written)]
    return _digest(facts, preview=preview, max_reports=reports, max_totals=totals, note_limit=notes)


def _fitting(facts: DigestFacts, preview: bool, budget: int, languages: Sequence[str]) -> int:
    """The most detailed tier at which the digest in all of `languages` fits `budget`, counted
    as Telegram counts: the cut is Telegram's limit, not the markup's length."""
    for tier, (reports, totals, notes) in enumerate(_TIERS):
        size = 0
        for language in languages:
            with using(language):
                size += _shown(
                    _digest(
                        facts,
                        preview=preview,
                        max_reports=reports,
                        max_totals=totals,
                        note_limit=notes,
                    )
                )
        if size <= budget:
            return tier
    return len(_TIERS) - 1


def _shown(text: str) -> int:
    """What Telegram counts of an HTML text (UTF-16 units of what is shown): tags are free."""
    return len(unescape(_TAG.sub("", text)).encode("utf-16-le")) // 2


def _reports_command(facts: DigestFacts, shown: int) -> str:
    """The /reports period that lists the reports not shown: by their seizure days, which may
    be long before they were recorded (so not /summary today)."""
    days = facts.earlier_seized if shown == len(facts.recent) else facts.seized
    if days is None:
        return "/reports"
    first, last = days
    return f"/reports {first.isoformat()}" if first == last else f"/reports {first}..{last}"


def _digest(
    facts: DigestFacts, *, preview: bool, max_reports: int, max_totals: int, note_limit: int
) -> str:
    op = facts.operation
    tz = op.tz
    if preview:
        title = _("📋 <b>Preview of the daily digest</b> · {code} · {when} ({tz})")
    else:
        title = _("📋 <b>Daily digest</b> · {code} · {when} ({tz})")
    since = _local(facts.since, tz)
    if facts.report_count:
        recorded = ngettext(
            "<b>Recorded since {since}</b> (by time of report): {n} report",
            "<b>Recorded since {since}</b> (by time of report): {n} reports",
            facts.report_count,
        ).format(since=since, n=number(facts.report_count))
    else:
        recorded = _("<b>Recorded since {since}</b> (by time of report): no reports").format(
            since=since
        )
    lines = [
        title.format(code=escape(op.code), when=_local(facts.until, tz), tz=escape(tz)),
        phase_status(op, list(facts.phases), facts.until),
        "",
        recorded,
    ]
    if facts.recent_totals:
        lines += _table(facts.recent_totals, max_totals)
    agencies = {a.id: a for a in facts.agencies}
    recent = facts.recent[:max_reports]
    lines += [_report_line(r, op, agencies) for r in recent]
    if facts.report_count and not recent:
        # Nothing listed above: not "and N earlier ones", which reads as if some were.
        # /reports lists by seizure day, with older and voided reports of those days: said,
        # so that 25 reports listed for the 8 counted here are no surprise (it has no filter
        # for 'recorded since' or 'not voided').
        lines.append(
            ngettext(
                "The report: {command} (all reports seized on those days, voided too)",
                "The {n} reports: {command} (all reports seized on those days, voided too)",
                facts.report_count,
            ).format(n=number(facts.report_count), command=_reports_command(facts, 0))
        )
    elif facts.report_count > len(recent):
        earlier = facts.report_count - len(recent)
        lines.append(
            ngettext(
                "… and {n} earlier one: {command} (all reports seized on those days, voided too)",
                "… and {n} earlier ones: {command} (all reports seized on those days, voided too)",
                earlier,
            ).format(n=number(earlier), command=_reports_command(facts, len(recent)))
        )
    lines += ["", _("<b>Running totals</b> (whole operation, by seizure date)")]
    lines += _table(facts.totals, max_totals) if facts.totals else [_("No seizures yet.")]
    if facts.agencies:
        lines += [
            "",
            _("<b>Agencies</b> (since {since})").format(since=since),
            *_agency_lines(facts, note_limit),
        ]
    return "\n".join(lines)
