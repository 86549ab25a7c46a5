"""A total typed after an item ("3 bags meth, total 5kg", "yaba, total 300 tablets"): the
amount of the packages counted, or of the item, moved where the grammar reads it."""

from __future__ import annotations

import re

from bot.domain.quantities import UNITS

# Any unit the grammar reads, longest first: "total 300 tablets" is a total as "total 5kg" is.
_UNIT = "|".join(re.escape(unit) for unit in sorted(UNITS, key=lambda u: (-len(u), u)))
_AMOUNT_TEXT = rf"[0-9]+(?:[.,][0-9]+)?\s*(?:{_UNIT})(?![^\W\d_])"
# "total 5kg", "in total 5kg", "total weight: 5kg", "총 300정" standing after an item, maybe
# after a comma.
TOTAL = re.compile(
    r"\s*[,;]?\s*(?<![^\W\d_])(?:in\s+total|total\s+weight|total|totall?ing|총|합계|รวม)"
    rf"(?![^\W\d_])\s*:?\s*(?P<amount>{_AMOUNT_TEXT})",
    re.IGNORECASE,
)
AMOUNT = re.compile(_AMOUNT_TEXT, re.IGNORECASE)
_COUNTED = re.compile(r"^\s*[0-9]+\s*[^\W\d]+\s+", re.UNICODE)
_DIGIT = re.compile(r"[0-9]")


def total_moved(text: str) -> str | None:
    """'3 bags meth, total 5kg at ICN' -> '3 bags 5kg meth at ICN': a total after packages
    counted with no weight of their own is their weight; 'yaba, total 300 tablets' (no number
    before the total at all) is 300 tablets of yaba."""
    found = TOTAL.search(text)
    if found is None:
        return None
    counted = _COUNTED.match(text)
    rest = text[: found.start()] + text[found.end() :]
    if counted is None:
        if _DIGIT.search(text, 0, found.start()) is not None:
            return None
        return f"{found['amount']} {rest}"
    if counted.end() > found.start():
        return None
    if AMOUNT.search(text, 0, found.start()) is not None:
        return None  # the item has a weight of its own: the total is refused, never added
    return f"{rest[: counted.end()]}{found['amount']} {rest[counted.end() :]}"
