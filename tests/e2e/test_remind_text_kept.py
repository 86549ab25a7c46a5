"""A reminder's own words are never rewritten (newcomer review, round 2): '/remind 내일 09:00
내일 오전 회의 준비' went to the group as '⏰ tomorrow 오전 회의 준비', and '매일 09:00 매일' as
'⏰ daily': a day word in the text was read as WHEN's too. And Thai day words are WHEN as the
Korean ones are ('ทุกวัน 17:00', 'พรุ่งนี้ 09:00' were refused)."""

from __future__ import annotations

import pytest

from bot.demo import COORDINATOR
from fakegram.types import FakeChat
from tests.e2e.conftest import Harness

KIM = FakeChat.private(COORDINATOR)


@pytest.mark.parametrize(
    ("typed", "spec", "text"),
    [
        ("내일 09:00 내일 오전 회의 준비", "tomorrow 09:00", "내일 오전 회의 준비"),
        ("매일 09:00 매일", "daily 09:00", "매일"),
        ("평일 18:00 평일 점검", "weekdays 18:00", "평일 점검"),
        ("ทุกวัน 17:00 ส่งรายงานทุกวัน", "daily 17:00", "ส่งรายงานทุกวัน"),
        ("พรุ่งนี้ 09:00 ประชุม พรุ่งนี้", "tomorrow 09:00", "ประชุม พรุ่งนี้"),
        # Round 3: 'at' in the text was dropped too ('⏰ the gate').
        ("tomorrow 09:00 at the gate", "tomorrow 09:00", "at the gate"),
        ("내일 at 09:00 at the gate", "tomorrow 09:00", "at the gate"),
    ],
)
async def test_the_reminders_words_are_kept_as_typed(
    siren: Harness, typed: str, spec: str, text: str
) -> None:
    said = await siren.talk.text(COORDINATOR, f"/remind {typed}", KIM)
    assert f"⏰ {text}" in said, said
    assert await siren.rows("SELECT spec, text FROM reminder") == [{"spec": spec, "text": text}]


async def test_a_missing_time_is_asked_with_the_reminders_own_words(siren: Harness) -> None:
    # Round 3: the example dropped the first word, taken for the time ('... 09:00 prep').
    said = await siren.talk.text(COORDINATOR, "/remind tomorrow meeting prep", KIM)
    assert said.endswith("Example: /remind tomorrow 09:00 meeting prep"), said
    assert await siren.rows("SELECT id FROM reminder") == []


@pytest.mark.parametrize(
    ("typed", "word"), [("พรุ่งนี้", "tomorrow"), ("내일", "tomorrow"), ("daily", "daily")]
)
async def test_a_day_word_alone_is_asked_its_time(siren: Harness, typed: str, word: str) -> None:
    # Round 3: '/remind พรุ่งนี้' said "I cannot read 'tomorrow' as a time", quoting a word the
    # person never typed.
    said = await siren.talk.text(COORDINATOR, f"/remind {typed}", KIM)
    assert said == f"At what time? e.g. /remind {word} 09:00 Send your nil returns", said
