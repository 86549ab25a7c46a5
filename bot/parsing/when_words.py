"""WHEN as busy people type it, put in the words bot.parsing.when reads.

'every day at 5pm', '매일 17시', 'tmrw 09:00', 'in 1h30m', 'in 90 min' were refused with
"cannot read ... as a time" while the help listed 'in 2h'; they are rewritten here into
'daily 5pm', 'daily 17:00', 'tomorrow 09:00', 'in 90m' before being read.
"""

from __future__ import annotations

import re

from bot.parsing.args import UsageError
from bot.render.i18n import _

# Day words in other spellings and languages, as the word when.py reads.
_DAY_SYNONYMS = (
    (re.compile(r"^every\s+day\b", re.IGNORECASE), "daily"),
    (re.compile(r"^everyday\b", re.IGNORECASE), "daily"),
    (re.compile(r"^every\s+weekdays?\b", re.IGNORECASE), "weekdays"),
    (re.compile(r"^(?:tmrw|tmr|tmw|tomorow|tommorow|tommorrow)\b", re.IGNORECASE), "tomorrow"),
    (re.compile(r"^매일(?=\s|$)"), "daily"),
    (re.compile(r"^평일(?=\s|$)"), "weekdays"),
    (re.compile(r"^(?:내일|낼)(?=\s|$)"), "tomorrow"),
    (re.compile(r"^오늘(?=\s|$)"), "today"),
    (re.compile(r"^ทุกวัน(?=\s|$)"), "daily"),
    (re.compile(r"^(?:วันธรรมดา|ทุกวันทำการ)(?=\s|$)"), "weekdays"),
    (re.compile(r"^พรุ่งนี้(?=\s|$)"), "tomorrow"),
    (re.compile(r"^วันนี้(?=\s|$)"), "today"),
)
# 'at' and a time of day, which may stand before the day word ('at 5pm every day ...').
AT_WORD = re.compile(r"at(?=\s|$)", re.IGNORECASE)
TIME_WORD = re.compile(
    r"(\d{1,2}(?:[:.]\d{2})?\s*[ap]\.?m\.?|\d{1,2}:\d{2}|\d{1,2}h(?:\d{2})?)(?=\s|$)",
    re.IGNORECASE,
)
# '17시', '17시 30분', '오후 5시', '오전 9시 반'.
_KOREAN_CLOCK = re.compile(
    r"^(?:(오전|오후)\s*)?(\d{1,2})\s*시(?:\s*(?:(\d{1,2})\s*분|(반)))?(?=\s|$)"
    r"|^(오전|오후)\s*(\d{1,2})[:.](\d{2})(?=\s|$)"  # '오전 9:00', '오후 3:30'
)
# A day already written as when.py reads it ('2026-12-20', from '12월 20일'): a time may follow.
_ISO_DAY = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}(?=\s|$)")
# Thai times as said and written: '09.00 น.', '9 นาฬิกา', '9 โมง', '9 โมงเช้า', 'บ่าย 2 โมง',
# '5 โมงเย็น', '2 ทุ่ม' (20:00), 'ตี 5' (05:00), 'เที่ยง' (12:00), 'เที่ยงคืน'; 'ครึ่ง' is half past.
_THAI_CLOCK = re.compile(
    r"^(?:(?P<hh>\d{1,2})[.:](?P<mm>\d{2})\s*(?:น\.|นาฬิกา)"
    r"|(?P<hour>\d{1,2})\s*(?:นาฬิกา|น\.)"
    r"|(?P<afternoon>บ่าย)\s*(?P<after>\d{1,2})?\s*โมง(?:เย็น)?"
    r"|(?P<mong>\d{1,2})\s*โมง(?P<part>เช้า|เย็น)?"
    r"|(?P<thum>\d{1,2})\s*ทุ่ม"
    r"|ตี\s*(?P<tee>\d{1,2})"
    r"|(?P<noon>เที่ยงคืน|เที่ยง(?:วัน)?))"
    r"(?P<half>\s*ครึ่ง)?(?=\s|$)"
)
# 'in 1h30m', 'in 1 h 30 min', 'in 1 hour 30 minutes', 'in 90 min'.
_HOURS_MINUTES = re.compile(
    r"^in\s+(\d{1,6})\s*(?:h|hrs?|hours?)\s*(\d{1,6})\s*(?:m|mins?|minutes?)(?=\s|$)",
    re.IGNORECASE,
)
_MINUTES = re.compile(r"^in\s+(\d{1,9})\s*(?:mins?|minutes?)(?=\s|$)", re.IGNORECASE)
# A delay in Korean or Thai: '2시간 후', '1시간 30분 뒤', '30분 후'; 'อีก 2 ชั่วโมง', 'ในอีก 30 นาที'.
_KOREAN_DELAY = re.compile(
    r"^(?:(\d{1,6})\s*일)?\s*(?:(\d{1,6})\s*시간)?\s*(?:(\d{1,9})\s*분)?\s*(?:후|뒤|있다가)(?=\s|$)"
)
_THAI_DELAY = re.compile(
    r"^(?:ใน)?อีก\s*(?:(\d{1,6})\s*วัน)?\s*(?:(\d{1,6})\s*(?:ชั่วโมง|ชม\.?))?\s*"
    r"(?:(\d{1,9})\s*นาที)?(?:ข้างหน้า)?(?=\s|$)"
)
_SECONDS = re.compile(r"^in\s+(\d+)\s*(?:s|secs?|seconds?)(?=\s|$)\s*(.*)$", re.IGNORECASE)


def _korean_clock(match: re.Match[str]) -> str:
    if match.group(5):  # '오후 3:30'
        half, hour, minute = match.group(5), int(match.group(6)), int(match.group(7))
    else:
        half, hour = match.group(1), int(match.group(2))
        minute = 30 if match.group(4) else int(match.group(3) or 0)
    if half == "오후" and 1 <= hour <= 11:
        hour += 12
    elif half == "오전" and hour == 12:
        hour = 0
    return f"{hour:02d}:{minute:02d}"


def _thai_clock(match: re.Match[str]) -> str | None:
    """HH:MM of a Thai time; None for an hour no clock has ('25 นาฬิกา' is left as typed)."""
    g = match.groupdict()
    minute = 30 if g["half"] else 0
    if g["hh"] is not None:
        hour, minute = int(g["hh"]), int(g["mm"])
    elif g["hour"] is not None:
        hour = int(g["hour"])
    elif g["afternoon"] is not None:  # บ่าย 2 โมง: 14:00; บ่ายโมง: 13:00
        hour = 12 + int(g["after"] or 1)
    elif g["mong"] is not None:  # 9 โมง(เช้า) 09:00; 5 โมงเย็น 17:00; 1-5 โมง are afternoon hours
        hour = int(g["mong"]) + (12 if g["part"] == "เย็น" or 1 <= int(g["mong"]) <= 5 else 0)
    elif g["thum"] is not None:  # 1-5 ทุ่ม: 19:00-23:00; 6 ทุ่ม midnight
        hour = (18 + int(g["thum"])) % 24
    elif g["tee"] is not None:  # ตี 1-5: 01:00-05:00
        hour = int(g["tee"])
    else:
        hour = 0 if g["noon"] == "เที่ยงคืน" else 12
    return f"{hour:02d}:{minute:02d}" if hour <= 23 and minute <= 59 else None


def _day_word(rest: str) -> tuple[str, re.Match[str]] | None:
    """The day word `rest` starts with, as when.py reads it, and its match; None if none."""
    for pattern, word in _DAY_SYNONYMS:
        if match := pattern.match(rest):
            return word, match
    if match := _ISO_DAY.match(rest):
        return match.group(0), match
    return None


def plain_when(args: str) -> str:
    """The typed WHEN in the words when.py reads; anything it does not know is left as typed.

    A delay in seconds is refused here, with the shortest delay and an example."""
    if match := _SECONDS.match(args):
        raise UsageError(
            _(
                "Reminders are set to the minute: the shortest delay is 1 minute, e.g. {example}"
            ).format(example=f"/remind in 1m {match.group(2).strip() or 'TEXT'}")
        )
    if match := _HOURS_MINUTES.match(args):
        minutes = int(match.group(1)) * 60 + int(match.group(2))
        return f"in {minutes}m{args[match.end() :]}"
    if match := _MINUTES.match(args):
        return f"in {match.group(1)}m{args[match.end() :]}"
    for delay in (_KOREAN_DELAY, _THAI_DELAY):
        if (match := delay.match(args)) and any(match.groups()):
            days, hours, minutes = (int(n or 0) for n in match.groups())
            return f"in {(days * 24 + hours) * 60 + minutes}m{args[match.end() :]}"
    words: list[str] = []
    rest = args
    renamed = False
    day = clock = False  # one of each: the text after them is the reminder's own words
    for _turn in range(3):  # a day, 'at', a time: in any order
        rest = rest.lstrip()
        found = None if day else _day_word(rest)
        if found is not None:
            (word, match), day, renamed = found, True, True
            words.append(word)
        elif not clock and (match := _KOREAN_CLOCK.match(rest)):
            words.append(_korean_clock(match))
            clock = renamed = True
        elif not clock and (match := _THAI_CLOCK.match(rest)) and (hhmm := _thai_clock(match)):
            words.append(hhmm)
            clock = renamed = True
        elif not clock and (match := AT_WORD.match(rest) or TIME_WORD.match(rest)):
            # 'at 5pm every day': the time first, kept as typed, the day word after it
            words.append(match.group(0))
            clock = TIME_WORD.match(rest) is not None
        else:
            break
        rest = rest[match.end() :]
    return " ".join([*words, rest.lstrip()]).strip() if renamed else args
