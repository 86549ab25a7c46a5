"""Amounts as people read them, exact nano-unit integers for sums, and substance names."""

from __future__ import annotations

from decimal import MAX_EMAX, MAX_PREC, MIN_EMIN, Context, Decimal

from bot.domain.catalogue import normalise_substance_text

NANO_DIGITS = 9
NANO = 10**NANO_DIGITS
_EXACT = Context(prec=MAX_PREC, Emax=MAX_EMAX, Emin=MIN_EMIN)

# A form the parser knows gets its own plural; anything else falls back to adding an 's'.
_PLURALS = {"tablet": "tablets", "capsule": "capsules", "blotter": "blotters", "vial": "vials"}
# Short canonical ids are acronyms; the rest read better with spaces.
_ACRONYMS = {"mdma", "lsd", "ghb", "nps"}


def to_nano(amount: Decimal) -> int:
    """amount x 10^9 as an exact integer; ValueError if it has more than 9 decimals."""
    if not amount.is_finite():
        raise ValueError(f"{amount} is not an amount")
    sign, digits, exponent = amount.as_tuple()
    assert isinstance(exponent, int)
    coefficient: int = int("".join(map(str, digits)) or "0")
    shift = exponent + NANO_DIGITS
    nano: int
    if shift >= 0:
        nano = coefficient * 10**shift
    else:
        nano, rest = divmod(coefficient, 10**-shift)
        if rest:
            raise ValueError(f"{amount} has more than {NANO_DIGITS} decimals")
    return -nano if sign else nano


def from_nano(nano: int) -> Decimal:
    """The exact decimal of a nano-unit integer, without trailing zeros."""
    # Built from text rather than by division so that no context precision can round it; a
    # summary makes thousands of these, and text is ten times faster than a digit tuple.
    digits = str(abs(nano)).rjust(NANO_DIGITS + 1, "0")
    whole, fraction = digits[:-NANO_DIGITS], digits[-NANO_DIGITS:].rstrip("0")
    sign = "-" if nano < 0 else ""
    return Decimal(f"{sign}{whole}.{fraction}" if fraction else f"{sign}{whole}")


def _trim(value: Decimal) -> Decimal:
    if value == 0:
        return Decimal(0)
    sign, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)
    digits_list = list(digits)
    while exponent < 0 and len(digits_list) > 1 and digits_list[-1] == 0:
        digits_list.pop()
        exponent += 1
    return Decimal((sign, tuple(digits_list), exponent))


def _thousandths(value: Decimal) -> Decimal:
    # A context as precise as decimal allows: scaleb only moves the exponent, never rounds (the
    # default context would round at 28 digits). Five times faster than rebuilding the tuple.
    return value.scaleb(-3, _EXACT)


def format_number(value: Decimal) -> str:
    """Exact, with thousands separators and no trailing zeros: 29000 -> '29,000'."""
    if value == 0:
        return "0"
    # Trailing zeros cut from the text: a summary formats thousands of amounts, and this is
    # three times faster than trimming the digit tuple first (same text).
    text = format(value, ",f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def split_amount(amount: Decimal, unit: str, form: str | None) -> tuple[str, str]:
    """The number and the unit word, apart, so a table can align them."""
    if unit == "g":
        if abs(amount) >= 1000:
            return format_number(_thousandths(amount)), "kg"
        return format_number(amount), "g"
    if unit == "ml":
        if abs(amount) >= 1000:
            return format_number(_thousandths(amount)), "L"
        return format_number(amount), "ml"
    return format_number(amount), count_word(form, singular=amount == 1)


def format_amount(amount: Decimal, unit: str, form: str | None) -> str:
    """An amount in a readable unit: '22 kg', '350 g', '3.5 L', '29,000 tablets', '12 units'."""
    number, word = split_amount(amount, unit, form)
    return f"{number} {word}"


def shown_precision(amount: Decimal) -> Decimal:
    """Six significant digits, at most three decimals, for amounts finer than a milligram.

    Only a conversion (lb, oz) makes such tails; what an officer typed in metric is shown
    as typed, and an amount that would round to nothing is shown exact.
    """
    if amount == 0 or _decimals(amount) <= 3:
        return amount
    places = max(0, 6 - (amount.adjusted() + 1))
    if abs(amount) >= 1:
        places = min(places, 3)
    rounded = amount.quantize(Decimal(1).scaleb(-places))
    return rounded if rounded != 0 else amount


def _decimals(amount: Decimal) -> int:
    exponent = _trim(amount).as_tuple().exponent
    assert isinstance(exponent, int)
    return max(0, -exponent)


def count_word(form: str | None, *, singular: bool = False) -> str:
    """The word for a counted form: 'tablets', 'blotter', 'units'."""
    if form is None or form == "":
        return "unit" if singular else "units"
    if singular:
        return form
    return _PLURALS.get(form, form if form.endswith("s") else form + "s")


def unit_class(unit: str) -> str:
    """'mass', 'volume' or 'count': what may be added together."""
    return {"g": "mass", "ml": "volume"}.get(unit, "count")


def normalise_words(text: str) -> str:
    """Unclassified words as one key: case, spacing and surrounding punctuation ignored."""
    # The catalogue's rule, so that /alias and the totals agree on what is "the same name".
    return normalise_substance_text(text)


def substance_key(substance: str | None, substance_text: str | None) -> str:
    """The canonical id, or '?' and the normalised words of an unclassified substance."""
    if substance:
        return substance
    return "?" + normalise_words(substance_text or "")


def substance_name(key: str) -> str:
    """A substance key as shown: 'synthetic cannabinoids', 'MDMA', '"blue powder"'."""
    if key.startswith("?"):
        return f'"{key[1:]}"'
    if key in _ACRONYMS:
        return key.upper()
    return key.replace("_", " ")
