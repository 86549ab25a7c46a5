"""The debriefing pack's charts, drawn for paper: reports per day over the phases, and kg-eq."""

from __future__ import annotations

import io
import threading
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta
from decimal import Decimal

from bot.domain.debrief import Debrief
from bot.domain.equivalents import kg_equivalent
from bot.domain.units import format_number
from bot.render.fonts import chart_families
from bot.render.i18n import DEFAULT_LOCALE, _, current_locale
from bot.render.labels import substance_label

_DRAWING = threading.Lock()  # matplotlib's state is shared: one figure at a time
# Print-safe colours that stay apart in greyscale (Okabe-Ito).
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
PHASE_SHADES = ("#EEF3F8", "#F7F1E6", "#EEF6F1", "#F6EEF3")


MAX_AGENCIES = 6  # bars stacked by administration; the rest are one "others" band


def day_month(value: date) -> str:
    """A day of the month, short, for the daily chart's axis: '20 Nov', '11월 20일', '20 พ.ย.'."""
    from babel.dates import format_skeleton

    locale = current_locale()
    if locale == DEFAULT_LOCALE:
        return f"{value:%d %b}"
    return format_skeleton("MMMd", value, locale=locale)


def _figure(width: float, height: float, texts: Iterable[str] = ()):  # type: ignore[no-untyped-def]
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    families = list(chart_families())
    # The Korean face alone is tens of MB once loaded: take the fallbacks only when a label
    # needs a character beyond Latin, Greek and Cyrillic.
    if not any(ord(c) > 0x52F and not 0x2000 <= ord(c) <= 0x20CF for t in texts for c in t):
        families = families[:1]
    matplotlib.rcParams["font.family"] = families
    matplotlib.rcParams["font.size"] = 9
    # 150 dpi prints sharp at the width of an A4 page; the layout is fitted while drawing, so
    # the figure is drawn once (bbox_inches="tight" drew it twice).
    return Figure(figsize=(width, height), dpi=150, layout="constrained")


def _png(figure) -> bytes:  # type: ignore[no-untyped-def]
    out = io.BytesIO()
    figure.savefig(out, format="png")
    return out.getvalue()


def daily_chart(debrief: Debrief) -> bytes:
    """Reports per day, stacked by administration, with the phases shaded behind them."""
    per_day: dict[tuple[date, str], int] = defaultdict(int)
    per_code: dict[str, int] = defaultdict(int)
    unknown = _("no administration")
    for _day, code, count in debrief.daily_by_agency:
        per_code[code if code != "—" else unknown] += count
    ranked = sorted(per_code, key=lambda c: (-per_code[c], c))
    kept = set(ranked if len(ranked) <= MAX_AGENCIES else ranked[: MAX_AGENCIES - 1])
    others = _("others")
    for day, code, count in debrief.daily_by_agency:
        name = code if code != "—" else unknown
        per_day[(day, name if name in kept else others)] += count
    codes = [c for c in ranked if c in kept] + ([others] if len(kept) < len(ranked) else [])
    days = sorted({day for day, _, _ in debrief.daily_by_agency})
    with _DRAWING:
        cases = _("Cases")
        ticks = {d: day_month(d) for d in days}
        # Every word drawn decides the faces: 건수 on the axis needs the Korean one, as 11월 20일.
        texts = [*codes, *(p.name for p in debrief.phases), cases, *ticks.values()]
        figure = _figure(7.2, 2.8, texts)
        axes = figure.subplots()
        zone = debrief.operation.zone
        for n, phase in enumerate(debrief.phases):
            first = phase.starts_at.astimezone(zone).date()
            last = (phase.ends_at - timedelta(seconds=1)).astimezone(zone).date()
            axes.axvspan(
                first - timedelta(hours=12),
                last + timedelta(hours=12),
                color=PHASE_SHADES[n % len(PHASE_SHADES)],
                zorder=0,
            )
            axes.text(
                first,
                1.0,
                phase.name,
                transform=axes.get_xaxis_transform(),
                va="bottom",
                fontsize=8,
                color="#444444",
            )
        bottom = [0] * len(days)
        for n, code in enumerate(codes):
            heights = [per_day.get((day, code), 0) for day in days]
            axes.bar(
                days,
                heights,
                bottom=bottom,
                label=code,
                color=PALETTE[n % len(PALETTE)],
                width=0.8,
                zorder=2,
            )
            bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
        axes.set_ylabel(cases)
        axes.spines[["top", "right"]].set_visible(False)
        axes.grid(axis="y", color="#DDDDDD", zorder=1)
        if codes:
            # Beside the plot, never over the dates under it.
            axes.legend(frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1.0))
        from matplotlib.dates import num2date
        from matplotlib.ticker import FuncFormatter

        def tick(value: float, _position: int | None = None) -> str:
            shown = num2date(value).date()  # type: ignore[no-untyped-call]
            return ticks.get(shown) or day_month(shown)

        # The reader's month names ('20 Nov', '11월 20일', '20 พ.ย.'), not matplotlib's English.
        axes.xaxis.set_major_formatter(FuncFormatter(tick))
        for label in axes.get_xticklabels():
            label.set_rotation(45)
            label.set_horizontalalignment("right")
        return _png(figure)


def kg_text(kg: Decimal) -> str:
    """A kg-equivalent as the pack prints it, to the gram: '22.348'."""
    return format_number(kg.quantize(Decimal("0.001")))


def kg_chart(debrief: Debrief) -> bytes:
    """kg-equivalent per substance, largest first, from zero, in each substance's /chart colour.

    Not on a log scale: bars there drew 1 kg half as long as 15 kg. The figure written at
    each bar's end keeps a small one readable.
    """
    from bot.render.chart import substance_styles
    from bot.render.chart_draw import colour

    with _DRAWING:
        per: dict[str, Decimal] = {}
        for total in debrief.totals:
            a = total.amount
            kg = kg_equivalent(a.key, a.unit, a.form, a.value)
            if kg is not None and kg > 0 and not a.key.startswith("?"):
                per[a.key] = per.get(a.key, Decimal(0)) + kg
        ranked = sorted(per.items(), key=lambda kv: -kv[1])[:10][::-1]
        names = [substance_label(key) for key, _ in ranked]
        scale = _("kg-equivalent: kg weighed plus tablets and litres at the factors below")
        figure = _figure(7.2, 0.3 * max(len(ranked), 2) + 0.7, [*names, scale])
        axes = figure.subplots()
        values = [float(kg) for _, kg in ranked]
        styles = substance_styles({key for key, _kg in ranked})
        colours = [colour(styles[key]) for key, _kg in ranked]
        axes.barh(names, values, color=colours, zorder=2)
        for y, (value, (_key, kg)) in enumerate(zip(values, ranked, strict=True)):
            # The figure the table's total row prints, not one rounded otherwise.
            axes.text(value, y, f" {kg_text(kg)}", va="center", fontsize=8)
        # Room at the right for the figure written after the longest bar.
        axes.set_xlim(0, max(values, default=1.0) * 1.3)
        from matplotlib.ticker import FuncFormatter

        plain = FuncFormatter(lambda value, _pos: f"{value:,g}")
        axes.xaxis.set_major_formatter(plain)
        axes.set_xlabel(scale)
        axes.spines[["top", "right"]].set_visible(False)
        axes.grid(axis="x", color="#DDDDDD", zorder=1)
        return _png(figure)
