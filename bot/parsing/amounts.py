"""The amount of one item, read from tokens: packages, times, compounds, about, net and gross.

`3 x 500g`, `500g x 3`, `3 packs of 500g` are 3 packages of 500 g each; `3 bricks 3kg` is
3 packages of 3 kg in all; `1kg 200g` is 1.2 kg; `3kg 3.4kg gross` is 3 kg with its gross
weight; `gross 2.3kg` alone is an approximate 2.3 kg.
"""

from __future__ import annotations

from decimal import Decimal

from bot.domain.catalogue import alias_words
from bot.domain.quantities import MAX_DECIMAL_PLACES, UNITS, decimal_places
from bot.parsing.markers import (
    CONTAINER_UNITS,
    HOLDING_UNITS,
    is_approximate,
    is_each,
    is_gross,
    is_net,
    is_per,
    is_suspected,
    is_times,
    is_total,
    is_weight,
)
from bot.parsing.pieces import Message, Piece, Quantity, about_at, grams, piece_at

# The pieces and the message are read in pieces.py; their importers name them here too.
__all__ = [
    "Message",
    "Piece",
    "Quantity",
    "about_at",
    "grams",
    "gross_alone",
    "gross_at",
    "leading_markers",
    "piece_at",
    "read_quantity",
]


def leading_markers(message: Message, start: int, first: int) -> tuple[int, set[str]]:
    """Marker words just before the first number ("approx", "gross weight", "suspected")."""
    begin, marks = first, set()
    while begin > start:
        word = message.word(begin - 1)
        mark = _marker(word)
        if mark is None:
            break
        marks.add(mark)
        begin -= 1
    if message.tokens[first].text[:1] in "~≈":
        marks.add("approximate")
    return begin, marks


def _marker(word: str) -> str | None:
    if not word:
        return None
    if is_approximate(word):
        return "approximate"
    if is_gross(word):
        return "gross"
    if is_net(word) or is_weight(word) or is_total(word):
        return "net"  # "total 5kg", "net weight 2kg": the amount itself
    if is_suspected(word):
        return "provisional"
    return None


def read_quantity(message: Message, start: int, first: int, stop: int) -> Quantity:
    """The amount whose first number is at `first`, with the markers between start and it."""
    lead, marks = leading_markers(message, start, first)
    main = piece_at(message, first, stop)
    assert main is not None
    quantity = Quantity(lead, main.end, approximate="approximate" in marks)
    quantity.provisional = "provisional" in marks
    end = main.end
    times = end < stop and is_times(message.word(end))
    # "3 x about 1kg": about is the amount's after the sign too
    at_times, about_times = about_at(message, end + 1, stop) if times else (end + 1, False)
    after_times = piece_at(message, at_times, stop) if times else None
    containers = main.unit in CONTAINER_UNITS or (main.kind() == "unit" and times)
    containers = containers or _holds_weight(message, main, end, stop)
    after_gross: int | None = None
    if (
        main.package
        or _pieces_each(message, main, end, stop)
        or (containers and _next_is_amount(message, end, stop))
    ):
        quantity.count = main
        # "3 packs of 500g", "2 boxes x 1kg": per package; "3 bricks 3kg": the total.
        of = alias_words(message.word(end)) == ("of",) or is_times(message.word(end))
        of = of or is_per(message.word(end))  # "10 ถุง ถุงละ 200 เม็ด": 200 a bag
        # "3 bags total 5kg", "야바 3봉지 총 300정": the total of the packages counted.
        skip = of or is_total(message.word(end))
        # "3 bricks about 3kg", "3 bags ~1kg": about is the amount's, after the count too
        at, about = about_at(message, end + 1 if skip else end, stop)
        inner = piece_at(message, at, stop)
        if inner is None and not skip and is_net(message.word(end)):
            # "5 bags net 2kg", "다섯 봉지 순중량 2kg": a net weight labelled first is the
            # packages' total, as "5 bags 2kg net" is.
            net = piece_at(
                message, end + 1 + (end + 1 < stop and is_weight(message.word(end + 1))), stop
            )
            inner = net if net is not None and net.kind() == "g" else None
        if inner is None and not skip and (weighed := gross_at(message, end, stop)):
            # "2 bags gross 2.2kg heroin": a gross weight alone is the packages' amount
            inner, after_gross = weighed
            marks.add("gross")
        # "3 packs of 20 ecstasy pills": a bare count per package, its unit after the name;
        # "1 box 200 ecstasy pills": without "of", the count of them all.
        if inner is not None and not inner.package:
            quantity.parts, quantity.per_package, end = [inner], of, inner.end
            quantity.approximate = quantity.approximate or about
            if "gross" in marks and after_gross is not None:
                end = after_gross
            # "3 bricks 3.3kg gross": the packages' weight is a gross one, as without a count
            end = _gross_first(message, quantity, marks, end, stop)
            end = _net_after_gross(message, quantity, marks, end, stop)
    elif after_times is not None and main.unit is None and not after_times.package:
        quantity.count, quantity.parts, quantity.per_package = main, [after_times], True
        end, quantity.approximate = after_times.end, quantity.approximate or about_times
    elif after_times is not None and after_times.unit is None:
        quantity.count, quantity.parts, quantity.per_package = after_times, [main], True
        end = after_times.end
    else:
        quantity.parts = [main]
        end = _gross_first(message, quantity, marks, end, stop)
        end = _net_after_gross(message, quantity, marks, end, stop)
    if quantity.parts and end < stop and is_each(message.word(end)):
        quantity.per_package, end = quantity.count is not None, end + 1
    end = _compound(message, quantity, end, stop)
    if quantity.compound_at is not None and quantity.count is None and is_times(message.word(end)):
        # "1kg 200g x 3 heroin": the compound is per package, as "500g x 3" is
        count = piece_at(message, end + 1, stop)
        if count is not None and count.unit is None and not (count.package or count.multiplier):
            quantity.count, quantity.per_package, end = count, True, count.end
    end = _net_gross_after(message, quantity, end, stop)
    if "gross" in marks and quantity.gross is None and quantity.parts:
        quantity.from_gross = True
    quantity.end = end
    return quantity


def _gross_first(message: Message, quantity: Quantity, marks: set[str], end: int, stop: int) -> int:
    """'2.3 kg gross 2 kg net': the amount typed first is the gross, the net one the amount."""
    if end >= stop or not is_gross(message.word(end)) or "net" in marks:
        return end
    after = end + 1
    if after < stop and is_weight(message.word(after)):
        after += 1
    net_marked = after < stop and is_net(message.word(after))
    net = piece_at(message, after + 1 if net_marked else after, stop)
    if net is not None and not net_marked and not _net_marks(message, quantity, net, stop):
        return end  # "3kg G.W. 3.4kg": the amount after the marker is the gross
    if net is not None and net.kind() == quantity.parts[0].kind():
        quantity.gross, quantity.parts = quantity.parts[0], [net]
        return net.end
    marks.add("gross")  # "2.3kg gross meth": a gross weight alone is the amount
    return after


def _net_marks(message: Message, quantity: Quantity, net: Piece, stop: int) -> bool:
    """Whether a net marker after `net` makes it the net ('2.3kg gross 2kg net'), rather than
    leads a weight after it: '2kg gross 2.3kg net 2kg' is 2 kg, gross 2.3 kg (a net above
    the gross is no reading)."""
    at = net.end
    if at >= stop or not is_net(message.word(at)):
        return False
    after = at + 1 + (at + 1 < stop and is_weight(message.word(at + 1)))
    led = piece_at(message, after, stop)
    above = net.kind() == "g" and grams(net) > grams(quantity.parts[0])
    return led is None or led.kind() != "g" or not above


def _net_after_gross(
    message: Message, quantity: Quantity, marks: set[str], end: int, stop: int
) -> int:
    """'gross 2.5kg net 2kg', 'G.W. 2.5kg N.W. 2kg': the gross came first, the net is the amount;
    'gross 3.4kg 3kg', 'G.W. 3.4kg 3kg' too, the net marker dropped (a gross weight is never
    part of a compound amount)."""
    if "gross" not in marks or quantity.gross is not None or end >= stop:
        return end
    if is_net(message.word(end)):
        after = end + 1 + (end + 1 < stop and is_weight(message.word(end + 1)))
    elif len(quantity.parts) == 1 and message.numbers[end] is not None:
        after = end
    else:
        return end
    net = piece_at(message, after, stop)
    if net is not None and after == end and net.end < stop and is_gross(message.word(net.end)):
        return end  # "gross 3.4kg 3.3kg gross": two gross weights, no net
    if net is None or net.kind() != "g" or quantity.parts[0].kind() != "g":
        return end
    quantity.gross, quantity.parts = quantity.parts[0], [net]
    marks.discard("gross")
    return net.end


def _pieces_each(message: Message, main: Piece, end: int, stop: int) -> bool:
    """'10개 개당 200정': pieces counted, then an amount of each: the pieces are packages."""
    pieces = main.unit is not None and main.kind() == "unit" and UNITS[main.unit].form is None
    return pieces and end < stop and is_per(message.word(end))


def _holds_weight(message: Message, main: Piece, end: int, stop: int) -> bool:
    """'80 capsules of 15g cocaine', '3 pcs 1kg cocaine': capsules or pieces holding a weight,
    as vials do; never milligrams, a strength ('100 capsules 50mg tramadol' is 100 capsules)."""
    if main.unit not in HOLDING_UNITS:
        return False
    word = message.word(end)
    after = end + 1 if alias_words(word) == ("of",) or is_times(word) else end
    inner = piece_at(message, after, stop)
    if inner is None or inner.unit is None or inner.kind() not in {"g", "ml"}:
        return False
    return not (inner.kind() == "g" and UNITS[inner.unit].factor < 1)


def _next_is_amount(message: Message, end: int, stop: int) -> bool:
    word = message.word(end)
    after = end + 1 if alias_words(word) == ("of",) or is_times(word) else end
    inner = piece_at(message, after, stop)
    return inner is not None and inner.kind() in {"g", "ml"}


def _compound(message: Message, quantity: Quantity, end: int, stop: int) -> int:
    """1kg 200g, 1 lb 4 oz: amounts of one kind side by side add up; a gross one never."""
    while quantity.parts:
        last = quantity.parts[-1]
        kind = last.kind()
        following = piece_at(message, end, stop)
        if kind not in {"g", "ml"} or following is None or following.kind() != kind:
            return end
        if following.end < stop and is_gross(message.word(following.end)):
            return end
        if quantity.compound_at is None:
            quantity.compound_at = end
        quantity.parts.append(following)
        end = following.end
    return end


def _net_gross_after(message: Message, quantity: Quantity, end: int, stop: int) -> int:
    """'2kg net', '3kg 3.4kg gross', '3kg gross 3.4kg', 'G.W. 3.4kg' after the amount."""
    if end < stop and is_net(message.word(end)):
        end = _same_net(message, quantity, end + 1, stop) or end + 1  # '2kg net 2kg' too
    found = gross_at(message, end, stop)
    if found is not None:
        quantity.gross, end = found
        if end < stop and is_net(message.word(end)):
            # "2kg gross 2.3kg net 2kg": a net that repeats the amount is the amount
            end = _same_net(message, quantity, end + 1, stop) or end
    return end


def _same_net(message: Message, quantity: Quantity, at: int, stop: int) -> int | None:
    """Where a net weight at `at` ('2kg', 'weight 2kg') that repeats the amount ends."""
    at += at < stop and is_weight(message.word(at))
    net = piece_at(message, at, stop)
    if net is None or len(quantity.parts) != 1 or net.kind() != quantity.parts[0].kind():
        return None
    return net.end if grams(net) == grams(quantity.parts[0]) else None


def gross_at(message: Message, index: int, stop: int) -> tuple[Piece, int] | None:
    """A gross weight at `index`: '3.4kg gross', 'gross 3.4kg', 'gross weight 3.4 kg'."""
    piece = piece_at(message, index, stop)
    if piece is not None and piece.kind() == "g" and piece.end < stop:
        if is_gross(message.word(piece.end)):
            end = piece.end + 1
            if end < stop and is_weight(message.word(end)):
                end += 1
            return piece, end
        return None
    if index < stop and is_gross(message.word(index)):
        after = index + 1
        if after < stop and is_weight(message.word(after)):
            after += 1
        # "gross approx 1.2kg": the gross weight as weighed, about or not
        piece = piece_at(message, about_at(message, after, stop)[0], stop)
        if piece is not None and piece.kind() == "g":
            return piece, piece.end
    return None


def gross_alone(message: Message, start: int, stop: int) -> Decimal | None:
    """The grams of a gross weight that fills tokens[start:stop] by itself ("gross 3.4kg")."""
    found = gross_at(message, start, stop)
    if found is None or found[1] != stop:
        return None
    weight = grams(found[0])
    return weight if weight > 0 and decimal_places(weight) <= MAX_DECIMAL_PLACES else None
