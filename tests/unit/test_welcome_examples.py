"""/start's two example reports, in each reader's language, read as the English ones do."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from bot.domain.catalogue import Catalogue
from bot.domain.unit import Caller, Operation, Role
from bot.parsing import parse_seizure
from bot.render.i18n import LOCALES, _, using
from bot.render.welcome import WELCOME_EXAMPLES, welcome

SIREN = Operation(1, "SIREN", "Operation Siren", "Asia/Seoul", False, None, 300, 3600)
OFFICER = Caller(7, Role.OFFICER, SIREN, 1, "KCS", False)
# Each language's place words ('ICN T1', '인천공항 T1'), and what the examples record.
PLACES = {"en": ("ICN T1", "luggage"), "ko": ("인천공항 T1", "여행가방")}
PLACES["th"] = ("สุวรรณภูมิ T1", "กระเป๋าเดินทาง")


@pytest.mark.parametrize("locale", LOCALES)
def test_start_shows_examples_in_the_readers_language_that_read_as_the_english(
    locale: str,
) -> None:
    with using(locale):
        examples = [_(e) for e in WELCOME_EXAMPLES]
        said = welcome(OFFICER, reports=True)
    for example in examples:
        assert f"<code>{example}</code>" in said
    if locale != "en":  # before: the English two in every language
        assert not set(examples) & set(WELCOME_EXAMPLES), examples
    catalogue, today = Catalogue.load(), date(2026, 11, 30)
    meth, yaba = (parse_seizure(e, catalogue=catalogue, today=today) for e in examples)
    assert [(i.substance, i.amount, i.unit, i.form) for i in meth.items] == [
        ("methamphetamine", Decimal(2000), "g", None)
    ]
    assert [(i.substance, i.amount, i.unit, i.form) for i in yaba.items] == [
        ("methamphetamine", Decimal(500), "unit", "tablet")
    ]
    place, bag = PLACES[locale]
    assert (meth.location, yaba.origin, yaba.concealment) == (place, "LA", bag)
    assert meth.note is None and yaba.note is None
