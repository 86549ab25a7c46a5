"""/phase add reads its dates as /summary does: '14 Dec', '14/12', with a multi-word name."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bot.parsing.args import UsageError
from bot.parsing.phases import parse_phase
from bot.render.clock import span_text

SEOUL = "Asia/Seoul"
TODAY = date(2026, 11, 30)


def read(*words: str):
    return parse_phase(list(words), tz=SEOUL, verb="add", today=TODAY)


def test_day_and_month_dates_are_read_nearest_today_with_a_quoted_name():
    # '"final review" 14 Dec 20 Dec' as split_args hands it over: the quotes keep the name whole.
    found = read("final review", "14", "Dec", "20", "Dec")
    assert found.name == "final review"
    assert span_text(found, SEOUL) == "Mon 14 Dec – Sun 20 Dec"
    assert found.starts_at == datetime(2026, 12, 13, 15, tzinfo=UTC)


def test_an_unquoted_name_of_several_words_stops_at_the_first_date():
    found = read("final", "review", "Dec", "14", "20/12", "18:00")
    assert found.name == "final review"
    assert (found.starts_at, found.ends_at) == (
        datetime(2026, 12, 13, 15, tzinfo=UTC),
        datetime(2026, 12, 20, 9, tzinfo=UTC),
    )


def test_an_end_without_a_year_is_the_one_after_a_start_in_december():
    found = read("winter", "20", "Dec", "5", "Jan")
    assert span_text(found, SEOUL) == "Sun 20 Dec – Tue 05 Jan"
    assert found.ends_at == datetime(2027, 1, 5, 15, tzinfo=UTC)
    past = read("opening", "16", "Nov", "2026", "20", "Nov")
    assert past.starts_at == datetime(2026, 11, 15, 15, tzinfo=UTC)


@pytest.mark.parametrize(
    "words",
    [
        ("final review", "31", "Nov", "20", "Dec"),
        ("final", "review", "14", "Dec", "soon"),
        ("final review", "14", "Dec"),
        ("final review", "2026-13-01", "2026-12-20"),
    ],
)
def test_a_refusal_gives_the_name_alone_and_two_valid_dates(words):
    with pytest.raises(UsageError) as refused:
        read(*words)
    example = str(refused.value).split("Example: ")[1].splitlines()[0]
    assert example == "/phase add final review 2026-12-01 2026-12-14", str(refused.value)
    # The example is itself a command that is accepted.
    assert read(*example.split()[2:]).name == "final review"
