"""Place, origin and destination a Korean or Thai officer wrote in their own grammar.

The rules read details only after the English keywords (`at`, `from`, `to`), so
`인천공항에서 적발, 태국발` or `ที่ ด่านสะเดา จาก มาเลเซีย` stays in the note. This finds such words
beside a place or a country the bot knows, and builds the details as the rules read them
(`at 인천공항 from 태국`), for the reply to say so in the officer's language.
"""

from __future__ import annotations

import re

from bot.domain.seizure import SeizureReport
from bot.domain.vocabulary import country_code, transport_at

_PUNCTUATION = ".,;:!?()\"'"
_CODE = re.compile(r"[A-Z]{3,5}")
# Korean endings: 에서 "at" (after a place), 발 "from" and 행 "bound for" (after a country).
_KO_AT, _KO_FROM, _KO_TO = "에서", "발", "행"
# What a Korean place ends with, or a Thai one starts with: airport, port, customs, terminal...
_KO_PLACES = ("공항", "항", "세관", "터미널", "센터", "우체국", "역", "검문소")
_TH_PLACES = ("ด่าน", "สนามบิน", "ท่าอากาศยาน", "ท่าเรือ", "สถานี", "ศุลกากร")
_TH_AT, _TH_FROM, _TH_TO = ("ที่",), ("จาก",), ("ไป", "ไปยัง", "สู่")
# Written with no `at` and no ending ("인천공항 화물터미널", "ICN cargo"): words that name a place.
_KO_PLACE_PARTS = ("공항", "터미널", "세관", "센터", "우체국")
_HANGUL_NAME = re.compile(r"[가-힣]{2,4}")
_KO_KINDS = frozenset({"", "우편", "국제우편", "화물", "특송", "물류", "여객"})
_EN_PLACES = frozenset({"airport", "terminal", "port", "cargo"})
_AIRPORT_CODE = re.compile(r"[A-Z]{3}")
# ที่ is "at" before a place, but also "that", "-est" or "here": not before these words.
_TH_NOT_PLACES = frozenset(
    {"สุด", "จะ", "ได้", "มี", "นี่", "นี้", "นั่น", "ไหน", "เป็น", "ซ่อน", "ใช้", "พบ", "ถูก", "ผ่าน"}
)


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
    place = _place_in(words)
    if place is not None and ("at" not in found or found["at"] in place):
        found["at"] = place  # "인천 세관" for "인천 세관에서", not "세관" alone
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


def korean_place_at(word: str, before: str) -> str | None:
    """'인천공항' of '인천공항에서', 'ICN' of 'ICN에서': a place shaped word with 에서 (at), as
    `at`; None for a country ('태국에서', from Thailand) or when the word before is a name the
    place runs on from ('인천 세관에서': the reply offers `at 인천 세관`)."""
    stem = _korean_stem(word)
    return None if stem is None or _runs_on_from(before, stem) else stem


def korean_place_run(before: str, word: str) -> str | None:
    """'인천 국제우편센터' of '인천 국제우편센터에서', '인천공항 2터미널' of '인천공항 2터미널에서':
    a name or place word, then a place shaped word with 에서 (at); None if they are not."""
    stem = _korean_stem(word)
    return f"{before} {stem}" if stem is not None and _runs_on_from(before, stem) else None


def _korean_stem(word: str) -> str | None:
    stem = word.strip(_PUNCTUATION).removesuffix(_KO_AT)
    if stem == word.strip(_PUNCTUATION) or not _a_place(stem, _KO_PLACES):
        return None
    return stem


def _runs_on_from(before: str, stem: str) -> bool:
    """Whether a place `stem` after `before` is the rest of its name, as the reply's hint reads
    it (_place_in): after a place ('인천공항 2터미널'), or a kind of place after a city's name
    ('인천 세관'); not '가방 인천공항' (a bag)."""
    if not before:
        return False
    city = _HANGUL_NAME.fullmatch(before) is not None and _generic_korean(stem)
    return names_a_place(before) or city


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


def _place_in(words: list[str]) -> str | None:
    """The first run of words in the note that name a place, as typed ('인천공항 화물터미널',
    'ICN cargo', 'T1' of 'T1에서', 'สุวรรณภูมิ' of 'ที่ สุวรรณภูมิ'); None if none does."""
    for index, word in enumerate(words):
        following = words[index + 1] if index + 1 < len(words) else ""
        if word == _TH_AT[0]:
            run = [following] if following and following not in _TH_NOT_PLACES else []
            return _continued(run, words[index + 2 :]) if run else None
        glued = word.removeprefix(_TH_AT[0])
        if glued != word and glued and not glued.startswith(tuple(_TH_NOT_PLACES)):
            return _continued([glued], words[index + 1 :])
        if (stem := _korean_at(word)) is not None:
            # "인천 세관에서": the city's name before a kind of place is the place's too
            city = index > 0 and _HANGUL_NAME.fullmatch(words[index - 1]) is not None
            return f"{words[index - 1]} {stem}" if city and _generic_korean(stem) else stem
        if names_a_place(word):
            # "Incheon airport": the name before an English place word is the place's.
            named = index > 0 and word.casefold() in _EN_PLACES and words[index - 1][:1].isupper()
            # "인천 우편센터": a city's name before a Korean place word is the place's too.
            korean = index > 0 and _HANGUL_NAME.fullmatch(words[index - 1]) is not None
            named = named or (korean and _generic_korean(word))
            return _continued([words[index - 1], word] if named else [word], words[index + 1 :])
    return None


def _generic_korean(word: str) -> bool:
    """'우편센터', '세관', '화물터미널': a kind of place, with no name of its own."""
    kinds = (part for part in _KO_PLACE_PARTS if word.endswith(part))
    return any(word.removesuffix(part) in _KO_KINDS for part in kinds)


def _continued(run: list[str], rest: list[str]) -> str:
    """The run of place words and what follows it while that names a place too."""
    for word in rest:
        stem = _korean_at(word)
        if stem is not None:
            return " ".join([*run, stem])
        if not names_a_place(word):
            break
        run.append(word)
    return " ".join(run)


def _korean_at(word: str) -> str | None:
    """'T1' of 'T1에서': a Korean word ending in 에서, unless it is a country ('태국에서')."""
    stem = word.removesuffix(_KO_AT)
    if stem == word or not stem or country_code(stem) is not None:
        return None
    return stem


def names_a_place(word: str, at_too: bool = False) -> bool:
    """An airport code, a place word ('terminal', '인천공항', 'ด่านสะเดา'); not a country.
    With `at_too`, also any Korean word with 에서 (at) that is no country ('인천에서')."""
    if at_too and _korean_at(word.strip(_PUNCTUATION)) is not None:
        return True
    if word.casefold() in _EN_PLACES:
        return True
    if _AIRPORT_CODE.fullmatch(word):
        # "EMS", "DHL": how it came, not where
        return country_code(word) is None and transport_at([word.casefold()]) is None
    korean = any(part in word for part in _KO_PLACE_PARTS) or (len(word) > 1 and word[-1] == "항")
    return korean or word.startswith(_TH_PLACES)
