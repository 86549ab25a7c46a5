"""One seizure item: a quantity and a substance, in either order, read from tokens."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_EVEN, Decimal, localcontext

from bot.domain.catalogue import DESCRIPTION_WORDS, Catalogue, alias_words
from bot.domain.quantities import (
    COUNT_ONLY_MULTIPLIERS,
    MAX_AMOUNT,
    MAX_DECIMAL_PLACES,
    MULTIPLIERS,
    UNITS,
    BadNumber,
    Unit,
    ascii_digits,
    canonical,
    decimal_places,
    inexact_unit,
    stored_precision,
    unit_word,
)
from bot.domain.seizure import SeizureItem
from bot.parsing.after_substance import amount_after, dosed, net_after, packages_after, times_after
from bot.parsing.amounts import Message, Piece, Quantity, grams, gross_at, read_quantity
from bot.parsing.markers import (
    CONTAINER_UNITS,
    is_each,
    is_field_test,
    is_net,
    is_package,
    is_suspected,
)
from bot.parsing.refusal import Refusal, replaced
from bot.parsing.refusals import (
    bad_number,
    fractional_count,
    no_substance,
    no_unit,
    no_weight,
    two_names,
    words_as_note,
)
from bot.parsing.substances import (
    Substance,
    alias_before,
    misspelt_at,
    named_first,
    substance_after,
    unclassified,
)
from bot.parsing.weight_refusals import net_above_gross
from bot.render.i18n import _

__all__ = ["ItemReading", "Message", "Refusal", "read_item"]

# "1.500 tablets": in a count, a dot before groups of three digits separates thousands.
_DOT_GROUPS = re.compile(r"[0-9]{1,3}(?:\.[0-9]{3})+(?![0-9.,])")


@dataclass(frozen=True)
class ItemReading:
    """An item read from tokens[start:end]; `classified` when its substance is catalogued."""

    item: SeizureItem
    start: int
    end: int
    classified: bool
    strength: tuple[int, int] | None = None  # tokens noted within: a tablet's strength


def read_item(
    message: Message, catalogue: Catalogue, start: int, stop: int
) -> ItemReading | Refusal:
    """Read the item whose number is the first in tokens[start:stop]; or say what is wrong."""
    first = next((q for q in range(start, stop) if message.numbers[q] is not None), None)
    if first is None:
        return Refusal(_("No amount found: write it with its unit"), (("2kg meth",),))
    number = message.numbers[first]
    if isinstance(number, BadNumber):
        return bad_number(message, number, first, stop)
    quantity = read_quantity(message, start, first, stop)
    substance = substance_after(message, catalogue, _past_container(message, quantity), stop)
    before = alias_before(message, catalogue, start, quantity)
    if before is None and substance.named is not None:
        before = named_first(message, catalogue, start, quantity)
    if before is not None:
        if twice := two_names(message, catalogue, (start, before.start), quantity, before.named):
            return twice
        # "meth 2kg 500g heroin": an amount between two substances belongs to the first.
        after = substance.named is not None or misspelt_at(message, catalogue, quantity.end, stop)
        if after and quantity.compound_at is not None:
            quantity.parts = quantity.parts[:1]
            quantity.end, quantity.gross = quantity.compound_at, None
        substance = before
    elif substance.named is None:
        substance = unclassified(message, catalogue, quantity, start, stop)
    begin, end = min(quantity.start, substance.start), max(quantity.end, substance.end)
    end = dosed(message, quantity, _after_substance(message, quantity, substance, end, stop))
    return _finish(message, catalogue, quantity, substance, (begin, end, stop))


def _past_container(message: Message, quantity: Quantity) -> int:
    """'10 x 1kg bricks cocaine', '5 x 10ml vials fentanyl': after an amount per package,
    the word naming the packages is theirs, not the substance's."""
    end = quantity.end
    if quantity.count is None or not quantity.per_package or end >= len(message.tokens):
        return end
    word = message.word(end)
    named = is_package(word) or unit_word(word) in CONTAINER_UNITS
    return end + 1 if named and message.numbers[end] is None else end


def _stray_unit(
    message: Message, catalogue: Catalogue, part: Piece, substance: Substance
) -> int | None:
    """'500 grm ketamine': the word after the number that is no unit, before a known substance."""
    begin, end = substance.start, substance.end
    if substance.named is not None or begin != part.end or end - begin < 2:
        return None
    named = catalogue.match(message.words(begin + 1, end))
    found = named is not None and begin + 1 + named.length == end
    return begin if found and message.numbers[begin] is None else None


def _after_substance(
    message: Message, quantity: Quantity, substance: Substance, end: int, stop: int
) -> int:
    """Unit, per-package amount, gross weight and "(field test)" after the substance."""
    main = quantity.parts[0] if len(quantity.parts) == 1 else None
    if substance.end == end and end < stop:
        unit = unit_word(message.word(end))
        if main is not None and main.unit is None and unit:
            main.unit, end = unit, end + 1
        elif unit is None:
            end = amount_after(message, quantity, end, stop)
        # "10 packets 200 ecstasy pills each": the count named after the substance, each
        if quantity.count is not None and end < stop and is_each(message.word(end)):
            quantity.per_package, end = True, end + 1
    # "2 kg heroin net 2.2 kg gross": the net said after the substance, then the gross.
    net = end + 1 if end < stop and is_net(message.word(end)) else end
    if net < stop and quantity.gross is None and (found := gross_at(message, net, stop)):
        quantity.gross, end = found
    end = net_after(message, quantity, end, stop)
    end = times_after(message, quantity, end, stop)
    end = packages_after(message, quantity, end, stop)
    if end + 1 < stop and is_field_test(message.word(end), message.word(end + 1)):
        substance.provisional, end = True, end + 2
    elif end < stop and is_suspected(message.word(end)) and substance.end == end:
        if _beside(message, end):
            substance.provisional, end = True, end + 1
    return end


def _beside(message: Message, index: int) -> bool:
    """Whether the marker word at `index` stands beside the substance before it: not in the
    next sentence ('2kg meth. Suspect fled.') nor opening a remark in brackets ('2kg meth
    (suspect arrested)'); '2kg meth (suspected)' is beside it."""
    if message.tokens[index - 1].text.rstrip(")]\"'”’").endswith((".", "!", "?")):
        return False
    typed = message.tokens[index].text
    return not typed.startswith(("(", "[")) or typed.endswith((")", "]"))


def _finish(
    message: Message,
    catalogue: Catalogue,
    quantity: Quantity,
    substance: Substance,
    bounds: tuple[int, int, int],
) -> ItemReading | Refusal:
    named, typed = substance.named, substance.typed
    start, end, stop = bounds
    if not alias_words(typed):
        return no_substance(message, quantity, len(message.tokens), catalogue)
    if quantity.count is not None and not quantity.parts:
        return no_weight(message, quantity, start, end, stop)
    default = catalogue.default_form(named.alias) if named is not None else None
    main = quantity.parts[0] if quantity.parts else None
    amount_typed = message.span(quantity.start, quantity.end)
    total = Decimal(0)
    unit: Unit = "unit"
    form: str | None = None
    with localcontext() as context:
        # Exact: typed numbers are at most 40 digits and factors a dozen.
        context.prec = 200
        for part in quantity.parts:
            if part.unit is None:
                described = set(alias_words(typed)) <= DESCRIPTION_WORDS  # "white powder 5"
                if named is None and substance.end <= part.start == end - 1 and not described:
                    return words_as_note(message, start, end)  # "flight KE 652"
                if default is None:
                    stray = _stray_unit(message, catalogue, part, substance)
                    return no_unit(message, part, typed, start, end, stray)
                unit, factor, form = "unit", Decimal(1), default
            else:
                meaning = UNITS[part.unit]
                unit, factor = meaning.unit, meaning.factor
                # 'pieces', 'pcs', 'units' name no form (rules, Quantities), even of yaba.
                form = meaning.form if unit == "unit" else None
            value: Decimal | None = part.number.value
            if unit == "unit":
                value = _whole_count(part)
            if value is None:
                return fractional_count(message, part, typed, start, end)
            if part.multiplier in COUNT_ONLY_MULTIPLIERS and unit != "unit":
                return Refusal(
                    _('"{amount}": m means million only for counted items').format(
                        amount=amount_typed
                    ),
                    ((f"1.2m tablets {typed}",), (f"1.2 kg {typed}",)),
                )
            total += value * MULTIPLIERS.get(part.multiplier or "", 1) * factor
        packages = None
        if quantity.count is not None:
            many = quantity.count.number.value
            many *= MULTIPLIERS.get(quantity.count.multiplier or "", Decimal(1))
            if many <= 0:
                total = Decimal(0)  # refused below, as any amount of zero
            elif many != many.to_integral_value():
                return Refusal(
                    _("{typed} is not a number of packages: write a whole number").format(
                        typed=message.span(quantity.count.start, quantity.count.end)
                    ),
                    ((f"3 x 500g {typed}",),),
                )
            packages = int(many)
            if quantity.per_package and total:
                total *= many
        amount = canonical(total)
        gross = grams(quantity.gross) if quantity.gross is not None else None
        # "0.5 oz" is 14.1747615625 g: a fraction of a pound or an ounce is kept to the
        # nanogram that is stored (rounded half to even), never refused for it.
        if _typed_within_storage(quantity.parts):
            if any(inexact_unit(part.unit) for part in quantity.parts):
                amount = stored_precision(amount)
            if gross is not None and quantity.gross is not None:
                gross = stored_precision(gross) if inexact_unit(quantity.gross.unit) else gross
    assert main is not None
    example_unit = main.unit or "tablets"
    number_at = message.tokens[main.start]
    if amount <= 0:
        return Refusal(
            _("The amount must be more than zero: write what was seized"),
            (replaced(message, number_at.start, number_at.end, "2", start, end),),
        )
    if amount > MAX_AMOUNT:
        return Refusal(
            _(
                "{amount} {substance} looks wrong (over 100 t, 100,000 L or 100 million units): "
                "check the amount"
            ).format(amount=amount_typed, substance=typed),
            ((f"2 {example_unit} {typed}",),),
        )
    if decimal_places(amount) > MAX_DECIMAL_PLACES or (
        gross is not None and decimal_places(gross) > MAX_DECIMAL_PLACES
    ):
        return Refusal(
            _(
                "{amount} is too precise: at most {places} decimal places of a gram, millilitre "
                "or unit are kept"
            ).format(amount=amount_typed, places=MAX_DECIMAL_PLACES),
            (_fewer_decimals(message, main, start, end),),
        )
    if quantity.from_gross:
        gross = amount
    elif gross is not None and unit == "g" and amount > gross:
        return net_above_gross(message, quantity, amount, start, end)
    item = SeizureItem(
        *catalogue.reading(named, typed),  # (id, None); (None, words) for storage to classify
        amount=amount,
        unit=unit,
        form=form,
        as_written=message.span(start, end),
    )
    item = replace(
        item,
        packages=packages,
        approximate=quantity.approximate or quantity.from_gross,
        provisional=quantity.provisional or substance.provisional,
        gross=gross,
        corrected_from=substance.corrected_from,
    )
    return ItemReading(item, start, end, named is not None, quantity.strength)


def _typed_within_storage(parts: list[Piece]) -> bool:
    """Whether no number was typed with more decimals than are stored ('1.0000000001 oz')."""
    return all(decimal_places(part.number.value) <= MAX_DECIMAL_PLACES for part in parts)


def _fewer_decimals(message: Message, main: Piece, start: int, end: int) -> tuple[str, ...]:
    """The report with its number rounded to what is kept of its own unit: the officer's
    quantity and unit, never another's ('1.0000000001 mg' -> '1.000000 mg')."""
    factor = UNITS[main.unit].factor if main.unit else Decimal(1)
    places = max(0, MAX_DECIMAL_PLACES - decimal_places(factor) + len(str(int(factor))) - 1)
    places = min(places, MAX_DECIMAL_PLACES)
    value = main.number.value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_EVEN)
    if value <= 0:
        value = Decimal(1).scaleb(-places)
    number = message.tokens[main.start]
    typed = message.text[number.start : number.end]
    digits = re.match(r"[^0-9]*[0-9][0-9.,]*", typed)
    until = number.start + digits.end() if digits else number.end
    lead = re.match(r"[^0-9]*", typed)
    at = number.start + (lead.end() if lead else 0)
    return replaced(message, at, until, canonical(value).__format__("f"), start, end)


def _whole_count(part: Piece) -> Decimal | None:
    """A count of tablets or units: "1.500" groups thousands; "1.5" (not a count) is None."""
    digits = _DOT_GROUPS.match(ascii_digits(part.number.text).lstrip("~≈([{"))
    if digits is not None and part.multiplier is None:
        return Decimal(digits[0].replace(".", ""))
    value = part.number.value * MULTIPLIERS.get(part.multiplier or "", Decimal(1))
    return part.number.value if value == value.to_integral_value() else None
