"""Refusals of net and gross weights that do not add up: a net after another weight, a second
net, a net above its gross; each example keeps one net weight, so nothing counts twice."""

from __future__ import annotations

from decimal import Decimal

from bot.domain.quantities import MULTIPLIERS, UNITS
from bot.parsing.amounts import Message, Piece, Quantity, piece_at
from bot.parsing.markers import folded, is_gross, is_net, is_weight
from bot.parsing.refusal import Refusal, number_text, replaced
from bot.render.i18n import _

# The gross word in the language of the net word the officer wrote.
_GROSS_OF = {"순중량": "총중량", "순 중량": "총중량", "정미": "총중량", "정미중량": "총중량"}
_GROSS_OF |= {"n.w": "G.W.", "nw": "GW", "n/w": "G/W", "นนสุทธิ": "นนรวม"}
_GROSS_OF |= {"น้ำหนักสุทธิ": "น้ำหนักรวม", "น้ำหนัก สุทธิ": "น้ำหนักรวม"}
_GROSS_OF |= {"นน.สุทธิ": "นน.รวม", "นน. สุทธิ": "นน.รวม"}


def net_after_a_weight(message: Message, quantity: Quantity) -> Refusal | None:
    """'필로폰 500g 순중량 400g', 'meth 500g net 400g': is the first weight the gross, or the
    net ('500g net')? Asked, with both written after their words, net first, as the rules read."""
    number = quantity.start
    while number < quantity.end and is_weight(message.word(number)):
        number += 1  # "net weight 400g": the quantity starts at "weight"
    marker = quantity.start - 1
    while marker > 0 and is_weight(message.word(marker)):
        marker -= 1
    if marker < 1 or not is_net(message.word(marker)):
        return None
    before = next(
        (
            piece
            for begin in range(marker - 1, max(marker - 4, -1), -1)
            if (piece := piece_at(message, begin, marker)) is not None and piece.end == marker
        ),
        None,
    )
    if before is None or before.kind() != "g" or number >= quantity.end:
        return None
    word = before.start - 1
    while word > 0 and is_weight(message.word(word)):
        word -= 1
    if word >= 0 and (is_gross(message.word(word)) or is_net(message.word(word))):
        return None  # "2kg gross 2.3kg net 1.9kg", "net 1kg net 1.5kg": a second net, below
    net_word = message.word(marker)
    gross_word = _GROSS_OF.get(folded(net_word).rstrip("."), "gross")
    first, second = message.span(before.start, before.end), message.span(number, quantity.end)
    new = f"{net_word} {second} {gross_word} {first}"
    at, until = message.tokens[before.start].start, message.tokens[quantity.end - 1].end
    item = next(i for i in range(before.start, -1, -1) if i == 0 or message.word(i - 1) == "")
    return Refusal(
        _(
            "Is {first} the gross weight and {second} the net? Write each after its word, "
            "the net weight first"
        ).format(first=first, second=second),
        (replaced(message, at, until, new, item, quantity.end),),
    )


def second_net(message: Message, quantity: Quantity) -> Refusal | None:
    """A net weight after an item's amount that differs from it: one item has one net weight.
    The example drops the second rather than add a substance, which would count it twice;
    'meth 2kg gross 2kg net 1kg', whose amount repeats its gross, drops the amount instead."""
    start = quantity.start
    while start > 0 and is_weight(message.word(start - 1)):
        start -= 1
    if not is_net(message.word(start)):
        start -= 1  # "net 1kg" read as "1kg" after its word
    if start < 1 or not is_net(message.word(start)):
        return None
    typed = message.span(start, quantity.end)
    at, until = message.tokens[start].start, message.tokens[quantity.end - 1].end
    whole = (message.text[:at].rstrip() + " " + message.text[until:].lstrip()).strip()
    piece = _weight_before(message, start)
    if piece is not None and piece.start > 0 and is_gross(message.word(piece.start - 1)):
        amount = _weight_before(message, piece.start - 1)
        if amount is not None and _grams(amount) == _grams(piece):
            first, last = message.tokens[amount.start].start, message.tokens[amount.end - 1].end
            whole = (message.text[:first].rstrip() + " " + message.text[last:].lstrip()).strip()
    bare = _bare_weight(message, start)
    if bare is not None and quantity.parts and _grams(quantity.parts[0]) < _grams(bare):
        # "2kg heroin net 1.8kg": the rules read an unmarked weight as the amount, never as a
        # gross; asked as when the net follows the weight at once, the example net first.
        net_word, text = message.word(start), message.text
        weight = message.span(bare.start, bare.end)
        second = message.span(start + 1 + is_weight(message.word(start + 1)), quantity.end)
        gross = f"{_GROSS_OF.get(folded(net_word).rstrip('.'), 'gross')} {weight}"
        text = text[:at] + gross + text[until:]
        net_at, net_until = message.tokens[bare.start].start, message.tokens[bare.end - 1].end
        return Refusal(
            _(
                "Is {first} the gross weight and {second} the net? Write each after its word, "
                "the net weight first"
            ).format(first=weight, second=second),
            ((text[:net_at] + f"{net_word} {second}" + text[net_until:], whole),),
        )
    return Refusal(
        _("{amount} is a second net weight for the same item: write its net weight once").format(
            amount=typed
        ),
        ((whole,),),
    )


def _bare_weight(message: Message, end: int) -> Piece | None:
    """The last weight before token `end` that no net or gross word marks ('2kg heroin')."""
    found = None
    for begin in range(end):
        piece = piece_at(message, begin, end) if message.numbers[begin] is not None else None
        if piece is not None and piece.kind() == "g":
            found = piece
    if found is None:
        return None
    words = [message.word(found.start - 1) if found.start else "", message.word(found.end)]
    marked = any(is_net(word) or is_gross(word) or is_weight(word) for word in words)
    return None if marked else found


def _weight_before(message: Message, end: int) -> Piece | None:
    """The weight that ends just before token `end`, if any."""
    for begin in range(end - 1, max(end - 4, -1), -1):
        piece = piece_at(message, begin, end)
        if piece is not None and piece.end == end and piece.kind() == "g":
            return piece
    return None


def _grams(piece: Piece) -> Decimal:
    """A weight in grams, to compare two typed differently ('2kg', '2000g')."""
    factor = UNITS[piece.unit].factor if piece.unit else Decimal(1)
    return piece.number.value * MULTIPLIERS.get(piece.multiplier or "", Decimal(1)) * factor


def net_beside_a_count(message: Message, quantity: Quantity) -> Refusal | None:
    """'yaba 200 tablets net 20g gross 25g': a tablet count is the amount and its gross the
    only weight an item keeps; a net weight beside it would be a second item. The example
    keeps the count and its gross and drops the net, so the tablets count once."""
    for begin in range(quantity.start - 1, max(quantity.start - 9, -1), -1):
        count = piece_at(message, begin, quantity.start)
        if count is None or count.kind() != "unit":
            continue
        cut, index, nets = [], count.end, 0
        while index < quantity.end:
            word = message.word(index)
            if is_net(word) or is_gross(word):
                marker, index = index, index + 1
                while index < quantity.end and is_weight(message.word(index)):
                    index += 1
                weight = piece_at(message, index, quantity.end)
                if weight is None or weight.kind() != "g":
                    return None
                if is_net(word):
                    nets += 1
                    cut.append((marker, weight.end))
                index = weight.end
            else:
                weight = piece_at(message, index, quantity.end)
                if weight is None or weight.kind() != "g":
                    return None
                cut.append((index, weight.end))
                index = weight.end
        if not nets:
            return None
        text, fixed, last = message.text, "", 0
        for first, end in cut:
            at = message.tokens[first].start
            fixed += text[last:at].rstrip() + " "
            last = message.tokens[end - 1].end
        fixed = (fixed + text[last:].lstrip()).strip()
        return Refusal(
            _(
                "{count} is a count: it keeps a gross weight but no net weight, so write "
                "the count and its gross only"
            ).format(count=message.span(count.start, count.end)),
            ((fixed,),),
        )
    return None


def net_above_gross(
    message: Message, quantity: Quantity, amount: Decimal, start: int, end: int
) -> Refusal:
    """'필로폰 순중량 2kg 총중량 1kg': the gross includes the packaging, so it is never below the
    net. The example swaps the two weights typed; a net of packages or parts added up is
    given as the gross instead."""
    gross = quantity.gross
    assert gross is not None
    net = quantity.parts[0]
    kg = amount >= 1000
    net_typed = f"{number_text(amount / 1000 if kg else amount)} {'kg' if kg else 'g'}"
    gross_at, gross_until = message.tokens[gross.start].start, message.tokens[gross.end - 1].end
    swap = {gross_at: (gross_until, net_typed)}
    if len(quantity.parts) == 1 and quantity.count is None:
        net_at, net_until = message.tokens[net.start].start, message.tokens[net.end - 1].end
        swap = {
            net_at: (net_until, message.text[gross_at:gross_until]),
            gross_at: (gross_until, message.text[net_at:net_until]),
        }
        net_typed = message.span(net.start, net.end)
    text, fixed, last = message.text, "", 0
    for at in sorted(swap):
        fixed += text[last:at] + swap[at][1]
        last = swap[at][0]
    fixed += text[last:]
    first, stop = message.tokens[start].start, message.tokens[end - 1].end
    shift = len(fixed) - len(text)
    return Refusal(
        _(
            "The net weight {net} is above the gross weight {gross}: the gross includes the "
            "packaging, so it is the larger"
        ).format(net=net_typed, gross=message.span(gross.start, gross.end)),
        ((fixed, fixed[first : stop + shift]),),
    )
