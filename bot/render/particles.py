"""Korean particles chosen for the word before them: `KCS은(는)` is sent as `KCS는`.

A Korean translation cannot know what fills `{agency}` or `{typed}`, so its particles are written
in both forms, `{agency}은(는)`; a person reading `KCS은(는)` sees a form, not a sentence. Every
text on its way out (bot.render.fit.fit_message, which every message, edit and caption passes)
has its paired particles resolved here: by the final consonant (batchim) of a Hangul syllable,
by how a Korean reads a Latin letter or digit (M 엠, S 에스, 1 일, 2 이), looking through
closing quotes, brackets, spaces and HTML tags to the word before them. Where the word cannot
be read (an emoji, a Thai word) the pair stays as written, which is still correct Korean.
"""

from __future__ import annotations

import html
import re

# Both forms as the translation writes them, and the form after a consonant and after a vowel.
_PAIRS = {
    "은(는)": ("은", "는"),
    "는(은)": ("은", "는"),
    "이(가)": ("이", "가"),
    "가(이)": ("이", "가"),
    "을(를)": ("을", "를"),
    "를(을)": ("을", "를"),
    "과(와)": ("과", "와"),
    "와(과)": ("과", "와"),
}
_MARKER = re.compile(
    "|".join(re.escape(p) for p in _PAIRS) + r"|\(으\)로|\(이\)에요|\(이\)(?=[가-힣])",
)
# What a Korean reads a letter or digit as ends in a consonant (엘 엠 엔 알; 영 일 삼 육 칠 팔),
# and in ㄹ for these (엘 알; 일 칠 팔), after which (으)로 is 로.
_CONSONANT = set("LMNRlmnr013678")
_RIEUL = set("LRlr178")
# Looked through to the word before: closing quotes and brackets, spaces.
_THROUGH = set(" \t\n'\"’”)]}」』》〉»")
_TAG_OR_ENTITY = re.compile(r"(?:<[^<>]*>|&(?:#\d+|#x[0-9a-fA-F]+|\w+);)$")


def _ending(text: str, end: int) -> tuple[bool, bool] | None:
    """Whether the word ending before `end` ends in a consonant, and in ㄹ; None if unreadable."""
    i = end
    while i > 0:
        char = text[i - 1]
        if char in ">;":
            found = _TAG_OR_ENTITY.search(text, 0, i)
            if found:
                shown = "" if char == ">" else html.unescape(found.group())
                if shown == "" or shown in _THROUGH:
                    i = found.start()
                    continue
                return _reading(shown[-1])
        if char in _THROUGH:
            i -= 1
            continue
        return _reading(char)
    return None


def _reading(char: str) -> tuple[bool, bool] | None:
    if "가" <= char <= "힣":
        final = (ord(char) - ord("가")) % 28
        return final != 0, final == 8  # 8 is ㄹ
    if char.isascii() and char.isalnum():
        return char in _CONSONANT, char in _RIEUL
    if char == "%":  # 퍼센트
        return False, False
    return None


def _resolve(match: re.Match[str]) -> str:
    marker = match.group()
    ending = _ending(match.string, match.start())
    if ending is None:
        return marker
    consonant, rieul = ending
    if marker == "(으)로":
        return "으로" if consonant and not rieul else "로"
    if marker == "(이)에요":
        return "이에요" if consonant else "예요"
    if marker == "(이)":  # (이)나, (이)라는: 이나 after a consonant, 나 after a vowel
        return "이" if consonant else ""
    after_consonant, after_vowel = _PAIRS[marker]
    return after_consonant if consonant else after_vowel


def particles(text: str) -> str:
    """`text` with each paired Korean particle (은(는), (으)로 ...) chosen for its word."""
    if "(" not in text:
        return text  # every English and Thai message, and most Korean ones
    return _MARKER.sub(_resolve, text)
