"""The Korean and Thai words /help shows for periods and breakdowns, read as their English ones.

/help prints 'yesterday(어제)' and 'by agency' as '기관' heads the totals; a reader who types
the word they were shown gets what the English word gives, whatever language they read.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Sequence
from difflib import get_close_matches

from bot.domain.quantities import ascii_digits
from bot.parsing.periods import PeriodError
from bot.parsing.when import FIRST_YEAR, LAST_YEAR, gregorian_year
from bot.render.i18n import _

# Written without the spaces between words: '이번 주' and '이번주' are one key, '이번주'.
# 'This week' in every language is the English one: its Monday to today (bot.parsing.periods).
_PERIODS = {
    "오늘": "today",
    "어제": "yesterday",
    "이번주": "this week",
    "금주": "this week",
    "최근7일": "week",
    "이번달현재까지": "month",
    "현재단계": "phase",
    "단계": "phase",
    "전체": "all",
    # What officers call the week's, month's and day's figures: 주간 (weekly) is 'week',
    # not a substance to filter by; 금일/당일 today, 전일/작일 the day before.
    "주간": "week",
    "일주일": "week",
    "한주": "week",
    "월간": "month",
    "금월": "month",
    "당월": "month",
    "이번달": "month",
    "일간": "today",
    "금일": "today",
    "당일": "today",
    "전일": "yesterday",
    "작일": "yesterday",
    "누계": "all",
    "누적": "all",
    "วันนี้": "today",
    "เมื่อวาน": "yesterday",
    "เมื่อวานนี้": "yesterday",
    "สัปดาห์นี้": "this week",
    "7วันล่าสุด": "week",
    "เดือนนี้ถึงปัจจุบัน": "month",
    "ระยะปัจจุบัน": "phase",
    "ระยะ": "phase",
    "ทั้งหมด": "all",
    # สัปดาห์/อาทิตย์ (week), ประจำ- (the week's, the month's, the day's).
    "สัปดาห์": "week",
    "อาทิตย์นี้": "this week",
    "ประจำสัปดาห์": "week",
    "ประจำเดือน": "month",
    "ประจำวัน": "today",
    "ยอดรวม": "all",
}
# Keys are read as typed words are (NFKC: Thai ำ is written apart there).
_PERIODS = {ascii_digits(key): english for key, english in _PERIODS.items()}
# The breakdowns as the summary's own Korean and Thai headings name them, and common synonyms.
_DIMENSIONS = {
    "기관": "agency",
    "장소": "location",
    "위치": "location",
    "지역": "location",
    "세관": "agency",
    "국가": "origin",
    "출발국": "origin",
    "도착국": "destination",
    "단속관": "officer",
    "수단": "transport",
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
    "พื้นที่": "location",
    "ด่าน": "location",
    "ประเทศต้นทาง": "origin",
    "ประเทศปลายทาง": "destination",
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
# Words that are a breakdown on their own, as the bot's own labels: '일별' (By day), '주별'
# (By week, which /summary has not: it says so), 'รายวัน' (daily), 'รายสัปดาห์' (weekly).
_BY_WORDS = {"일별": "day", "주별": "주별", "รายวัน": "day", "รายสัปดาห์": "รายสัปดาห์"}
_BY = frozenset({"by", "ตาม", "แยกตาม", "별로"})
# 'by' put on the word itself: '기관별', 'ตามหน่วยงาน', 'แยกตามหน่วยงาน' (the Thai labels).
_BY_PREFIXES = ("แยกตาม", "ตาม", "ราย")
# '11월 28일부터 12월 1일까지': from one date to another.
_RANGE_ENDS = {"부터": "from", "까지": "to"}
_MONTHS = ("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec").split()
# 2026년 11월 28일, 11월 28일, 11월: as the seizure grammar reads them after 'on' (and a month).
_KOREAN_DATE = re.compile(r"(?:(\d{4})년)?(\d{1,2})월(?:(\d{1,2})일?)?")
_LONGEST = 4


# A Korean day's last word glued to the next one's first by a range's mark ('11월 1일..11월
# 20일'): parted, so that each day is read as it is alone.
_GLUED_RANGE = re.compile(r"^(\S*[가-힣])(\.\.|…|~)(\S+)$")


def _parted(word: str) -> tuple[str, ...]:
    """A word with a Korean day and a range's mark in it, in its three parts; else itself."""
    glued = _GLUED_RANGE.match(word)
    return glued.groups() if glued else (word,)


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
    words = [part for word in words for part in _parted(word)]
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
        if english is None and dates:
            english = _range_end(key, typed, dates)
        if english is None and used == 1:
            english = _run_together(key, after_by) or _unknown_breakdown(key)
        if english is not None and after_by and english[0] == "by" and len(english) > 1:
            english = english[1:]  # 'by 기관별' is 'by agency'
        if english is not None:
            return None if is_substance is not None and is_substance(typed) else (english, used)
    return None


def _english(key: str, after_by: bool) -> list[str] | None:
    if key in _BY:
        return ["by"]
    if key.endswith("별로"):  # '기관별로', with the particle: the same as '기관별'
        key = key[:-1]
    if after_by and key in _DIMENSIONS:
        return [_DIMENSIONS[key]]
    # '기관별' (by agency) and 'ตามหน่วยงาน' put 'by' on the word itself.
    if key in _BY_WORDS:
        return ["by", _BY_WORDS[key]]
    if key.endswith("별") and key[:-1] in _DIMENSIONS:
        return ["by", _DIMENSIONS[key[:-1]]]
    for prefix in _BY_PREFIXES:
        if key.startswith(prefix) and key[len(prefix) :] in _DIMENSIONS:
            return ["by", _DIMENSIONS[key[len(prefix) :]]]
    if key in _PERIODS:
        return _PERIODS[key].split()
    if key in _DIMENSIONS:  # '기관' alone, as the summary's heading: no other reading
        return ["by", _DIMENSIONS[key]]
    return None


def _unknown_breakdown(key: str) -> list[str] | None:
    """'색깔별': a breakdown not known, so /summary says so, not "nothing recorded as it"."""
    return ["by", key] if key.endswith("별") or key.startswith(_BY_PREFIXES[:2]) else None


def _run_together(key: str, after_by: bool) -> list[str] | None:
    """'어제기관별', 'เมื่อวานตามหน่วยงาน': known words written without spaces (Thai has none)."""
    if key.isascii():
        return None
    for end in range(len(key) - 1, 0, -1):
        head = _english(key[:end], after_by)
        if head is None or head[-1] not in {"by", *_PERIODS.values(), *_DIMENSIONS.values()}:
            continue
        tail = _english(key[end:], head[-1] == "by") or _run_together(key[end:], head[-1] == "by")
        if tail is not None:
            return head + tail
    return None


def _range_end(key: str, typed: str, command: str) -> list[str] | None:
    """'11월 28일부터' as 'from 28 Nov', '12월 1일까지' as 'to 1 Dec'."""
    for suffix, english in _RANGE_ENDS.items():
        if key.endswith(suffix) and (day := _korean_date(key[: -len(suffix)], typed, command)):
            return [english, *day]
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


# What /summary reads as a period, in English and as /help shows it in Korean and Thai.
_ENGLISH_PERIODS = (
    "today",
    "yesterday",
    "week",
    "this week",
    "month",
    "last week",
    "last month",
    "phase",
)


def nearest_period(typed: str) -> str | None:
    """The period a mistyped one is nearest to ('last weke': 'last week'), else None."""
    wanted = " ".join(typed.casefold().split())
    candidates = [*_ENGLISH_PERIODS, *_PERIODS]
    found = get_close_matches(wanted, candidates, 1, 0.8)
    return found[0] if found else None
