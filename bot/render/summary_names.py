"""What a summary's file and a chart are called: the period and breakdown they hold."""

from __future__ import annotations

import re
from datetime import datetime
from html import escape

from bot.domain.summary import Dimension, Summary, SummaryRequest
from bot.render.i18n import N_, _, day, ngettext
from bot.render.labels import filter_label


def summary_filename(summary: Summary, now: datetime) -> str:
    """'EXERCISE-SIREN-summary-week-by-agency-20261130-0654Z.txt': what and when, as exports."""
    return _filename(summary.operation_code, summary.exercise, summary.request, now)


def _filename(code: str, exercise: bool, request: SummaryRequest, now: datetime) -> str:
    period = request.period
    if period.kind == "date" and period.first is not None:
        what = period.first.isoformat()
    elif period.kind == "range" and period.first is not None and period.last is not None:
        what = f"{period.first.isoformat()}_to_{period.last.isoformat()}"
    elif period.kind == "phase" and period.name:
        what = "phase-" + re.sub(r"[^\w-]+", "_", period.name).strip("_")
    else:
        what = period.kind
    if request.dimension is not None:
        what += f"-by-{request.dimension.value}"
    stamp = now.strftime("%Y%m%d-%H%MZ")
    return f"{'EXERCISE-' if exercise else ''}{code}-summary-{what}-{stamp}.txt"


def chart_caption(code: str, request: SummaryRequest, folded: int = 0) -> str:
    """'SIREN · last 7 days by agency — /summary gives the exact figures' (HTML), and how
    many substances with the smallest amounts are drawn together as "other", if any."""
    period = request.period
    first = day(period.first) if period.first else ""
    last = day(period.last) if period.last else ""
    charted = {
        "today": _("today"),
        "yesterday": _("yesterday"),
        "week": _("last 7 days"),
        "month": _("this month so far"),
        "phase": _("phase {name}").format(name=period.name) if period.name else _("current phase"),
        "date": first,
        "range": f"{first} – {last}",
    }.get(period.kind, _("whole operation"))
    filters = []
    if request.substance is not None:
        # The words typed when the catalogue does not know them: what was asked, not '?…'.
        key, form = request.substance.key, request.substance.form
        filters.append(request.substance.typed if key.startswith("?") else filter_label(key, form))
    if request.agency_code is not None:
        filters.append(_("agency {code}").format(code=request.agency_code))
    if filters:
        # A chart of one substance must say so beside the photo, not only on the picture.
        charted = _("{period}, only {filters}").format(period=charted, filters=", ".join(filters))
    if request.dimension is Dimension.AGENCY:
        text = _("{code} · {period} by agency — /summary gives the exact figures")
    else:
        text = _("{code} · {period} — /summary gives the exact figures")
    caption = text.format(code=escape(code), period=escape(charted))
    if folded:
        caption += "\n" + ngettext(
            "{n} substance with the smallest amounts is drawn as “other”.",
            "{n} substances with the smallest amounts are drawn together as “other”.",
            folded,
        ).format(n=folded)
    return caption


def periods_help(command: str) -> str:
    """The periods /summary and /chart read, each form with an example that works (plain text)."""
    return _(
        "Periods: today, yesterday, week (the last 7 days), this week (Monday to today), last "
        "week (Monday to Sunday), month (this month so far), last month, phase (the current "
        "one), phase NAME, all, a day (/{command} "
        "2026-11-20 or /{command} 20 Nov), a month (/{command} 2026-11) or a range "
        "(/{command} 2026-11-01..2026-11-20 or /{command} 28 Nov..1 Dec)."
    ).format(command=command)


def unknown_phase(name: str, known: tuple[str, ...], command: str) -> str:
    """'phase NAME' names no phase of the operation: its phases, and one that works."""
    if not known:
        return _("This operation has no phases yet — e.g. /{command} all").format(command=command)
    return _(
        "No phase is named '{name}' (phases: {names}) — e.g. /{command} phase {example}"
    ).format(name=name, names=", ".join(known), command=command, example=known[0])


def no_phases(code: str, name: str | None, command: str) -> str:
    """'phase' or 'phase NAME' asked of an operation that has no phases at all."""
    how = _("(a coordinator adds one with /phase add NAME START END) — e.g. /{command} all")
    if name:
        said = _("There is no phase '{name}': {code} has no phases yet").format(
            name=name, code=code
        )
    else:
        said = _("{code} has no phases yet, so none is running").format(code=code)
    return f"{said} {how.format(command=command)}"


def before_it_began(summary: Summary) -> str:
    """A period before the operation's first day with nothing dated in it: its days named, as a
    report dated early (Record it under the question) may be counted there."""
    first, last = summary.heading.dates.first, summary.heading.dates.last
    assert summary.began is not None and first is not None and last is not None
    dates = day(first) if first == last else f"{day(first)} – {day(last)}"
    return _("No reports dated {dates}, before the operation began on {day}.").format(
        dates=dates, day=day(summary.began)
    )


# A breakdown with a linked case whose reports fall in different groups (two agencies, two
# days, two phases): why its groups add up to more than the totals.
AGENCIES_OF_A_CASE = N_(
    "A linked case whose reports fall in different groups shows in each, at its own reports' "
    "amounts; the case count above and /summary without a breakdown count it once."
)


def nothing_shown(truncated: bool) -> str:
    """A summary with no group to show: none recorded, or (`truncated`) the first group alone
    has more rows than a summary lists, so it was left out whole; never 'no seizures' then."""
    if truncated:
        return _(
            "Too many substances to list here: /export gives them all, or narrow it down, "
            "e.g. /summary week agency=KCS or /summary meth"
        )
    return _("No seizures recorded in this period.")
