"""The debriefing pack's charts, drawn for paper: reports per day over the phases, and kg-eq."""

from __future__ import annotations

import io
import threading
from datetime import timedelta
from decimal import Decimal

from bot.domain.debrief import Debrief
from bot.domain.equivalents import kg_equivalent
from bot.domain.units import substance_name
from bot.render.fonts import chart_families
from bot.render.i18n import _

_DRAWING = threading.Lock()  # matplotlib's state is shared: one figure at a time
# Print-safe colours that stay apart in greyscale (Okabe-Ito).
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
PHASE_SHADES = ("#EEF3F8", "#F7F1E6", "#EEF6F1", "#F6EEF3")


def _figure(width: float, height: float):  # type: ignore[no-untyped-def]
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    matplotlib.rcParams["font.family"] = list(chart_families())
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
    with _DRAWING:
        figure = _figure(7.2, 2.8)
        axes = figure.subplots()
        days = sorted({day for day, _, _ in debrief.daily_by_agency})
        codes = sorted({code for _, code, _ in debrief.daily_by_agency})
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
            heights = [
                sum(c for d, a, c in debrief.daily_by_agency if d == day and a == code)
                for day in days
            ]
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
        axes.set_ylabel(_("Reports"))
        axes.spines[["top", "right"]].set_visible(False)
        axes.grid(axis="y", color="#DDDDDD", zorder=1)
        if codes:
            axes.legend(
                frameon=False, ncols=len(codes), loc="upper left", bbox_to_anchor=(0, -0.15)
            )
        figure.autofmt_xdate()
        return _png(figure)


def kg_chart(debrief: Debrief) -> bytes:
    """kg-equivalent per substance, largest first, on a log scale so small ones still show."""
    with _DRAWING:
        per: dict[str, Decimal] = {}
        for total in debrief.totals:
            a = total.amount
            kg = kg_equivalent(a.key, a.unit, a.form, a.value)
            if kg is not None and kg > 0:
                per[a.key] = per.get(a.key, Decimal(0)) + kg
        ranked = sorted(per.items(), key=lambda kv: -kv[1])[:10][::-1]
        figure = _figure(7.2, 0.35 * max(len(ranked), 2) + 0.8)
        axes = figure.subplots()
        names = [substance_name(key) for key, _ in ranked]
        values = [float(kg) for _, kg in ranked]
        axes.barh(names, values, color=PALETTE[0], zorder=2)
        for y, value in enumerate(values):
            axes.text(value, y, f" {value:,.1f}", va="center", fontsize=8)
        axes.set_xscale("log")
        axes.set_xlabel(_("kg-equivalent (log scale; factors in the table above)"))
        axes.spines[["top", "right"]].set_visible(False)
        axes.grid(axis="x", color="#DDDDDD", zorder=1)
        return _png(figure)
