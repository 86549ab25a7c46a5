"""A chart over days draws the dates its subtitle names: 'Whole operation, 2026-11-15 –
2026-12-01' drew an axis from Nov 20, its first seizure, as if the title were wrong."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from bot.domain.chart import ChartSource
from bot.domain.summary import DateRange, Heading, SubstanceTotal
from bot.domain.unit import Operation
from bot.parsing.summary import parse_chart_args
from bot.render.chart import chart_data

SIREN = Operation(1, "SIREN", "Operation Siren", "Asia/Seoul", False, None, 300, 3600)
TODAY = date(2026, 12, 1)


def _days(text: str, dates: DateRange, *data_days: date) -> tuple[str, date, date]:
    request = parse_chart_args(text, find_substance=lambda _w: None, today=TODAY)
    rows = tuple(
        (day.isoformat(), SubstanceTotal("methamphetamine", "g", None, Decimal(500), 1))
        for day in data_days
    )
    data = chart_data(ChartSource(SIREN, Heading(request.period, dates), False, rows))
    return data.subtitle, data.days[0], data.days[-1]


def test_the_whole_operations_axis_starts_where_its_subtitle_does() -> None:
    whole = DateRange(date(2026, 11, 15), TODAY)
    subtitle, first, last = _days("all", whole, date(2026, 11, 20), date(2026, 11, 30))
    assert "Whole operation, 2026-11-15 – 2026-12-01" in subtitle, subtitle
    assert (first, last) == (date(2026, 11, 15), TODAY)


def test_a_weeks_axis_is_the_week_though_seizures_fell_on_two_days() -> None:
    week = DateRange(date(2026, 11, 25), TODAY)
    _subtitle, first, last = _days("week", week, date(2026, 11, 27), date(2026, 11, 28))
    assert (first, last) == (date(2026, 11, 25), TODAY)
