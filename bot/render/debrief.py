"""The debriefing pack's PDF: an operation's results laid out as a customs report for a seminar.

No SQL and no Telegram here: it lays out a `Debrief` (storage/debrief.py gathers it). Blocking
(fpdf2 and matplotlib): run it off the event loop.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from fpdf import FPDF
from fpdf.fonts import FontFace

from bot.domain.debrief import Amount, Case, Debrief, Group
from bot.domain.equivalents import FACTORS, SOURCE, factor_for, kg_equivalent
from bot.domain.units import format_amount, format_number, substance_name
from bot.render import debrief_charts as charts
from bot.render.fonts import FALLBACKS, LATIN, faces
from bot.render.i18n import _, ngettext
from bot.render.labels import detection_label, transport_label

NAVY = (20, 45, 90)
GREY = (100, 100, 100)
HEAD = FontFace(color=(255, 255, 255), fill_color=NAVY)
MAX_GROUPS = 15  # lines of a breakdown; the rest are added up as one line
MAX_ROUTE = 8  # origins and destinations in the matrix


class _Pack(FPDF):
    def __init__(self, debrief: Debrief) -> None:
        super().__init__(format="A4")
        self.debrief = debrief
        # The Thai and Korean faces are parsed and subset (seconds each) only when a text needs
        # a character the Latin face lacks.
        self._fallbacks = [face for face in faces() if face.family in FALLBACKS]
        latin = next(face for face in faces() if face.family == LATIN)
        self.add_font(LATIN, "", latin.path)
        self._latin_chars = frozenset(self.fonts[LATIN.lower()].cmap)
        self.set_text_shaping(True)
        # Shaping every cell with harfbuzz made the pack take 12-17 s: line breaking measures
        # each growing fragment again. Only scripts with marks that stack (Thai) need it.
        self._shaping = self.text_shaping
        self.text_shaping = None
        self.set_auto_page_break(True, margin=18)
        self.set_margins(18, 18, 18)
        op = debrief.operation
        self.set_title(_("Operation {code}: debriefing pack").format(code=op.code))
        self.set_creator("OCU bot")

    def multi_cell(
        self, w: float, h: float | None = None, text: str = "", *args: Any, **kwargs: Any
    ) -> Any:
        self._prepare(text)
        return super().multi_cell(w, h, text, *args, **kwargs)

    def cell(
        self,
        w: float | None = None,
        h: float | None = None,
        text: str = "",
        *args: Any,
        **kwargs: Any,
    ) -> Any:
        self._prepare(text)
        return super().cell(w, h, text, *args, **kwargs)

    def _prepare(self, text: str) -> None:
        if self._fallbacks and any(
            ord(c) not in self._latin_chars and not c.isspace() for c in text
        ):
            for face in self._fallbacks:
                self.add_font(face.family, "", face.path)
            self.set_fallback_fonts([face.family for face in self._fallbacks])
            self._fallbacks = []
        self.text_shaping = self._shaping if needs_shaping(text) else None

    def header(self) -> None:
        if self.page_no() == 1:
            return
        op = self.debrief.operation
        self.set_font(LATIN, "", 8)
        self.set_text_color(*GREY)
        mark = _("EXERCISE") if op.exercise else _("LIVE")
        self.cell(0, 5, f"{op.code} — {op.title} · {mark}", new_x="LMARGIN", new_y="NEXT")
        self.set_draw_color(*NAVY)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.ln(4)
        self.set_text_color(0, 0, 0)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(LATIN, "", 8)
        self.set_text_color(*GREY)
        stamp = self.debrief.generated_at.strftime("%Y-%m-%d %H:%M UTC")
        self.cell(
            0,
            5,
            _("Generated {when} · page {page}").format(when=stamp, page=self.page_no()),
            align="C",
        )
        self.set_text_color(0, 0, 0)

    def heading(self, text: str) -> None:
        if self.get_y() > self.h - 60:
            self.add_page()
        self.set_font(LATIN, "", 15)
        self.set_text_color(*NAVY)
        self.cell(0, 9, text, new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(0, 0, 0)
        self.set_font(LATIN, "", 9)

    def note(self, text: str) -> None:
        self.set_font(LATIN, "", 8)
        self.set_text_color(*GREY)
        self.multi_cell(0, 4, text, new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(0, 0, 0)
        self.set_font(LATIN, "", 9)
        self.ln(2)

    def grid(
        self,
        heading: Sequence[str],
        rows: Sequence[Sequence[str]],
        widths: Sequence[float],
        align: Sequence[str] | None = None,
    ) -> None:
        self.set_font(LATIN, "", 9)
        kwargs: dict[str, Any] = {
            "col_widths": tuple(widths),
            "headings_style": HEAD,
            "line_height": 5,
            "borders_layout": "HORIZONTAL_LINES",
            "cell_fill_color": (240, 244, 249),
            "cell_fill_mode": "ROWS",
        }
        if align is not None:
            kwargs["text_align"] = tuple(align)
        with self.table(**kwargs) as table:
            for cells in (heading, *rows):
                row = table.row()
                for cell in cells:
                    row.cell(cell)
        self.ln(4)


def needs_shaping(text: str) -> bool:
    """Whether a text has characters that only read right when shaped (Thai, combining marks)."""
    return any("\u0e00" <= c <= "\u0e7f" or unicodedata.combining(c) for c in text)


def amount_text(amount: Amount) -> str:
    """'22 kg', '29,000 tablets': native units, never converted."""
    return format_amount(amount.value, amount.unit, amount.form or None)


def amounts_text(amounts: Sequence[Amount], limit: int = 3) -> str:
    """Up to `limit` amounts, one per line: '22 kg methamphetamine'."""
    lines = [f"{amount_text(a)} {substance_name(a.key)}" for a in amounts[:limit]]
    if len(amounts) > limit:
        lines.append(_("and {count} more").format(count=len(amounts) - limit))
    return "\n".join(lines) or "—"


def value_text(dimension: str, value: str | None) -> str:
    """A breakdown's value as people read it; None is 'not stated'."""
    if value is None:
        return _("not stated")
    if dimension == "transport":
        return transport_label(value)
    if dimension == "detection":
        return detection_label(value)
    return value


def build_pdf(debrief: Debrief) -> bytes:
    """The debriefing pack as PDF bytes."""
    pdf = _Pack(debrief)
    _cover(pdf, debrief)
    _headline(pdf, debrief)
    _timeline(pdf, debrief)
    _breakdowns(pdf, debrief)
    _routes(pdf, debrief)
    _cases(pdf, debrief)
    _compliance(pdf, debrief)
    _quality(pdf, debrief)
    return bytes(pdf.output())


def _cover(pdf: _Pack, d: Debrief) -> None:
    op = d.operation
    pdf.add_page()
    pdf.set_fill_color(*NAVY)
    pdf.rect(0, 0, pdf.w, 70, style="F")
    pdf.set_text_color(255, 255, 255)
    pdf.set_xy(18, 22)
    pdf.set_font(LATIN, "", 12)
    pdf.cell(0, 8, _("Joint customs operation · Debriefing pack"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(LATIN, "", 30)
    pdf.cell(0, 16, _("Operation {code}").format(code=op.code), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(LATIN, "", 14)
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
        [_("Seizure dates"), _("{first} to {last}").format(first=first, last=last)],
        [_("Time zone"), op.tz],
        [_("Phases"), ", ".join(p.name for p in d.phases) or "—"],
    ]
    pdf.grid([_("Operation"), op.code], rows, (50, 124))
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


def _headline(pdf: _Pack, d: Debrief) -> None:
    pdf.add_page()
    pdf.heading(_("Headline results"))
    pdf.note(
        _(
            "Per substance, in the units reported. A report with two substances counts once "
            "under each; the reports column is not added across substances."
        )
    )
    rows = [
        [substance_name(t.amount.key), amount_text(t.amount), format_number(Decimal(t.cases))]
        for t in d.totals
    ]
    pdf.grid(
        [_("Substance"), _("Seized"), _("Reports")],
        rows or [["—", "—", "0"]],
        (80, 60, 34),
        ("LEFT", "RIGHT", "RIGHT"),
    )
    pdf.heading(_("Kilogram-equivalent (for comparison only)"))
    eq_rows, unconverted = [], []
    for t in d.totals:
        a = t.amount
        kg = kg_equivalent(a.key, a.unit, a.form, a.value)
        if kg is None:
            unconverted.append(f"{amount_text(a)} {substance_name(a.key)}")
            continue
        factor = factor_for(a.key, a.unit, a.form)
        how = factor.per if factor else _("weighed")
        eq_rows.append([substance_name(a.key), amount_text(a), how, _kg(kg)])
    pdf.grid(
        [_("Substance"), _("As reported"), _("Factor"), _("kg-equivalent")],
        eq_rows or [["—", "—", "—", "—"]],
        (52, 44, 44, 34),
        ("LEFT", "RIGHT", "LEFT", "RIGHT"),
    )
    factors = "; ".join(
        f"{'any substance' if f.substance == '*' else substance_name(f.substance)}: {f.per}"
        for f in FACTORS
    )
    pdf.note(_("Factors: {factors}. Source: {source}.").format(factors=factors, source=SOURCE))
    if unconverted:
        pdf.note(
            _("Not converted (no agreed factor): {amounts}.").format(amounts="; ".join(unconverted))
        )
    if eq_rows:
        pdf.image(charts.kg_chart(d), w=pdf.epw)


def _kg(kg: Decimal) -> str:
    return format_number(kg.quantize(Decimal("0.001")))


def _timeline(pdf: _Pack, d: Debrief) -> None:
    pdf.add_page()
    pdf.heading(_("Phases and daily reporting"))
    zone = d.operation.zone
    by_phase = {g.value: g for g in d.breakdowns["phase"]}
    rows = []
    for phase in d.phases:
        group = by_phase.get(phase.name)
        rows.append(
            [
                phase.name,
                phase.starts_at.astimezone(zone).strftime("%Y-%m-%d %H:%M"),
                phase.ends_at.astimezone(zone).strftime("%Y-%m-%d %H:%M"),
                format_number(Decimal(group.cases if group else 0)),
            ]
        )
    pdf.grid(
        [_("Phase"), _("Starts"), _("Ends"), _("Reports")],
        rows or [["—", "—", "—", "0"]],
        (50, 45, 45, 34),
        ("LEFT", "LEFT", "LEFT", "RIGHT"),
    )
    if d.daily_by_agency:
        pdf.image(charts.daily_chart(d), w=pdf.epw)
        pdf.ln(3)
    _breakdown(pdf, d, "week", _("By week"))


def _breakdown(pdf: _Pack, d: Debrief, dimension: str, title: str) -> None:
    groups = list(d.breakdowns[dimension])
    if len(groups) > MAX_GROUPS:
        rest = groups[MAX_GROUPS - 1 :]
        groups = groups[: MAX_GROUPS - 1]
        groups.append(
            Group(_("other ({count})").format(count=len(rest)), sum(g.cases for g in rest), ())
        )
    pdf.heading(title)
    rows = [
        [value_text(dimension, g.value), format_number(Decimal(g.cases)), amounts_text(g.amounts)]
        for g in groups
    ]
    pdf.grid(
        [_("Value"), _("Reports"), _("Largest amounts")],
        rows or [["—", "0", "—"]],
        (56, 24, 94),
        ("LEFT", "RIGHT", "LEFT"),
    )


def _breakdowns(pdf: _Pack, d: Debrief) -> None:
    pdf.add_page()
    for dimension, title in (
        ("agency", _("By administration")),
        ("phase", _("By phase")),
        ("day", _("By day")),
        ("transport", _("By transport mode")),
        ("concealment", _("By concealment")),
        ("detection", _("By detection method")),
        ("location", _("By location")),
    ):
        _breakdown(pdf, d, dimension, title)


def _routes(pdf: _Pack, d: Debrief) -> None:
    pdf.add_page()
    pdf.heading(_("Routes: origin to destination (reports)"))
    origins: dict[str | None, int] = {}
    destinations: dict[str | None, int] = {}
    for r in d.routes:
        origins[r.origin] = origins.get(r.origin, 0) + r.cases
        destinations[r.destination] = destinations.get(r.destination, 0) + r.cases
    top_o = sorted(origins, key=lambda o: (-origins[o], o or ""))[:MAX_ROUTE]
    top_d = sorted(destinations, key=lambda o: (-destinations[o], o or ""))[:MAX_ROUTE]
    cell = {(r.origin, r.destination): r.cases for r in d.routes}
    rows = [
        [value_text("origin", o), *(str(cell.get((o, t), "")) for t in top_d), str(origins[o])]
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
            "Reports that name an origin or a destination; the matrix shows the {n} most "
            "frequent of each."
        ).format(n=MAX_ROUTE)
    )
    _breakdown(pdf, d, "origin", _("By origin"))
    _breakdown(pdf, d, "destination", _("By destination"))


def _cases(pdf: _Pack, d: Debrief) -> None:
    pdf.add_page()
    pdf.heading(_("Largest cases"))
    pdf.note(_("The largest report of each substance, largest first."))
    for case in d.cases:
        _case(pdf, d, case)


def _case(pdf: _Pack, d: Debrief, case: Case) -> None:
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
        lines.append(f"{amount_text(item.amount)} {substance_name(item.amount.key)}{extra}")
    # Words, not an arrow: the Latin face has no arrow, and one would load the Thai and Korean
    # faces into every pack.
    route = ""
    if case.origin or case.destination:
        route = _("{origin} to {destination}").format(
            origin=case.origin or "?", destination=case.destination or "?"
        )
    for label, value in (
        (_("Where"), case.location),
        (_("Route"), route or None),
        (_("Transport"), transport_label(case.transport) if case.transport else None),
        (_("Concealment"), case.concealment),
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


def _compliance(pdf: _Pack, d: Debrief) -> None:
    pdf.add_page()
    pdf.heading(_("Reporting compliance"))
    pdf.note(
        ngettext(
            "Over the {days} day of the operation so far. A silent day is one with neither a "
            "report nor a nil return from the administration. Delay: days from the seizure "
            "date to the report.",
            "Over the {days} days of the operation so far. A silent day is one with neither a "
            "report nor a nil return from the administration. Delay: days from the seizure "
            "date to the report.",
            d.period_days,
        ).format(days=d.period_days)
    )
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
            _("Silent days"),
            _("Median delay (days)"),
        ],
        rows or [["—"] * 7],
        (16, 50, 20, 20, 20, 20, 28),
        ("LEFT", "LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT", "RIGHT"),
    )


def _quality(pdf: _Pack, d: Debrief) -> None:
    q = d.quality
    pdf.heading(_("Data quality"))
    rows = [
        [_("Reports received (voided included)"), format_number(Decimal(q.reports_all))],
        [_("Voided (left out of every figure)"), format_number(Decimal(q.voided))],
        [_("Corrected after sending"), format_number(Decimal(q.corrected))],
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
