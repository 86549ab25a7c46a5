"""The debriefing pack's PDF: an operation's results laid out as a customs report for a seminar.

No SQL and no Telegram here: it lays out a `Debrief` (storage/debrief.py gathers it). Blocking
(fpdf2 and matplotlib): run it off the event loop. This module has the cover, the headline
results and the timeline; bot/render/debrief_sections.py the rest, debrief_layout.py the page.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from bot.domain.debrief import Debrief, Total
from bot.domain.equivalents import FACTORS, SOURCE, factor_for, kg_equivalent
from bot.domain.units import format_number
from bot.render import debrief_charts as charts
from bot.render.clock import end_text, start_text
from bot.render.debrief_layout import MAX_DAYS, NAVY, Pack, amount_text, place_image
from bot.render.debrief_sections import (
    breakdown,
    breakdowns,
    cases,
    compliance,
    quality,
    routes,
)
from bot.render.fonts import LATIN
from bot.render.i18n import _, ngettext
from bot.render.labels import substance_label

_UNIT_ORDER = {"g": 0, "ml": 1, "unit": 2}


def build_pdf(debrief: Debrief) -> bytes:
    """The debriefing pack as PDF bytes."""
    pdf = Pack(debrief)
    _cover(pdf, debrief)
    _headline(pdf, debrief)
    _timeline(pdf, debrief)
    breakdowns(pdf, debrief)
    routes(pdf, debrief)
    cases(pdf, debrief)
    _linked(pdf, debrief)
    compliance(pdf, debrief)
    quality(pdf, debrief)
    return bytes(pdf.output())


def by_substance(totals: Sequence[Total]) -> list[tuple[str, list[Total]]]:
    """Classified totals grouped by substance, the largest first (kg-equivalent, then reports).

    Within a substance: weighed, then volumes, then counted (kg, L, tablets).
    """
    groups: dict[str, list[Total]] = {}
    for total in totals:
        if not total.amount.key.startswith("?"):
            groups.setdefault(total.amount.key, []).append(total)

    def weight(entry: tuple[str, list[Total]]) -> tuple[Decimal, int, str]:
        key, rows = entry
        kg = sum(
            (
                kg_equivalent(key, t.amount.unit, t.amount.form, t.amount.value) or Decimal(0)
                for t in rows
            ),
            Decimal(0),
        )
        return (-kg, -sum(t.cases for t in rows), key)

    return [
        (key, sorted(rows, key=lambda t: (_UNIT_ORDER.get(t.amount.unit, 3), t.amount.form)))
        for key, rows in sorted(groups.items(), key=weight)
    ]


def _headline(pdf: Pack, d: Debrief) -> None:
    pdf.add_page()
    pdf.heading(_("Headline results"))
    pdf.note(
        _(
            "Per substance, in the units reported, largest first. A case with two substances "
            "counts once under each; the cases column is not added across substances."
        )
    )
    grouped = by_substance(d.totals)
    rows = [
        [
            substance_label(key) if n == 0 else "",
            amount_text(t.amount),
            format_number(Decimal(t.cases)),
        ]
        for key, totals in grouped
        for n, t in enumerate(totals)
    ]
    pdf.grid(
        [_("Substance"), _("Seized"), _("Cases")],
        rows or [["—", "—", "0"]],
        (80, 60, 34),
        ("LEFT", "RIGHT", "RIGHT"),
    )
    unclassified = sorted(
        (t for t in d.totals if t.amount.key.startswith("?")),
        key=lambda t: (t.amount.key, _UNIT_ORDER.get(t.amount.unit, 3), t.amount.form),
    )
    if unclassified:
        pdf.heading(_("Not yet classified"))
        pdf.note(
            _(
                "As the officers wrote them; not in the totals above nor in the "
                "kilogram-equivalent. /alias maps a name to a substance."
            )
        )
        pdf.grid(
            [_("Name as written"), _("Seized"), _("Cases")],
            [
                [substance_label(t.amount.key), amount_text(t.amount), str(t.cases)]
                for t in unclassified
            ],
            (80, 60, 34),
            ("LEFT", "RIGHT", "RIGHT"),
        )
    if d.linked:
        linked = sum(len(case.reports) for case in d.linked)
        pdf.note(
            ngettext(
                "{reports} reports are linked into {count} case. As in /summary, a linked case "
                "counts once in the totals, at its largest report's amount of each substance "
                "(never the sum); in a breakdown, a case whose reports fall in different rows "
                "shows in each. Its reports are listed under Linked cases.",
                "{reports} reports are linked into {count} cases. As in /summary, a linked case "
                "counts once in the totals, at its largest report's amount of each substance "
                "(never the sum); in a breakdown, a case whose reports fall in different rows "
                "shows in each. Their reports are listed under Linked cases.",
                len(d.linked),
            ).format(reports=linked, count=len(d.linked))
        )
    _equivalents(pdf, d, grouped)


def _equivalents(pdf: Pack, d: Debrief, grouped: list[tuple[str, list[Total]]]) -> None:
    pdf.heading(_("Kilogram-equivalent (for comparison only)"))
    eq_rows, unconverted = [], []
    for key, totals in grouped:
        first, added, parts = True, Decimal(0), 0
        for t in totals:
            a = t.amount
            kg = kg_equivalent(a.key, a.unit, a.form, a.value)
            if kg is None:
                unconverted.append(f"{amount_text(a)} {substance_label(a.key)}")
                continue
            factor = factor_for(a.key, a.unit, a.form)
            how = _(factor.per) if factor else _("weighed")
            eq_rows.append([substance_label(key) if first else "", amount_text(a), how, _kg(kg)])
            first, added, parts = False, added + kg, parts + 1
        if parts > 1:
            # The chart's bar adds them: its figure is in the table too, never only on the bar.
            eq_rows.append(["", _("Total (the chart's bar)"), "", _kg(added)])
    if eq_rows:
        place_image(pdf, charts.kg_chart(d), least=30)
        pdf.note(
            _(
                "Each bar adds up a substance's kilograms weighed and its tablets and litres "
                "at the factors below; the table shows each part and, under them, the total."
            )
        )
    pdf.grid(
        [_("Substance"), _("As reported"), _("Factor"), _("kg-equivalent")],
        eq_rows or [["—", "—", "—", "—"]],
        (52, 44, 44, 34),
        ("LEFT", "RIGHT", "LEFT", "RIGHT"),
    )
    factors = "; ".join(
        _("{substance}: {factor}").format(
            substance=_("any substance") if f.substance == "*" else substance_label(f.substance),
            factor=_(f.per),
        )
        for f in FACTORS
    )
    text = _("Factors: {factors} ({source}).").format(factors=factors, source=_(SOURCE))
    if unconverted:
        text += " " + _("Not converted (no agreed factor): {amounts}.").format(
            amounts="; ".join(unconverted)
        )
    pdf.note(text)


def _kg(kg: Decimal) -> str:
    return charts.kg_text(kg)


def _linked(pdf: Pack, d: Debrief) -> None:
    """Each case /link made: its reports with their parts, and the amount counted once."""
    if not d.linked:
        return
    pdf.heading(_("Linked cases"))
    pdf.note(
        _(
            "Reports a coordinator made one case with /link. A case counts each substance "
            "once, at its largest report's amount, never the sum."
        )
    )
    rows = []
    for case in d.linked:
        for n, report in enumerate(case.reports):
            rows.append(
                [
                    _("Case {number}").format(number=case.number) if n == 0 else "",
                    _("#{number}").format(number=report.number),
                    report.agency or "—",
                    ", ".join(f"{substance_label(a.key)} {amount_text(a)}" for a in report.amounts),
                ]
            )
        rows.append(
            [
                "",
                "",
                _("Counted once"),
                ", ".join(f"{substance_label(a.key)} {amount_text(a)}" for a in case.counted),
            ]
        )
    pdf.grid(
        [_("Case"), _("Report"), _("Agency"), _("Amounts")],
        rows,
        (26, 20, 30, 98),
        ("LEFT", "LEFT", "LEFT", "LEFT"),
    )


def _cover(pdf: Pack, d: Debrief) -> None:
    op = d.operation
    pdf.add_page()
    pdf.set_fill_color(*NAVY)
    pdf.rect(0, 0, pdf.w, 70, style="F")
    pdf.set_text_color(255, 255, 255)
    pdf.set_xy(18, 22)
    pdf.set_font(LATIN, "", 12)
    pdf.cell(0, 8, _("Joint customs operation · Debriefing pack"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(LATIN, "", 30)
    name = _("Operation {code}").format(code=op.code)
    pdf.cell(0, 16, name, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(LATIN, "", 14)
    # A title that only repeats the name ('Operation Siren') is not printed a second time.
    if op.title.strip().casefold() not in (name.casefold(), op.code.casefold()):
        pdf.cell(0, 8, op.title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.set_y(82)
    mark = _("EXERCISE — training data, not real seizures") if op.exercise else _("LIVE")
    pdf.set_fill_color(*((200, 60, 40) if op.exercise else (30, 120, 60)))
    pdf.set_text_color(255, 255, 255)
    pdf.set_font(LATIN, "", 12)
    pdf.cell(
        pdf.get_string_width(mark) + 10,
        9,
        mark,
        fill=True,
        align="C",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.set_text_color(0, 0, 0)
    pdf.set_fill_color(255, 255, 255)
    pdf.ln(8)
    first = d.first_day.isoformat() if d.first_day else "—"
    last = d.last_day.isoformat() if d.last_day else "—"
    rows = [
        [_("Reports (live)"), format_number(Decimal(d.reports))],
        [_("Cases (linked reports once)"), format_number(Decimal(d.case_count))],
        [_("Seizure dates"), _("{first} to {last}").format(first=first, last=last)],
        [_("Time zone"), op.tz],
        [_("Phases"), ", ".join(p.name for p in d.phases) or "—"],
    ]
    # Headed by what the table holds: 'Operation SIREN' is already the cover's title.
    pdf.grid([_("At a glance"), ""], rows, (50, 124))
    pdf.heading(_("Participating administrations"))
    pdf.grid(
        [_("Code"), _("Administration")], [list(a) for a in d.agencies] or [["—", "—"]], (30, 144)
    )
    pdf.note(
        _(
            "Figures count live reports only (voided reports are left out and listed under data "
            "quality). Amounts are in the units reported; kilogram-equivalents are shown apart, "
            "with their factors. Dates are seizure dates in the operation's time zone."
        )
    )


def _timeline(pdf: Pack, d: Debrief) -> None:
    pdf.add_page()
    pdf.heading(_("Phases and daily reporting"))
    tz = d.operation.tz
    by_phase = {g.value: g for g in d.breakdowns["phase"]}
    rows = []
    for phase in d.phases:
        group = by_phase.get(phase.name)
        rows.append(
            [
                phase.name,
                # Worded as /phase words them: the end is exclusive, the last day is shown.
                start_text(phase, tz),
                end_text(phase, tz),
                format_number(Decimal(group.cases if group else 0)),
            ]
        )
    pdf.grid(
        [_("Phase"), _("Starts"), _("Ends"), _("Cases")],
        rows or [["—", "—", "—", "0"]],
        (50, 45, 45, 34),
        ("LEFT", "LEFT", "LEFT", "RIGHT"),
    )
    if d.daily_by_agency:
        place_image(pdf, charts.daily_chart(d))
    breakdown(pdf, d, "week", _("By week"))
    if len(d.breakdowns["day"]) > MAX_DAYS:
        pdf.note(_("Day by day: the chart above; every report, with its date, is in the annex."))
