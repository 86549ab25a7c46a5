"""/help seizure in Korean and Thai says the keywords stay English, with an example that parses."""

from __future__ import annotations

import re
from datetime import date

import pytest

from bot.domain.catalogue import Catalogue
from bot.parsing import parse_seizure
from bot.render.help import seizure_help
from bot.render.i18n import using

# The Korean and Thai help before: every keyword shown, never that it is typed in English.
EXPECTED = {
    "ko": ("키워드", "methamphetamine", "1200", "인천공항", "TH"),
    "th": ("คำสำคัญ", "methamphetamine", "2000", "ด่านสะเดา", "LA"),
}


@pytest.mark.parametrize("locale", ["ko", "th"])
def test_help_seizure_says_the_keywords_are_english_with_a_mixed_example_that_parses(
    locale: str,
) -> None:
    word, substance, amount, place, origin = EXPECTED[locale]
    with using(locale):
        text = seizure_help()
    (line,) = [line for line in text.splitlines() if word in line and "at from to via" in line]
    example = re.findall(r"<code>(/seizure [^<]+)</code>", line)[-1]
    report = parse_seizure(example, catalogue=Catalogue.load(), today=date(2026, 11, 30))
    (item,) = report.items
    assert (item.substance, str(item.amount), report.location, report.origin) == (
        substance, amount, place, origin,
    )  # fmt: skip
    assert report.occurred_on == date(2026, 11, 28)
    assert report.note is None


def test_english_help_does_not_say_it() -> None:
    with using("en"):
        assert "are written as shown" not in seizure_help()
