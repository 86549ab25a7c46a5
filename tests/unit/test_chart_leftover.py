"""The chart's leftover group: few substances are all named, never 'other (1)' or 'other (2)'."""

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


def _categories(
    substances: list[str], agencies: tuple[str, ...] = ("KCS",), ask: str = "month by agency"
) -> list[str]:
    """The bars (or lines) of `/chart ASK` when each agency seized each substance, largest first."""
    request = parse_chart_args(ask, find_substance=lambda w: None, today=TODAY)
    heading = Heading(request.period, DateRange(date(2026, 10, 26), TODAY), None)
    rows = tuple(
        (agency, SubstanceTotal(name, "g", None, Decimal(1000 * (len(substances) - n)), 1))
        for agency in agencies
        for n, name in enumerate(substances)
    )
    if ask != "month by agency":  # over two days: the group is the day
        days = (TODAY.isoformat(), date(2026, 11, 24).isoformat())
        rows = tuple((days[n % 2], total) for n, (_agency, total) in enumerate(rows))
    data = chart_data(ChartSource(SIREN, heading, ask == "month by agency", rows))
    if ask != "month by agency":
        return [s.label for panel in data.panels for s in panel.series]
    return [category for panel in data.panels for category in panel.categories]


SUBSTANCES = [
    "methamphetamine", "cocaine", "heroin", "cannabis", "khat", "ketamine", "amphetamine",
    "fentanyl", "kratom", "morphine", "opium",
]  # fmt: skip


def test_one_substance_left_over_is_named() -> None:
    bars = _categories(["methamphetamine", "cocaine", "ketamine", "heroin"])
    # Before: "KCS · other (1)", heroin alone hidden under a count.
    assert bars == ["KCS · methamphetamine", "KCS · cocaine", "KCS · ketamine", "KCS · heroin"]


def test_few_substances_are_all_named_by_agency() -> None:
    bars = _categories(SUBSTANCES[:5], ("KCS", "TCD"))
    # Before: "KCS · other (2)" and "TCD · other (2)", with ten bars room enough for all.
    assert bars == [f"{agency} · {name}" for agency in ("KCS", "TCD") for name in SUBSTANCES[:5]]


def test_few_substances_are_all_named_over_days() -> None:
    lines = _categories(SUBSTANCES[:8], ask="month")
    # Before: six lines and "other (2)".
    assert lines == SUBSTANCES[:8]


def test_many_left_over_are_counted_together() -> None:
    lines = _categories(SUBSTANCES[:9], ask="month")
    assert lines == [*SUBSTANCES[:6], "other (3)"]
    bars = _categories(SUBSTANCES, tuple(f"A{n}" for n in range(8)))
    assert len(bars) == 8 * 4 and bars[3] == "A0 · other (8)"
