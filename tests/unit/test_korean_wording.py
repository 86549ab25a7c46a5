"""Korean wording: one word for the seizure date, one politeness level, no particle guesses.

A particle after a placeholder ('#2이(가)', '취소을(를)') is a guess the reader sees as such:
the sentence is built so the particle follows a noun the translator wrote ('#{number}번 보고가').
"""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.pofile import read_po

from bot.render.i18n import catalogue_path

# A particle written both ways, right after a report's number, a button, or a date's code span.
_GUESSED = re.compile(
    r"(#\{number\}|\{button\}|\{record\}|\{cancel\}|\{fmt\}|</code>)"
    r"(을\(를\)|이\(가\)|은\(는\)|\(으\)로|라고)"
)


def _korean() -> list[str]:
    with Path(catalogue_path("ko")).open("rb") as po:
        catalogue = read_po(po, locale="ko")
    texts: list[str] = []
    for message in catalogue:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        texts += [s for s in strings if s]
    return texts


def test_the_seizure_date_is_one_word_in_korean() -> None:
    # Before: the digest said 압수일 where summaries and /show say 적발일.
    assert [t for t in _korean() if "압수일" in t] == []


def test_korean_instructions_keep_one_politeness_level() -> None:
    # Before: "/cancel 로 취소하세요" among replies that say -십시오.
    assert [t for t in _korean() if "세요" in t] == []


def test_no_korean_particle_is_guessed_after_a_number_a_button_or_a_typed_date() -> None:
    # Before: '#2이(가)', '#53을(를)', '취소을(를)', 'on 2026.11.28라고'.
    assert [t for t in _korean() if _GUESSED.search(t)] == []
