"""The Korean and Thai words /help shows for periods and breakdowns, read as their English ones.

/help prints 'yesterday(어제)' and 'by agency' as '기관' heads the totals; a reader who types
the word they were shown gets what the English word gives, whatever language they read.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Sequence

from bot.domain.quantities import ascii_digits
from bot.parsing.periods import PeriodError
from bot.parsing.when import FIRST_YEAR, LAST_YEAR, gregorian_year
from bot.render.i18n import _

# Written without the spaces between words: '이번 주' and '이번주' are one key, '이번주'.
_PERIODS = {
    "오늘": "today",
    "어제": "yesterday",
    "이번주": "week",
    "금주": "week",
    "최근7일": "week",
    "이번달현재까지": "month",
    "현재단계": "phase",
    "단계": "phase",
    "전체": "all",
    "วันนี้": "today",
    "เมื่อวาน": "yesterday",
    "เมื่อวานนี้": "yesterday",
    "สัปดาห์นี้": "week",
    "7วันล่าสุด": "week",
    "เดือนนี้ถึงปัจจุบัน": "month",
    "ระยะปัจจุบัน": "phase",
    "ระยะ": "phase",
    "ทั้งหมด": "all",
}
# The breakdowns as the summary's own Korean and Thai headings name them, and common synonyms.
_DIMENSIONS = {
    "기관": "agency",
    "장소": "location",
    "위치": "location",
    "운송수단": "transport",
    "운송": "transport",
    "일자": "day",
    "날짜": "day",
    "일별": "day",
    "단속직원": "officer",
    "직원": "officer",
    "출발지": "origin",
    "도착지": "destination",
    "경로": "route",
    "은닉방법": "concealment",
    "은닉": "concealment",
    "적발경위": "detection",
    "적발": "detection",
    "단계": "phase",
    "หน่วยงาน": "agency",
    "สถานที่": "location",
    "วิธีขนส่ง": "transport",
    "การขนส่ง": "transport",
    "วันที่": "day",
    "วัน": "day",
    "เจ้าหน้าที่": "officer",
    "ต้นทาง": "origin",
    "ปลายทาง": "destination",
    "เส้นทาง": "route",
    "วิธีซุกซ่อน": "concealment",
    "การซุกซ่อน": "concealment",
    "วิธีตรวจพบ": "detection",
    "การตรวจพบ": "detection",
    "ระยะ": "phase",
}
_BY = frozenset({"by", "ตาม"})
_MONTHS = ("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec").split()
# 2026년 11월 28일, 11월 28일, 11월: as the seizure grammar reads them after 'on' (and a month).
_KOREAN_DATE = re.compile(r"(?:(\d{4})년)?(\d{1,2})월(?:(\d{1,2})일?)?")
_LONGEST = 3


def in_english(
    words: Sequence[str],
    is_substance: Callable[[str], bool] | None,
    *,
    dates: bool = True,
    command: str = "summary",
) -> list[str]:
    """`words` with the Korean and Thai period, breakdown and date words put as English ones.

    A word the substance catalogue knows stays as typed: a filter, as before. `dates=False`
    leaves '11월 28일' as typed, where no day-month date is read ('28 Nov' is none there either).
    """
    out: list[str] = []
    i = 0
    while i < len(words):
        after_by = bool(out) and out[-1] == "by"
        found = _at(words, i, after_by, is_substance, command if dates else "")
        if found is None:
            out.append(words[i])
            i += 1
            continue
        english, used = found
        out.extend(english)
        i += used
    return out


def _at(
    words: Sequence[str],
    i: int,
    after_by: bool,
    is_substance: Callable[[str], bool] | None,
    dates: str,
) -> tuple[list[str], int] | None:
    for used in range(min(_LONGEST, len(words) - i), 0, -1):
        typed = " ".join(words[i : i + used])
        key = ascii_digits(typed.replace(" ", "")).casefold()
        english = _english(key, after_by) or (_korean_date(key, typed, dates) if dates else None)
        if english is not None:
            return None if is_substance is not None and is_substance(typed) else (english, used)
    return None


def _english(key: str, after_by: bool) -> list[str] | None:
    if key in _BY:
        return ["by"]
    if after_by and key in _DIMENSIONS:
        return [_DIMENSIONS[key]]
    # '기관별' (by agency) and 'ตามหน่วยงาน' put 'by' on the word itself.
    if key.endswith("별") and key[:-1] in _DIMENSIONS:
        return ["by", _DIMENSIONS[key[:-1]]]
    if key.startswith("ตาม") and key[3:] in _DIMENSIONS:
        return ["by", _DIMENSIONS[key[3:]]]
    if key in _PERIODS:
        return [_PERIODS[key]]
    return None


def _korean_date(key: str, typed: str, command: str) -> list[str] | None:
    """'2026년 11월 28일' as '28 Nov 2026'; a day its month has not is refused as typed."""
    if not (date := _KOREAN_DATE.fullmatch(key)) or not 1 <= (month := int(date[2])) <= 12:
        return None
    year, day = date[1], date[3]
    # Without a year, 29 February is a day (the latest leap year's); 28 is one in any year.
    known = year and FIRST_YEAR <= gregorian_year(int(year)) <= LAST_YEAR  # else: periods says
    days = calendar.monthrange(gregorian_year(int(year)) if known else 2024, month)[1]
    if day and not 1 <= int(day) <= days:
        shown = min(days, 28) if not year and month == 2 else days
        example = f"{year}년 " * bool(year) + f"{month}월 {shown}일"
        raise PeriodError(
            _("There is no date {typed}: that month has {days} days — e.g. /{command} {example}")
            .format(typed=typed, days=shown, command=command, example=example)
        )  # fmt: skip
    return [w for w in (day, _MONTHS[month - 1], year) if w]
