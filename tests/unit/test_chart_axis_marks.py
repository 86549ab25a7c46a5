"""A chart's value axis writes its marks in one form: '2k 4k 6k 8k 10k', not '8,000' beside
'10k' (session 14, a newcomer's second round)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from bot.domain.chart import ChartSource
from bot.domain.summary import DateRange, Heading, SubstanceTotal
from bot.parsing.summary import parse_chart_args
from bot.render.chart import chart_data
from bot.render.chart_draw import figure
from tests.unit.test_chart_axis_span import SIREN, TODAY


def _marks(*tablets: int) -> list[str]:
    request = parse_chart_args("week", find_substance=lambda _w: None, today=TODAY)
    days = [date(2026, 11, 25 + n) for n in range(len(tablets))]
    rows = tuple(
        (day.isoformat(), SubstanceTotal("methamphetamine", "tablets", None, Decimal(n), 1))
        for day, n in zip(days, tablets, strict=True)
    )
    data = chart_data(
        ChartSource(SIREN, Heading(request.period, DateRange(days[0], TODAY)), False, rows)
    )
    fig = figure(data)
    fig.canvas.draw()
    labels = [t.get_text() for ax in fig.axes for t in ax.get_yticklabels() if t.get_text()]
    return labels


def test_an_axis_past_ten_thousand_writes_every_mark_alike() -> None:
    marks = _marks(2000, 5000, 10500)
    assert marks, marks
    # Before: '0', '2,000', '4,000', '6,000', '8,000', '10k'.
    assert not any("," in mark for mark in marks), marks
    assert all(mark == "0" or mark.endswith("k") for mark in marks), marks


def test_a_small_axis_keeps_its_plain_numbers() -> None:
    marks = _marks(200, 500, 1500)
    assert "1,000" in marks or "1,500" in marks, marks
