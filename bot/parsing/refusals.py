"""Why an item records nothing, with corrected messages built from the officer's own words."""

from __future__ import annotations

import re
from decimal import Decimal

from bot.domain.catalogue import Catalogue, SubstanceMatch, alias_words
from bot.domain.quantities import UNITS, BadNumber, Number, unit_word
from bot.parsing.amounts import Message, Piece, Quantity, piece_at
from bot.parsing.markers import folded, is_each
from bot.parsing.refusal import Refusal, number_text, replaced
from bot.parsing.weight_refusals import net_after_a_weight, net_beside_a_count, second_net
from bot.render.i18n import _

_MINUS = "-−–—"


def fractional_count(message: Message, part: Piece, typed: str, start: int, end: int) -> Refusal:
    """A fractional count ("1.5 tablets"): a count is whole; the example rounds it."""
    number = message.span(part.start, part.end)
    at = message.tokens[part.start]
    whole = number_text(part.number.value.to_integral_value() or Decimal(1))
    return Refusal(
        _("{amount} is not a whole count: a count of tablets or units is a whole number").format(
            amount=number
        ),
        (replaced(message, at.start, at.start + len(part.number.text), whole, start, end),),
    )


def no_unit(
    message: Message, part: Piece, typed: str, start: int, end: int, stray: int | None = None
) -> Refusal:
    """A number with no unit for a substance that is not counted ("2 cocaine"); `stray` is
    the index of a word written as the unit that is none ("500 grm ketamine")."""
    number = message.span(part.start, part.end)
    if stray is not None:
        # The example replaces the unknown word: "500 kg grm ketamine" would be no better.
        word = message.tokens[stray]
        return Refusal(
            _('"{word}" after {number} is not a unit: write the amount with its unit').format(
                word=message.word(stray), number=number
            ),
            (
                replaced(message, word.start, word.end, "kg", start, end),
                replaced(message, word.start, word.end, "tablets", start, end),
            ),
        )
    at = message.tokens[part.end - 1].end
    units = (" kg", " tablets")
    whole = [replaced(message, at, at, unit, start, end) for unit in units]
    last = len(message.tokens) - 1
    if last >= end and message.numbers[last - 1] is None and unit_word(message.word(last)):
        # "meth 2 at ICN kg": the unit came last; the example puts it by the number, and
        # drops it from the end, where it would be read as part of the place.
        cut = message.tokens[last - 1].end
        unit = message.text[message.tokens[last].start : message.tokens[last].end]
        text = message.text[:cut] + message.text[message.tokens[last].end :]
        kept = text[:at] + f" {unit}" + text[at:]
        whole = [(kept, replaced(message, at, at, f" {unit}", start, end)[1])]
    return Refusal(
        _("No unit for {number} {substance}: write it with its unit").format(
            number=number, substance=typed
        ),
        tuple(whole),
    )


def no_substance(
    message: Message, quantity: Quantity, stop: int, catalogue: Catalogue | None = None
) -> Refusal:
    """An amount with no substance ("2kg"), or a number split by a space."""
    typed = message.span(quantity.start, quantity.end)
    limit = quantity.end
    following = message.numbers[limit] if limit < stop else None
    if isinstance(following, Number) and re.fullmatch(r"[0-9]{3}(?![0-9.,]).*", following.text):
        # "29 000 pills": a space inside a number reads as two numbers.
        fixed = typed + message.span(limit, stop)
        return Refusal(
            _("Write {first} {second} without the space").format(
                first=typed, second=following.text
            ),
            ((fixed,),),
        )
    packs = _pieces_before_a_weight(message, quantity, stop)
    if packs is not None:
        return packs
    if (weights := net_after_a_weight(message, quantity)) is not None:
        return weights
    if (count := net_beside_a_count(message, quantity)) is not None:
        return count
    if any(isinstance(number, Number) for number in message.numbers[: quantity.start]) and (
        net := second_net(message, quantity)
    ):  # "ice 2kg gross 2.3kg net 1.9kg": a net after the item's amount is no new item
        return net
    at = message.tokens[quantity.end - 1].end
    whole = message.text[:at] + " meth" + message.text[at:]
    reason = _("No substance found after {amount}: name it").format(amount=typed)
    # The officer's own substance when they named one, never one they did not type.
    later = _named(message, catalogue, range(quantity.end, len(message.tokens)))
    if later is not None:  # "2kg ที่ meth": moved to the amount
        begin, end = message.tokens[later[0]].start, message.tokens[later[1] - 1].end
        substance = message.text[begin:end]
        whole = f"{message.text[:at]} {substance}{message.text[at:begin].rstrip()}"
        return Refusal(reason, ((whole + message.text[end:], f"{typed} {substance}"),))
    before = _named(message, catalogue, range(quantity.start - 1, -1, -1))
    if before is not None:  # "tramadol 50mg x 200 tablets": beside the amount
        return Refusal(reason, ((f"{typed} {message.span(*before)}",),))
    return Refusal(reason, ((whole, f"{typed} meth"),))


def _named(message: Message, catalogue: Catalogue | None, starts: range) -> tuple[int, int] | None:
    """The tokens of the first catalogued substance named at one of `starts`, if any."""
    if catalogue is None:
        return None
    for at in starts:
        named = catalogue.match(message.words(at, len(message.tokens)))
        if named is not None:
            return at, at + named.length
    return None


def bad_number(message: Message, number: BadNumber, index: int, stop: int) -> Refusal:
    """A negative number or one that cannot be read."""
    if number.negative:
        typed = message.span(index, stop)
        fixed = typed
        for minus in _MINUS:
            fixed = fixed.replace(minus, "", 1) if fixed.lstrip("([").startswith(minus) else fixed
        return Refusal(_("Write the amount without a minus sign"), ((fixed,),))
    return Refusal(
        _('Cannot read the number "{typed}": write it like 1250, 1,250 or 2.5').format(
            typed=number.text
        ),
        (("1,250 g heroin",),),
    )


# "3 parcels ketamine total 450g": the word that says the amount after it is the total.
_TOTAL_WORDS = frozenset({"total", "totalling", "totaling", "weighing", "weight"})
# What each bottle holds, in the officer's own language: "5병 각 50ml", "3 ขวด ละ 50ml".
_BOTTLES = {"병": " 각 50ml", "ขวด": " ละ 50ml", "bottle": " 50ml each", "bottles": " 50ml each"}
_FRACTION = re.compile(r"([0-9]+)/([0-9]+)([^0-9/]*)")


def no_weight(message: Message, quantity: Quantity, start: int, end: int, stop: int) -> Refusal:
    """A package count with no weight ("3 bricks cocaine"); a weight further on in the item's
    words ("3 parcels ketamine total 450g") is moved beside the count, never added to it."""
    count = quantity.count
    assert count is not None
    text, counted_at = message.text, message.tokens[count.end - 1]
    # "프로포폴 20병.": the weight goes before the full stop, not after it
    at = counted_at.start + len(text[counted_at.start : counted_at.end].rstrip(".,;:!?"))
    if (asked := _count_in(message, quantity, end, stop)) is not None:
        return asked
    weight, cut = f" {number_text(count.number.value)}kg", (at, at)
    bottles = _BOTTLES.get(folded(message.word(count.end - 1)).rstrip("."))
    if bottles is not None:
        weight = bottles  # "대마 5병 각 50ml": a bottle holds a volume, each its own
    # Anywhere after the item: "20 봉지 at 인천 (총 400g)" has its weight after the place.
    for index in range(end, len(message.tokens)):
        piece = piece_at(message, index, len(message.tokens))
        if piece is not None and piece.kind() in {"g", "ml"}:
            total = alias_words(message.word(index - 1)) in _TOTALS
            if index >= stop and not total:
                break  # past the item only a total's weight is its: "…, 2kg heroin" is not
            begin = index - 1 if total else index
            cut = (message.tokens[begin].start, message.tokens[piece.end - 1].end)
            weight = " " + text[message.tokens[index].start : cut[1]].strip("()[]")
            break
    whole = text[:at] + weight + text[at : cut[0]] + text[cut[1] :]
    first, last = message.tokens[start].start, message.tokens[end - 1].end
    alone = text[first:at] + weight + text[at:last]
    counted = message.span(count.start, count.end)
    if bottles is not None:
        reason = (
            _("How much does {counted} hold? Write the amount with the count")
            if count.number.value == 1
            else _("How much do the {counted} hold? Write the amount each holds with the count")
        )
    else:
        reason = (
            _("How much does {counted} weigh? Write the weight with the count")
            if count.number.value == 1
            else _("How much do the {counted} weigh? Write the weight with the count")
        )
    return Refusal(reason.format(counted=counted), ((whole, alone),), adds_weight=True)


def _count_in(message: Message, quantity: Quantity, end: int, stop: int) -> Refusal | None:
    """'ยาบ้า 10 ถุง บรรจุ 200 เม็ด': the packages' contents are counted in words the bot does
    not read, so it asks whether the count is each package's or all of them, never a weight."""
    count = quantity.count
    assert count is not None
    text, at = message.text, message.tokens[count.end - 1].end
    # The words between the item and the count ("with", "บรรจุ" containing) are left out.
    kept = message.tokens[end - 1].end if end > count.end else at
    for index in range(end, len(message.tokens)):
        piece = piece_at(message, index, len(message.tokens))
        if piece is None or piece.kind() != "unit" or piece.package:
            continue
        each = piece.end < len(message.tokens) and is_each(message.word(piece.end))
        if index >= stop and not each:
            break  # past the item, only "…, 200 pills each" is its packages' count
        begin, finish = message.tokens[index].start, message.tokens[piece.end - 1].end
        amount = text[begin:finish]
        if each:
            finish = message.tokens[piece.end].end
        rest = text[at:kept] + text[finish:]
        return Refusal(
            _(
                "Is {amount} what each of the {counted} holds, or all of them together? Write "
                "it right after the count, with each if it is each one's"
            ).format(amount=amount, counted=message.span(count.start, count.end)),
            ((f"{text[:at]} {amount} each{rest}",), (f"{text[:at]} {amount}{rest}",)),
        )
    return None


_TOTALS = {(word,) for word in _TOTAL_WORDS | {"총", "합계", "รวม"}}


def words_as_note(message: Message, start: int, end: int) -> Refusal:
    """A number after words nobody knows ("flight KE 652") is no amount: the example keeps
    the words as the note rather than weighing "652 kg of flight KE"."""
    text = message.text
    first, last = message.tokens[start].start, message.tokens[end - 1].end
    typed = text[first:last].replace('"', "")
    kept = f'{text[:first]} note="{typed}" {text[last:]}'
    return Refusal(_("No amount found: write it with its unit"), ((kept, f"2kg meth {kept}"),))


def _vulgar(word: str) -> str:
    """'½kg' -> '1/2kg': a fraction typed as one character reads as one typed with a slash."""
    if word and word[0] in _VULGAR:
        return f"{_VULGAR[word[0]]}{word[1:]}"
    return word


_VULGAR = {"¼": "1/4", "½": "1/2", "¾": "3/4", "⅓": "1/3", "⅔": "2/3", "⅛": "1/8"}


def fraction(message: Message, start: int, stop: int) -> Refusal | None:
    """'1 1/2 kg meth', '1/2kg meth': a fraction is written as a decimal (1.5), never read as
    a word of the substance."""
    for index in range(start, stop):
        found = _FRACTION.fullmatch(_vulgar(message.word(index)))
        if found is None or int(found[2]) == 0:
            continue
        unit = found[3] or (message.word(index + 1) if index + 1 < stop else "")
        # "1 1/2 kg": a whole number before it; "1kg 12/1" has a unit there, and 12/1 is a date.
        bare = index > start and not any(c.isalpha() for c in message.word(index - 1))
        before = message.number(index - 1, stop) if bare else None
        if unit_word(unit) is None and before is None:
            continue  # "20/11" alone is a date, read as one elsewhere
        value, begin = Decimal(found[1]) / Decimal(found[2]), index
        if before is not None:
            value, begin = value + before.value, index - 1
        at = message.tokens[begin].start
        written = len(message.word(index)) - len(found[3])  # "1/2" or "½" as typed
        until = message.tokens[index].start + written
        decimal = number_text(round(value, 3))
        return Refusal(
            _("Write the fraction {typed} as a decimal, as {decimal}").format(
                typed=message.text[at:until], decimal=decimal
            ),
            (replaced(message, at, until, decimal, start, stop),),
        )
    return None


def _pieces_before_a_weight(message: Message, quantity: Quantity, stop: int) -> Refusal | None:
    """'3 pcs 1kg cocaine': pieces counted beside a total weight are packages; the example
    names them so (3 packs), rather than adding a substance the officer never wrote."""
    if len(quantity.parts) != 1 or quantity.count is not None:
        return None
    part = quantity.parts[0]
    word = unit_word(message.word(part.end - 1)) if part.end - part.start > 1 else None
    following = piece_at(message, part.end, stop)
    if word is None or UNITS[word].unit != "unit" or UNITS[word].form is not None:
        return None
    if following is None or following.kind() not in {"g", "ml"}:
        return None
    unit = message.tokens[part.end - 1]
    typed = message.span(part.start, part.end)
    return Refusal(
        _("No substance found after {amount}: name it").format(amount=typed),
        (replaced(message, unit.start, unit.end, "packs", part.start, stop),),
    )


# Korean and Thai counters the bot reads as no unit (병 "bottle", 장 "sheet"), each with the
# unit an officer means by it.
# 병 and ขวด are bottles, package words (markers.PACKAGE_WORDS): asked how much they hold.
_COUNTERS = {
    "앰플": "vials",
    "장": "blotters",
    "หลอด": "vials",
    "แผ่น": "blotters",
}
_COUNT = re.compile(r"([0-9]+)(" + "|".join(_COUNTERS) + r")?")


def own_counter(message: Message, start: int, stop: int) -> Refusal | None:
    """'프로포폴 20병': a count with a counter the bot does not read is said to be so, with
    the unit it does read ('20 vials') in its place, rather than "no quantity"."""
    for index in range(start, stop):
        found = _COUNT.fullmatch(message.texts[index].rstrip(".,;:!?"))
        if found is None:
            continue
        until, counter = index + 1, found[2]
        if counter is None and index + 1 < stop:
            counter = message.texts[index + 1].rstrip(".,;:!?")
            until = index + 2
        if counter not in _COUNTERS:
            continue
        first, end = message.tokens[index].start, message.tokens[until - 1]
        last = end.start + len(message.text[end.start : end.end].rstrip(".,;:!?"))
        new = f"{found[1]} {_COUNTERS[counter]}"
        return Refusal(
            _("{counter} is not a unit the bot reads: write the count with one it does").format(
                counter=counter
            ),
            (replaced(message, first, last, new, start, stop),),
        )
    return None


def two_names(
    message: Message,
    catalogue: Catalogue,
    span: tuple[int, int],
    quantity: Quantity,
    named: SubstanceMatch | None,
) -> Refusal | None:
    """'meth heroin 2kg': another substance named right before the one (`named`, from token
    span[1]) the amount follows leaves the amount to either; ask rather than record one and
    keep the other as a note."""
    start, begin = span
    substance = named.substance if named is not None else None
    amount = message.span(quantity.start, quantity.end)
    for at in range(start, begin):
        other = catalogue.match(message.words(at, begin))
        if other is None or at + other.length != begin:
            continue
        if other.substance == substance:
            return None  # "ice meth 2kg": one drug named twice
        first, second = message.span(at, begin), message.span(begin, begin + 1)
        extra = "300" if catalogue.default_form(other.alias) else amount
        token = message.tokens[begin - 1]
        return Refusal(
            _(
                "{first} and {second} are two substances with one amount: give each its amount"
            ).format(first=first, second=second),
            (replaced(message, token.end, token.end, f" {extra} +", at, begin),),
        )
    return None
