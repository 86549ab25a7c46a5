"""Misreads a newcomer and an adversary found in round 11, each read as the rules say."""

from __future__ import annotations

from datetime import date

import pytest
from babel import Locale

from bot.domain.catalogue import Catalogue
from bot.domain.vocabulary import country_code
from bot.parsing import SeizureReport, parse_seizure

TODAY = date(2026, 11, 25)
CATALOGUE = Catalogue.load()


def parse(text: str, catalogue: Catalogue = CATALOGUE) -> SeizureReport:
    return parse_seizure(text, catalogue=catalogue, today=TODAY)


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("บราซิล", "BR"),
        ("สหรัฐ", "US"),
        ("สหรัฐอเมริกา", "US"),
        ("โคลอมเบีย", "CO"),
        ("พม่า", "MM"),
        ("เมียนมา", "MM"),
        ("มาเลเซีย", "MY"),
        ("브라질", "BR"),
        ("콜롬비아", "CO"),
        ("미국", "US"),
    ],
)
def test_korean_and_thai_country_names_are_origins(typed: str, code: str) -> None:
    report = parse(f"2kg meth from {typed} to {typed}")
    assert (report.origin, report.destination, report.note) == (code, code, None)


@pytest.mark.parametrize("locale", ["ko", "th"])
def test_every_country_s_korean_and_thai_name_is_read(locale: str) -> None:
    territories = Locale.parse(locale).territories
    iso = [code for code in territories if code.isalpha() and country_code(code) == code]
    assert len(iso) > 240
    for code in iso:
        assert country_code(territories[code]) == code, territories[code]
