"""/chart's substances keep one colour and marker everywhere, and bars start at zero."""

from __future__ import annotations

import pytest
from matplotlib.colors import to_hex

from bot.render.chart import chart_data
from bot.render.chart_draw import figure
from tests.unit.chart_sources import chart_source

# Methamphetamine seized as crystal (kg) and as tablets: first in one panel, second in the other.
WEEK = (
    ("2026-11-20", "methamphetamine", "2000", "g", None),
    ("2026-11-21", "cocaine", "15000", "g", None),
    ("2026-11-21", "heroin", "900", "g", None),
    ("2026-11-20", "mdma", "90000", "unit", "tablet"),
    ("2026-11-22", "methamphetamine", "150000", "unit", "tablet"),
)


def _lines(
    data_rows: tuple[tuple[str, str, str, str, str | None], ...],
) -> list[dict[str, tuple[str, str]]]:
    """Per panel: each line's legend label -> (colour, marker) as drawn."""
    fig = figure(chart_data(chart_source(*data_rows)))
    panels = []
    for ax in fig.axes:
        drawn = {
            line.get_label(): (to_hex(line.get_color()), line.get_marker())
            for line in ax.get_lines()
        }
        legend = ax.get_legend()
        assert legend is not None and [t.get_text() for t in legend.get_texts()] == list(drawn)
        panels.append(drawn)
    return panels


def test_a_substance_keeps_its_colour_and_marker_in_every_panel_and_chart() -> None:
    # Before: methamphetamine was a green triangle in the kg panel, a blue circle in tablets'.
    kg, tablets = _lines(WEEK)
    assert kg["methamphetamine"] == tablets["methamphetamine"]
    assert len(set(kg.values())) == 3 and len(set(tablets.values())) == 2
    # Another chart of the operation, with other substances beside it: the same again.
    (alone,) = _lines((("2026-11-20", "methamphetamine", "1", "g", None),
                       ("2026-11-23", "ketamine", "5", "g", None)))  # fmt: skip
    assert alone["methamphetamine"] == kg["methamphetamine"]
    meth = kg["methamphetamine"][0]
    # The bars of one day and of the agencies are painted in the substance's colour too.
    for by_agency, rows in (
        (False, tuple(("2026-11-22", *r[1:]) for r in WEEK)),
        (True, tuple(("KCS" if n % 2 else "TCD", *r[1:]) for n, r in enumerate(WEEK))),
    ):
        data = chart_data(chart_source(*rows, by_agency=by_agency))
        for ax, panel in zip(figure(data).axes, data.panels, strict=True):
            colours = [to_hex(bar.get_facecolor()) for bar in ax.patches]
            named = dict(zip(panel.categories, colours, strict=True))
            assert all(
                colour == meth for name, colour in named.items() if "methamphetamine" in name
            ), (by_agency, named)
            assert any("methamphetamine" in name for name in named)
            if by_agency:  # bars named by agency first: a legend says which colour is which
                legend = ax.get_legend()
                assert legend is not None
                texts = [t.get_text() for t in legend.get_texts()]
                assert "methamphetamine" in texts


def test_bars_start_at_zero_on_a_linear_scale() -> None:
    # Before: /chart week by agency drew 1 kg half as long as 15 kg, on a log scale.
    rows = (("KCS", "cocaine", "15000", "g", None), ("TCD", "heroin", "1000", "g", None))
    for by_agency, source in (
        (True, chart_source(*rows, by_agency=True)),
        (False, chart_source(*[("2026-11-22", *r[1:]) for r in rows])),
    ):
        data = chart_data(source)
        (panel,) = data.panels
        assert not panel.log and panel.axis_label == "kg", by_agency
        (ax,) = figure(data).axes
        assert ax.get_xscale() == "linear" and ax.get_xlim()[0] == 0
        widths = sorted(bar.get_width() for bar in ax.patches)
        assert widths == [1.0, 15.0]
    # Lines over days keep a log scale for a wide range, and say so on the axis.
    days = chart_data(chart_source(("2026-11-20", "cocaine", "15000", "g", None),
                              ("2026-11-21", "heroin", "10", "g", None)))  # fmt: skip
    assert days.panels[0].axis_label == "kg, cumulative, log scale"
    assert figure(days).axes[0].get_yscale() == "log"


@pytest.mark.timeout(120)  # a guard, not a measure: the old code never returned
def test_a_chart_of_many_unclassified_substances_is_drawn_with_the_rest_as_other() -> None:
    # Before: past 42 substances outside the common seven every style was taken, and choosing
    # one looped for ever on the event loop: /chart after 60 `/s 1g substanceN` froze the bot.
    many = [(f"substance{n}", str(n + 1)) for n in range(60)]
    for days in (("2026-11-20",), ("2026-11-20", "2026-11-21")):
        rows = [(days[n % len(days)], key, grams, "g", None) for n, (key, grams) in enumerate(many)]
        data = chart_data(chart_source(*rows))
        (panel,) = data.panels
        (ax,) = figure(data).axes
        if len(days) == 1:  # one day: bars, the twelve largest and the rest together
            assert panel.categories[:2] == ("substance59", "substance58")
            assert panel.categories[-1] == "other (48)" and len(panel.categories) == 13
        else:
            legend = ax.get_legend()
            assert legend is not None
            texts = [t.get_text() for t in legend.get_texts()]
            assert texts[0] == "substance59" and texts[-1] == "other (54)" and len(texts) == 7
