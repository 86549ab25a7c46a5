"""The bot's own Korean and Thai transport and detection labels, read back when typed.

An officer types back what the bot shows: `via 우편`, `by ไปรษณีย์`, `detected by 탐지견`. The
labels come from the ko/th catalogues' translations of the English ones (bot.render.labels), so
a label reworded there is understood here too; a few everyday words the labels do not spell
(여행자, รถบรรทุก) are listed below.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence

from bot.domain.catalogue import alias_words
from bot.render.i18n import DEFAULT_LOCALE, LOCALES, translations
from bot.render.labels import DETECTION_LABELS, TRANSPORT_LABELS

# Short forms of the labels, as officers say them; "|" separates phrases.
_TRANSPORT_WORDS = {
    "air_passenger": "여행자|여행객|승객|항공 승객|휴대품|ผู้โดยสาร|นักท่องเที่ยว|กระเป๋าเดินทาง",
    "air_cargo": "항공화물|ขนส่งสินค้าทางอากาศ",
    "express_courier": "특송화물|특송 화물|택배|พัสดุด่วนพิเศษ",
    "postal": "우편물|국제우편|국제 우편|พัสดุไปรษณีย์",
    "sea_container": "컨테이너|해상화물|ตู้คอนเทนเนอร์|คอนเทนเนอร์",
    "sea_vessel": "배|여객선|เรือ",
    "land_vehicle": "차량|트럭|화물차|자동차|รถบรรทุก|รถยนต์|รถ",
    "rail": "기차|열차|ทางรถไฟ",
    "pedestrian": "도보 여행자|เดิน",
}
_DETECTION_WORDS = {
    "risk_profiling": "우범|선별|คัดกรองความเสี่ยง",
    "intelligence": "정보|첩보|제보|การข่าว|ข่าวกรอง",
    "random_check": "무작위|สุ่มตรวจ",
    "x_ray": "엑스레이|검색기|X선|เอ็กซเรย์|เครื่องเอกซเรย์",
    "canine": "마약탐지견|마약 탐지견|สุนัข|สุนัขตรวจยาเสพติด",
    "physical_search": "직접검사|몸수색|ตรวจค้น",
}


def _table(labels: Mapping[str, str], words: Mapping[str, str]) -> dict[tuple[str, ...], str]:
    table: dict[tuple[str, ...], str] = {}
    for value, english in labels.items():
        for locale in LOCALES:
            if locale == DEFAULT_LOCALE:
                continue  # English words are the vocabulary's (bot.domain.vocabulary)
            shown = translations(locale).gettext(english)
            if shown == english:
                continue
            for phrase in [shown, *shown.split("/")]:
                if alias_words(phrase):
                    table[alias_words(phrase)] = value
    for value, spelled in words.items():
        for phrase in spelled.split("|"):
            table[alias_words(phrase)] = value
    return table


@functools.cache
def _transport() -> dict[tuple[str, ...], str]:
    return _table(TRANSPORT_LABELS, _TRANSPORT_WORDS)


@functools.cache
def _detection() -> dict[tuple[str, ...], str]:
    return _table(DETECTION_LABELS, _DETECTION_WORDS)


def _at(words: Sequence[str], table: Mapping[tuple[str, ...], str]) -> tuple[str, int] | None:
    keys = [alias_words(word) for word in words]
    for end in range(min(len(keys), 4), 0, -1):
        key = tuple(part for word in keys[:end] for part in word)
        if key in table:
            return table[key], end
    return None


def spoken_transport_at(words: Sequence[str]) -> tuple[str, int] | None:
    """A Korean or Thai transport label at the start of `words`, and how many words it took."""
    return _at(words, _transport())


def spoken_detection_at(words: Sequence[str]) -> tuple[str, int] | None:
    """A Korean or Thai detection label at the start of `words`, and how many words it took."""
    return _at(words, _detection())
