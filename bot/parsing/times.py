"""Times of day as officers write them: never an amount, never part of a place.

"14:00", "14.00 น.", "เวลา 14.00", "14h", "1400 hrs", "2 pm", "14시", "오후 2시 30분". The rules
read no time of day: the words stay in the note, verbatim, and the report is recorded.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

# Words that say a time of day follows: "เวลา" (time), "ตอน" (at), 오전/오후 (a.m./p.m.), "at".
_LEADS = frozenset({"at", "เวลา", "ตอน", "오전", "오후"})
_HOUR = r"(?:[01]?[0-9]|2[0-3])"
# A suffix that makes a number a time: h, hrs, a.m./p.m., น. (Thai "nalika"), นาฬิกา, 시.
_SUFFIX = r"(?:h|hrs?|[ap]\.?m\.?|น\.?|นาฬิกา|시)"
_CLOCK = rf"{_HOUR}[:.h][0-5][0-9]"  # "14:00", "14.00", "14h30"
_BARE = rf"{_HOUR}|(?:[01][0-9]|2[0-3])[0-5][0-9]"  # "14", "1400"
_SUFFIXED = re.compile(rf"(?:{_CLOCK}|{_BARE}){_SUFFIX}")  # "14h", "2pm", "14.00น.", "14시"
_SUFFIX_WORD = re.compile(_SUFFIX)
_MINUTES = re.compile(r"[0-5]?[0-9]분")
_TRAILING = ",;:!?"


# "2 hours ago", "30 minutes ago", "2 days later", "3시간 전", "2 ชั่วโมงก่อน": when, not how much.
_AGO = re.compile(
    r"[0-9][0-9,.]* ?(?:(?:hours?|hrs?|minutes?|mins?) (?:ago|later|before)"
    r"|(?:days?|weeks?|months?|years?) (?:later|after)"
    r"|(?:시간|분) ?(?:전|후)|(?:ชั่วโมง|ชม\.?|นาที) ?(?:ก่อน|ที่แล้ว))"
)


def time_at(words: Sequence[str]) -> int | None:
    """How many of `words` a time of day at their start takes; None when none starts there."""
    clean = [_clean(word) for word in words[:4]]
    for length in (3, 2, 1):
        if len(clean) >= length and _AGO.fullmatch(" ".join(clean[:length])):
            return length
    lead = 1 if clean[:1] and clean[0] in _LEADS else 0
    if lead >= len(clean):
        return None
    word, end = clean[lead], lead + 1
    typed = word.rstrip(".")
    clock = re.fullmatch(_CLOCK, typed) is not None
    if _SUFFIXED.fullmatch(word):
        pass
    elif (clock or re.fullmatch(_BARE, typed)) and end < len(clean) and _suffix(clean[end]):
        end += 1  # "2 pm", "14.00 น.", "1400 hrs"
    elif not clock or (lead == 0 and re.fullmatch(r"[0-9.]+", typed)):
        return None  # "14.00" alone may be an amount; "เวลา 14.00", "14:00" are times
    if end < len(clean) and clean[end - 1].endswith("시") and _MINUTES.fullmatch(clean[end]):
        end += 1  # "2시 30분"
    return end


def _suffix(word: str) -> bool:
    return _SUFFIX_WORD.fullmatch(word) is not None


def _clean(word: str) -> str:
    return unicodedata.normalize("NFKC", word).casefold().rstrip(_TRAILING)
