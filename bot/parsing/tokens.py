"""Cut a seizure message into tokens that remember where they stand in the text."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from functools import lru_cache

from bot.parsing.markers import GROSS, NET, is_gross, is_net

# `key=value` / `key: value`, with the spec's keys and the short forms officers use.
KEYS = {
    "location": "location",
    "loc": "location",
    "place": "location",
    "origin": "origin",
    "from": "origin",
    "destination": "destination",
    "dest": "destination",
    "to": "destination",
    "transport": "transport",
    "mode": "transport",
    "via": "transport",
    "concealment": "concealment",
    "concealed": "concealment",
    "hidden": "concealment",
    "detection": "detection",
    "detected": "detection",
    "reference": "reference",
    "ref": "reference",
    "case": "reference",
    "date": "date",
    "when": "date",
    "note": "note",
    "notes": "note",
    "comment": "note",
    "remarks": "note",
}
_KEY = re.compile(r"(?i)(" + "|".join(sorted(KEYS, key=len, reverse=True)) + r")[ \t]*[=:]")
_SPACE = re.compile(r"\s+")
_CHUNK = re.compile(r"\S+")
# Two words that are one marker: gross and net weight in Korean and Thai (markers.GROSS, NET).
JOINED = frozenset(
    {("총", "중량"), ("순", "중량"), ("นน.", "รวม"), ("นน.", "สุทธิ"), ("น้ำหนัก", "รวม")}
    | {("น้ำหนัก", "สุทธิ")}
)
_FIRSTS = frozenset(first for first, _ in JOINED)
_WEIGHTS = GROSS | NET
_QUOTES = {'"': '"”', "“": '”"', "„": "“”", "«": "»", "”": "”"}


class Kind(enum.Enum):
    """What a token is, before any word in it is understood."""

    WORD = "word"
    SEP = "sep"  # between items: + ; "," followed by space, "and", 및, และ, a line break
    TAG = "tag"  # #tag
    KEY = "key"  # location= / note:
    AT = "at"  # the @ of @BKK
    QUOTED = "quoted"  # "text in quotes", kept whole


@dataclass(frozen=True)
class Token:
    """A piece of the message: its kind and where it stands; `inner` excludes quotes."""

    kind: Kind
    start: int
    end: int
    text: str
    inner_start: int
    inner_end: int
    key: str | None = None


def tokenize(text: str) -> list[Token]:
    """Split a message into tokens; every non-space character belongs to exactly one."""
    tokens: list[Token] = []
    pos = 0
    while pos < len(text):
        space = _SPACE.match(text, pos)
        if space is not None:
            newline = text.find("\n", pos, space.end())
            if newline >= 0:
                tokens.append(_token(Kind.SEP, text, newline, newline + 1))
            pos = space.end()
            continue
        closers = _QUOTES.get(text[pos])
        # A quote closes on its own line; an unclosed one is just a character.
        line_end = text.find("\n", pos)
        line_end = len(text) if line_end < 0 else line_end
        close = _find_any(text, closers, pos + 1, line_end) if closers else -1
        if close > pos + 1:
            tokens.append(Token(Kind.QUOTED, pos, close + 1, text[pos : close + 1], pos + 1, close))
            pos = close + 1
            continue
        key = _KEY.match(text, pos)
        if key is not None:
            name = KEYS[key.group(1).casefold()]
            tokens.append(_token(Kind.KEY, text, pos, key.end(), key=name))
            pos = key.end()
            continue
        chunk = _CHUNK.match(text, pos)
        assert chunk is not None
        end = chunk.end()
        # A quote inside a word may open a quoted value ("x="y z""), so stop the word there.
        quote = _find_any(text, "".join(_QUOTES), pos + 1, end)
        if quote > 0:
            end = quote
        tokens.extend(_split_chunk(text, pos, end))
        pos = end
    return _joined(text, tokens)


def _joined(text: str, tokens: list[Token]) -> list[Token]:
    """'총 중량', 'นน. รวม': the two words of one marker, apart on a line, as one token."""
    if len(tokens) < 2 or not any(token.text in _FIRSTS for token in tokens):
        return tokens
    out: list[Token] = []
    for token in tokens:
        last = out[-1] if out else None
        if (
            last is not None
            and last.kind is Kind.WORD
            and token.kind is Kind.WORD
            and (last.text, token.text) in JOINED
            and "\n" not in text[last.end : token.start]
        ):
            out[-1] = _token(Kind.WORD, text, last.start, token.end)
            continue
        out.append(token)
    return out


# Where a chunk may be cut: most chunks have none of these, and are one piece.
_SEPARATOR_CHARS = re.compile(r"[;+,]")


def _split_chunk(text: str, start: int, end: int) -> list[Token]:
    if _SEPARATOR_CHARS.search(text, start, end) is None:
        return _piece(text, start, end)
    tokens: list[Token] = []
    piece = start
    for index in range(start, end):
        if _is_separator(text, index, start, end):
            tokens.extend(_piece(text, piece, index))
            tokens.append(_token(Kind.SEP, text, index, index + 1))
            piece = index + 1
    tokens.extend(_piece(text, piece, end))
    return tokens


def _is_separator(text: str, index: int, start: int, end: int) -> bool:
    char = text[index]
    if char in ";+":
        return True
    if char != ",":
        return False
    # "1,250" and "2,5" are numbers; any other comma separates, but one before a gross or net
    # weight: "필로폰 세 병, 총 중량 1.2kg" weighs the bottles counted before it.
    between_digits = (
        start < index < end - 1 and text[index - 1].isdigit() and text[index + 1].isdigit()
    )
    return not between_digits and not _weight_follows(text, index + 1)


def _weight_follows(text: str, at: int) -> bool:
    words = text[at:].split(maxsplit=2)
    return bool(words) and (
        is_gross(words[0]) or is_net(words[0]) or " ".join(words[:2]) in _WEIGHTS
    )


# What may follow an @ glued to the word before it: a code in capitals, a Thai or Korean name.
_GLUED_PLACE = re.compile(r"[A-Z]{3,5}(?![\w.@])|[\u0e01-\u0e4e\uac00-\ud7a3]")

# The words between items (the rules' item separators), besides "+", ";" and line breaks.
SEPARATOR_WORDS = frozenset({"and", "&", "및", "และ"})


def _piece(text: str, start: int, end: int) -> list[Token]:
    if start >= end:
        return []
    word = text[start:end]
    if word.casefold() in SEPARATOR_WORDS:
        return [_token(Kind.SEP, text, start, end)]
    if word.startswith("#") and len(word) > 1 and word[1].isalnum():
        return [_token(Kind.TAG, text, start, end)]
    if word.startswith("@"):
        at = _token(Kind.AT, text, start, start + 1)
        return [at, *_piece(text, start + 1, end)] if len(word) > 1 else [at]
    glued = word.find("@")
    if glued > 0 and _GLUED_PLACE.match(word, glued + 1):
        # "750กรัม@BKK", "2kg@ICN": the place glued to the amount; not "duty@customs.go.th"
        return [*_piece(text, start, start + glued), *_piece(text, start + glued, end)]
    return [_token(Kind.WORD, text, start, end)]


def _token(kind: Kind, text: str, start: int, end: int, key: str | None = None) -> Token:
    return Token(kind, start, end, text[start:end], start, end, key)


def _find_any(text: str, chars: str, start: int, end: int | None = None) -> int:
    found = _any_of(chars).search(text, start, len(text) if end is None else end)
    return -1 if found is None else found.start()


@lru_cache(maxsize=16)
def _any_of(chars: str) -> re.Pattern[str]:
    return re.compile("[" + re.escape(chars) + "]")
