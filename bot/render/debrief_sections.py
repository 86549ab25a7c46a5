"""The debriefing pack's later sections: breakdowns, routes, notable cases, compliance, quality.

No SQL and no Telegram: they lay out parts of a `Debrief` on the pack's pages.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from bot.domain.debrief import Case, Debrief, Group
from bot.domain.units import format_number
from bot.render.debrief_cuts import added_up, kept_groups, matrix_ends
from bot.render.debrief_layout import (
    MAX_DAYS,
    MAX_GROUPS,
    MAX_ROUTE,
    NAVY,
    Pack,
    amount_text,
    amounts_text,
    value_text,
)
from bot.render.fonts import LATIN
from bot.render.i18n import _, day, ngettext
from bot.render.labels import detection_label, substance_label, transport_label

_NAMED = 8  # values named in the note under a breakdown that lumped some as 'other'


def _column(dimension: str) -> str:
    """The first column's heading: what the breakdown's values are."""
    names = {
        "agency": _("Administration"),
        "phase": _("Phase"),
        "day": _("Day"),
        "week": _("Week"),
        "transport": _("Transport"),
        "concealment": _("Concealment"),
        "detection": _("Detection"),
        "location": _("Location"),
        "origin": _("Origin"),
        "destination": _("Destination"),
    }
    return names.get(dimension, dimension)


def breakdown(pdf: Pack, d: Debrief, dimension: str, title: str) -> None:
    """One breakdown table: the largest values, the rest added up as one line, 'not stated' apart.

    The calendar's breakdowns (day, week, phase) list every line: a cut would lump the newest.
    """
    groups, rest, unstated = kept_groups(dimension, d.breakdowns[dimension], MAX_GROUPS)
    other = _("other ({count})").format(count=len(rest))
    if rest:
        groups.append(Group(other, sum(g.cases for g in rest), added_up(rest)))
    groups += unstated
    pdf.heading(title)
    rows = [
        [value_text(dimension, g.value), format_number(Decimal(g.cases)), amounts_text(g.amounts)]
        for g in groups
    ]
    pdf.grid(
        [_column(dimension), _("Cases"), _("Largest amounts")],
        rows or [["—", "0", "—"]],
        (56, 24, 94),
        ("LEFT", "RIGHT", "LEFT"),
    )
    if rest:
        # Before: 'other (2) 2 —', no amounts, and no word of why a place seen once was lumped
        # while others seen once were listed.
        names = ", ".join(value_text(dimension, g.value) for g in rest[:_NAMED])
        if len(rest) > _NAMED:
            names = _("{names} and {count} more").format(names=names, count=len(rest) - _NAMED)
        pdf.note(
            _(
                "“{other}” adds up {names}. A table keeps {limit} lines: the values with the "
                "most cases, and those holding some substance's largest amount."
            ).format(other=other, names=names, limit=MAX_GROUPS)
        )


def breakdowns(pdf: Pack, d: Debrief) -> None:
    """The breakdowns by administration, phase, (short operations) day, mode, method, place."""
    pdf.add_page()
    # A day table longer than two weeks is a page of near-identical lines: the timeline's
    # daily chart and week table carry the days instead.
    days = [("day", _("By day"))] if len(d.breakdowns["day"]) <= MAX_DAYS else []
    for dimension, title in (
        ("agency", _("By administration")),
        ("phase", _("By phase")),
        *days,
        ("transport", _("By transport mode")),
        ("concealment", _("By concealment")),
        ("detection", _("By detection method")),
        ("location", _("By location")),
    ):
        breakdown(pdf, d, dimension, title)


def routes(pdf: Pack, d: Debrief) -> None:
    """The route matrix, then the origins and destinations."""
    pdf.add_page()
    pdf.heading(_("Routes: origin to destination (cases)"))
    origins: dict[str | None, int] = {}
    destinations: dict[str | None, int] = {}
    for r in d.routes:
        origins[r.origin] = origins.get(r.origin, 0) + r.cases
        destinations[r.destination] = destinations.get(r.destination, 0) + r.cases
    shown_o, shown_d = matrix_ends(d.routes, MAX_ROUTE)
    top_o = sorted(shown_o, key=lambda o: (-origins[o], o or ""))
    top_d = sorted(shown_d, key=lambda t: (-destinations[t], t or ""))
    cell = {(r.origin, r.destination): r.cases for r in d.routes}
    rows = [
        [value_text("origin", o), *(str(cell.get((o, t), "–")) for t in top_d), str(origins[o])]
        for o in top_o
    ]
    width = (pdf.epw - 34) / (len(top_d) + 1)
    pdf.grid(
        [_("From \\ to"), *(value_text("destination", t) for t in top_d), _("Total")],
        rows or [["—"]],
        (34, *[width] * (len(top_d) + 1)),
    )
    pdf.note(
        _(
            "Cases that name an origin or a destination, a linked case once. The matrix shows "
            "up to {n} origins and {n} destinations: the routes that name both first, then the "
            "most frequent; a row's total counts all of its origin's cases."
        ).format(n=MAX_ROUTE)
    )
    breakdown(pdf, d, "origin", _("By origin"))
    breakdown(pdf, d, "destination", _("By destination"))


def cases(pdf: Pack, d: Debrief) -> None:
    """The largest cases, each with its first photo."""
    pdf.add_page()
    pdf.heading(_("Largest cases"))
    pdf.note(_("The largest report of each substance, largest first."))
    for case in d.cases:
        _case(pdf, d, case)


def _case(pdf: Pack, d: Debrief, case: Case) -> None:
    if pdf.get_y() > pdf.h - 70:
        pdf.add_page()
    top = pdf.get_y()
    text_w = pdf.epw - 62 if case.photo else pdf.epw
    pdf.set_font(LATIN, "", 11)
    pdf.set_text_color(*NAVY)
    pdf.cell(
        text_w,
        6,
        _("{code} #{number} · {day} · {agency}").format(
            code=d.operation.code,
            number=case.number,
            day=case.day.isoformat(),
            agency=case.agency or _("no administration"),
        ),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.set_text_color(0, 0, 0)
    pdf.set_font(LATIN, "", 9)
    lines = []
    for item in case.items:
        marks = [
            m
            for m, on in (
                (_("approximate"), item.approximate),
                (_("provisional"), item.provisional),
            )
            if on
        ]
        extra = f" ({', '.join(marks)})" if marks else ""
        lines.append(f"{amount_text(item.amount)} {substance_label(item.amount.key)}{extra}")
    # Words, not an arrow: the Latin face has no arrow, and one would load the Thai and Korean
    # faces into every pack.
    route = ""
    if case.origin or case.destination:
        # Worded as every other section words a missing value, never '?'.
        route = _("{origin} to {destination}").format(
            origin=value_text("origin", case.origin),
            destination=value_text("destination", case.destination),
        )
    for label, value in (
        (_("Where"), case.location),
        (_("Route"), route or None),
        (_("Transport"), transport_label(case.transport) if case.transport else None),
        # Worded as the breakdown by concealment words it (as grouped: 'speaker', '스피커').
        (
            _("Concealment"),
            value_text("concealment", case.concealment) if case.concealment else None,
        ),
        (_("Detection"), detection_label(case.detection) if case.detection else None),
        (_("Photos"), str(case.photos) if case.photos else None),
    ):
        if value:
            lines.append(f"{label}: {value}")
    pdf.multi_cell(text_w, 5, "\n".join(lines), new_x="LMARGIN", new_y="NEXT")
    bottom = pdf.get_y()
    if case.photo:
        try:
            info = pdf.image(_jpeg(case.photo), x=pdf.w - pdf.r_margin - 58, y=top, w=58)
            bottom = max(bottom, top + float(info.rendered_height))
        except Exception:  # a file that is no image a PDF can hold: the text stands alone
            pass
    pdf.set_y(bottom + 5)


def _jpeg(content: bytes) -> Any:
    """A photo made small for print (about 600 px), so a pack of many photos stays light."""
    import io

    from PIL import Image

    image = Image.open(io.BytesIO(content))
    image.thumbnail((600, 600))
    return image.convert("RGB")


def compliance(pdf: Pack, d: Debrief) -> None:
    """Reporting compliance per administration."""
    pdf.add_page()
    pdf.heading(_("Reporting compliance"))
    pdf.note(_period_note(d))
    rows = [
        [
            c.agency,
            c.name,
            format_number(Decimal(c.reports)),
            format_number(Decimal(c.nil_returns)),
            str(c.active_days),
            str(c.silent_days),
            "—" if c.median_delay_days is None else format_number(c.median_delay_days),
        ]
        for c in d.compliance
    ]
    pdf.grid(
        [
            _("Code"),
            _("Administration"),
            _("Reports"),
            _("Nil returns"),
            _("Days active"),
            _("Days with no report and no nil return"),
            _("Median delay (days)"),
        ],
        rows or [["—"] * 7],
        (16, 50, 20, 20, 20, 20, 28),
        ("LEFT", "LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT", "RIGHT"),
    )


def _period_note(d: Debrief) -> str:
    """The days compliance covers, and what its silent days count (not /summary's 'Silent')."""
    what = _(
        "Days with no report and no nil return: the days on which the administration sent "
        "neither, as the daily digest marks it silent (the Silent line of /summary names an "
        "administration that sent neither in the whole period asked). Delay: days from the "
        "seizure date to the report."
    )
    what += " " + _("An administration added during the period is counted from the day it joined.")
    if d.period_first is None or d.period_last is None:
        return what
    first, last = day(d.period_first), day(d.period_last)
    if d.phases:
        over = ngettext(
            "Over the operation's phases so far, {first} to {last} ({days} day), from the "
            "first phase's start rather than the first seizure.",
            "Over the operation's phases so far, {first} to {last} ({days} days), from the "
            "first phase's start rather than the first seizure.",
            d.period_days,
        )
    else:
        over = ngettext(
            "Over the seizure dates, {first} to {last} ({days} day).",
            "Over the seizure dates, {first} to {last} ({days} days).",
            d.period_days,
        )
    return over.format(first=first, last=last, days=d.period_days) + " " + what


def quality(pdf: Pack, d: Debrief) -> None:
    """What the figures rest on."""
    q = d.quality
    pdf.heading(_("Data quality"))
    rows = [
        [_("Reports received (voided included)"), format_number(Decimal(q.reports_all))],
        [_("Voided (left out of every figure)"), format_number(Decimal(q.voided))],
        [_("Corrected after sending (voided not included)"), format_number(Decimal(q.corrected))],
        [_("Provisional items (awaiting the lab)"), format_number(Decimal(q.provisional_items))],
        [_("Approximate amounts"), format_number(Decimal(q.approximate_items))],
        [_("Unclassified items"), format_number(Decimal(q.unclassified_items))],
        [_("Reports with no administration"), format_number(Decimal(q.no_agency))],
        [_("Photos kept / not kept"), f"{q.photos_kept} / {q.photos_not_kept}"],
    ]
    pdf.grid([_("Check"), _("Count")], rows, (130, 44), ("LEFT", "RIGHT"))
    if q.unclassified_words:
        pdf.note(
            _("Unclassified names (items): {names}. /alias maps a name to a substance.").format(
                names=", ".join(f'"{w}" ({n})' for w, n in q.unclassified_words)
            )
        )
