"""The seizure grammar: tokens -> items and details, every token accounted for.

A message is read left to right. Separators (+ ; , and, line breaks) split items; a keyword
(at, from, to, via, by, in, detected by, ref, on DATE, #tag, key=value...) starts a detail
whose value runs to the next keyword, separator or item; anything else around a number is an
item. Each token ends with a role, and the tokens nobody understood become the note.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from bot.domain.catalogue import Catalogue, SubstanceMatch
from bot.domain.quantities import UNITS, Number, unit_word
from bot.domain.seizure import SeizureReport
from bot.parsing.amounts import gross_alone
from bot.parsing.asides import aside_end
from bot.parsing.dates import as_typed, date_at
from bot.parsing.items import ItemReading, Refusal, read_item
from bot.parsing.markers import is_approximate, is_gross, is_net, is_suspected, is_total
from bot.parsing.own_details import OwnDetailScanner
from bot.parsing.refusals import fraction, own_counter
from bot.parsing.scanning import ParseError, Role
from bot.parsing.tokens import Kind
from bot.parsing.totals import AMOUNT, TOTAL, total_moved
from bot.render.i18n import _

__all__ = ["ParseError", "explain", "scan"]


_VALUE_KINDS = (Kind.WORD, Kind.QUOTED)


def scan(text: str, *, catalogue: Catalogue, today: date, sent: bool = False) -> SeizureReport:
    """Read a message (without its /seizure command) into a report, or raise ParseError.

    `sent`: `today` is the day an edited report was first sent, not the clock's today.
    """
    scanner = _Scanner(text, catalogue, today)
    scanner.sent = sent
    try:
        return scanner.report()
    except ParseError as refused:
        moved = total_moved(text)
        if moved is None:
            raise
        try:
            # "3 bags meth, total 5kg": the total is the weight of the packages counted.
            return scan(moved, catalogue=catalogue, today=today, sent=sent)
        except ParseError:
            raise refused from None


_NUMBER = re.compile(r"[0-9]+(?:[.,][0-9]+)?")


def explain(text: str, *, catalogue: Catalogue, today: date) -> list[tuple[str, str]]:
    """Each token of a message with the role it was given: item, detail, sep or note."""
    scanner = _Scanner(text, catalogue, today)
    scanner.report()
    return [
        (text[token.start : token.end], role.value)
        for token, role in zip(scanner.tokens, scanner.roles, strict=True)
    ]


class _Scanner(OwnDetailScanner):
    def __init__(self, text: str, catalogue: Catalogue, today: date) -> None:
        super().__init__(text, catalogue, today)
        self._tried: dict[int, ItemReading | Refusal] = {}
        self._region_ends: list[int] = []

    # ---- the walk -------------------------------------------------------------------------

    def _example(self) -> str:
        """'300 ยาบ้า' for 'ยาบ้าหนึ่งกิโลที่สุวรรณภูมิ': the substance as the officer wrote it,
        glued to other words or not; the English '2kg meth' only if none is named."""
        for word in self.words:
            for cut in range(len(word), 1, -1):
                named = None if word.isascii() else self.catalogue.match([word[:cut]])
                if named is not None:
                    amount = "300" if self.catalogue.default_form(named.alias) else "2kg"
                    return f"{amount} {word[:cut]}"
        return "2kg meth"

    def report(self) -> SeizureReport:
        if not self.tokens:
            raise ParseError(
                _("Nothing to record: write the amount and the substance"), ("2kg meth",)
            )
        index = 0
        while index < len(self.tokens):
            index = self._step(index)
        if not self.items:
            raise ParseError(_("No amount found: write it with its unit"), (self._example(),))
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
        self._refuse_second_total(index)
        # "1/2kg meth", "½ kg meth": a fraction is no number the tokens read, yet an amount.
        if (split := fraction(self.message, index, stop)) is not None:
            raise ParseError(split.reason, *split.examples)
        aside = aside_end(self.message, self.catalogue, self.items, self.roles, (index, stop))
        if aside is not None:  # "200 tramadol 50mg tablets", "2kg heroin (no. 4)": a note
            self._mark(index, aside, Role.NOTE)
            return aside
        if any(self.numbers[q] is not None for q in range(index, stop)):
            found = self._try_item(index)
            if isinstance(found, Refusal) and self._gross_of_the_item_before(index, stop):
                return stop
            if isinstance(found, Refusal):
                self._refuse_own_counter(index, stop)
                self._refuse_bare_date(index, stop)
                raise ParseError(found.reason, *found.examples, adds_weight=found.adds_weight)
            if (found.item.substance_text or "").lower() == "total" and self.items:
                # "3 bags 3kg meth 5kg total": the word total names no substance.
                self._ask_which_total(found.start, found.end - 1, found.start, found.end - 1)
            self._mark(index, found.start, Role.NOTE)
            self._mark_item(found.start, found.end, found.strength)
            self.items.append(found.item)
            return found.end
        self._refuse_own_counter(index, stop)  # "프로포폴 20병": no number the tokens read
        named = self.catalogue.match(self.words[index:stop])
        if named is not None and self._names_the_item_again(index, named):
            return index + named.length
        # "2kg meth, cocaine" forgot an amount; after a detail the words are only a note.
        if named is not None and self._after_item_or_start(index):
            typed = self._span(index, index + named.length)
            example = "300" if self.catalogue.default_form(named.alias) else "2kg"
            at = self.tokens[index].start
            whole = f"{self.text[:at]}{example} {self.text[at:]}"
            fixed = self._amount_elsewhere(index, index + named.length, named.substance)
            choices = (*fixed, whole, f"{example} {typed}")
            crystal = self._crystal_beside(index, named)
            if crystal is not None:
                # "2kg crystal ketamine": another amount would record methamphetamine (the
                # alias crystal) that was never seized; crystal is the drug's look, a note.
                choices = (crystal, f"{example} {typed}")
            raise ParseError(
                _("No amount found for {typed}: write it with its unit").format(typed=typed),
                choices,
            )
        self._refuse_lone_unit(index, stop)
        self._mark(index, stop, Role.NOTE)
        return stop

    def _crystal_beside(self, index: int, named: SubstanceMatch) -> str | None:
        """The message with the word crystal made its note, when a name with no amount and
        the item just before it are that one word and another drug ("2kg crystal ketamine",
        "2kg ketamine crystal"); else None."""
        if index == 0 or self.roles[index - 1] is not Role.ITEM or not self.items:
            return None
        if self._norm(index) == "crystal" and named.length == 1:
            at = index  # "2kg ketamine crystal": the item is the drug, crystal its look
        elif self._norm(index - 1) == "crystal" and self.items[-1].as_written.endswith(
            self.tokens[index - 1].text.rstrip(".,;:!?")
        ):
            at = index - 1  # "2kg crystal ketamine": the item read crystal as meth
        else:
            return None
        token = self.tokens[at]
        word = self.text[token.start : token.end].rstrip(".,;:!?")
        before, after = self.text[: token.start].rstrip(), self.text[token.end :].lstrip()
        return f"{before} {after}".strip() + f' note="{word}"'

    def _refuse_lone_unit(self, index: int, stop: int) -> None:
        """'2 kg heroin kg meth': a unit with no number before a substance, right after an
        item, is an amount whose number was forgotten, asked for as a substance with none."""
        unit = unit_word(self.words[index]) if self.numbers[index] is None else None
        named = self.catalogue.match(self.words[index + 1 : stop]) if unit else None
        if unit is None or named is None or not self._after_item_or_start(index):
            return
        end = index + 1 + named.length
        number = "300" if UNITS[unit].unit == "unit" else "2"
        at = self.tokens[index].start
        raise ParseError(
            _("No amount found for {typed}: write it with its unit").format(
                typed=self._span(index + 1, end)
            ),
            (f"{self.text[:at]}{number} {self.text[at:]}", f"{number} {self._span(index, end)}"),
        )

    def _names_the_item_again(self, index: int, named: SubstanceMatch) -> bool:
        """'2kg psilocybin mushrooms', '1kg ice meth': a second name of the item's own
        substance (and form: '300 yaba ice' is two things), typed right after it, is part of
        its name, not a second item."""
        if index == 0 or self.roles[index - 1] is not Role.ITEM or not self.items:
            return False
        item, length = self.items[-1], named.length
        if item.substance is None or item.substance != named.substance:
            return False
        if self.catalogue.default_form(named.alias) != (item.form if item.unit == "unit" else None):
            return False
        written = item.as_written or ""
        at = self.text.rfind(written, 0, self.tokens[index].start) if written else -1
        if at < 0:
            return False
        end = self.tokens[index + length - 1].end
        self.items[-1] = replace(item, as_written=self.text[at:end].rstrip(".,;:!?"))
        self._mark(index, index + length, Role.ITEM)
        return True

    def _amount_elsewhere(self, index: int, end: int, substance: str | None) -> tuple[str, ...]:
        """An example for a substance with no amount that keeps the officer's meaning: the
        amount put before a unit written alone ("대마초 kg": 대마초 2 kg), or, right after an
        item, the substance made that item's, never a second amount of the same drug."""
        text, last = self.text, self.tokens[end - 1].end
        unit = unit_word(self.words[end]) if end < len(self.tokens) else None
        if unit is not None and self.numbers[end] is None:
            number = "300" if UNITS[unit].unit == "unit" else "2"
            at = self.tokens[end].start
            return (f"{text[:at]}{number} {text[at:]}",)
        begin = index
        while (
            begin > 0 and is_suspected(self.words[begin - 1]) and self.roles[begin - 1] is Role.NOTE
        ):
            begin -= 1
        if begin == 0 or self.roles[begin - 1] is not Role.ITEM or not self.items:
            return ()
        item, first = self.items[-1], self.tokens[begin].start
        if item.substance is not None and item.substance == substance:
            # "2kg psilocybin mushrooms": the same drug named twice; the words are kept.
            return (f'{text[:first]} {text[last:]} note="{text[first:last]}"',)
        words = item.substance_text or ""
        said = text.rfind(words, 0, first) if words and item.substance is None else -1
        gap = text[said + len(words) : first].split() if said >= 0 else ["-"]
        if not all(is_suspected(word) for word in gap):
            return ()
        # "2kg white powder suspected cocaine": the description follows the substance.
        named = " ".join([*gap, text[first:last]])
        return (f"{text[:said]}{named} {words}{text[last:]}",)

    def _gross_of_the_item_before(self, index: int, stop: int) -> bool:
        """'3kg meth, gross 3.4kg': a gross weight is never an item; standing alone right
        after an item without one, it is that item's gross."""
        if not self.items or self.items[-1].gross is not None or index == 0:
            return False
        if not self._after_item_or_start(index):
            return False
        grams = gross_alone(self.message, index, stop)
        if grams is None:
            return False
        self.items[-1] = replace(self.items[-1], gross=grams)
        self._mark(index, stop, Role.ITEM)
        return True

    def _refuse_second_total(self, index: int) -> None:
        """'2kg meth, total 5kg': `total` is never a substance; after an item that has an
        amount already, ask which amount it is rather than add a second one."""
        if (
            not is_total(self.words[index])
            or not self.items
            or not self._after_item_or_start(index)
        ):
            return
        before = index - 1
        while before > 0 and self.roles[before] is Role.SEP:
            before -= 1
        found = TOTAL.search(self.text, self.tokens[before].end if index else 0)
        if found is not None:
            self._ask_which_total_text(found.start(), found.end(), found["amount"])

    def _ask_which_total(self, first: int, last: int, amount_first: int, amount_last: int) -> None:
        """Refuse 'N total' (tokens first..last) after an item that has its own amount."""
        typed = self.text[self.tokens[amount_first].start : self.tokens[amount_last].end]
        amount = AMOUNT.search(typed)
        if amount is None:
            return
        begin, end = self.tokens[first].start, self.tokens[last].end
        self._ask_which_total_text(begin, end, amount[0])

    def _ask_which_total_text(self, begin: int, end: int, amount: str) -> None:
        """The officer wrote a total beside an item with an amount: ask which one it is."""
        written = self.items[-1].as_written or ""
        rest = " ".join(f"{self.text[:begin]} {self.text[end:]}".split())
        examples = [rest]
        # "300 yaba total 500 tablets": a bare count is the amount the total replaces.
        typed = AMOUNT.search(written) or _NUMBER.search(written)
        if typed is not None and written in rest:
            total = written[: typed.start()] + amount + written[typed.end() :]
            examples.insert(0, rest.replace(written, total, 1))
        raise ParseError(
            _(
                "{item} has an amount already: is the total {total} its amount? Write one amount"
            ).format(item=written, total=amount),
            tuple(examples),
        )

    def _refuse_own_counter(self, index: int, stop: int) -> None:
        if (counted := own_counter(self.message, index, stop)) is not None:
            raise ParseError(counted.reason, *counted.examples)

    def _refuse_bare_date(self, index: int, stop: int) -> None:
        """A date written without `on` ("20 Nov 2kg meth") reads as a number with no unit:
        say where a date goes, with the date moved behind `on`, rather than "20 kg Nov"."""
        for at in range(index, stop):
            found = date_at(self.words[at : min(at + 3, stop)], self.today)
            if found is None or not isinstance(found[0], date):
                continue
            if found[1] == 1 and isinstance(self.numbers[at], Number):
                continue  # "1.5" is an amount before it is the first of May
            first, last = self.tokens[at], self.tokens[at + found[1] - 1]
            typed = as_typed(self.text[first.start : last.end])
            rest = " ".join(f"{self.text[: first.start]} {self.text[last.end :]}".split())
            if found[0] > self.today:  # the example is the report with a day that has come
                raise ParseError(
                    _(
                        "{date} looks like a date, and it is in the future: write the day it "
                        "happened after on"
                    ).format(date=typed),
                    (f"{rest} on {self.today.isoformat()}",),
                )
            raise ParseError(
                _("{date} looks like a date: write it after on").format(date=typed),
                (f"{rest} on {typed}",),
            )

    def _after_item_or_start(self, index: int) -> bool:
        before = index - 1
        while before >= 0 and self.roles[before] is Role.SEP:
            before -= 1
        return before < 0 or self.roles[before] is Role.ITEM

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
        if is_total(word):
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
