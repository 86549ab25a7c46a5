"""The substance of one item: named after the amount or before it, or, catalogued nowhere, kept
under the officer's own words (or read as the typo of a catalogued name)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.domain.catalogue import DESCRIPTION_WORDS, Catalogue, SubstanceMatch, alias_words
from bot.domain.quantities import unit_word
from bot.parsing.amounts import Message, Piece, Quantity, gross_at
from bot.parsing.markers import is_field_test, is_marker, is_suspected, is_times, is_total
from bot.parsing.own_grammar import names_a_place
from bot.parsing.tokens import Kind

# Words that substance matching ignores (the rules' "of", "pure", "powder").
_IGNORED = frozenset({"of", "pure", "powder"})
# Punctuation around a word: sentence ends, brackets, quotes ('heroine.', '(cocain)').
_AROUND = re.compile(r"^[^\w]+|[^\w]+$")


@dataclass
class Substance:
    """The substance found for an item, as typed, and the tokens[start:end] naming it."""

    named: SubstanceMatch | None
    typed: str
    start: int
    end: int
    corrected_from: str | None = None
    provisional: bool = False


def substance_after(message: Message, catalogue: Catalogue, index: int, stop: int) -> Substance:
    begin, suspected = _skip_markers(message, index, stop)
    # Matched up to `stop`: an alias may hold a number word ("jwh 018").
    named = catalogue.match(message.words(begin, stop))
    if named is None:
        return Substance(None, "", index, index, provisional=suspected)
    end = begin + named.length
    while end > begin + 1 and is_times(message.word(end - 1)):
        end -= 1  # "500g meth × 2": a sign matching skips as punctuation is the count's
    if alias_words(message.span(begin, end)) == ("crystal",) and end < stop:
        # "crystal metamphetamine": crystal before meth is ignored, the typo read; "crystal
        # heroine" is no meth but two words nobody knows, unclassified as "brown heroine".
        near = catalogue.near(message.word(end)) if message.numbers[end] is None else None
        if near is not None and near.substance == named.substance:
            typed = message.span(begin, end + 1)
            return Substance(near, typed, begin, end + 1, message.word(end), suspected)
        if near is not None:
            return Substance(None, "", index, index, provisional=suspected)
    return Substance(named, message.span(begin, end), begin, end, provisional=suspected)


def _skip_markers(message: Message, index: int, stop: int) -> tuple[int, bool]:
    """Past "of", "suspected" and "(field test)" before a substance; whether one was suspected."""
    suspected = False
    while index < stop and message.numbers[index] is None:
        word = message.word(index)
        field_test = index + 1 < stop and is_field_test(word, message.word(index + 1))
        if field_test or is_suspected(word):  # "2kg (field test) meth", as after it
            suspected, index = True, index + field_test
        elif alias_words(word) != ("of",):
            break
        index += 1
    return index, suspected


def alias_before(
    message: Message, catalogue: Catalogue, start: int, quantity: Quantity
) -> Substance | None:
    """A substance named just before the amount ("meth 350g", "yaba tablets 300")."""
    first = quantity.start
    for begin in range(start, first):
        named = catalogue.match(message.words(begin, first))
        if named is None:
            continue
        unit = unit_word(message.word(first - 1))
        fits = begin + named.length == first
        if not fits and begin + named.length == first - 1 and unit is not None:
            main = quantity.parts[0] if quantity.parts else None
            fits = main is not None and main.unit is None and quantity.count is None
            if fits and main is not None:
                main.unit = unit
        if fits:
            lead, suspected = _markers_before(message, start, begin)
            typed = message.span(begin, begin + named.length)
            return Substance(named, typed, lead, begin + named.length, provisional=suspected)
    return None


def named_first(
    message: Message, catalogue: Catalogue, start: int, quantity: Quantity
) -> Substance | None:
    """A substance that is no alias named just before the amount, where an alias there would
    be: a typo ('heroine 2kg 500g meth', 'cocain 2kg heroin 1kg'), a description ('white
    powder 1kg 200g heroin') or a name kept as written ('caffeine 1kg 300g cocaine'). Other
    unknown words there name nothing ('seized 1kg 200g heroin', 'seized 2kg heroin 1kg meth'):
    None."""
    lead, suspected = _markers_before(message, start, quantity.start)
    begin, leading = _skip_markers(message, start, lead)
    if begin >= lead or any(message.numbers[at] is not None for at in range(begin, lead)):
        return None
    typed = message.span(begin, lead)
    words = alias_words(typed)
    provisional = suspected or leading
    if words and set(words) <= DESCRIPTION_WORDS:
        return Substance(None, typed, start, quantity.start, provisional=True)
    typo = _named_words(message, begin, lead)
    near = catalogue.near(typo[0]) if len(typo) == 1 else None
    if near is not None:
        written = _AROUND.sub("", typo[0]) or typo[0]
        return Substance(near, typed, start, quantity.start, written, provisional)
    if len(typo) == 1 and catalogue.kept_as_written(typo[0]):
        return Substance(None, typed, start, quantity.start, provisional=provisional)
    return None


def misspelt_at(message: Message, catalogue: Catalogue, index: int, stop: int) -> bool:
    """Whether a misspelt substance is named at `index` ('meth 2kg 500g heroine'): another
    substance after the amount, as an alias there would be."""
    begin, _ = _skip_markers(message, index, stop)
    if begin >= stop or message.numbers[begin] is not None:
        return False
    return catalogue.near(_word_or_quoted(message, begin)) is not None


def _markers_before(message: Message, start: int, index: int) -> tuple[int, bool]:
    found = False
    while index > start and is_suspected(message.word(index - 1)):
        index, found = index - 1, True
    return index, found


def unclassified(
    message: Message, catalogue: Catalogue, quantity: Quantity, start: int, stop: int
) -> Substance:
    """A substance nobody catalogued, kept under the officer's own words (or a typo's)."""
    limit = next((q for q in range(quantity.end, stop) if message.numbers[q] is not None), stop)
    begin, suspected = _skip_markers(message, quantity.end, limit)
    main = quantity.parts[0] if len(quantity.parts) == 1 else None
    if begin < limit and not _named_before(message, start, quantity, begin):
        end = begin + 1
        while end < limit and not _ends_unclassified(message, catalogue, main, end, limit):
            end += 1
        found = Substance(None, message.span(begin, end), begin, end, provisional=suspected)
    elif start < quantity.start:
        lead, suspected = _markers_before(message, start, quantity.start)
        begin, leading = _skip_markers(message, start, lead)  # "suspected heroine 1kg"
        found = Substance(  # from `start`: the markers are the substance's, not the note's
            None, message.span(begin, lead), start, quantity.start, None, suspected or leading
        )
    else:
        return Substance(None, "", quantity.end, quantity.end, provisional=suspected)
    typed = [message.word(at) for at in range(found.start, found.end)]
    if all(is_marker(word) and not is_total(word) for word in typed):
        # "필로폰 2kg 각 1kg": a word about an amount names nothing seized ("3kg meth 5kg
        # total" is asked about as a total, in the grammar)
        return Substance(None, "", quantity.end, quantity.end, provisional=suspected)
    words = alias_words(found.typed)
    # "cocain powder", "pure cocain": matching ignores these words, so one word is left.
    typo = _named_words(message, found.start, found.end)
    if len(typo) == 1 and (near := catalogue.near(typo[0])) is not None:
        # The word as typed, without the punctuation matching ignored ("heroine." -> heroine).
        found.named, found.corrected_from = near, _AROUND.sub("", typo[0]) or typo[0]
    if found.named is None and words and all(word in DESCRIPTION_WORDS for word in words):
        found.provisional = True
    return found


def _named_words(message: Message, begin: int, end: int) -> list[str]:
    """The words of tokens[begin:end] that may name a substance ('cocain' in 'pure cocain',
    'suspected heroine'): a single one is read as a typo; matching ignores the others."""
    words = [_word_or_quoted(message, at) for at in range(begin, end)]
    return [w for w in words if not set(alias_words(w)) <= _IGNORED and not is_suspected(w)]


def _word_or_quoted(message: Message, index: int) -> str:
    """A word, or the words inside quotes ('2kg "cocain"', '2kg “heroine”'): a typo within is
    read as one outside them, as an alias within is."""
    token = message.tokens[index]
    if token.kind is Kind.QUOTED:
        return message.text[token.inner_start : token.inner_end]
    return message.word(index)


def _named_before(message: Message, start: int, quantity: Quantity, after: int) -> bool:
    """Whether unknown words before the amount name the item rather than those after it:
    a description ("흰색 가루 2kg 김포", "white powder 2kg Gimpo"), or any words when those
    after start with a place ("zombie dust 2kg ICN"): a place is never made the substance."""
    lead = _markers_before(message, start, quantity.start)[0]
    begin = _skip_markers(message, start, lead)[0]
    if begin >= lead:
        return False
    words = alias_words(message.span(begin, lead))
    described = bool(words) and set(words) <= DESCRIPTION_WORDS
    return described or names_a_place(message.word(after), at_too=True)  # "인천에서"


def _ends_unclassified(
    message: Message, catalogue: Catalogue, main: Piece | None, index: int, limit: int
) -> bool:
    word = message.word(index)
    if is_suspected(word) or is_field_test(word, message.word(index + 1)):
        return True  # "white powder (field test)": the marker is not part of the name
    if main is not None and main.unit is None and unit_word(word) is not None:
        return True
    if gross_at(message, index, len(message.tokens)) is not None:
        return True  # "2kg white powder gross 2.2kg": the item's gross weight, not its name
    # "2kg zombie dust meth 350g": the next item may name its substance first.
    if limit >= len(message.tokens) or message.numbers[limit] is None:
        return False
    named = catalogue.match(message.words(index, limit))
    return named is not None and index + named.length == limit
