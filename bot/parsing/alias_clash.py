"""Whether a substance alias would be read as a period, breakdown, agency or flag instead.

/summary, /chart and /reports read 'yesterday', '어제', '11월', 'week' and 'agency=TCD' before
substances: an alias made of one of them would silently turn '/summary 어제' into a filter.
"""

from __future__ import annotations

import functools
import itertools
import re
from datetime import date

from bot.domain.catalogue import DESCRIPTION_WORDS, alias_words
from bot.domain.quantities import UNITS, Number, read_number
from bot.parsing import markers
from bot.parsing.args import UsageError
from bot.parsing.listing import parse_reports_args
from bot.parsing.periods import SummaryArgsError
from bot.parsing.summary import parse_summary_args
from bot.parsing.tokens import KEYS, SEPARATOR_WORDS
from bot.parsing.wording import NUMBER_WORDS, glued_parts
from bot.render.i18n import _

_AMOUNT = re.compile(r"(\d+(?:[.,]\d+)?)(\D*)")
# Any day will do: only whether a word is read as a period matters, not which one.
_SOME_DAY = date(2026, 6, 15)


def summary_word(name: str) -> str | None:
    """The word of alias `name` that /summary or /reports read as other than a substance."""
    words = name.split()
    for typed in (*words, name) if len(words) > 1 else words:
        if _not_a_substance(typed):
            return typed
    return None


def _not_a_substance(typed: str) -> bool:
    try:
        summary = parse_summary_args(typed, today=_SOME_DAY)
        reports = parse_reports_args(typed)
    except SummaryArgsError:  # 'by' alone, 'agency=' alone, a date that is none: not a name
        return True
    read_whole = summary.substance is not None and summary.substance.typed == typed
    return not read_whole or reports.substance is None or bool(reports.flags)


def check_alias_not_summary_word(words: str) -> None:
    """Refuse /alias for words /summary, /chart or /reports read as other than a substance."""
    word = summary_word(words)
    if word is not None:
        raise UsageError(
            _(
                "'{word}' is what /summary, /chart and /reports read as a period, a breakdown, "
                "an agency or a flag, so an alias would hide it there; choose other words, "
                "e.g. /alias zombie dust synthetic_cathinones"
            ).format(word=word)
        )


# The words bot/parsing/details.py reads as the start of a detail ("at ICN", "in luggage"), and
# those between items (bot/parsing/tokens.py): wherever they stand, the substance ends there.
_DETAILS = frozenset(
    {"at", "from", "to", "via", "by", "in", "inside", "on", "dated", "with", "through"}
    | SEPARATOR_WORDS
)


@functools.cache
def _grammar_words() -> frozenset[str]:
    details = set(_DETAILS)
    return frozenset(
        details | KEYS.keys() | UNITS.keys() | NUMBER_WORDS.keys() | markers.PACKAGE_WORDS
        | markers.APPROXIMATE | markers.NET | markers.GROSS | markers.SUSPECTED | markers.TIMES
        | markers.EACH | markers.TOTAL  # "3 bags meth, total 5kg": the amount, never a substance
    )  # fmt: skip


def grammar_word(name: str) -> str | None:
    """The word of alias `name` that a seizure report reads as an amount, a unit or a detail."""
    words = alias_words(name)
    if len(words) == 1 and words[0] in _grammar_words():
        return words[0]
    # 'at icn meth', 'salt and pepper': the report's substance stops before the detail.
    if (detail := next((word for word in words if word in _DETAILS), None)) is not None:
        return detail
    for first, second in itertools.pairwise(words):
        if markers.is_field_test(first, second):  # "(field test)" ends a substance's name
            return f"{first} {second}"
    for place, word in enumerate(words):
        # Read as the report grammar reads it: '2봉지', '3bags', '약2kg' are split into a count,
        # a package or an about and an amount; '2만', '10k' are numbers. Plain digits after a
        # first word are part of a name ('jwh-018').
        number = isinstance(read_number(word), Number) and (place == 0 or not word.isdigit())
        if number or len(glued_parts(word)) > 1:
            return word
        amount = _AMOUNT.fullmatch(word)
        if amount and (amount[2] in UNITS or (place == 0 and not amount[2])):
            return word
    return None


def check_alias_not_grammar_word(words: str) -> None:
    """Refuse /alias for words a seizure report reads as an amount, a unit, a detail or a tag."""
    tag = next((word for word in words.split() if word.startswith("#")), None)
    if tag is not None:
        raise UsageError(
            _(
                "'{word}' is what a seizure report reads as a tag, so an alias would never be "
                "read; give the words without #, e.g. /alias zombie dust synthetic_cathinones"
            ).format(word=tag)
        )
    word = grammar_word(words)
    if word is not None:
        raise UsageError(
            _(
                "'{word}' is what a seizure report reads as an amount, a unit or a detail, so "
                "an alias would never be read; choose other words, "
                "e.g. /alias zombie dust synthetic_cathinones"
            ).format(word=word)
        )


def description_only(name: str) -> bool:
    """Whether alias `name` is made only of description words ('blue', 'white powder')."""
    words = alias_words(name)
    # The rules record such a name as a provisional unclassified description, awaiting the lab.
    return bool(words) and set(words) <= DESCRIPTION_WORDS


def check_alias_not_description(words: str) -> None:
    """Refuse /alias for words that only describe what was found (a colour, a form)."""
    if description_only(words):
        raise UsageError(
            _(
                "'{words}' only describes what was found (a colour, or a form such as powder "
                "or pills): a report naming it is recorded unclassified and provisional, "
                "awaiting the lab, so it cannot be an alias; give the name the substance goes "
                "by, e.g. /alias zombie dust synthetic_cathinones"
            ).format(words=words)
        )
