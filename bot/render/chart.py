"""/chart: cumulative amounts per substance over time, or totals by agency, as a PNG."""

from __future__ import annotations

import asyncio
import io
import threading
import warnings
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from bot.domain.summary import DateRange, Dimension, SubstanceTotal, SummaryRequest
from bot.domain.units import count_word, substance_name
from storage.database import Database
from storage.summary import Scope, reported_days, resolve_scope, scoped_totals

if TYPE_CHECKING:
    from matplotlib.axes import Axes

# matplotlib (with numpy and PIL) is imported on the first chart, not at start-up: it doubled
# the bot's start-up time and resident memory for a command most people never send.

MAX_SERIES = 8  # per panel; the rest are drawn together as "other"
_DRAWING = threading.Lock()  # one figure at a time: matplotlib's font cache is shared


@dataclass(frozen=True)
class Panel:
    """One unit class (mass, volume, or one counted form): its unit word and its series."""

    unit: str
    series: tuple[tuple[str, tuple[float, ...]], ...]  # label, one value per x position


@dataclass(frozen=True)
class ChartData:
    """What a chart shows, ready to draw: titles, the x positions and a panel per unit class."""

    title: str
    subtitle: str
    over_time: bool
    x: tuple[date, ...] | tuple[str, ...]
    panels: tuple[Panel, ...]


async def build_chart(
    db: Database, *, operation_id: int, request: SummaryRequest, now: datetime
) -> bytes:
    """The /chart PNG: over time, or by agency when request.dimension is AGENCY."""
    by_agency = request.dimension is Dimension.AGENCY
    scope = await resolve_scope(
        db, operation_id=operation_id, request=request, now=now, command="chart"
    )
    rows, _ = await scoped_totals(
        db,
        scope=scope,
        request=request,
        dimension=Dimension.AGENCY if by_agency else Dimension.DAY,
        command="chart",
    )
    if by_agency:
        return await asyncio.to_thread(lambda: draw(agency_chart(scope, rows)))
    today = now.astimezone(scope.operation.zone).date()
    reported = await reported_days(db, operation_id=operation_id)
    # A report counted or voided between the two reads must still land on the axis.
    days = {date.fromisoformat(day) for day, _ in rows}
    days.update(day for day in (reported.first, reported.last) if day is not None)
    known = DateRange(min(days), max(days)) if days else reported
    dates = clip(scope.dates, known, today)
    # Built and drawn off the event loop: one chart never holds up anyone else's message.
    return await asyncio.to_thread(lambda: draw(time_chart(replace(scope, dates=dates), rows)))


def clip(dates: DateRange, reported: DateRange, today: date) -> DateRange:
    """The typed range cut to the days with reports (and today): a wide range draws quickly."""
    if reported.first is None or reported.last is None:
        return dates
    first = max(dates.first, reported.first) if dates.first else None
    last = min(dates.last, max(reported.last, today)) if dates.last else None
    if first is not None and last is not None and first > last:
        return dates  # nothing reported in the range: the empty chart says so
    return DateRange(first, last)


def _titles(scope: Scope, what: str) -> tuple[str, str]:
    op = scope.operation
    title = f"{'EXERCISE — ' if op.exercise else ''}{op.code} — {op.title}"
    only = f" · only {', '.join(scope.filters)}" if scope.filters else ""
    return title, f"{what} · {scope.period_label} ({op.tz}){only}"


def _class_key(total: SubstanceTotal) -> tuple[str, str]:
    # Mass, volume and each counted form are never added together: one panel each.
    return (total.unit, total.form or "" if total.unit == "unit" else "")


def _scale(unit: str, form: str, largest: Decimal) -> tuple[str, Decimal]:
    if unit == "g":
        return ("kg", Decimal(1000)) if largest >= 1000 else ("g", Decimal(1))
    if unit == "ml":
        return ("L", Decimal(1000)) if largest >= 1000 else ("ml", Decimal(1))
    return count_word(form or None), Decimal(1)


def _top(
    per_key: dict[str, list[Decimal]], largest: dict[str, Decimal]
) -> list[tuple[str, list[Decimal]]]:
    ranked = sorted(per_key, key=lambda key: (-largest[key], key))
    shown = [(substance_name(key), per_key[key]) for key in ranked[:MAX_SERIES]]
    rest = ranked[MAX_SERIES:]
    if rest:
        summed = [
            sum(values, Decimal(0)) for values in zip(*(per_key[k] for k in rest), strict=True)
        ]
        shown.append((f"other ({len(rest)})", summed))
    return shown


def time_chart(scope: Scope, rows: list[tuple[str, SubstanceTotal]]) -> ChartData:
    """Cumulative amount per substance, a panel per unit class, over the period's days."""
    title, subtitle = _titles(scope, "Cumulative seizures")
    days = sorted({date.fromisoformat(day) for day, _ in rows})
    first = scope.dates.first or (days[0] if days else None)
    last = scope.dates.last or (days[-1] if days else None)
    if first is None or last is None:
        return ChartData(title, subtitle, True, (), ())
    x = tuple(first + timedelta(days=n) for n in range((last - first).days + 1))
    position = {day: n for n, day in enumerate(x)}
    classes: dict[tuple[str, str], dict[str, list[Decimal]]] = defaultdict(dict)
    for day, total in rows:
        daily = classes[_class_key(total)].setdefault(total.substance_key, [Decimal(0)] * len(x))
        daily[position[date.fromisoformat(day)]] += total.amount
    panels = []
    for (unit, form), per_key in sorted(classes.items()):
        for daily in per_key.values():
            running = Decimal(0)
            for n, amount in enumerate(daily):
                running += amount
                daily[n] = running
        largest = {key: values[-1] for key, values in per_key.items()}
        word, divisor = _scale(unit, form, max(largest.values()))
        series = tuple(
            (label, tuple(float(v / divisor) for v in values))  # floats only to plot
            for label, values in _top(per_key, largest)
        )
        panels.append(Panel(word, series))
    return ChartData(title, subtitle, True, x, tuple(panels))


def agency_chart(scope: Scope, rows: list[tuple[str, SubstanceTotal]]) -> ChartData:
    """Total per agency, stacked by substance, a panel per unit class."""
    title, subtitle = _titles(scope, "Seizures by agency")
    codes = {str(a["id"]): a["code"] for a in scope.agency_rows}
    agencies = sorted({codes.get(agency, "no agency") for agency, _ in rows})
    position = {code: n for n, code in enumerate(agencies)}
    classes: dict[tuple[str, str], dict[str, list[Decimal]]] = defaultdict(dict)
    for agency, total in rows:
        values = classes[_class_key(total)].setdefault(
            total.substance_key, [Decimal(0)] * len(agencies)
        )
        values[position[codes.get(agency, "no agency")]] += total.amount
    panels = []
    for (unit, form), per_key in sorted(classes.items()):
        largest = {key: sum(values, Decimal(0)) for key, values in per_key.items()}
        word, divisor = _scale(unit, form, max(largest.values()))
        series = tuple(
            (label, tuple(float(v / divisor) for v in values))
            for label, values in _top(per_key, largest)
        )
        panels.append(Panel(word, series))
    return ChartData(title, subtitle, False, tuple(agencies), tuple(panels))


def _number(value: float, _position: object = None) -> str:
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def draw(data: ChartData) -> bytes:
    """Render a chart to PNG bytes (Agg, no pyplot, so nothing global is left behind)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    panels = data.panels or (Panel("", ()),)
    # Bars need room for every agency's label; lines read well at a fixed height.
    each = 3.0 if data.over_time else max(2.4, 0.8 + 0.17 * len(data.x))
    figure = Figure(figsize=(9, 1.4 + each * len(panels)), dpi=110, layout="constrained")
    FigureCanvasAgg(figure)
    axes = figure.subplots(len(panels), 1, squeeze=False)[:, 0]
    figure.suptitle(f"{data.title}\n{data.subtitle}", fontsize=11)
    for ax, panel in zip(axes, panels, strict=True):
        if not panel.series:
            ax.text(0.5, 0.5, "No seizures recorded in this period", ha="center", va="center")
            ax.set_axis_off()
            continue
        if data.over_time:
            _draw_lines(ax, data.x, panel)
        else:
            _draw_bars(ax, data.x, panel)
    buffer = io.BytesIO()
    with _DRAWING, warnings.catch_warnings():
        # Unclassified names in scripts the bundled font lacks still draw, as boxes.
        warnings.simplefilter("ignore", UserWarning)
        figure.savefig(buffer, format="png", metadata=_metadata(data))
    return buffer.getvalue()


def _metadata(data: ChartData) -> dict[str, str]:
    """The chart's words as PNG text: screen readers, and tests that search a chart, read them."""
    labels = sorted({label for panel in data.panels for label, _ in panel.series})
    rows = " · ".join(str(x) for x in data.x) if not data.over_time else ""
    if data.over_time and data.x:
        rows = f"days {data.x[0]} – {data.x[-1]}"
    return {
        "Title": data.title,
        "Description": "; ".join(filter(None, [data.subtitle, ", ".join(labels), rows])),
    }


def _draw_lines(ax: Axes, x: tuple[object, ...], panel: Panel) -> None:
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter, date2num

    days = date2num(list(x))  # type: ignore[no-untyped-call]
    for label, values in panel.series:
        ax.plot(days, values, drawstyle="steps-post", marker="o", markersize=3, label=label)
    locator = AutoDateLocator()  # type: ignore[no-untyped-call]
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))  # type: ignore[no-untyped-call]
    _finish(ax, panel, f"{panel.unit}, cumulative")


def _draw_bars(ax: Axes, x: tuple[object, ...], panel: Panel) -> None:
    from matplotlib.ticker import FuncFormatter

    left = [0.0] * len(x)
    for label, values in panel.series:
        ax.barh(list(map(str, x)), values, left=left, label=label)
        left = [a + b for a, b in zip(left, values, strict=True)]
    ax.invert_yaxis()
    ax.xaxis.set_major_formatter(FuncFormatter(_number))
    ax.set_xlabel(panel.unit)
    ax.grid(True, axis="x", alpha=0.3)
    # Outside the plot: inside, it would hide the agencies' bars.
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)


def _finish(ax: Axes, panel: Panel, ylabel: str) -> None:
    from matplotlib.ticker import FuncFormatter

    ax.set_ylabel(ylabel)
    ax.yaxis.set_major_formatter(FuncFormatter(_number))
    ax.grid(True, alpha=0.3)
    ax.legend(fontsize=8, loc="upper left", frameon=False)
