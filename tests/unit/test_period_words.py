"""The Korean and Thai words for periods, breakdowns and dates, read as their English ones."""

from __future__ import annotations

import pytest

from bot.parsing.period_words import in_english
from bot.parsing.periods import PeriodError


def _meth(word: str) -> bool:
    return word.casefold() in {"meth", "필로폰", "전체"}  # '전체' made an alias, to test it


def test_period_breakdown_and_date_words_become_english() -> None:
    assert in_english(["어제"], None) == ["yesterday"]
    assert in_english(["이번", "주", "기관별"], None) == ["this", "week", "by", "agency"]
    assert in_english("สัปดาห์นี้ ตาม หน่วยงาน".split(), None) == ["this", "week", "by", "agency"]
    assert in_english("by 운송 수단".split(), None) == ["by", "transport"]
    assert in_english("2026년 11월 28일 meth".split(), None) == ["28", "Nov", "2026", "meth"]
    assert in_english(["11월"], None) == ["Nov"]
    # With the particle 로 ('by agency' as said): "write what to break it down by after 'by'".
    assert in_english(["기관별로"], None) == ["by", "agency"]
    assert in_english(["이번", "주", "장소", "별로"], None) == ["this", "week", "by", "location"]
    # Session 18: '지역별' (by area) was refused with a list of English words only.
    assert in_english(["지역별"], None) == ["by", "location"]
    assert in_english(["ตามพื้นที่"], None) == ["by", "location"]


def test_a_substance_alias_stays_a_filter_and_other_words_stay_as_typed() -> None:
    assert in_english(["전체", "필로폰"], _meth) == ["전체", "필로폰"]
    # A month that does not exist is no date; '기관' alone is the summary's heading, by agency.
    assert in_english(["기관", "13월"], None) == ["by", "agency", "13월"]
    assert in_english(["11월", "28일"], None, dates=False) == ["11월", "28일"]


def test_a_korean_day_its_month_has_not_is_refused_as_typed_with_one_that_is() -> None:
    with pytest.raises(PeriodError) as refused:
        in_english("2026년 11월 31일".split(), None, command="chart")
    assert str(refused.value) == (
        "There is no date 2026년 11월 31일: that month has 30 days — e.g. /chart 2026년 11월 30일"
    )
    assert in_english("2026년 11월 30일".split(), None) == ["30", "Nov", "2026"]
