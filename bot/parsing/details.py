"""The details of a seizure message: a keyword and the value that runs to the next one.

`at`/`@` place, `from`/`to` country, `via`/`by` mode, `in`/`concealed in` what, `detected by`
how, `ref`/`case`, `on DATE`, `yesterday`, `#tag`, `key=value`; `in 3 bricks` sets the last
item's packages. A value runs to the next separator, keyword or item.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, replace
from datetime import date

from bot.domain.catalogue import Catalogue
from bot.domain.quantities import Number
from bot.domain.seizure import SeizureItem
from bot.domain.vocabulary import country_code, detection_at, transport_at
from bot.parsing.date_hints import meant_as_date
from bot.parsing.dates import relative_words
from bot.parsing.detail_dates import DateDetails
from bot.parsing.markers import DATE_WORDS, is_package
from bot.parsing.places import ends_at_comma, is_transit_place
from bot.parsing.scanning import Role
from bot.parsing.spoken_modes import spoken_detection_at, spoken_transport_at
from bot.parsing.times import time_at
from bot.parsing.tokens import Kind

_CONCEAL_VERBS = frozenset({"concealed", "hidden", "found", "stashed", "packed", "secreted"})
_CONCEAL_PREPS = frozenset({"in", "inside", "within", "under"})
_DETECT_VERBS = frozenset({"detected", "found", "spotted", "discovered", "identified", "flagged"})
_DETECT_PREPS = frozenset({"by", "with", "via", "through", "using"})
_NUMBER_WORDS = frozenset({"no", "nr", "number", "#"})
_TRAILING = ".,;:!?"
_FREE_FIELDS = frozenset({"location", "concealment", "origin", "destination"})
_ENUM_FIELDS = frozenset({"transport", "detection", "mode"})


@dataclass(frozen=True)
class Detail:
    """A detail's field and the token where its value starts."""

    field: str
    value_start: int


class DetailScanner(DateDetails, ABC):
    """Reads details into fields, a date and tags; the items are the subclass's to read."""

    def __init__(self, text: str, catalogue: Catalogue, today: date) -> None:
        super().__init__(text, catalogue, today)
        self.items: list[SeizureItem] = []
        self.fields: dict[str, str] = {}
        self.occurred_on: date | None = None
        # An edit days later is read from the day its report was sent (`today`): a date after
        # that day would be seized after it was reported.
        self.sent = False
        self.tags: list[str] = []
        self._details: dict[int, Detail | None] = {}

    @abstractmethod
    def _item_at(self, index: int) -> bool:
        """Whether a whole item starts exactly here (a value stops before it)."""

    @abstractmethod
    def _known_item_at(self, index: int) -> bool:
        """Whether an item with a catalogued substance starts exactly here."""

    # ---- details --------------------------------------------------------------------------

    def _detail_at(self, index: int) -> Detail | None:
        if index not in self._details:
            self._details[index] = self._find_detail(index)
        return self._details[index]

    def _find_detail(self, index: int) -> Detail | None:
        token = self.tokens[index]
        if token.kind is Kind.TAG:
            return Detail("tag", index + 1)
        if token.kind is Kind.KEY:
            assert token.key is not None
            # "location: at ICN", "ref: ref X1", "date: on 24/11": the key's own keyword again
            again = self._find_detail(index + 1) if index + 1 < len(self.tokens) else None
            modes = {"mode"} if token.key in _ENUM_FIELDS else set()
            same = again is not None and again.field in modes | {token.key}
            return again if same else Detail(token.key, index + 1)
        has_value = self._is_value(index + 1)
        if token.kind is Kind.AT:
            return Detail("location", index + 1) if has_value else None
        if token.kind is not Kind.WORD:
            return None
        word = self._norm(index)
        if word in {"ref", "reference", "case"} and self._tag_reference(index + 1):
            return Detail("reference tag", index + 1)  # "case #22-0917": the reference, no tag
        relative = relative_words(self.words[index : index + 4], self.today)
        if relative is not None:
            return Detail("relative", index + relative[1])
        if (clock := time_at(self.words[index : index + 4])) is not None:
            # "at 14:30", "เวลา 14.00 น.", "2 pm": a time of day, never an amount nor a place;
            # the note keeps it, and a place before it ends there ("at ICN at 14:30").
            return Detail("time", index + clock)
        if not has_value:
            return None
        following = self._norm(index + 1)
        simple = {"at": "location", "from": "origin", "to": "destination", "via": "mode"}
        simple |= {"by": "mode", "in": "concealment", "inside": "concealment"}
        if word == "to" and self.words[index + 1] == "be" and self._is_value(index + 2):
            return None  # "(to be confirmed)", "to be weighed": no destination, the note's
        if word == "in" and self._packages_at(index + 1):
            return Detail("packages", index + 1)
        if word in simple:
            return Detail(simple[word], index + 1)
        if word == "on" and following == "foot":
            return Detail("mode", index + 1)
        # A date after on, วันที่, เมื่อ ends a place before it ("at X วันที่ 28 พ.ย."): dates.py.
        if word in DATE_WORDS and meant_as_date(word, self.words[index + 1 :][:4], self.today):
            return Detail("date", index + 1)
        two_words = self._is_value(index + 2)
        if word in _CONCEAL_VERBS and following in _CONCEAL_PREPS and two_words:
            if word != "concealed" and following == "in" and self._packages_at(index + 2):
                return None  # "packed in 5 bags": in + a count of packages; the verb a note
            # "found under the seat" is under it, not in it: "under" is kept in the value.
            return Detail("concealment", index + 1 if following == "under" else index + 2)
        if word in _DETECT_VERBS and following in _DETECT_PREPS and two_words:
            return Detail("detection", index + 2)
        if word in {"ref", "reference", "case"}:
            value = index + 2 if following in _NUMBER_WORDS and two_words else index + 1
            # "in case of", "case closed": only a case with a number is a reference.
            if word == "case" and not any(c.isdigit() for c in self.words[value]):
                return None
            return Detail("reference", value)
        return None

    def _take_detail(self, index: int, detail: Detail) -> int:
        field, start = detail.field, detail.value_start
        if field == "tag":
            return self._take_tag(index)
        if field == "relative":
            relative = relative_words(self.words[index:start], self.today)
            assert relative is not None
            self._set_date(index, start, relative[0])
            return start
        if field == "date" and self._is_value(start):
            return self._take_date(index, start)
        if field == "packages":
            return self._take_packages(index, start)
        if field == "reference tag":
            self._set("reference", self.words[start][1:].rstrip(_TRAILING), index, start + 1)
            return start + 1
        if field == "time":
            self._mark(index, start, Role.NOTE)
            return start
        if field in {"reference", "date"} or self._quoted(start):
            end = start + 1 if self._is_value(start) else start
            # "ref X1", "ref 2봉지": one typed word, though the amount reader cut it in pieces.
            while field == "reference" and end > start and self._glued_to_previous(end):
                end += 1
        elif field in _FREE_FIELDS:
            end = self._free_run(start, place=field != "concealment")
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

    def _glued_to_previous(self, index: int) -> bool:
        """Whether tokens[index] is a word piece typed with no space after the one before."""
        if index >= len(self.tokens) or self.tokens[index].kind is not Kind.WORD:
            return False
        return self.tokens[index].start == self.tokens[index - 1].end

    def _tag_reference(self, index: int) -> bool:
        """Whether tokens[index] is a #tag with a digit, after 'case' or 'ref' a reference."""
        if index >= len(self.tokens) or self.tokens[index].kind is not Kind.TAG:
            return False
        return any(c.isdigit() for c in self.words[index])

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
        # The bot's own Korean and Thai labels read back as the English words do.
        transport = [("transport", transport_at), ("transport", spoken_transport_at)]
        detection = [("detection", detection_at), ("detection", spoken_detection_at)]
        tables = {"transport": transport, "detection": detection}
        for target, finder in tables.get(field, transport + detection):
            found = finder(words)
            if found is not None:
                self._set(target, found[0], index, start + found[1])
                self._mark_rest(start + found[1], end)
                return
        if (transit := self._mode_after_place(index, start, end)) is not None:
            mode, at, stop = transit  # 'via Bangkok air cargo': the place stays in the note
            self._mark(index, at, Role.NOTE)
            self._set("transport", mode, at, stop)
            self._mark_rest(stop, end)
            return
        # 'detected by'/'transport='/'via' say a method or mode was given: it is "other", and
        # the note keeps the words. Not 'by' (too common in English to mean transport), nor
        # 'via' a place ('via Thailand', 'via BKK', 'via Lisbon'): a transit, note only.
        said = field if field != "mode" or not self._via_a_mode(index, start, end) else "transport"
        if said in ("detection", "transport") and said not in self.fields:
            self.fields[said] = "other"
        self._mark(index, end, Role.NOTE)

    def _via_a_mode(self, index: int, start: int, end: int) -> bool:
        return self._norm(index) == "via" and not is_transit_place(self._value_text(start, end))

    def _mode_after_place(self, index: int, start: int, end: int) -> tuple[str, int, int] | None:
        """'via Korea Post', 'via 방콕 항공화물': a mode named after a transit place."""
        if self._norm(index) != "via":
            return None
        for at in range(start + 1, end):
            if not is_transit_place(self._value_text(start, at)):
                continue
            words = self.words[at:end]
            found = transport_at(words) or spoken_transport_at(words)
            if found is not None:
                return found[0], at, at + found[1]
        return None

    def _set(self, field: str, value: str, start: int, end: int) -> None:
        # A detail given twice keeps the first; the second goes to the note, not lost, unless
        # it says the same ("1kg ket at 인천 + 200g 러시 at 인천": the place once per item).
        if field in self.fields and self.fields[field].casefold() != value.casefold():
            self._mark(start, end, Role.NOTE)
        else:
            self.fields.setdefault(field, value)
            self._mark(start, end, Role.DETAIL)

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
                self._mark(index, end, Role.ITEM)  # the item's packages: its gross may follow
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

    def _free_run(self, start: int, *, place: bool = False) -> int:
        """A free-text value, continued past a separator unless an item or keyword follows
        (or, after a `place` code, a comma and what happened)."""
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
            # "@ICN, courier arrested": a place code ends at a comma before what happened.
            typed, rest = self._value_text(start, end), self._value_text(after, further)
            comma = place and self.tokens[end].text == ","
            if further == after or (comma and ends_at_comma(typed, rest)):
                break
            end = further
        return end
