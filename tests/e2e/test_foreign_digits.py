"""Digits that are digits to Python's str.isdigit but not to int() ('²', '³'), and decimal
digits of other scripts ('١١'), in commands that read numbers. Adversary review, session 17:
'/summary last ² days' was "Sorry... a fault on our side" (in the group, for everyone to see),
and '/summary 2026-١١-20' said "that month has 30 days" of a day that exists."""

from __future__ import annotations

import pytest

from bot.demo import COORDINATOR, GROUP, KCS_OFFICER, OBSERVER
from fakegram.types import FakeChat, FakeUser
from tests.e2e import conftest as harness

FAULT = "fault on our side"


@pytest.mark.parametrize(
    ("who", "text", "chat"),
    [
        (COORDINATOR, "/summary last ² days", None),
        (OBSERVER, "/summary last ³ days", None),
        (KCS_OFFICER, "/chart last ² days", None),
        (KCS_OFFICER, "/summary last ² days", GROUP),
    ],
)
async def test_a_superscript_count_of_days_is_refused_with_the_periods(
    siren: harness.Harness, who: FakeUser, text: str, chat: FakeChat | None
) -> None:
    said = await siren.talk.text(who, text, chat)
    assert FAULT not in said, said
    assert "is not a period I can read" in said, said
    command = text.split()[0]
    assert f"{command} 2026-11-01..2026-11-20" in said, said


async def test_a_day_in_arabic_indic_digits_is_that_day(siren: harness.Harness) -> None:
    said = await siren.talk.text(COORDINATOR, "/summary 2026-١١-20")
    assert "that month has" not in said, said
    assert said == await siren.talk.text(COORDINATOR, "/summary 2026-11-20")
