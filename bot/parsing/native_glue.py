"""Thai and Korean written without spaces, cut into the words a report is read as.

Thai has no spaces between words, and Korean officers on a phone often leave them out:
'ยาบ้า200เม็ดที่BKK' is ยาบ้า, 200เม็ด, ที่ (at), BKK; 'ยาบ้านน.สุทธิ2กก.' ยาบ้า, นน.สุทธิ (net),
2กก.; '필로폰순중량2kg' 필로폰, 순중량 (net), 2kg.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

from bot.domain.quantities import Number, read_number, unit_word
from bot.parsing.counted_words import half_pieces, thai_run
from bot.parsing.markers import GROSS, NET, is_package
from bot.parsing.thai_places import thai_place_follows

Pieces = tuple[tuple[int, int], ...]
Splitter = Callable[[str], Pieces]

_THAI_AND = "และ"  # the rules' item separator, glued to the next item in Thai
_THAI_AT = "ที่"
_THAI_ABOUT = "ประมาณ"  # "ยาไอซ์ประมาณ2กิโล": about, glued after the substance
# Net and gross written as one word, glued after the substance: "ยาบ้านน.สุทธิ", "필로폰순중량".
_GLUED_WEIGHTS = frozenset(word for word in NET | GROSS if " " not in word and not word.isascii())


def native_pieces(word: str, split: Splitter) -> Pieces | None:
    """Where a Thai or Korean word splits, cutting what follows with `split`; None if it is
    neither, or is one word."""
    if any(_thai_letter(char) for char in word):
        return _thai_pieces(word, split)
    if any(_hangul(char) for char in word):
        return _korean_pieces(word, split)
    return None


def _thai_letter(char: str) -> bool:
    return "\u0e01" <= char <= "\u0e4e"


def _hangul(char: str) -> bool:
    return "\uac00" <= char <= "\ud7a3"


def _thai_pieces(word: str, split: Splitter) -> Pieces | None:
    """Thai is written without spaces: 'ยาบ้า200เม็ด' is ยาบ้า and 200เม็ด, '2kgเคตามีน' 2kg and
    เคตามีน. A word is cut before a digit that follows a Thai letter, and after the longest
    amount it starts with when a Thai word follows."""
    if word.startswith(_THAI_AND) and len(word) > len(_THAI_AND):
        return ((0, len(_THAI_AND)), *_after(word, len(_THAI_AND), split))  # "และยาบ้า"
    if (at := _at_cut(word, split)) is not None:
        return (*split(word[:at]), *_after(word, at, split))  # "ที่BKK"; "เม็ดที่..."
    for cut in range(1, len(word)):
        # "กก.200กรัม": the dot of a unit before the digits is the unit's
        dotted = word[cut - 1] == "." and cut > 1 and _thai_letter(word[cut - 2])
        if (_thai_letter(word[cut - 1]) or dotted) and word[cut].isdecimal():
            # "ไอซ์1กก.และยาบ้า200เม็ด": what comes before the digits may itself be glued
            return (*split(word[:cut]), *_after(word, cut, split))
    if (weight := _weight_cut(word)) is not None:
        return ((0, weight), (weight, len(word)))  # "ยาบ้านน.สุทธิ": yaba, net
    if word.endswith(_THAI_ABOUT) and len(word) > len(_THAI_ABOUT):
        return ((0, len(word) - len(_THAI_ABOUT)), (len(word) - len(_THAI_ABOUT), len(word)))
    if (run := thai_run(word)) is not None:
        return run  # "สามมัด": สาม, มัด
    if (half := half_pieces(word)) is not None:
        return half  # "กิโลครึ่ง": กิโล, ครึ่ง
    for cut in range(1, len(word) - 1):
        # "ยาบ้าสองร้อยเม็ด": Thai number words glued to a unit, after the substance;
        # "ยาบ้าสามมัดหนึ่งกิโล": a count glued to its package word, then the weight.
        run = (
            thai_run(word[cut:]) or half_pieces(word[cut:]) if _thai_letter(word[cut - 1]) else None
        )
        if run is not None:
            return ((0, cut), *((cut + start, cut + end) for start, end in run))
    return _number_first(word, split, _thai_letter)


def _korean_pieces(word: str, split: Splitter) -> Pieces | None:
    """'필로폰2kg' 필로폰 and 2kg, '2kg필로폰' 2kg and 필로폰, '필로폰순중량' 필로폰 and 순중량."""
    if read_number(word) is not None:
        return None  # "2만5천정": one amount
    for cut in range(1, len(word)):
        if _hangul(word[cut - 1]) and word[cut].isdecimal():
            if any(char.isdecimal() for char in word[:cut]):
                break  # "2만5천": the multiplier's, not a new word
            rest = _after(word, cut, split)
            if not _amount(word[rest[0][0] : rest[0][1]], whole=len(rest) == 1):
                break  # "오후3시", "제2터미널": no amount
            return (*split(word[:cut]), *rest)
    if (weight := _weight_cut(word)) is not None:
        return ((0, weight), (weight, len(word)))
    if (half := half_pieces(word)) is not None:
        return half  # "반킬로": half, kilo
    if word[0].isdecimal():
        for cut in range(len(word) - 1, 0, -1):
            # "2kg필로폰"; not "11월", "3시": a Korean word after a bare number is its counter
            if _hangul(word[cut]) and _amount(word[:cut], whole=False):
                return ((0, cut), *_after(word, cut, split))
    return None


def _amount(text: str, whole: bool) -> bool:
    """An amount with its unit or multiplier; a bare number too when it is all there is."""
    number = read_number(text)
    if not isinstance(number, Number):
        return False
    return whole or number.unit is not None or bool(number.multiplier)


def _number_first(word: str, split: Splitter, letter: Callable[[str], bool]) -> Pieces | None:
    """'200เม็ดยาบ้า', '2kg필로폰': the longest amount the word starts with, then the rest."""
    if word[0].isdecimal():
        for cut in range(len(word) - 1, 0, -1):
            if letter(word[cut]) and isinstance(read_number(word[:cut]), Number):
                return ((0, cut), *_after(word, cut, split))
    return None


def _weight_cut(word: str) -> int | None:
    """Where a net or gross weight word glued after a name starts ('ยาบ้านน.รวม' at นน.)."""
    for cut in range(1, len(word) - 1):
        if _folded(word[cut:]) in _GLUED_WEIGHTS:
            return cut
    return None


def _folded(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold().rstrip(".")


def _at_cut(word: str, split: Splitter) -> int | None:
    """Where ที่ (at) glued to a place is cut off: after it ('ที่BKK'), or before it after an
    amount ('เม็ดที่สุวรรณภูมิ', 'สองร้อยเม็ดที่ดอนเมือง'); None where ที่ is no "at" (ที่สุด,
    เจ้าหน้าที่)."""
    if word.startswith(_THAI_AT) and thai_place_follows(word[len(_THAI_AT) :], glued=True):
        return len(_THAI_AT)
    cut = word.find(_THAI_AT)
    if cut <= 0 or not thai_place_follows(word[cut + len(_THAI_AT) :], glued=True):
        return None
    start, end = split(word[:cut])[-1]
    last = word[start:end]
    counted = unit_word(last) is not None or is_package(last)
    return cut if counted or isinstance(read_number(last), Number) else None


def _after(word: str, cut: int, split: Splitter) -> Pieces:
    """The pieces of what follows `cut`, placed in the whole word."""
    return tuple((cut + start, cut + end) for start, end in split(word[cut:]))
