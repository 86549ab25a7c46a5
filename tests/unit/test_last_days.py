"""/summary 'last N days' (review round 13, fourth newcomer): "'methamphetamine last 7 days'
is not a period" before; today and the N-1 days before it, in English, Korean and Thai."""

from datetime import date

import pytest

from bot.domain.summary import Period
from bot.parsing.periods import PeriodError
from bot.parsing.summary import parse_summary_args

TODAY = date(2026, 11, 20)


def _find(words: str) -> str | None:
    return "methamphetamine" if words.casefold() in ("methamphetamine", "필로폰", "ยาบ้า") else None


@pytest.mark.parametrize(
    ("typed", "days"),
    [
        ("methamphetamine last 7 days", 7),
        ("last 30 days methamphetamine agency=TCD", 30),
        ("agency=TCD past 14 days methamphetamine", 14),
        ("필로폰 최근 30일", 30),
        ("최근30일 필로폰", 30),
        ("ยาบ้า 30 วันล่าสุด", 30),
        ("30วันล่าสุด ยาบ้า", 30),
        ("last 1 day methamphetamine", 1),
    ],
)
def test_the_last_n_days_are_a_period_in_any_order(typed, days):
    request = parse_summary_args(typed, find_substance=_find, today=TODAY)
    first = date.fromordinal(TODAY.toordinal() - days + 1)
    assert request.period == Period(kind="range", first=first, last=TODAY)
    assert request.substance is not None and request.substance.key == "methamphetamine"


def test_no_days_is_refused_with_an_example():
    with pytest.raises(PeriodError) as refused:
        parse_summary_args("last 0 days", find_substance=_find, today=TODAY)
    assert "/summary last 30 days" in str(refused.value)
    parse_summary_args("last 30 days", find_substance=_find, today=TODAY)  # the example is read
