"""A group's messages in its languages: a large Korean and Thai digest still fits; BE dates."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from bot import outbox
from bot.domain.digest import DigestFacts, NilReturn, RecentReport
from bot.domain.phases import Phase
from bot.domain.summary import Dimension, SubstanceTotal
from bot.domain.unit import Agency, Operation
from bot.parsing.args import UsageError
from bot.parsing.when import parse_date
from bot.render.clock import announcement, late_line
from bot.render.digest import digest_text
from bot.render.i18n import day, set_buddhist_era, using
from bot.render.summary import group_label
from bot.schedule_texts import joint_budget

SEOUL = "Asia/Seoul"
UNTIL = datetime(2026, 11, 20, 23, 0, tzinfo=UTC)  # Sat 21 Nov 08:00 in Seoul
KCS_TCD = Operation(1, "SIREN", "Operation Siren", SEOUL, False, "08:00", 900, 86400, ("ko", "th"))
# English words of the digest's own text; codes, substance names and units are not translated.
_ENGLISH = re.compile(  # a word, not a command name (the digest points to /reports)
    r"(?<!/)\b(Daily|digest|Recorded|since|reports?|Running|totals|Agencies|silent|"
    r"nil return|Phase|left|Unclassified|earlier|reported)\b"
)


def digest_budget(operation: Operation) -> int:
    """Each language's equal share of the group's joint digest budget (what these tests give
    digest_text for one language; the bot itself lays the languages out together)."""
    return joint_budget(operation) // max(1, len(operation.languages))


@pytest.fixture(autouse=True)
def _buddhist_era() -> Iterator[None]:
    yield
    set_buddhist_era(True)


def large_operation() -> DigestFacts:
    """CATalyst-sized: 25 administrations, 40 substances, 300 reports in the day, long notes."""
    agencies = tuple(
        Agency(n, 1, f"AG{n:02d}", f"Administration {n}", "Asia/Bangkok" if n % 2 else SEOUL)
        for n in range(1, 26)
    )
    substances = [f"?new substance number {n}" for n in range(20)] + [
        "methamphetamine",
        "heroin",
        "cocaine",
        "ketamine",
        "cannabis",
        "mdma",
    ] * 3
    totals = tuple(
        SubstanceTotal(key, unit, None, Decimal("123456.789"), 1234)
        for key in substances
        for unit in ("g", "ml")
    )
    recent = tuple(
        RecentReport(
            n,
            UNTIL - timedelta(minutes=n),
            agencies[n % 25].id,
            totals[:3],
            "Suvarnabhumi airport express cargo terminal, bay 14",
            n,
        )
        for n in range(1, 13)
    )
    return DigestFacts(
        operation=KCS_TCD,
        since=UNTIL - timedelta(days=1),
        until=UNTIL,
        report_count=300,
        recent=recent,
        recent_totals=totals,
        totals=totals,
        agencies=agencies,
        reported={a.id: 12 for a in agencies[:10]},
        nil_returns={
            a.id: NilReturn(a.id, UNTIL - timedelta(hours=3), "checked every parcel " * 20)
            for a in agencies[10:20]
        },
        phases=(Phase(1, 1, "operational", UNTIL - timedelta(days=5), UNTIL + timedelta(days=9)),),
    )


def test_joined_korean_and_thai_digests_of_a_large_operation_fit_one_message() -> None:
    facts = large_operation()
    share = digest_budget(KCS_TCD)
    (text,) = outbox.in_languages(
        lambda: digest_text(facts, budget=share), KCS_TCD.languages, operation=KCS_TCD
    )
    assert outbox.size(text) <= outbox.TEXT_LIMIT
    korean, thai = text.split(outbox.BETWEEN_LANGUAGES)
    assert korean.startswith("📋 <b>일일 요약</b> · SIREN · 11월 21일 (토) 08:00")
    assert thai.startswith("📋 <b>สรุปประจำวัน</b> · SIREN · ")
    for written in (korean, thai):
        assert "AG25" in written  # every agency is still listed
        assert _ENGLISH.findall(written) == []
    assert "ยังไม่รายงาน" in thai and "보고 없음" in korean
    assert outbox.fit(text, operation=KCS_TCD).parts == (text,)


def test_two_full_length_digests_go_as_two_messages_each_within_the_limit() -> None:
    facts = large_operation()
    texts = outbox.in_languages(lambda: digest_text(facts), ("ko", "th"), operation=KCS_TCD)
    assert len(texts) == 2
    assert texts[0].startswith("📋 <b>일일 요약</b>") and texts[1].startswith("📋 <b>สรุปประจำวัน")
    assert all(outbox.size(t) <= outbox.TEXT_LIMIT for t in texts)


def test_one_language_keeps_the_whole_budget() -> None:
    assert digest_budget(replace(KCS_TCD, languages=("en",))) > 2 * digest_budget(KCS_TCD)


def test_phase_announcements_and_the_late_line_read_in_korean_and_thai() -> None:
    phase = Phase(
        1,
        1,
        "operational",
        datetime(2026, 11, 30, 15, tzinfo=UTC),
        datetime(2026, 12, 14, 15, tzinfo=UTC),
    )
    with using("ko"):
        assert announcement("phase_start", phase, KCS_TCD, [phase]) == (
            "▶️ <b>operational</b> 단계를 시작합니다: "
            "12월 1일 (화) – 12월 14일 (월) (14일, Asia/Seoul)."
        )
        assert late_line(UNTIL, UNTIL + timedelta(days=1), SEOUL) == (
            "<i>(지연 발송: 예정 11월 21일 (토) 08:00)</i>"
        )
    with using("th"):
        ended = announcement("phase_end", phase, KCS_TCD, [phase])
        assert ended.startswith("⏹ ระยะ <b>operational</b> สิ้นสุดแล้ว (")
        assert "ไม่มีระยะถัดไปที่กำหนดไว้" in ended


def test_thai_readers_see_buddhist_era_years_unless_the_config_says_otherwise() -> None:
    nov_20 = date(2026, 11, 20)
    with using("th"):
        assert "2569" in day(nov_20)
        assert "2569" in group_label(Dimension.DAY, "2026-11-20", {})
        set_buddhist_era(False)
        assert "2026" in day(nov_20) and "2569" not in day(nov_20)
    with using("ko"):
        assert day(nov_20) == "2026. 11. 20."
    with using("en"):
        assert group_label(Dimension.DAY, "2026-11-20", {}) == "2026-11-20 Fri"


def test_an_argument_error_reads_in_the_askers_language_with_its_example_as_typed() -> None:
    with using("th"), pytest.raises(UsageError) as refused:
        parse_date("2569-02-30", "ตัวอย่าง: /phase add operational 2569-02-30 2569-03-10")
    assert str(refused.value) == (
        "2569-02-30 ไม่ใช่วันที่ เดือนกุมภาพันธ์ 2569 มี 28 วัน\n"
        "ตัวอย่าง: /phase add operational 2026-02-28 2569-03-10"
    )


def test_each_half_of_an_exercises_bilingual_digest_says_exercise_in_its_language() -> None:
    drill = replace(KCS_TCD, exercise=True)
    facts = replace(large_operation(), operation=drill)
    share = digest_budget(drill)
    (text,) = outbox.in_languages(lambda: digest_text(facts, budget=share), drill.languages,
                                  operation=drill)  # fmt: skip
    (sent,) = outbox.fit(text, operation=drill).parts
    korean, thai = sent.split(outbox.BETWEEN_LANGUAGES)
    # Before: only the first (Korean) half was labelled, by the outbox.
    assert korean.startswith("🧪 <b>훈련</b> · 📋 <b>일일 요약</b>"), korean[:60]
    assert thai.startswith("🧪 <b>การฝึกซ้อม</b> · 📋 <b>สรุปประจำวัน</b>"), thai[:60]
    assert sent.count("🧪") == 2
    # Too long for one message: each goes alone, labelled once, in its own language.
    texts = outbox.in_languages(lambda: digest_text(facts), drill.languages, operation=drill)
    parts = [outbox.fit(t, operation=drill).parts[0] for t in texts]
    assert parts[0].startswith("🧪 <b>훈련</b> · 📋")
    assert parts[1].startswith("🧪 <b>การฝึกซ้อม</b> · 📋")
    assert [p.count("🧪") for p in parts] == [1, 1]


def test_the_thai_reports_footer_keeps_its_dot_before_show() -> None:
    from bot.domain.listing import ListedReport, ListingFilter, ReportPage
    from bot.render.listing import reports_page

    page = ReportPage((ListedReport(1, "2026-11-20", "TCD", (), "BKK", False, False),), 1, 0, 0)
    with using("th"):
        footer = reports_page(KCS_TCD, ListingFilter(), page).splitlines()[-1]
    # Before: "(รอผลแล็บ) ดูรายงาน…": the marks ran into the /show sentence with no separator.
    assert footer.endswith("(รอผลแล็บ) · ดูรายงานฉบับเต็มได้ด้วย /show หมายเลข"), footer
