"""A place is a name: what every list shows whole, not a paragraph pasted after 'at'.

The digest cuts a place at PLACE_MAX characters, /reports and /summary by location show it on
one line of a phone, and the debrief's and the workbook's tables in one cell; a longer place
was stored and then shown cut, or spread over a summary. So a report with a longer one records
nothing, and its example is the officer's own message with the place cut to its first words.
"""

from __future__ import annotations

import re

from bot.domain.seizure import PLACE_MAX, SeizureReport
from bot.domain.vocabulary import country_code
from bot.parsing.scanning import ParseError
from bot.render.i18n import _

_QUOTED = 30  # of a long place, the start the refusal quotes
# An airport, port or country code in capitals after 'via' is a transit point, not a mode.
_PLACE_CODE = re.compile(r"[A-Z]{2,5}")
_OWN_SCRIPT = re.compile(r"[\u0e00-\u0e7f\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")


def check_places(text: str, report: SeizureReport) -> None:
    """Refuse a location, origin or destination longer than PLACE_MAX characters."""
    for place in (report.location, report.origin, report.destination):
        if place is None or len(place) <= PLACE_MAX:
            continue
        quoted = " ".join(place[:_QUOTED].split()) + "…"
        raise ParseError(
            _(
                "The place '{place}' is {length} characters long; a place is at most {limit}: "
                "write a shorter one"
            ).format(place=quoted, length=f"{len(place):,}", limit=PLACE_MAX),
            (text.replace(place, shortened(place), 1), "2kg meth at ICN"),
        )


def shortened(place: str) -> str:
    """The place's first words that fit PLACE_MAX; its first PLACE_MAX characters if the first
    word alone is longer."""
    kept = ""
    for word in place.split():
        longer = f"{kept} {word}" if kept else word
        if len(longer) > PLACE_MAX:
            break
        kept = longer
    return kept or place[:PLACE_MAX]


def is_transit_place(typed: str) -> bool:
    """A transit point after 'via': a country, a code, a capitalised name ('via Lisbon',
    'via the Bangkok hub') or a Korean or Thai word (neither script has capitals)."""
    words = typed.strip(".,;:!?").split()
    while words and words[0].casefold() in {"a", "an", "the"}:
        words = words[1:]
    text = " ".join(words)
    named = text[:1].isupper() or _OWN_SCRIPT.match(text) is not None
    return named or country_code(text) is not None or _PLACE_CODE.fullmatch(text) is not None


# Words that make a lowercase phrase a place of its own ("at ICN, cargo terminal").
_PLACE_WORDS = frozenset(
    "airport terminal cargo port harbour harbor customs centre center office hub gate "
    "warehouse depot station checkpoint border city province district road street".split()
)
_LOWER_WORDS = re.compile(r"[a-z][a-z' -]*")


def ends_at_comma(place: str, after: str) -> bool:
    """Whether a place written as a code ends at a comma ('@ICN, courier arrested'): the
    words after it, lowercase with no digit, no country nor place word, say what happened,
    not where. A place runs past a comma otherwise ('Suvarnabhumi Airport, Bangkok')."""
    words = after.strip(".,;:!?").split()
    if _PLACE_CODE.fullmatch(place.strip(".,;:!?")) is None or not words:
        return False
    if not _LOWER_WORDS.fullmatch(" ".join(words)) or is_transit_place(after):
        return False
    return not any(word.strip("'") in _PLACE_WORDS for word in words)
