"""The day before yesterday, as officers write it: 그저께, 그제, เมื่อวานซืน, day before yesterday.

Before, `on 그저께` was kept as the note and the report counted as today's, with no warning.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from bot.domain.catalogue import Catalogue
from bot.parsing import parse_seizure
from bot.render.help import seizure_help
from bot.render.i18n import using

TODAY = date(2026, 11, 25)


@pytest.mark.parametrize(
    "text",
    [
        "코카인 2kg at 인천항 on 그저께",
        "코카인 2kg at 인천항 그저께",
        "코카인 2kg at 인천항 그제",
        "2kg meth at BKK เมื่อวานซืน",
        "2kg meth at BKK on เมื่อวานซืน",
        "2kg meth at ICN day before yesterday",
        "2kg meth at ICN the day before yesterday",
        "2kg meth on the day before yesterday at ICN",
        "2kg meth date=day before yesterday",
    ],
)
def test_the_day_before_yesterday_is_two_days_back(text: str) -> None:
    report = parse_seizure(text, catalogue=Catalogue.load(), today=TODAY)
    assert report.occurred_on == date(2026, 11, 23)
    assert report.note is None
    assert report.location in {"인천항", "BKK", "ICN", None}


@pytest.mark.parametrize(
    ("text", "note"),
    [
        ("2kg meth on flight TG656", "on flight TG656"),
        ("2kg meth on the bus", "on the bus"),
        ("2kg meth the day before", "the day before"),
    ],
)
def test_on_before_words_that_are_no_date_stays_the_note(text: str, note: str) -> None:
    report = parse_seizure(text, catalogue=Catalogue.load(), today=TODAY)
    assert (report.occurred_on, report.note) == (None, note)


@pytest.mark.parametrize(
    ("locale", "word"), [("en", "day before yesterday"), ("ko", "그저께"), ("th", "เมื่อวานซืน")]
)
def test_help_seizure_names_the_day_before_yesterday(locale: str, word: str) -> None:
    with using(locale):
        text = seizure_help()
    # The date line: its placeholder is in the reader's words (on DATE, on 날짜, on วันที่).
    (line,) = [line for line in text.splitlines() if "<code>on 2026-11-20</code>" in line]
    assert f"<code>{word}</code>" in line, line
    for shown in re.findall(r"<code>([^<]+)</code>", line)[1:]:  # each one reads as a date
        report = parse_seizure(f"2kg meth {shown}", catalogue=Catalogue.load(), today=TODAY)
        assert report.occurred_on is not None and report.note is None, shown
