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


def _korean(locale: str = "ko") -> list[str]:
    with Path(catalogue_path(locale)).open("rb") as po:
        catalogue = read_po(po, locale=locale)
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


def test_a_seizure_is_one_word_in_korean_and_its_details_one_pair() -> None:
    # Before: 압수 보고(모든 품목), 압수 품목, 압수량 beside 적발 everywhere else; the help said
    # 은닉 방법/적발 경위 where the acknowledgement said 은닉 장소/적발 방법.
    assert [t for t in _korean() if "압수" in t] == []
    assert [t for t in _korean() if "은닉 장소" in t or "적발 방법" in t] == []


def test_korean_and_thai_write_a_percentage_on_its_number() -> None:
    # Before: '내보내는 중… 0 %', '10 % 이내'.
    for locale in ("ko", "th"):
        assert [t for t in _korean(locale) if re.search(r"[0-9}] %", t)] == [], locale


def test_the_korean_help_describes_what_it_does_now() -> None:
    # Before: "'미기재'로 묶었습니다" (it grouped them) in a help text read before any summary.
    assert [t for t in _korean() if "묶었습니다" in t] == []


def test_thai_spells_bot_one_way_and_asks_no_literal_wrong_question() -> None:
    # Before: บอต and บอท both; 'ผิดหรือไม่?' and 'ชื่อสาร: /help substances', word for word.
    thai = _korean("th")
    assert [t for t in thai if "บอท" in t] == []
    assert [t for t in thai if "ผิดหรือไม่" in t or "ชื่อสาร: /help" in t] == []
