"""The debriefing pack's page furniture: the document class, its tables and its wording helpers.

No SQL and no Telegram: fpdf2 only. The sections live in bot/render/debrief.py (results) and
bot/render/debrief_sections.py (breakdowns, routes, cases, compliance, quality).
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Sequence
from typing import Any

from fpdf import FPDF
from fpdf.fonts import FontFace, TTFFont

from bot.domain.debrief import Amount, Debrief
from bot.render.amounts import format_amount
from bot.render.fonts import FALLBACKS, LATIN, faces
from bot.render.i18n import _
from bot.render.labels import detection_label, substance_label, transport_label
from bot.render.pdf_text import install
from bot.render.summary import detail_label

install()  # shaped Thai copies out as written (before: 'ยาบา้' for 'ยาบ้า')

NAVY = (20, 45, 90)
GREY = (100, 100, 100)
HEAD = FontFace(color=(255, 255, 255), fill_color=NAVY)
MAX_GROUPS = 10  # lines of a breakdown; the rest are added up as one line
MAX_DAYS = 14  # a longer operation has no day table (the chart and weeks carry the days)
MAX_ROUTE = 8  # origins and destinations in the matrix


class Pack(FPDF):
    """An A4 page set for the pack: header, footer, headings, notes and tables."""

    def __init__(self, debrief: Debrief) -> None:
        super().__init__(format="A4")
        self.debrief = debrief
        # The Thai and Korean faces are parsed and subset (seconds each) only when a text needs
        # a character the Latin face lacks.
        self._fallbacks = [face for face in faces() if face.family in FALLBACKS]
        latin = next(face for face in faces() if face.family == LATIN)
        self.add_font(LATIN, "", latin.path)
        font = self.fonts[LATIN.lower()]
        assert isinstance(font, TTFFont)
        self._latin_chars = frozenset(font.cmap)
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


def amounts_text(amounts: Sequence[Amount], limit: int = 2) -> str:
    """Up to `limit` amounts, one per line: '22 kg methamphetamine', the last with 'and N more'."""
    lines = [f"{amount_text(a)} {substance_label(a.key)}" for a in amounts[:limit]]
    if len(amounts) > limit:
        lines[-1] = _("{amount} and {count} more").format(
            amount=lines[-1], count=len(amounts) - limit
        )
    return "\n".join(lines) or "—"


def value_text(dimension: str, value: str | None) -> str:
    """A breakdown's value as people read it; None is 'not stated'."""
    if value is None:
        return _("not stated")
    if dimension == "transport":
        return transport_label(value)
    if dimension == "detection":
        return detection_label(value)
    if dimension == "concealment":
        return detail_label(dimension, value)  # headed as /summary heads it
    return value


def place_image(pdf: Pack, png: bytes, *, least: float = 45) -> None:
    """A chart at the page's width, made smaller to fit what is left of the page.

    A new page only when less than `least` mm remain, so a chart never sits alone on a page
    after a table that just filled the previous one.
    """
    from PIL import Image

    width, height = Image.open(io.BytesIO(png)).size
    room = pdf.h - pdf.b_margin - pdf.get_y() - 2
    w = pdf.epw
    if w * height / width > room:
        if room < least:
            pdf.add_page()
        else:
            w = room * width / height
    pdf.image(io.BytesIO(png), x=pdf.l_margin + (pdf.epw - w) / 2, w=w)
    pdf.ln(3)
