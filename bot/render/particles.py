"""Korean particles chosen for the word before them: `KCS은(는)` is sent as `KCS는`.

A Korean translation cannot know what fills `{agency}` or `{typed}`, so its particles are written
in both forms, `{agency}은(는)`; a person reading `KCS은(는)` sees a form, not a sentence. Only the
translators' own text has its pairs resolved, when the template is filled (`Template.format`,
which bot.render.i18n's `_` returns for such a Korean text): never the values put into it, which
are what people typed (`부산(으)로` stays as typed). A pair is resolved: by the final consonant
(batchim) of a Hangul syllable,
by how a Korean reads a Latin letter or digit (M 엠, S 에스, 1 일, 2 이), looking through
closing quotes, brackets, spaces and HTML tags to the word before them. Where the word cannot
be read (an emoji, a Thai word) the pair stays as written, which is still correct Korean. A unit
is read as a Korean says it: `2kg` 이킬로그램 (consonant), `5ml` 오밀리리터 (vowel).
"""

from __future__ import annotations

import functools
import html
import re
import string
from typing import Any

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
# Units as read aloud: 킬로그램 그램 밀리그램 end in ㅁ; 밀리리터 리터 in a vowel (not 지, 엘).
_UNITS = {"kg": (True, False), "g": (True, False), "mg": (True, False), "ml": (False, False)}
_UNITS["mL"] = _UNITS["ml"]
# Litres only after a number: 'L' alone is the letter 엘.
_LITRE = {"l": (False, False), "L": (False, False)}
_LETTERS = re.compile(r"(?<![A-Za-z])(\d?)([A-Za-z]{1,2})$")
# How far back a pair looks for its word: through a closing tag and quote, never further.
_LOOK_BACK = 200


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
        if char.isascii() and char.isalpha():
            unit = _unit(text, i)
            if unit is not None:
                return unit
        return _reading(char)
    return None


def _unit(text: str, end: int) -> tuple[bool, bool] | None:
    """How the unit ending before `end` ('2kg', 'kg', '5L') reads, if it is one."""
    found = _LETTERS.search(text, max(0, end - 3), end)
    if found is None:
        return None
    letters = found.group(2)  # as written: 'MG' is a code (엠지), 'mg' a unit
    if found.group(1) and letters in _LITRE:
        return _LITRE[letters]
    return _UNITS.get(letters)


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


def _after(before: str, literal: str) -> str:
    """`literal` with its pairs chosen, reading back into `before` (already written) if need be."""
    if "(" not in literal:
        return literal
    tail = before[-_LOOK_BACK:]
    if not tail:
        return particles(literal)
    text, start = tail + literal, len(tail)
    out: list[str] = []
    for match in _MARKER.finditer(text, start):  # the pairs of `literal` only
        out += (text[start : match.start()], _resolve(match))
        start = match.end()
    out.append(text[start:])
    return "".join(out)


def has_pairs(text: str) -> bool:
    """Whether a translation writes a particle in both forms."""
    return "(" in text and _MARKER.search(text) is not None


@functools.lru_cache(maxsize=4096)
def _pieces(template: str) -> tuple[tuple[str, str | None], ...]:
    """The template's literal runs, each with the field (as written, numbered) that follows it."""
    pieces: list[tuple[str, str | None]] = []
    auto = 0
    for literal, name, spec, conversion in string.Formatter().parse(template):
        if name is None:
            pieces.append((literal, None))
            continue
        if name == "" or name[0] in ".[":
            name, auto = f"{auto}{name}", auto + 1
        field = name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "")
        pieces.append((literal, "{" + field + "}"))
    return tuple(pieces)


class Template(str):
    """A Korean translation whose paired particles are chosen when it is filled, by what
    precedes each pair, never inside the values (what people typed is sent as typed)."""

    __slots__ = ()

    def format(self, *args: Any, **kwargs: Any) -> str:
        """The filled text, each pair of the translation's own text chosen for its word."""
        written: list[str] = []
        for literal, field in _pieces(str(self)):
            # Only the text before this literal run is read: a few hundred characters at most.
            written.append(_after("".join(written[-4:]), literal))
            if field is not None:
                written.append(field.format(*args, **kwargs))
        return "".join(written)

    def __add__(self, other: str) -> str:
        # A template glued to more before it is filled stays a template.
        return Template(str(self) + other)


@functools.lru_cache(maxsize=4096)
def translated(text: str) -> str:
    """A Korean translation as `_` returns it: pairs chosen now if nothing is to fill it."""
    if not has_pairs(text):
        return text
    if "{" not in text:
        return particles(text)
    return Template(text)
