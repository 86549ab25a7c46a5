"""Numbers in words and glued amounts, rewritten as the tokens the item reader knows.

"two hundred" becomes one token "200" that still stands where the words stood, so what was
typed is kept as typed; "3x500g" becomes "3", "x", "500g" and "1kg200g" "1kg", "200g".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal
from functools import lru_cache

from bot.domain.catalogue import DESCRIPTION_WORDS, Catalogue, alias_words
from bot.domain.quantities import (
    EAST_ASIAN,
    Number,
    ascii_digits,
    read_number,
    unit_word,
)
from bot.parsing.counted_words import KO_COUNTERS, native_korean, spelled_half, spelled_number
from bot.parsing.markers import APPROXIMATE, is_package, is_suspected, is_times
from bot.parsing.native_glue import native_pieces
from bot.parsing.tokens import SEPARATOR_WORDS, Kind, Token

# A frozenset's order changes with each process's string hashing; the glue reader must not.
_APPROXIMATE_LONGEST_FIRST = sorted(APPROXIMATE, key=lambda m: (-len(m), m))

_ONES = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen".split()
)
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
NUMBER_WORDS = {word: Decimal(value) for value, word in enumerate(_ONES)}
NUMBER_WORDS |= {word: Decimal(20 + 10 * value) for value, word in enumerate(_TENS)}
_SCALES = {"thousand": Decimal(1000), "million": Decimal(1_000_000)}
_FRACTIONS = {"half": Decimal("0.5"), "quarter": Decimal("0.25")}
_ARTICLES = frozenset({"a", "an"})
# What "a"/"an" may stand before to mean one (the spec's list).
_AFTER_ARTICLE = frozenset({"hundred", "thousand", "million", "dozen", "half", "quarter"})
# A number with a Korean or Thai multiplier glued on ("2만", "5หมื่น"), maybe a unit after it.
_GLUED_MULTIPLIER = re.compile(
    r"[0-9]+(?:\.[0-9]+)?(" + "|".join(EAST_ASIAN) + r")(?!" + "|".join(EAST_ASIAN) + ")"
)


def _native_count(tokens: Sequence[Token], index: int) -> Token | None:
    """'두' of '두 봉지' and '두 킬로' as the token '2', ห้าร้อย of 'ห้าร้อย กรัม' and 오백 of
    '오백 그램' as '500', standing where the word stood."""
    token = tokens[index]
    after = tokens[index + 1] if index + 1 < len(tokens) else None
    if token.kind is not Kind.WORD or after is None or after.kind is not Kind.WORD:
        return None
    if after.text.rstrip(".,;:!?") not in KO_COUNTERS and not _counts(after):
        return None
    value = spelled_number(token.text)
    if value is None or (token.text in EAST_ASIAN and _multiplies(tokens, index)):
        return None
    return Token(Kind.WORD, token.start, token.end, str(value), token.start, token.end)


def _multiplies(tokens: Sequence[Token], index: int) -> bool:
    """Whether 천, 백 or พัน alone multiplies the number before it ("5 천 정"), or is glued
    to its unit as a word ("천정" is a ceiling, not 1,000 tablets)."""
    glued = tokens[index].end == tokens[index + 1].start
    return glued or (index > 0 and _is_number(tokens[index - 1].text))


def normalise(tokens: Sequence[Token], catalogue: Catalogue) -> list[Token]:
    """The tokens with glued amounts split and numbers in words made digits."""
    split = [piece for token in tokens for piece in _split_glued(token)]
    out: list[Token] = []
    index = 0
    while index < len(split):
        # Before the native count: "สอง กิโล ครึ่ง" is 2.5 kg, not 2 and a kilo and a half.
        if (halved := spelled_half(split, index)) is not None:
            out.append(halved[0])
            index += halved[1]
            continue
        if (native := _native_count(split, index)) is not None:
            out.append(native)
            index += 1
            continue
        spaced = _spaced_multipliers(split, index)
        if spaced is not None:
            # "2만 5천", "2 แสน 5 หมื่น": written apart, they combine as 2만5천 does.
            first, last = split[index], split[spaced - 1]
            glued = "".join(token.text for token in split[index:spaced])
            out.append(Token(Kind.WORD, first.start, last.end, glued, first.start, last.end))
            index = spaced
            continue
        read = _number_words(split, index) or _digits_and_a_half(split, index)
        if read is not None and (
            _amount_follows(split, read[1], catalogue) or _number_after_and(split, read[1])
        ):
            value, end = read
            first, last = split[index], split[end - 1]
            half = _unit_and_a_half(split, end)
            value += Decimal("0.5") if half else Decimal(0)
            digits = format(value.normalize(), "f")
            out.append(Token(Kind.WORD, first.start, last.end, digits, first.start, last.end))
            index = end
            if half:
                # "a kilo and a half": the unit token stands for the words up to "half".
                unit, tail = split[end], split[end + 3]
                out.append(Token(Kind.WORD, unit.start, tail.end, unit.text, unit.start, tail.end))
                index = end + 4
            continue
        out.append(split[index])
        index += 1
    return out


def _multiplier_group(tokens: Sequence[Token], index: int) -> tuple[Decimal, bool, int] | None:
    """A number and its Korean or Thai multiplier at `index`: (multiplier, unit follows, end)."""
    token = tokens[index]
    if token.kind is not Kind.WORD or not isinstance(read_number(token.text), Number):
        return None
    text = ascii_digits(token.text)
    glued = _GLUED_MULTIPLIER.match(text)
    if glued is not None:
        return EAST_ASIAN[glued[1]], glued.end() < len(text), index + 1
    plain = read_number(token.text)
    after = tokens[index + 1] if index + 1 < len(tokens) else None
    if not isinstance(plain, Number) or plain.unit or plain.multiplier or after is None:
        return None
    if after.kind is Kind.WORD and after.text in EAST_ASIAN:
        return EAST_ASIAN[after.text], False, index + 2
    return None


def _spaced_multipliers(tokens: Sequence[Token], index: int) -> int | None:
    """The end of two or more number-and-multiplier groups, largest first, from `index`."""
    end, groups, previous = index, 0, None
    while end < len(tokens):
        group = _multiplier_group(tokens, end)
        if group is None or (previous is not None and group[0] >= previous):
            break
        previous, unit_follows, end = group[0], group[1], group[2]
        groups += 1
        if unit_follows:
            break  # "5หมื่นเม็ด": the unit closes the number
    return end if groups >= 2 else None


def _is_and_a_half(tokens: Sequence[Token], index: int) -> bool:
    return [_words(t) for t in tokens[index : index + 3]] == [["and"], ["a"], ["half"]]


def _digits_and_a_half(tokens: Sequence[Token], index: int) -> tuple[Decimal, int] | None:
    """'1 and a half kilos', '2 kilos and a half': a plain number, half more."""
    number = read_number(tokens[index].text) if tokens[index].kind is Kind.WORD else None
    if not isinstance(number, Number) or number.unit or number.multiplier:
        return None
    if _is_and_a_half(tokens, index + 1):
        return number.value + Decimal("0.5"), index + 4
    if _unit_and_a_half(tokens, index + 1):
        return number.value, index + 1
    return None


def _unit_and_a_half(tokens: Sequence[Token], index: int) -> bool:
    """A unit word followed by "and a half" ("a kilo and a half")."""
    if index >= len(tokens) or unit_word(tokens[index].text) is None:
        return False
    return _is_and_a_half(tokens, index + 1)


def _split_glued(token: Token) -> list[Token]:
    if token.kind is not Kind.WORD:
        return [token]
    pieces = _glued_pieces(token.text)
    if len(pieces) == 1:
        return [token]
    split = [_sub(token, start, end) for start, end in pieces]
    # "ไอซ์1กก.และยาบ้า": the glued และ separates the items, as it does with spaces around it
    return [
        replace(piece, kind=Kind.SEP) if piece.text in SEPARATOR_WORDS else piece for piece in split
    ]


Pieces = tuple[tuple[int, int], ...]


# Each word of each report is tried against every way of gluing an amount: the same few words
# (meth, bags, 1kg) again and again, and where a word splits depends on the word alone.
@lru_cache(maxsize=4096)
def _glued_pieces(word: str) -> Pieces:
    """Where a word splits into the pieces it is read as, (start, end) in it; one if none."""
    whole = ((0, len(word)),)
    if read_number(word) is not None:
        return whole
    for cut in range(1, len(word) - 1):
        # "3x500g", "500g×3": a count and an amount joined by the times sign.
        if is_times(word[cut]) and _is_number(word[:cut]) and _is_number(word[cut + 1 :]):
            return ((0, cut), (cut, cut + 1), (cut + 1, len(word)))
    for marker in _APPROXIMATE_LONGEST_FIRST:
        # "약2kg", "ประมาณ2กิโล" (Thai writes no spaces), "approx.2kg": about, then the amount.
        # Longest first: "approx" before "approx." would leave ".2kg", read as 200 g.
        if word.casefold().startswith(marker) and len(word) > len(marker):
            rest = _after(word, len(marker))
            if _is_number(word[rest[0][0] : rest[0][1]]):
                return ((0, len(marker)), *rest)
    if (native := native_pieces(word, _glued_pieces)) is not None:
        return native  # Thai or Korean written without spaces: native_glue.py
    if len(word) > 1 and word.endswith("씩") and _is_number(word[:-1]):
        return ((0, len(word) - 1), (len(word) - 1, len(word)))  # "200정씩": 200 tablets each
    for cut in range(1, min(len(word), 5)):
        # "두봉지", "세병", "두킬로": a native Korean count glued to its counter or unit.
        counted = word[cut:] in KO_COUNTERS or (len(word) - cut > 1 and unit_word(word[cut:]))
        if native_korean(word[:cut]) is not None and counted:
            return ((0, cut), (cut, len(word)))
    for cut in range(1, len(word)):
        # "2봉지", "3bags": a count glued to its package word.
        if is_package(word[cut:]) and _is_number(word[:cut]):
            return ((0, cut), (cut, len(word)))
    for multiplier in EAST_ASIAN:
        # "4 แสนเม็ด": a Thai or Korean multiplier glued to the unit after a spaced number.
        if word.startswith(multiplier) and unit_word(word[len(multiplier) :]) is not None:
            return ((0, len(multiplier)), (len(multiplier), len(word)))
    if len(word) > 1 and is_times(word[-1]) and _is_number(word[:-1]):
        return ((0, len(word) - 1), (len(word) - 1, len(word)))  # "5x 200g"
    if len(word) > 1 and is_times(word[0]) and _is_number(word[1:]):
        return ((0, 1), (1, len(word)))  # "200g x5"
    for cut in range(1, len(word)):
        # "1kg200g": two amounts with their units, side by side.
        if word[cut].isdigit() and word[cut - 1].isalpha():
            left = read_number(word[:cut])
            if isinstance(left, Number) and left.unit is not None:
                rest = _after(word, cut)
                if len(rest) > 1 or _is_number(word[rest[0][0] : rest[0][1]]):
                    return ((0, cut), *rest)
    return whole


def _after(word: str, cut: int) -> Pieces:
    """The pieces of what follows `cut`, placed in the whole word."""
    return tuple((cut + start, cut + end) for start, end in _glued_pieces(word[cut:]))


def glued_parts(word: str) -> list[str]:
    """The pieces a report reads one word as: '2봉지' is 2 and 봉지, '약2kg' about and 2kg."""
    return [
        piece.text for piece in _split_glued(Token(Kind.WORD, 0, len(word), word, 0, len(word)))
    ]


def _is_number(text: str) -> bool:
    return isinstance(read_number(text), Number)


def _sub(token: Token, start: int, end: int | None = None) -> Token:
    stop = len(token.text) if end is None else end
    begin, finish = token.start + start, token.start + stop
    return Token(Kind.WORD, begin, finish, token.text[start:stop], begin, finish)


def _words(token: Token) -> list[str]:
    if token.kind is Kind.SEP:
        return ["and"] if token.text.casefold() == "and" else []
    if token.kind is not Kind.WORD:
        return []
    text = token.text.casefold().strip(".,;:!?()")
    return text.split("-") if text else []


def _number_words(tokens: Sequence[Token], start: int) -> tuple[Decimal, int] | None:
    """A number spelled in words at `start`: its value and the index after it."""
    index = start
    words = _words(tokens[index])
    if words in (["a"], ["an"]):
        after = _words(tokens[index + 1]) if index + 1 < len(tokens) else []
        if len(after) == 1 and after[0] in _FRACTIONS:
            index, words = index + 1, after  # "a half kilo", "a quarter kilo"
        elif len(after) == 1 and after[0] in _AFTER_ARTICLE:
            return _more(tokens, index + 1, Decimal(0), Decimal(1), start)  # "a hundred"
        elif index + 1 < len(tokens) and _counts(tokens[index + 1]):
            return Decimal(1), index + 1  # "a kilo", "a bag"
        else:
            return None
    if len(words) == 1 and words[0] in _FRACTIONS:
        index += 1
        # "half a kilo", "quarter kilo"; "quarter of a kilo" is 250 g too, not a kilo
        index += index < len(tokens) and _words(tokens[index]) == ["of"]
        if index < len(tokens) and _words(tokens[index]) in (["a"], ["an"]):
            index += 1
        return _FRACTIONS[words[0]], index
    if not words or words[0] not in NUMBER_WORDS:
        return None  # "thousand" alone multiplies the number before it: "29 thousand"
    return _more(tokens, index, Decimal(0), None, start)


def _more(
    tokens: Sequence[Token], index: int, total: Decimal, current: Decimal | None, start: int
) -> tuple[Decimal, int] | None:
    used = current is not None
    while index < len(tokens):
        words = _words(tokens[index])
        if words == ["and"]:
            # "and" belongs to a number only in "and a half"; elsewhere it separates items.
            if used and [_words(t) for t in tokens[index + 1 : index + 3]] == [["a"], ["half"]]:
                current = (current or Decimal(0)) + Decimal("0.5")
                index += 3
                scale = _words(tokens[index]) if index < len(tokens) else []
                if current >= 1 and len(scale) == 1 and scale[0] in {"hundred", *_SCALES}:
                    continue  # "two and a half thousand": the scale multiplies the half too
            break
        if not words or not all(_known(word) for word in words):
            break
        for word in words:
            if word in NUMBER_WORDS:
                current = (current or Decimal(0)) + NUMBER_WORDS[word]
            elif word == "hundred":
                current = (current or Decimal(1)) * 100
            elif word == "dozen":
                current = (current or Decimal(1)) * 12
            else:
                total += (current or Decimal(1)) * _SCALES[word]
                current = None
        used = True
        index += 1
    if not used or index == start:
        return None
    return total + (current or Decimal(0)), index


def _number_after_and(tokens: Sequence[Token], index: int) -> bool:
    """'one hundred and fifty yaba': "and" separates, so the hundred is a number of its own,
    read (and refused without its substance) as 100 would be, not left as a note."""
    if index + 1 >= len(tokens) or _words(tokens[index]) != ["and"]:
        return False
    after = tokens[index + 1]
    return _number_words(tokens, index + 1) is not None or _is_number(after.text)


def _known(word: str) -> bool:
    return word in NUMBER_WORDS or word in _SCALES or word in {"hundred", "dozen"}


def _counts(token: Token) -> bool:
    return unit_word(token.text) is not None or is_package(token.text)


def _amount_follows(tokens: Sequence[Token], index: int, catalogue: Catalogue) -> bool:
    """Whether words after a spelled number make it an amount ("two hundred pills")."""
    if index >= len(tokens) or tokens[index].kind is not Kind.WORD:
        return False
    token = tokens[index]
    if _counts(token) or is_times(token.text):
        return True
    if is_suspected(token.text):
        # "two suspected ecstasy pills" is an amount; "one suspect arrested" is not.
        return _amount_follows(tokens, index + 1, catalogue)
    words = [t.text for t in tokens[index : index + 8] if t.kind is Kind.WORD]
    key = alias_words(token.text)
    if key and key[0] in DESCRIPTION_WORDS:
        return True
    return catalogue.match(words) is not None or catalogue.near(token.text) is not None
