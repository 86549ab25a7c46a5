"""Place, origin and destination a Korean or Thai officer wrote in their own grammar.

The rules read details only after the English keywords (`at`, `from`, `to`), so
`인천공항에서 적발, 태국발` or `ที่ ด่านสะเดา จาก มาเลเซีย` stays in the note. This finds such words
beside a place or a country the bot knows, and builds the details as the rules read them
(`at 인천공항 from 태국`), for the reply to say so in the officer's language.
"""

from __future__ import annotations

import re

from bot.domain.seizure import SeizureReport
from bot.domain.vocabulary import country_code

_PUNCTUATION = ".,;:!?()\"'"
_CODE = re.compile(r"[A-Z]{3,5}")
# Korean endings: 에서 "at" (after a place), 발 "from" and 행 "bound for" (after a country).
_KO_AT, _KO_FROM, _KO_TO = "에서", "발", "행"
# What a Korean place ends with, or a Thai one starts with: airport, port, customs, terminal...
_KO_PLACES = ("공항", "항", "세관", "터미널", "센터", "우체국", "역", "검문소")
_TH_PLACES = ("ด่าน", "สนามบิน", "ท่าอากาศยาน", "ท่าเรือ", "สถานี", "ศุลกากร")
_TH_AT, _TH_FROM, _TH_TO = ("ที่",), ("จาก",), ("ไป", "ไปยัง", "สู่")


def english_details(report: SeizureReport) -> str | None:
    """`at PLACE from COUNTRY to COUNTRY` for what the note holds in Korean or Thai grammar."""
    if not report.note:
        return None
    words = [word.strip(_PUNCTUATION) for word in report.note.split()]
    found: dict[str, str] = {}
    for index, word in enumerate(words):
        following = words[index + 1] if index + 1 < len(words) else ""
        for field, value in _korean(word) + _thai(word, following):
            found.setdefault(field, value)
    # Only what the report lacks: a place already recorded is not asked for again.
    wanted = {"at": report.location, "from": report.origin, "to": report.destination}
    parts = [f"{key} {found[key]}" for key in ("at", "from", "to") if key in found]
    parts = [part for part in parts if wanted[part.split()[0]] is None]
    return " ".join(parts) or None


def _korean(word: str) -> list[tuple[str, str]]:
    if word.endswith(_KO_AT) and _a_place(stem := word.removesuffix(_KO_AT), _KO_PLACES):
        return [("at", stem)]
    for ending, key in ((_KO_FROM, "from"), (_KO_TO, "to")):
        stem = word.removesuffix(ending)
        if word.endswith(ending) and stem and country_code(stem) is not None:
            return [(key, stem)]
    return []


def _thai(word: str, following: str) -> list[tuple[str, str]]:
    for marks, key in ((_TH_AT, "at"), (_TH_FROM, "from"), (_TH_TO, "to")):
        for mark in marks:
            # Thai is often written without spaces: "จากมาเลเซีย" as "จาก มาเลเซีย".
            value = following if word == mark else word.removeprefix(mark)
            if not word.startswith(mark) or not value or value == word:
                continue
            if key == "at" and _a_place(value, _TH_PLACES):
                return [("at", value)]
            if key != "at" and country_code(value) is not None:
                return [(key, value)]
    return []


def _a_place(name: str, shapes: tuple[str, ...]) -> bool:
    """An airport code, or a word shaped like a place ('인천공항', 'ด่านสะเดา'), not a country."""
    if _CODE.fullmatch(name):
        return True
    shaped = name.endswith(shapes) if shapes is _KO_PLACES else name.startswith(shapes)
    return shaped and len(name) > 1 and country_code(name) is None
