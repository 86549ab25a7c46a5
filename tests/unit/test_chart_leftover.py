"""The chart's leftover group: one substance left over is named, not 'other (1)'."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from bot.domain.chart import ChartSource
from bot.domain.summary import DateRange, Heading, SubstanceTotal
from bot.domain.unit import Operation
from bot.parsing.summary import parse_chart_args
from bot.render.chart import chart_data

SIREN = Operation(1, "SIREN", "Operation Siren", "Asia/Bangkok", False, None, 300, 3600)
TODAY = date(2026, 11, 25)


def _categories(substances: list[str]) -> list[str]:
    """The bars of `/chart month by agency` when KCS seized each substance (largest first)."""
    request = parse_chart_args("month by agency", find_substance=lambda w: None, today=TODAY)
    heading = Heading(request.period, DateRange(date(2026, 10, 26), TODAY), None)
    rows = tuple(
        ("KCS", SubstanceTotal(name, "g", None, Decimal(1000 * (len(substances) - n)), 1))
        for n, name in enumerate(substances)
    )
    data = chart_data(ChartSource(SIREN, heading, True, rows))
    return [category for panel in data.panels for category in panel.categories]


def test_one_substance_left_over_is_named() -> None:
    bars = _categories(["methamphetamine", "cocaine", "ketamine", "heroin"])
    # Before: "KCS · other (1)", heroin alone hidden under a count.
    assert bars == ["KCS · methamphetamine", "KCS · cocaine", "KCS · ketamine", "KCS · heroin"]


def test_several_left_over_are_counted_together() -> None:
    bars = _categories(["methamphetamine", "cocaine", "ketamine", "heroin", "cannabis"])
    assert bars[-1] == "KCS · other (2)"
