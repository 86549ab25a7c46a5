"""Chart sources for the chart tests: rows of (day or agency, substance, amount, unit, form)."""

from __future__ import annotations

from decimal import Decimal

from bot.domain.chart import ChartSource
from bot.domain.summary import DateRange, Heading, Period, SubstanceTotal
from bot.domain.unit import Operation

SIREN = Operation(1, "SIREN", "Operation Siren", "Asia/Bangkok", False, None, 300, 3600)


def chart_source(
    *rows: tuple[str, str, str, str, str | None], by_agency: bool = False
) -> ChartSource:
    """(day or agency, substance key, amount, unit, form) per row."""
    totals = tuple(
        (group, SubstanceTotal(key, unit, form, Decimal(amount), 1))
        for group, key, amount, unit, form in rows
    )
    return ChartSource(SIREN, Heading(Period("all"), DateRange()), by_agency, totals)
