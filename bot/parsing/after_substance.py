"""Amounts written after the substance: '5 vials ketamine 50ml each', '500g meth x 2',
'3kg cocaine 3 bricks', 'gross 3kg cocaine net 2.8kg'."""

from __future__ import annotations

from bot.domain.catalogue import alias_words
from bot.domain.quantities import UNITS, unit_word
from bot.parsing.amounts import Message, Piece, Quantity, about_at, gross_at, piece_at
from bot.parsing.markers import is_each, is_net, is_per, is_times, is_total, is_weight
from bot.parsing.strengths import is_strength


def each_after(message: Message, index: int, stop: int) -> tuple[Piece, int, bool] | None:
    """An amount after the substance, for a count before it: '5 vials ketamine 50ml each'."""
    piece = piece_at(message, index, stop)
    if piece is None or piece.kind() is None or piece.package:
        return None
    each = piece.end < stop and is_each(message.word(piece.end))
    return piece, piece.end + (1 if each else 0), each


def times_after(message: Message, quantity: Quantity, end: int, stop: int) -> int:
    """'500g meth x 2', '500g meth x2': the amount was per package, times a count after."""
    if end + 1 >= stop or not is_times(message.word(end)) or quantity.count is not None:
        return end
    count = piece_at(message, end + 1, stop)
    if count is None or count.unit is not None or count.multiplier or count.package:
        return end
    if (
        count.end < stop
        and message.numbers[count.end] is None
        and unit_word(message.word(count.end))
    ):
        return end  # "500g meth x 2 kg": not a count
    quantity.count, quantity.per_package = count, True
    return count.end


_PACKED = frozenset({"บรรจุ"})


def packages_after(message: Message, quantity: Quantity, end: int, stop: int) -> int:
    """'3kg cocaine 3 bricks', 'cocaine 3kg (3 bricks)': a package count beside the total;
    'ไอซ์ 5 กิโลกรัม บรรจุ 5 ถุง' too (บรรจุ "packed in")."""
    packed = end + 1 < stop and message.word(end) in _PACKED
    piece = piece_at(message, end + packed, stop)
    if piece is None or not piece.package or quantity.count is not None or not quantity.parts:
        return end
    following = message.word(piece.end)
    if alias_words(following) == ("of",) or is_times(following):
        return end  # "2kg meth 3 bags of 1kg heroin": the next item's packages
    if piece_at(message, piece.end, stop) is not None:
        return end
    quantity.count = piece
    return piece.end


def amount_after(message: Message, quantity: Quantity, end: int, stop: int) -> int:
    """'5 vials ketamine 50ml each', '3 bricks cocaine 3kg': the amount after the substance."""
    main = quantity.parts[0] if len(quantity.parts) == 1 else None
    counted = quantity.count is None and main is not None and main.kind() == "unit"
    if quantity.count is None and not counted:
        return end
    # "3 bags yaba total 300 tablets": the total is the amount of the packages counted.
    at = end + 1 if end < stop and is_total(message.word(end)) else end
    weighed = gross_at(message, at, stop) if quantity.count is not None else None
    if weighed is not None and not quantity.parts:
        # "3 bricks cocaine gross 3.3kg": a gross weight alone is the packages' amount
        quantity.parts, quantity.from_gross = [weighed[0]], True
        return weighed[1]
    # "10 ถุง ยาบ้า ถุงละ 200 เม็ด": a per-package word before the amount, as "each" after it.
    per = at < stop and is_per(message.word(at))
    # "3 bricks cocaine about 3kg": about marks the amount after the substance too
    at, about = about_at(message, at + per, stop)
    found = each_after(message, at, stop)
    if found is None:
        return end
    piece, after, each = found
    each = each or per
    alone = each or after == stop  # else it may be the next item's: "300 yaba 2kg meth"
    # "200 tablets tramadol 50mg": milligrams after a count of tablets are each one's strength
    form = UNITS[main.unit].form if counted and main is not None and main.unit else None
    if not each and is_strength(piece, form):
        return end
    if counted and alone and piece.kind() in {"g", "ml"}:
        quantity.count, quantity.parts, quantity.per_package = main, [piece], each
    elif quantity.count is not None and not quantity.parts:
        quantity.parts, quantity.per_package = [piece], each
    else:
        return end
    quantity.approximate = quantity.approximate or about
    return after


def net_after(message: Message, quantity: Quantity, end: int, stop: int) -> int:
    """'gross 3kg cocaine net 2.8kg', '3kg gross cocaine 2.8kg net': a gross weight alone
    before the substance and the net after it; the net is the amount, the other its gross."""
    if not quantity.from_gross or len(quantity.parts) != 1 or end >= stop:
        return end
    marked = is_net(message.word(end))
    at = end + 1 + (end + 1 < stop and is_weight(message.word(end + 1))) if marked else end
    net = piece_at(message, at, stop)
    if net is None or net.kind() != "g":
        return end
    if not marked and (net.end >= stop or not is_net(message.word(net.end))):
        return end
    quantity.gross, quantity.parts, quantity.from_gross = quantity.parts[0], [net], False
    return net.end + (not marked)


def dosed(message: Message, quantity: Quantity, end: int) -> int:
    """'200 tabs x 50mg tramadol', 'tramadol 200 x 50mg tablets': milligrams times a count of
    tablets are each tablet's strength, not a content per package (as '200 tramadol 50mg
    tablets'): the count is the amount, the strength is kept in the note (`strength`)."""
    count, parts = quantity.count, quantity.parts
    if count is None or not quantity.per_package or len(parts) != 1 or count.package:
        return end
    unit, after = count.unit, parts[0].end
    if unit is None and after < len(message.tokens) and message.numbers[after] is None:
        unit = unit_word(message.word(after))  # the form named after the strength
    if unit is None or not is_strength(parts[0], UNITS[unit].form):
        return end
    count.unit, quantity.strength = unit, (parts[0].start, parts[0].end)
    quantity.parts, quantity.count, quantity.per_package = [count], None, False
    return end
