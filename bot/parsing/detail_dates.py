"""The date of a report, as its details give it: `on DATE`, `date=...`, `yesterday`; a date
in the future, or one that cannot be read, is refused with today's date in its place."""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from datetime import date

from bot.domain.quantities import ascii_digits
from bot.parsing.date_hints import unread_date_length
from bot.parsing.dates import date_at, relative_day, short_year_refusal, whole_date, written_date
from bot.parsing.scanning import ParseError, Role, TokenText
from bot.parsing.tokens import Kind
from bot.render.i18n import _

_TRAILING = ".,;:!?"
_YEAR = re.compile(r"[0-9]{4}")
_SHORT = re.compile(r"[0-9]{2}")


class DateDetails(TokenText, ABC):
    """Reads and checks the date a detail gives; details.DetailScanner reads the rest."""

    occurred_on: date | None
    sent: bool

    @abstractmethod
    def _detail_at(self, index: int) -> object | None:
        """The detail that starts at `index`, if one does (see details.DetailScanner)."""

    def _take_date(self, index: int, start: int) -> int:
        quoted = self._quoted(start)
        words = self._value_text(start).split() if quoted else self.words[start : start + 4]
        found = written_date(words, self.today)
        if found is None or (quoted and found[1] != len(words)):
            end = start + (1 if quoted else unread_date_length(words))
            typed = self._value_text(start, end).rstrip(_TRAILING)
            said = _('Cannot read the date "{typed}": write the day it happened')
            self._refuse_date(said.format(typed=typed), start, end)
        assert found is not None
        day, length = found
        end = start + 1 if quoted else start + length
        if not quoted and length == 2 and (year := self._comma_year(end)) is not None:
            # "Nov 20, 2026": the comma before the year is the date's own, not a separator.
            typed = ascii_digits(self.words[year].rstrip(_TRAILING))
            read = [*words[:2], typed]
            if len(typed) == 2 and isinstance(day, date):  # "24 Nov 26" read as "24/11/26"
                read = [f"{day.day}/{day.month}/{typed}"]
            found = date_at(read, self.today)
            assert found is not None
            day, end = found[0], year + 1
        if isinstance(day, str):
            # Month first (11/28) or a day alone (on 5): the example is the day meant, written
            # whole, unless it is still to come (12/28/2026 on 30 Nov): then today's, as always.
            fixed = None if quoted else whole_date(words, self.today)
            again = date_at([fixed], self.today) if fixed else None
            later = again is None or not isinstance(again[0], date) or again[0] > self.today
            self._refuse_date(day, start, end, None if later else fixed)
        assert isinstance(day, date)
        self._set_date(index, end, day, start)
        return end

    def _comma_year(self, index: int) -> int | None:
        """The year in ", 2026" (or " 26": two digits, no comma) at `index`, when nothing but a
        separator or detail follows it ("24 Nov 26 yaba" is 26 tablets)."""
        # Thai or full-width digits as 0-9 ("Nov ๒๐, ๒๐๒๖"), as everywhere in a date.
        typed = ascii_digits(self.words[index].rstrip(_TRAILING)) if index < len(self.words) else ""
        short = self._is_value(index) and _SHORT.fullmatch(typed)
        year = index if short else index + 1
        if year >= len(self.tokens) or not (short or self.tokens[index].text == ","):
            return None
        if self.tokens[year].kind is not Kind.WORD or not (_SHORT if short else _YEAR).fullmatch(
            ascii_digits(self.words[year].rstrip(_TRAILING))
        ):
            return None
        after = year + 1
        ends = after == len(self.tokens) or self.tokens[after].kind is Kind.SEP
        return year if ends or self._detail_at(after) is not None else None

    def _set_date(self, start: int, end: int, day: date, value_start: int | None = None) -> None:
        if day > self.today:
            self._refuse_short_year(day, value_start or start, end)
            self._refuse_date(
                _(
                    "The date {day} is after the report was sent on {sent}: write the day "
                    "it happened"
                ).format(day=day.isoformat(), sent=self.today.isoformat())
                if self.sent
                else _("The date {day} is in the future: write the day it happened").format(
                    day=day.isoformat()
                ),
                value_start or start,
                end,
            )
        if self.occurred_on is None:
            self.occurred_on = day
            self._mark(start, end, Role.DETAIL)
        else:
            self._mark(start, end, Role.NOTE)

    def _refuse_short_year(self, day: date, start: int, end: int) -> None:
        """'on 20/11/69' reads as 2069, in the future: see dates.short_year_refusal."""
        typed = self.text[self.tokens[start].start : self.tokens[end - 1].end].rstrip(".,;:!?")
        refusal = None if self.sent else short_year_refusal(typed, day, self.today)
        if refusal is not None:
            self._refuse_date(refusal[0], start, end, refusal[1])

    def _refuse_date(self, reason: str, start: int, end: int, fixed: str | None = None) -> None:
        """Refuse a date (`reason`, a sentence), with `fixed` (or today's date) in its place."""
        first, last = self.tokens[start], self.tokens[end - 1]
        today = fixed or self.today.isoformat()
        if self.words[start].casefold() in {"today", "yesterday"} or relative_day(
            self.words[start], self.today
        ):
            first = self.tokens[start - 1]  # "date=yesterday" in the future cannot be
        whole = self.text[: first.start] + today + self.text[last.end :]
        raise ParseError(reason, (whole, f"2kg meth on {today}"))
