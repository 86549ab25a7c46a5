"""The scanner's ground: a message's tokens, the role each is given, and its text as typed."""

from __future__ import annotations

import enum
from datetime import date

from bot.domain.catalogue import Catalogue, alias_words
from bot.domain.quantities import read_number
from bot.parsing.amounts import Message
from bot.parsing.tokens import Kind, tokenize
from bot.parsing.wording import normalise
from bot.render.i18n import _

_VALUE_KINDS = (Kind.WORD, Kind.QUOTED)
_TRAILING = ".,;:!?"


class ParseError(ValueError):
    """A message that records nothing; the text is one sentence with a corrected example.

    `examples` are alternatives, each a tuple of corrected messages best first; the first of
    each that is itself a valid report is shown (see parsing.parse_seizure).
    """

    def __init__(self, reason: str, *examples: tuple[str, ...], adds_weight: bool = False) -> None:
        # Typed words quoted in the message may hold line breaks; the answer is one line.
        self.reason = " ".join(reason.split())
        self.adds_weight = adds_weight  # see refusals.Refusal
        self.examples = tuple(tuple(" ".join(c.split()) for c in e) for e in examples)
        shown = [f"/seizure {choices[0]}" for choices in self.examples if choices]
        if len(shown) > 1:
            text = _("{reason}, e.g. {example} or {other}").format(
                reason=self.reason, example=shown[0], other=", ".join(shown[1:])
            )
        elif shown:
            text = _("{reason}, e.g. {example}").format(reason=self.reason, example=shown[0])
        else:
            text = self.reason
        super().__init__(text)


class Role(enum.Enum):
    """What a token turned out to be."""

    UNREAD = "unread"
    ITEM = "item"
    DETAIL = "detail"
    SEP = "sep"
    NOTE = "note"


class TokenText:
    """The tokens of a message (numbers in words made digits) and what each turned out to be."""

    def __init__(self, text: str, catalogue: Catalogue, today: date) -> None:
        self.text = text
        self.catalogue = catalogue
        self.today = today
        self.tokens = normalise(tokenize(text), catalogue)
        self.words = [token.text for token in self.tokens]
        self.numbers = [
            read_number(token.text) if token.kind is Kind.WORD else None for token in self.tokens
        ]
        self.roles = [Role.UNREAD] * len(self.tokens)
        self.message = Message(text, self.tokens, self.numbers, self.words)

    def _mark_rest(self, start: int, end: int) -> None:
        while start < end and self.tokens[start].kind is Kind.SEP:
            self.roles[start] = Role.SEP
            start += 1
        self._mark(start, end, Role.NOTE)

    def _quoted(self, index: int) -> bool:
        return index < len(self.tokens) and self.tokens[index].kind is Kind.QUOTED

    def _is_value(self, index: int) -> bool:
        return index < len(self.tokens) and self.tokens[index].kind in _VALUE_KINDS

    def _norm(self, index: int) -> str:
        if index >= len(self.tokens):
            return ""
        return " ".join(alias_words(self.words[index]))

    def _value_text(self, start: int, end: int | None = None) -> str:
        """The text of tokens[start:end] as typed; a lone quoted token without its quotes."""
        stop = start + 1 if end is None else end
        if stop <= start or start >= len(self.tokens):
            return ""
        first, last = self.tokens[start], self.tokens[stop - 1]
        if stop - start == 1 and first.kind is Kind.QUOTED:
            return self.text[first.inner_start : first.inner_end]
        return self.text[first.start : last.end]

    def _span(self, start: int, end: int) -> str:
        return self.message.span(start, end)

    def _mark(self, start: int, end: int, role: Role) -> None:
        for index in range(start, end):
            self.roles[index] = role

    def _mark_item(self, start: int, end: int, noted: tuple[int, int] | None) -> None:
        """An item's tokens, but for words within it that are its note (a strength)."""
        self._mark(start, end, Role.ITEM)
        if noted is not None:
            self._mark(*noted, Role.NOTE)

    def _note(self) -> str | None:
        roles = self.roles
        for index, token in enumerate(self.tokens):
            # A separator between two unread words was punctuation, not a split: keep it.
            if token.kind is Kind.SEP and 0 < index < len(roles) - 1:
                if roles[index - 1] is Role.NOTE and roles[index + 1] is Role.NOTE:
                    roles[index] = Role.NOTE
        runs: list[str] = []
        index = 0
        while index < len(roles):
            if roles[index] is not Role.NOTE:
                index += 1
                continue
            end = index
            while end < len(roles) and roles[end] is Role.NOTE:
                end += 1
            runs.append(self._value_text(index, end))
            index = end
        return " ".join(runs) if runs else None
