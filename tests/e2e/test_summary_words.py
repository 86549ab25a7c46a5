"""/summary, /chart and /reports read the Korean and Thai period, breakdown and date words that
/help shows ('yesterday(어제)', 'by 기관', '11월 28일'), whatever the reader's language; and
/language reads the codes people type for a language ('kr', 'tha', 'en-US')."""

from __future__ import annotations

from datetime import date, timedelta

from bot.demo import COORDINATOR, GROUP, KCS_OFFICER, TCD_OFFICER
from bot.render.i18n import translations
from tests.e2e.asking import record_it
from tests.e2e.conftest import Harness
from tests.e2e.test_summary_answers import chart_caption


async def _yesterday_and_today(h: Harness) -> None:
    # Yesterday is before SIREN began (20 Nov, today): asked about (session 14), recorded.
    await record_it(
        h, KCS_OFFICER, GROUP, await h.talk.say(KCS_OFFICER, "/s 2kg meth at ICN yesterday", GROUP)
    )
    await h.talk.say(TCD_OFFICER, "/s 300 yaba at BKK", GROUP)


async def test_summary_reads_the_korean_and_thai_period_words_help_shows(siren: Harness) -> None:
    await _yesterday_and_today(siren)
    said = await siren.talk.text(COORDINATOR, "/language ko")
    assert "한국어" in said, said
    english = await siren.talk.text(COORDINATOR, "/summary yesterday")
    assert "2 kg" in english and "300" not in english, english
    # Before: "'어제'(으)로 기록된 것이 없습니다" — read as a substance no report names.
    for word in ("어제", "เมื่อวาน"):
        assert await siren.talk.text(COORDINATOR, f"/summary {word}") == english, word
    week = await siren.talk.text(COORDINATOR, "/summary week")
    for words in ("최근 7일", "7 วันล่าสุด"):
        assert await siren.talk.text(COORDINATOR, f"/summary {words}") == week, words
    # 'This week' is the English one, Monday to today (session 13), in every language.
    this_week = await siren.talk.text(COORDINATOR, "/summary this week")
    for words in ("이번주", "이번 주", "สัปดาห์นี้"):
        assert await siren.talk.text(COORDINATOR, f"/summary {words}") == this_week, words
    every = await siren.talk.text(COORDINATOR, "/summary all")
    for word in ("전체", "ทั้งหมด"):
        assert await siren.talk.text(COORDINATOR, f"/summary {word}") == every, word


async def test_summary_reads_korean_and_thai_breakdowns_and_dates(siren: Harness) -> None:
    await _yesterday_and_today(siren)
    by_agency = await siren.talk.text(COORDINATOR, "/summary week by agency")
    assert "KCS" in by_agency and "TCD" in by_agency, by_agency
    for words in ("week by 기관", "최근 7일 기관별", "7วันล่าสุด by หน่วยงาน", "week ตาม หน่วยงาน"):
        assert await siren.talk.text(COORDINATOR, f"/summary {words}") == by_agency, words
    this_week = await siren.talk.text(COORDINATOR, "/summary this week by agency")
    for words in ("이번주 기관별", "สัปดาห์นี้ by หน่วยงาน"):
        assert await siren.talk.text(COORDINATOR, f"/summary {words}") == this_week, words
    # The clock starts 2026-11-20 09:30 in Seoul (07:30 in Bangkok): yesterday is the 19th.
    day = siren.clock.now().date() - timedelta(days=1)
    assert day == date(2026, 11, 19)
    english = await siren.talk.text(COORDINATOR, f"/summary {day:%d %b %Y}")
    assert "2 kg" in english and "300" not in english, english
    thai_month = "ม.ค. ก.พ. มี.ค. เม.ย. พ.ค. มิ.ย. ก.ค. ส.ค. ก.ย. ต.ค. พ.ย. ธ.ค.".split()
    for words in (
        f"{day.month}월 {day.day}일",
        f"{day.year}년 {day.month}월 {day.day}일",
        f"{day.day} {thai_month[day.month - 1]} {day.year + 543}",
    ):
        assert await siren.talk.text(COORDINATOR, f"/summary {words}") == english, words
    # A substance's Korean name stays a filter; a day that does not exist is refused.
    assert "Only: methamphetamine" in await siren.talk.text(COORDINATOR, "/summary 필로폰")
    wrong = await siren.talk.text(COORDINATOR, "/summary 2월 30일")
    assert wrong == (
        "There is no date 2월 30일: that month has 28 days — e.g. /summary 2월 28일"
    ), wrong


async def test_chart_and_reports_read_the_same_words(siren: Harness) -> None:
    await _yesterday_and_today(siren)
    assert await chart_caption(siren, "/chart 어제") == await chart_caption(
        siren, "/chart yesterday"
    )
    by_agency = await chart_caption(siren, "/chart this week by agency")
    assert await chart_caption(siren, "/chart สัปดาห์นี้ ตามหน่วยงาน") == by_agency
    listed = await siren.talk.text(COORDINATOR, "/reports yesterday")
    assert "ICN" in listed and "BKK" not in listed, listed
    assert await siren.talk.text(COORDINATOR, "/reports 어제") == listed


async def test_language_reads_kr_and_iso_codes_and_tags(siren: Harness) -> None:
    korean = await siren.talk.text(COORDINATOR, "/language ko")
    thai = await siren.talk.text(COORDINATOR, "/language th")
    english = await siren.talk.text(COORDINATOR, "/language en")
    # Before: "/language kr" was refused with the list of languages.
    for typed, expected in (
        ("kr", korean),
        ("kor", korean),
        ("ko-KR", korean),
        ("tha", thai),
        ("th_TH", thai),
        ("eng", english),
        ("en-US", english),
    ):
        assert await siren.talk.text(COORDINATOR, f"/language {typed}") == expected, typed


# The bot's own breakdown labels (the debrief's headings), whatever language shows them.
_LABELS = {
    "agency": "By administration",
    "phase": "By phase",
    "day": "By day",
    "transport": "By transport mode",
    "concealment": "By concealment",
    "detection": "By detection method",
    "location": "By location",
    "origin": "By origin",
    "destination": "By destination",
}


async def test_summary_reads_back_every_breakdown_label_the_bot_shows(siren: Harness) -> None:
    await _yesterday_and_today(siren)
    for dimension, msgid in _LABELS.items():
        english = await siren.talk.text(COORDINATOR, f"/summary week by {dimension}")
        for locale in ("ko", "th"):
            label = translations(locale).gettext(msgid)
            # Before: '일별', 'แยกตามหน่วยงาน', 'รายวัน': "'…'(으)로 기록된 것이 없습니다".
            for words in (f"week {label}", f"week by {label}"):
                said = await siren.talk.text(COORDINATOR, f"/summary {words}")
                assert said == english, (words, said)
    by_agency = await siren.talk.text(COORDINATOR, "/summary yesterday by agency")
    # Bare '기관' (the heading), and words run together as Thai is written.
    for words in ("어제 기관", "어제기관별", "เมื่อวานตามหน่วยงาน", "เมื่อวานแยกตามหน่วยงาน"):
        assert await siren.talk.text(COORDINATOR, f"/summary {words}") == by_agency, words
    daily = await siren.talk.text(COORDINATOR, "/summary week by day")
    assert await siren.talk.text(COORDINATOR, "/summary week รายวัน") == daily


async def test_a_breakdown_word_not_known_is_refused_as_one_not_as_no_substance(
    siren: Harness,
) -> None:
    await _yesterday_and_today(siren)
    # '주별' (By week, a debrief heading) is no /summary breakdown: say so, with valid ones.
    for word in ("주별", "รายสัปดาห์", "색깔별"):
        said = await siren.talk.text(COORDINATOR, f"/summary {word}")
        assert said.startswith(f"'{word}' is not something to break down by: use agency"), said
        assert "e.g. /summary week by origin" in said, said


async def test_summary_reads_a_korean_range_from_and_until(siren: Harness) -> None:
    await _yesterday_and_today(siren)
    english = await siren.talk.text(COORDINATOR, "/summary 18 Nov to 20 Nov")
    assert "2 kg" in english and "300" in english, english
    # Before: "Give one period only".
    said = await siren.talk.text(COORDINATOR, "/summary 11월 18일부터 11월 20일까지")
    assert said == english, said
