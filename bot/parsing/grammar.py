"""The seizure grammar: tokens -> items and details, every token accounted for.

A message is read left to right. Separators (+ ; , and, line breaks) split items; a keyword
(at, from, to, via, by, in, detected by, ref, on DATE, #tag, key=value...) starts a detail
whose value runs to the next keyword, separator or item; anything else around a number is an
item. Each token ends with a role, and the tokens nobody understood become the note.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from bot.domain.catalogue import Catalogue
from bot.domain.quantities import Number
from bot.domain.seizure import SeizureItem, SeizureReport
from bot.domain.vocabulary import country_code, detection_at, transport_at
from bot.parsing.dates import date_at, relative_day
from bot.parsing.items import ItemReading, Refusal, read_item
from bot.parsing.markers import is_approximate, is_gross, is_net, is_package, is_suspected
from bot.parsing.scanning import ParseError, Role, TokenText
from bot.parsing.tokens import Kind
from bot.render.i18n import _

__all__ = ["ParseError", "explain", "scan"]


_VALUE_KINDS = (Kind.WORD, Kind.QUOTED)
_CONCEAL_VERBS = frozenset({"concealed", "hidden", "found", "stashed", "packed", "secreted"})
_CONCEAL_PREPS = frozenset({"in", "inside", "within", "under"})
_DETECT_VERBS = frozenset({"detected", "found", "spotted", "discovered", "identified", "flagged"})
_DETECT_PREPS = frozenset({"by", "with", "via", "through", "using"})
_NUMBER_WORDS = frozenset({"no", "nr", "number", "#"})
_TRAILING = ".,;:!?"
_FREE_FIELDS = frozenset({"location", "concealment", "origin", "destination"})
_ENUM_FIELDS = frozenset({"transport", "detection", "mode"})


@dataclass(frozen=True)
class _Detail:
    field: str
    value_start: int


def scan(text: str, *, catalogue: Catalogue, today: date) -> SeizureReport:
    """Read a message (without its /seizure command) into a report, or raise ParseError."""
    return _Scanner(text, catalogue, today).report()


def explain(text: str, *, catalogue: Catalogue, today: date) -> list[tuple[str, str]]:
    """Each token of a message with the role it was given: item, detail, sep or note."""
    scanner = _Scanner(text, catalogue, today)
    scanner.report()
    return [
        (text[token.start : token.end], role.value)
        for token, role in zip(scanner.tokens, scanner.roles, strict=True)
    ]


class _Scanner(TokenText):
    def __init__(self, text: str, catalogue: Catalogue, today: date) -> None:
        super().__init__(text, catalogue, today)
        self.items: list[SeizureItem] = []
        self.fields: dict[str, str] = {}
        self.occurred_on: date | None = None
        self.tags: list[str] = []
        self._details: dict[int, _Detail | None] = {}
        self._tried: dict[int, ItemReading | Refusal] = {}
        self._region_ends: list[int] = []

    # ---- the walk -------------------------------------------------------------------------

    def report(self) -> SeizureReport:
        if not self.tokens:
            raise ParseError(
                _("Nothing to record: write the amount and the substance"), ("2kg meth",)
            )
        index = 0
        while index < len(self.tokens):
            index = self._step(index)
        if not self.items:
            raise ParseError(_("No amount found: write it with its unit"), ("2kg meth",))
        return SeizureReport(
            items=tuple(self.items),
            location=self.fields.get("location"),
            origin=self.fields.get("origin"),
            destination=self.fields.get("destination"),
            transport=self.fields.get("transport"),
            concealment=self.fields.get("concealment"),
            detection=self.fields.get("detection"),
            reference=self.fields.get("reference"),
            occurred_on=self.occurred_on,
            tags=tuple(self.tags),
            note=self._note(),
        )

    def _step(self, index: int) -> int:
        if self.tokens[index].kind is Kind.SEP:
            self.roles[index] = Role.SEP
            return index + 1
        detail = self._detail_at(index)
        if detail is not None:
            return self._take_detail(index, detail)
        stop = self._item_region_end(index)
        if any(self.numbers[q] is not None for q in range(index, stop)):
            found = self._try_item(index)
            if isinstance(found, Refusal):
                raise ParseError(found.reason, *found.examples)
            self._mark(index, found.start, Role.NOTE)
            self._mark(found.start, found.end, Role.ITEM)
            self.items.append(found.item)
            return found.end
        named = self.catalogue.match(self.words[index:stop])
        # "2kg meth, cocaine" forgot an amount; after a detail the words are only a note.
        if named is not None and self._after_item_or_start(index):
            typed = self._span(index, index + named.length)
            example = "300" if self.catalogue.default_form(named.alias) else "2kg"
            at = self.tokens[index].start
            whole = f"{self.text[:at]}{example} {self.text[at:]}"
            raise ParseError(
                _("No amount found for {typed}: write it with its unit").format(typed=typed),
                (whole, f"{example} {typed}"),
            )
        self._mark(index, stop, Role.NOTE)
        return stop

    def _after_item_or_start(self, index: int) -> bool:
        before = index - 1
        while before >= 0 and self.roles[before] is Role.SEP:
            before -= 1
        return before < 0 or self.roles[before] is Role.ITEM

    # ---- details --------------------------------------------------------------------------

    def _detail_at(self, index: int) -> _Detail | None:
        if index not in self._details:
            self._details[index] = self._find_detail(index)
        return self._details[index]

    def _find_detail(self, index: int) -> _Detail | None:
        token = self.tokens[index]
        if token.kind is Kind.TAG:
            return _Detail("tag", index + 1)
        if token.kind is Kind.KEY:
            assert token.key is not None
            return _Detail(token.key, index + 1)
        has_value = self._is_value(index + 1)
        if token.kind is Kind.AT:
            return _Detail("location", index + 1) if has_value else None
        if token.kind is not Kind.WORD:
            return None
        word = self._norm(index)
        if relative_day(word, self.today) is not None:
            return _Detail("relative", index + 1)
        if not has_value:
            return None
        following = self._norm(index + 1)
        simple = {"at": "location", "from": "origin", "to": "destination", "via": "mode"}
        simple |= {"by": "mode", "in": "concealment", "inside": "concealment"}
        if word == "in" and self._packages_at(index + 1):
            return _Detail("packages", index + 1)
        if word in simple:
            return _Detail(simple[word], index + 1)
        if word == "on" and following == "foot":
            return _Detail("mode", index + 1)
        if word in {"on", "dated"} and date_at(self.words[index + 1 : index + 4], self.today):
            return _Detail("date", index + 1)
        two_words = self._is_value(index + 2)
        if word in _CONCEAL_VERBS and following in _CONCEAL_PREPS and two_words:
            return _Detail("concealment", index + 2)
        if word in _DETECT_VERBS and following in _DETECT_PREPS and two_words:
            return _Detail("detection", index + 2)
        if word in {"ref", "reference", "case"}:
            value = index + 2 if following in _NUMBER_WORDS and two_words else index + 1
            # "in case of", "case closed": only a case with a number is a reference.
            if word == "case" and not any(c.isdigit() for c in self.words[value]):
                return None
            return _Detail("reference", value)
        return None

    def _take_detail(self, index: int, detail: _Detail) -> int:
        field, start = detail.field, detail.value_start
        if field == "tag":
            return self._take_tag(index)
        if field == "relative":
            day = relative_day(self.words[index], self.today)
            assert day is not None
            self._set_date(index, start, day)
            return start
        if field == "date" and self._is_value(start):
            return self._take_date(index, start)
        if field == "packages":
            return self._take_packages(index, start)
        if field in {"reference", "date"} or self._quoted(start):
            end = start + 1 if self._is_value(start) else start
        elif field in _FREE_FIELDS:
            end = self._free_run(start)
        elif field in _ENUM_FIELDS:
            end = self._run_end(start)
        else:  # note: everything up to the next key= or #tag
            end = start
            while end < len(self.tokens) and self.tokens[end].kind not in (Kind.KEY, Kind.TAG):
                end += 1
        if end == start or not self._value_text(start, end).strip(_TRAILING):
            self._mark(index, end, Role.NOTE)
            return end
        if field == "note":
            self._mark(index, start, Role.DETAIL)
            self._mark(start, end, Role.NOTE)
        elif field in {"origin", "destination"}:
            self._take_place(field, index, start, end)
        elif field in _ENUM_FIELDS:
            self._take_enum(field, index, start, end)
        else:
            self._set(field, self._value_text(start, end).rstrip(_TRAILING), index, end)
        return end

    def _take_tag(self, index: int) -> int:
        tag = self.words[index][1:].rstrip(_TRAILING).casefold()
        self.roles[index] = Role.DETAIL
        if tag not in self.tags:
            self.tags.append(tag)
        return index + 1

    def _take_place(self, field: str, index: int, start: int, end: int) -> None:
        code = country_code(self._value_text(start, end))
        if code is not None:
            self._set(field, code, index, end)
            return
        # "from Thailand by air" stops at "by"; "from Thailand urgent" keeps "urgent" as note.
        for cut in range(end - 1, start, -1):
            code = country_code(self._value_text(start, cut), any_case_codes=False)
            if code is not None:
                self._set(field, code, index, cut)
                self._mark_rest(cut, end)
                return
        self._set(field, self._value_text(start, end).rstrip(_TRAILING), index, end)

    def _take_enum(self, field: str, index: int, start: int, end: int) -> None:
        words = self.words[start:end]
        tables = {"transport": [transport_at], "detection": [detection_at]}
        for finder in tables.get(field, [transport_at, detection_at]):
            found = finder(words)
            if found is not None:
                target = "transport" if finder is transport_at else "detection"
                self._set(target, found[0], index, start + found[1])
                self._mark_rest(start + found[1], end)
                return
        # The keyword says a mode or method was given; keep the words, which nobody knows.
        # "via Thailand" names a transit country, not a mode: that is only a note.
        target = "detection" if field == "detection" else "transport"
        transit = field == "mode" and country_code(self._value_text(start, end)) is not None
        if target not in self.fields and not transit:
            self.fields[target] = "other"
        self._mark(index, end, Role.NOTE)

    def _set(self, field: str, value: str, start: int, end: int) -> None:
        # A detail given twice keeps the first; the second goes to the note, not lost.
        if field in self.fields:
            self._mark(start, end, Role.NOTE)
        else:
            self.fields[field] = value
            self._mark(start, end, Role.DETAIL)

    def _take_date(self, index: int, start: int) -> int:
        quoted = self._quoted(start)
        words = self._value_text(start).split() if quoted else self.words[start : start + 3]
        found = date_at(words, self.today)
        if found is None or (quoted and found[1] != len(words)):
            typed = self._value_text(start).rstrip(_TRAILING)
            self._refuse_date(
                _('Cannot read the date "{typed}": write the day it happened').format(typed=typed),
                start,
                start + 1,
            )
        assert found is not None
        day, length = found
        end = start + 1 if quoted else start + length
        if isinstance(day, str):
            self._refuse_date(day, start, end)
        assert isinstance(day, date)
        self._set_date(index, end, day, start)
        return end

    def _set_date(self, start: int, end: int, day: date, value_start: int | None = None) -> None:
        if day > self.today:
            self._refuse_date(
                _("The date {day} is in the future: write the day it happened").format(
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

    def _refuse_date(self, reason: str, start: int, end: int) -> None:
        """Refuse a date (`reason`, a whole sentence), with today's date in its place."""
        first, last = self.tokens[start], self.tokens[end - 1]
        today = self.today.isoformat()
        if self.words[start].casefold() in {"today", "yesterday"} or relative_day(
            self.words[start], self.today
        ):
            first = self.tokens[start - 1]  # "date=yesterday" in the future cannot be
        whole = self.text[: first.start] + today + self.text[last.end :]
        raise ParseError(reason, (whole, f"2kg meth on {today}"))

    def _packages_at(self, index: int) -> bool:
        """'in 3 bricks': a number (not "a") and a package word; "in a bag" is concealment."""
        number = self.numbers[index] if index < len(self.tokens) else None
        if not isinstance(number, Number) or number.unit is not None:
            return False
        token = self.tokens[index]
        if not self.text[token.start : token.end][:1].isdigit() and number.value == 1:
            return False
        return index + 1 < len(self.tokens) and is_package(self.words[index + 1])

    def _take_packages(self, index: int, start: int) -> int:
        number = self.numbers[start]
        assert isinstance(number, Number)
        end = start + 2
        if self.items and self.items[-1].packages is None and number.value > 0:
            if number.value == number.value.to_integral_value():
                self.items[-1] = replace(self.items[-1], packages=int(number.value))
                self._mark(index, end, Role.DETAIL)
                return end
        self._mark(index, end, Role.NOTE)
        return end

    # ---- runs of words --------------------------------------------------------------------

    def _run_end(self, start: int) -> int:
        """The end of a value: the next separator, keyword, or item with a known substance."""
        end = start
        while end < len(self.tokens):
            if self.tokens[end].kind is Kind.SEP or self._detail_at(end) is not None:
                break
            if end > start and self._known_item_at(end):
                break
            end += 1
        return end

    def _free_run(self, start: int) -> int:
        """A free-text value, continued past a separator unless an item or keyword follows."""
        end = self._run_end(start)
        while end < len(self.tokens) and self.tokens[end].kind is Kind.SEP:
            after = end
            while after < len(self.tokens) and self.tokens[after].kind is Kind.SEP:
                after += 1
            if after == len(self.tokens) or self._detail_at(after) is not None:
                break
            if self._item_at(after):
                break
            further = self._run_end(after)
            if further == after:
                break
            end = further
        return end

    # ---- items ----------------------------------------------------------------------------

    def _item_region_end(self, start: int) -> int:
        """The next separator or keyword at or after `start` (items never cross one)."""
        if not self._region_ends:
            # Computed once from the right, so a long message stays linear.
            ends = [len(self.tokens)] * (len(self.tokens) + 1)
            for index in range(len(self.tokens) - 1, -1, -1):
                stop = self.tokens[index].kind is Kind.SEP or self._detail_at(index) is not None
                ends[index] = index if stop else ends[index + 1]
            self._region_ends = ends
        return self._region_ends[start]

    def _item_at(self, index: int) -> bool:
        """Whether a whole item starts exactly here ("300 yaba", "meth 2kg", "2kg dust")."""
        if not self._could_start_item(index):
            return False
        found = self._try_item(index)
        return isinstance(found, ItemReading) and found.start == index

    def _known_item_at(self, index: int) -> bool:
        """Whether an item with a catalogued substance starts exactly here."""
        if not self._could_start_item(index):
            return False
        found = self._try_item(index)
        return isinstance(found, ItemReading) and found.start == index and found.classified

    def _could_start_item(self, index: int) -> bool:
        if self.tokens[index].kind not in _VALUE_KINDS:
            return False
        if self.numbers[index] is not None:
            return True
        word = self.words[index]
        if is_approximate(word) or is_gross(word) or is_net(word) or is_suspected(word):
            return True
        named = self.catalogue.match(self.words[index : index + 8])
        if named is None:
            return False
        after = index + named.length
        return after < len(self.tokens) and self.numbers[after] is not None

    def _try_item(self, start: int) -> ItemReading | Refusal:
        if start not in self._tried:
            stop = self._item_region_end(start)
            self._tried[start] = read_item(self.message, self.catalogue, start, stop)
        return self._tried[start]
