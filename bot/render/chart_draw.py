"""/chart drawn: a ChartData in, PNG bytes out, with no words chosen here (see chart.py).

Pure, so it may run in a thread or a worker process: the reader's language was applied when
the ChartData was made, and matplotlib's state is held only while one figure is drawn.
"""

from __future__ import annotations

import io
import math
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from bot.render.chart import OTHER, ChartData, Panel

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.ticker import Formatter

# matplotlib (with numpy and PIL) is imported on the first chart, not at start-up: it doubled
# the bot's start-up time and resident memory for a command most people never send.

# 6 x 7.1 inches at 180 dpi: 1080 x 1278 px, under the 1280 px Telegram keeps of a photo, and
# text at 9-10 pt is about the size of a phone's own small print once the photo fits the screen.
WIDTH, MAX_HEIGHT, DPI = 6.0, 7.1, 180
# Print-safe colours that stay apart in greyscale (Okabe-Ito), then seven more of Paul Tol's
# that stay apart from them, each with its own marker: 14 substances of a chart (an operation
# seldom seizes more) each have a colour of their own (chart.substance_styles).
PALETTE = (
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000",
    "#882255", "#44AA99", "#999933", "#332288", "#AA4499", "#F0E442", "#8C564B",
)  # fmt: skip
MARKERS = ("o", "s", "^", "D", "v", "P", "X")
GREY = "#999999"  # "other (N)": no substance's colour


def colour(style: int) -> str:
    """A substance's colour, the same in every panel and chart (see chart.substance_styles)."""
    return GREY if style == OTHER else PALETTE[style % len(PALETTE)]


def marker(style: int) -> str:
    """A substance's marker: with its colour, 98 substances told apart."""
    if style == OTHER:
        return "."
    return MARKERS[(style + style // len(PALETTE)) % len(MARKERS)]


TITLE_SIZE, SMALLEST_TITLE = 10.0, 6.0  # points; a title is wrapped before it is made smaller
_DRAWING = threading.Lock()  # one figure at a time: matplotlib's font cache is shared


def describe(data: ChartData) -> dict[str, str]:
    """The chart's words as PNG text: screen readers, and tests that search a chart, read them."""
    labels = [p.axis_label for p in data.panels] + sorted(
        {s.label for p in data.panels for s in p.series if s.label}
        | {c for p in data.panels for c in p.categories}
    )
    where = ""  # the axis, in a form tests and machines read whatever the reader's language
    if data.kind == "days":
        where = f"days {data.days[0]} – {data.days[-1]}"
    elif data.days:
        where = f"day {data.days[0]}"
    return {
        "Title": data.title,
        "Description": "; ".join(
            filter(None, [data.subtitle, data.empty, ", ".join(labels), where])
        ),
    }


def figure(data: ChartData) -> Figure:
    """The chart as a matplotlib Figure (Agg, no pyplot): one axes per panel, at most three."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    heights = [_panel_height(data, panel) for panel in data.panels] or [1.5]
    scale = min(1.0, (MAX_HEIGHT - 1.0) / sum(heights))
    height = min(MAX_HEIGHT, 1.0 + sum(heights) * scale)
    with _styled():
        fig = Figure(figsize=(WIDTH, height), dpi=DPI, layout="constrained")
        FigureCanvasAgg(fig)
        text, size = _fitted(fig, f"{data.title}\n{data.subtitle}", TITLE_SIZE)
        fig.suptitle(text, fontsize=size)
        if not data.panels:
            ax = fig.subplots()
            ax.text(0.5, 0.5, data.empty, ha="center", va="center", fontsize=11)
            ax.set_axis_off()
            return fig
        axes = fig.subplots(
            len(data.panels), 1, squeeze=False, gridspec_kw={"height_ratios": heights}
        )[:, 0]
        for ax, panel in zip(axes, data.panels, strict=True):
            if data.kind == "days":
                _draw_lines(ax, data, panel)
            else:
                _draw_amounts(ax, panel)
    return fig


def _fitted(fig: Figure, text: str, size: float) -> tuple[str, float]:
    """The title wrapped at spaces to the figure's width, and smaller only if a word is wider.

    A filter and a long period made the subtitle run off both edges of a phone's picture.
    """
    from matplotlib.font_manager import FontProperties

    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    room = fig.bbox.width * 0.96

    def width(line: str, points: float) -> float:
        measured = renderer.get_text_width_height_descent(
            line, FontProperties(size=points), ismath=False
        )
        return float(measured[0])

    while True:
        lines: list[str] = []
        for given in text.split("\n"):
            line = ""
            for word in given.split(" "):
                longer = f"{line} {word}" if line else word
                if line and width(longer, size) > room:
                    lines.append(line)
                    line = word
                else:
                    line = longer
            lines.append(line)
        if size <= SMALLEST_TITLE or all(width(line, size) <= room for line in lines):
            return "\n".join(lines), size
        size -= 0.5


@contextmanager
def _styled() -> Iterator[None]:
    """Our fonts (Hangul and Thai too) and a plain print style, for what is made within."""
    import matplotlib

    from bot.render.fonts import chart_families

    style: dict[str, Any] = {**_STYLE, "font.family": list(chart_families())}
    with matplotlib.rc_context(style):  # type: ignore[arg-type]
        yield


_STYLE = {
    "font.size": 9,
    "axes.titlesize": 10,
    "axes.labelsize": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#DDDDDD",
    "legend.fontsize": 8,
    "legend.frameon": False,
}


def _panel_height(data: ChartData, panel: Panel) -> float:
    if data.kind == "days":
        return 2.0
    return 0.7 + 0.26 * len(panel.categories)


def draw(data: ChartData) -> bytes:
    """Render a chart to PNG bytes; pure, so it may run off the event loop or in a worker."""
    buffer = io.BytesIO()
    with _DRAWING, _styled():
        fig = figure(data)
        fig.savefig(buffer, format="png", metadata=describe(data))
    return buffer.getvalue()


def _number(value: float, _position: object = None) -> str:
    # Short marks for big round ticks, so eight decades fit across a phone.
    if value >= 1e6 and value == int(value):
        return f"{value / 1e6:g}M"
    if value >= 1e4 and value == int(value):
        return f"{value / 1e3:g}k"
    if value >= 1:
        return f"{value:,.0f}" if value == int(value) else f"{value:,.1f}".rstrip("0").rstrip(".")
    return f"{value:.3g}"


def axis_marks(values: list[float]) -> list[str]:
    """One axis's marks in one form: '2k … 10k', never '8,000' beside '10k'."""
    top = max((abs(v) for v in values), default=0.0)
    if top < 1e4:
        return [_number(v) for v in values]
    size, suffix = (1e6, "M") if top >= 1e6 else (1e3, "k")
    return ["0" if v == 0 else f"{v / size:g}{suffix}" for v in values]


def _value_axis(ax: Axes, axis: str, panel: Panel, values: list[float]) -> None:
    from matplotlib.ticker import FuncFormatter, LogLocator

    which = ax.yaxis if axis == "y" else ax.xaxis
    if panel.log:
        (ax.set_yscale if axis == "y" else ax.set_xscale)("log")
        which.set_major_locator(LogLocator(base=10, numticks=7))
        smallest = min(v for v in values if v > 0)
        # A power of ten well below the smallest value: its bar or point stays plain to see.
        low = 10 ** math.floor(math.log10(smallest / 3))
        (ax.set_ylim if axis == "y" else ax.set_xlim)(low, max(values) * 1.5)
    else:
        (ax.set_ylim if axis == "y" else ax.set_xlim)(0, None)
    if panel.log:  # a decade a mark: each its own short form
        which.set_major_formatter(FuncFormatter(_number))
    else:
        which.set_major_formatter(_linear_marks())
    (ax.set_ylabel if axis == "y" else ax.set_xlabel)(panel.axis_label)


def _draw_lines(ax: Axes, data: ChartData, panel: Panel) -> None:
    xs = list(range(len(data.days)))
    values: list[float] = []
    for series in panel.series:
        ys = [math.nan if v is None else v for v in series.values]
        values += [v for v in series.values if v is not None]
        ax.plot(
            xs, ys, drawstyle="steps-post", color=colour(series.style),
            marker=marker(series.style), markersize=4, linewidth=1.8, label=series.label,
        )  # fmt: skip
    _value_axis(ax, "y", panel, values)
    # The axis is the data's days and nothing more: no year-long margins around a week.
    ax.set_xlim(-0.3, len(xs) - 0.7)
    ax.set_xticks([n for n, _t in data.ticks], [text for _n, text in data.ticks])
    ax.grid(False, axis="x")
    # A fixed place: "best" tries every spot against every point drawn, slow with many lines.
    ax.legend(loc="upper left", ncols=2 if len(panel.series) > 3 else 1)


LEAST_BAR = 0.008  # of the longest bar: about 5 pixels of the chart's width

HATCHES = ("", "////", "....", "xxxx", "\\\\\\\\", "++++", "----")


def _hatches(styles: tuple[int, ...]) -> dict[int, str]:
    """A hatch for a bar only where a panel's substances share a colour: the colour stays the
    substance's in every chart, and a most-seized one (style < 7) is never the hatched one."""
    drawn = [colour(s) for s in set(styles)]
    return {
        s: HATCHES[s // len(PALETTE) % len(HATCHES)]
        if s != OTHER and drawn.count(colour(s)) > 1
        else ""
        for s in styles
    }


def _draw_amounts(ax: Axes, panel: Panel) -> None:
    (series,) = panel.series
    values = [v or 0.0 for v in series.values]
    ys = list(range(len(values)))
    shades = panel.shades or (OTHER,) * len(values)
    hatches = _hatches(shades)
    # A bar too short to see beside the largest (300 tablets beside 1.3 million: 0.02% of its
    # length, not a pixel) is drawn a sliver long; the amount written at its end is exact.
    least = max(values, default=0.0) * LEAST_BAR
    values = [max(v, least) if v > 0 else v for v in values]
    bars = ax.barh(ys, values, color=[colour(s) for s in shades], height=0.6, zorder=2)
    for bar, shade in zip(bars, shades, strict=True):
        bar.set_hatch(hatches[shade])
    for y, value, text in zip(ys, values, series.texts, strict=True):
        ax.text(value, y, f" {text}", va="center", fontsize=8, zorder=3)
    ax.set_yticks(ys, list(panel.categories))
    ax.invert_yaxis()
    _value_axis(ax, "x", panel, values)
    # Room at the right for the longest amount written after its bar; bars are never on a
    # log scale (chart.py), so the axis starts at zero and lengths compare.
    left, right = ax.get_xlim()
    ax.set_xlim(left, right * 1.45)
    ax.grid(False, axis="y")
    if panel.legend:  # bars named by agency: which colour is which substance
        from matplotlib.patches import Patch

        handles = [
            Patch(facecolor=colour(style), hatch=hatches[style], label=label)
            for label, style in panel.legend
        ]
        # Above the bars, not over the amounts written at their ends.
        ax.legend(
            handles=handles, loc="lower left", bbox_to_anchor=(0, 1), ncols=min(3, len(handles))
        )


def _linear_marks() -> Formatter:
    from matplotlib.ticker import Formatter

    class Marks(Formatter):
        """A linear axis's marks, formed together (axis_marks)."""

        def __call__(self, x: float, pos: int | None = None) -> str:
            return _number(x)

        def format_ticks(self, values: Sequence[float]) -> list[str]:
            return axis_marks(list(values))

    return Marks()
