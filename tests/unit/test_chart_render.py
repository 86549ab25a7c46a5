"""The chart drawn from data: small substances stay visible, three panels at most, and Korean
and Thai labels drawn with real glyphs, not empty boxes."""

from __future__ import annotations

import io
import warnings

from PIL import Image

from bot.render.chart import chart_data
from bot.render.chart_draw import draw, figure
from tests.unit.chart_sources import chart_source

# SIREN's own figures: 1,229,300 methamphetamine tablets flattened tramadol and MDMA to zero.
TABLETS = (
    ("2026-11-20", "methamphetamine", "1229300", "unit", "tablet"),
    ("2026-11-21", "tramadol", "10000", "unit", "tablet"),
    ("2026-11-22", "mdma", "1729", "unit", "tablet"),
)


def test_a_tiny_substance_stays_visible_beside_a_huge_one() -> None:
    data = chart_data(chart_source(*TABLETS))
    (panel,) = data.panels
    assert panel.log and panel.axis_label == "tablets, cumulative, log scale"
    (ax,) = figure(data).axes
    assert ax.get_yscale() == "log"
    low, high = ax.get_ylim()
    # MDMA sits more than a decade above the floor: a point of its own, not a line on zero.
    assert low * 10 <= 1729 and high >= 1_229_300
    assert {s.label: s.values[-1] for s in panel.series} == {
        "methamphetamine": 1229300.0,
        "tramadol": 10000.0,
        "MDMA": 1729.0,
    }


def test_one_day_keeps_the_tiny_one_readable_too() -> None:
    rows = [("2026-11-22", key, amount, unit, form) for _d, key, amount, unit, form in TABLETS]
    data = chart_data(chart_source(*rows))
    assert data.kind == "day"
    (ax,) = figure(data).axes
    # Bars start at zero on a linear scale (a log scale drew 1 kg half as long as 15 kg): the
    # tiny one is read from the exact amount written at its end.
    assert ax.get_xscale() == "linear" and ax.get_xlim()[0] == 0
    assert [t.get_text() for t in ax.texts] == [" 1,229,300 tablets", " 10,000 tablets",
                                                " 1,729 tablets"]  # fmt: skip
    assert data.panels[0].series[0].texts == (
        "1,229,300 tablets",
        "10,000 tablets",
        "1,729 tablets",
    )


def test_similar_amounts_keep_a_linear_scale() -> None:
    data = chart_data(chart_source(("2026-11-22", "cocaine", "5000", "g", None),
                              ("2026-11-22", "heroin", "3000", "g", None)))  # fmt: skip
    (ax,) = figure(data).axes
    assert ax.get_xscale() == "linear" and data.panels[0].axis_label == "kg"


def test_never_more_than_three_panels() -> None:
    forms = ("tablet", "capsule", "blotter", "vial", None)
    rows = [("2026-11-2" + str(n % 3), f"s{n}", str(10**n), "unit", form) for n, form in
            enumerate(forms)]  # fmt: skip
    rows += [("2026-11-21", "cocaine", "2", "g", None), ("2026-11-22", "gbl", "3500", "ml", None)]
    for by_agency in (False, True):
        source = chart_source(*rows, by_agency=by_agency)
        if by_agency:
            source = chart_source(*[("KCS", *row[1:]) for row in rows], by_agency=True)
        data = chart_data(source)
        assert len(data.panels) == 3
        fig = figure(data)
        assert len(fig.axes) == 3
        width, height = (fig.get_size_inches() * fig.dpi).round()
        assert width <= 1280 and height <= 1280


def test_a_week_axis_spans_only_the_days_with_data() -> None:
    data = chart_data(chart_source(*TABLETS))
    (ax,) = figure(data).axes
    low, high = ax.get_xlim()
    assert -1 < low < 0 and 2 < high < 3  # three days, positions 0..2, nothing more
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Nov 20", "Nov 21", "Nov 22"]


def test_korean_and_thai_labels_have_every_glyph() -> None:
    rows = (
        ("2026-11-21", "?필로폰 결정", "12", "g", None),
        ("2026-11-22", "?ยาบ้า สีชมพู", "3500", "g", None),
        ("2026-11-22", "?ไอซ์", "1", "g", None),
    )
    for by_agency, data in (
        (False, chart_data(chart_source(*rows))),
        (True, chart_data(chart_source(*[("관세청", *r[1:]) for r in rows], by_agency=True))),
    ):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            png = draw(data)
        missing = [str(w.message) for w in caught if "missing from" in str(w.message)]
        assert missing == [], (by_agency, missing)
        assert Image.open(io.BytesIO(png)).size[0] == 1080


def test_a_tiny_bar_beside_a_huge_one_is_still_drawn_and_labelled_exactly() -> None:
    # /chart week by agency: TCD's 1.3 million tablets beside KCS's 300.
    data = chart_data(
        chart_source(
            ("TCD", "methamphetamine", "1300000", "unit", "tablet"),
            ("KCS", "mdma", "300", "unit", "tablet"),
            by_agency=True,
        )
    )
    (ax,) = figure(data).axes
    widths = {
        t.get_text().strip(): p.get_width() for t, p in zip(ax.texts, ax.patches, strict=True)
    }
    longest = max(widths.values())
    # Before: 300 / 1,300,000 of the longest, a bar no screen shows.
    assert widths["300 tablets"] >= longest * 0.008 > longest * 300 / 1_300_000, widths
    assert widths["1,300,000 tablets"] == longest
