"""Every period /chart reads gets a title that fits it: 'of the day' for one day only, and a
subtitle that stays inside the image however long the filters make it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from bot.domain.chart import ChartSource
from bot.domain.summary import DateRange, Heading, SubstanceTotal
from bot.domain.unit import Operation
from bot.parsing.summary import parse_chart_args
from bot.render.chart import chart_data
from bot.render.chart_draw import figure
from bot.render.summary_names import chart_caption

SIREN = Operation(1, "SIREN", "Operation Siren", "Asia/Bangkok", False, None, 300, 3600)
TODAY = date(2026, 11, 25)
PREPARATION = DateRange(date(2026, 11, 15), date(2026, 11, 25))


def _find(word: str) -> str | None:
    return {"meth": "methamphetamine", "methamphetamine": "methamphetamine"}.get(word)


def _chart(text: str, *data_days: date) -> str:
    """The subtitle /chart TEXT draws when seizures were made on `data_days` (as storage reads)."""
    request = parse_chart_args(text, find_substance=_find, today=TODAY, phase_names=["preparation"])
    dates = request.period.resolve(TODAY, PREPARATION)
    if dates == DateRange():  # the whole operation: the days reported, as storage shows them
        dates = DateRange(min(data_days), max(data_days))
    heading = Heading(request.period, dates, "preparation")
    rows = tuple(
        (day.isoformat(), SubstanceTotal("methamphetamine", "g", None, Decimal(500), 1))
        for day in data_days
    )
    return chart_data(ChartSource(SIREN, heading, False, rows)).subtitle


ONE_DAY = [
    ("today", TODAY, "Seizures of the day · Today, "),
    ("yesterday", date(2026, 11, 24), "Seizures of the day · Yesterday, "),
    ("20 Nov", date(2026, 11, 20), "Seizures of the day · "),
    ("2026-11-20", date(2026, 11, 20), "Seizures of the day · "),
    ("2026-11-20..2026-11-20", date(2026, 11, 20), "Seizures of the day · "),
]
MANY_DAYS = [
    ("week", "Last 7 days, "),
    ("month", "This month so far, "),
    ("this month", "This month so far, "),
    ("2026-11", ""),
    ("phase", "Phase preparation, "),  # the current phase, by its name
    ("phase preparation", "Phase preparation, "),
    ("2026-11-01..2026-11-25", ""),
    ("all", "Whole operation, "),
]


@pytest.mark.parametrize(("text", "day", "starts"), ONE_DAY)
def test_a_one_day_period_is_charted_as_the_day(text: str, day: date, starts: str) -> None:
    assert _chart(text, day).startswith(starts)


@pytest.mark.parametrize(("text", "period"), MANY_DAYS)
def test_a_period_of_days_is_never_titled_the_day(text: str, period: str) -> None:
    # Seizures on one day of a longer period: bars of the period's totals, not "of the day".
    one = _chart(text, date(2026, 11, 20))
    assert one.startswith("Total seizures · " + period), one
    assert "of the day" not in one
    # Seizures on several days: the running totals over them.
    assert _chart(text, date(2026, 11, 20), date(2026, 11, 22)).startswith(
        "Cumulative seizures · " + period
    )


@pytest.mark.parametrize(
    "text", ["meth", "2026-11-01..2026-11-25 meth agency=KCS", "week by agency meth"]
)
def test_the_subtitle_stays_inside_the_image(text: str) -> None:
    request = parse_chart_args(text, find_substance=_find, today=TODAY)
    dates = request.period.resolve(TODAY) if request.period.kind != "all" else PREPARATION
    heading = Heading(request.period, dates, None, "methamphetamine", request.agency_code)
    rows = tuple(
        (group, SubstanceTotal("methamphetamine", "g", None, Decimal(500), 1))
        for group in (("KCS",) if request.dimension else ("2026-11-20", "2026-11-22"))
    )
    data = chart_data(ChartSource(SIREN, heading, request.dimension is not None, rows))
    assert "only methamphetamine" in data.subtitle
    fig = figure(data)
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    fig.draw(renderer)
    title = fig.get_suptitle()
    assert "methamphetamine" in title and "SIREN" in title
    box = fig._suptitle.get_window_extent(renderer)  # type: ignore[union-attr]
    assert box.x0 >= 0 and box.x1 <= fig.bbox.width, (box, fig.bbox.width, title)


def test_the_caption_names_the_substance_and_agency_charted() -> None:
    # Before: 'SIREN · whole operation — …' for a chart of methamphetamine only.
    caption = chart_caption("SIREN", parse_chart_args("meth", find_substance=_find, today=TODAY))
    assert caption == (
        "SIREN · whole operation, only methamphetamine — /summary gives the exact figures"
    )
    caption = chart_caption(
        "SIREN", parse_chart_args("week agency=KCS kratom", find_substance=_find, today=TODAY)
    )
    assert "last 7 days, only kratom, agency KCS" in caption, caption


def test_by_day_is_the_chart_over_time() -> None:
    for text in ("by day", "week by days", "by date"):
        request = parse_chart_args(text, find_substance=_find, today=TODAY)
        assert request.dimension is None, text
