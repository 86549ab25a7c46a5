"""The daily digest end to end: its content, its time, a restart across it, and 50 at once."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest

from bot.demo import COORDINATOR, GROUP, KCS_OFFICER, TCD_OFFICER, set_up_demo
from fakegram.types import FakeChat
from storage import operations as operation_store
from tests.e2e import conftest as harness
from tests.e2e.asking import reported
from tests.e2e.test_clock import restart, scheduler, texts

DIGEST_AT_8 = datetime(2026, 11, 20, 23, 0, tzinfo=UTC)  # Sat 21 Nov 08:00 in Seoul


async def say(bot: harness.Harness, text: str, who=COORDINATOR, chat: FakeChat = GROUP) -> str:
    return await bot.talk.text(who, text, chat)


@pytest.fixture
async def digest(siren: harness.Harness) -> AsyncIterator[harness.Harness]:
    """SIREN with a phase, a seizure from KCS and a nil return from TCD."""
    first = siren.app
    await say(siren, "/phase add operational 2026-11-16 2026-11-30")
    await say(siren, "/seizure 2kg meth at ICN cargo", who=KCS_OFFICER)
    await say(siren, "/nil BKK mail centre checked", who=TCD_OFFICER)
    yield siren
    if siren.app is not first:
        await harness.stop_bot(siren.app)


async def test_the_daily_digest_tells_the_last_24_hours_the_totals_the_phase_and_each_agency(
    digest,
):
    digest.clock.set(DIGEST_AT_8)
    await scheduler(digest).run_due()
    await scheduler(digest).run_due()
    (text,) = texts(digest, GROUP, "Daily digest")
    lines = text.splitlines()
    assert lines[0] == "📋 Daily digest · SIREN · Sat 21 Nov 08:00 (Asia/Seoul)"
    assert lines[1] == "Phase: operational (Mon 16 Nov – Mon 30 Nov), day 6 of 15, 9 days left"
    assert "Recorded since Fri 20 Nov 08:00 (by time of report): 1 report" in lines
    assert "• Fri 09:30 KCS — 2 kg methamphetamine at ICN cargo (#1)" in lines
    assert "Running totals (whole operation, by seizure date)" in lines
    assert lines.count("methamphetamine  2 kg  1 case") == 2  # the 24 hours, and the totals
    assert "✅ KCS: reported 1 seizure" in lines
    # TCD lives in Bangkok, two hours behind Seoul: its time is shown in both zones.
    assert "☑️ TCD: nil return at Fri 09:30 (Bangkok 07:30): “BKK mail centre checked”" in lines
    assert "EXERCISE" not in text


async def test_a_digest_preview_goes_to_the_asking_chat_only(digest):
    private = FakeChat.private(COORDINATOR)
    preview = await say(digest, "/digest now", chat=private)
    assert preview.startswith("📋 Preview of the daily digest · SIREN · Fri 20 Nov 09:30")
    assert "✅ KCS: reported 1 seizure" in preview
    assert texts(digest, GROUP, "digest ·") == []


async def test_the_digest_time_can_be_moved_and_turned_off(digest):
    reply = await say(digest, "/digest at 7:30")
    assert (
        "The daily digest now comes at 07:30 (Asia/Seoul); the next one Sat 21 Nov 07:30." in reply
    )
    assert "Example: /digest at 07:30" in await say(digest, "/digest at 25:00")
    assert "I cannot read /digest sometimes" in await say(digest, "/digest sometimes")
    digest.clock.set(DIGEST_AT_8 - timedelta(minutes=30))
    await scheduler(digest).run_due()
    digest.clock.set(DIGEST_AT_8)
    await scheduler(digest).run_due()
    assert [t.splitlines()[0] for t in texts(digest, GROUP, "Daily digest")] == [
        "📋 Daily digest · SIREN · Sat 21 Nov 07:30 (Asia/Seoul)"
    ]
    assert "The daily digest is off" in await say(digest, "/digest off")
    digest.clock.set(DIGEST_AT_8 + timedelta(days=1))
    await scheduler(digest).run_due()
    assert len(texts(digest, GROUP, "Daily digest")) == 1
    assert "The daily digest is off. Turn it on with /digest at 08:00" in await say(
        digest, "/digest"
    )
    audit = await digest.rows("SELECT detail FROM audit_log WHERE action = 'digest.set'")
    assert [a["detail"] for a in audit] == ['{"digest_time": "07:30"}', '{"digest_time": null}']


async def test_a_digest_due_while_the_bot_was_down_comes_once_marked_late(digest, tmp_path):
    await restart(digest, tmp_path, at=DIGEST_AT_8 + timedelta(hours=1, minutes=15))
    await digest.api.wait_for_message(GROUP, text_contains="Daily digest")
    await scheduler(digest).run_due()
    (text,) = texts(digest, GROUP, "Daily digest")
    assert text.splitlines()[:2] == [
        "📋 Daily digest · SIREN · Sat 21 Nov 08:00 (Asia/Seoul)",
        "(late: due 08:00)",
    ]


async def test_an_exercise_digest_is_labelled(bot):
    await set_up_demo(bot.talk, exercise=True)
    bot.clock.set(DIGEST_AT_8)
    await scheduler(bot).run_due()
    (text,) = texts(bot, GROUP, "Daily digest")
    assert text.startswith("🧪 EXERCISE · 📋 Daily digest · SIREN")


async def test_fifty_digests_falling_due_in_the_same_minute_each_arrive_once(bot):
    db, now = bot.db, bot.clock.now()
    groups = []
    for n in range(50):
        op = await operation_store.create_operation(
            db,
            code=f"OP{n:02d}",
            title=f"Operation {n}",
            tz="Asia/Seoul",
            exercise=False,
            actor_id=None,
            now=now,
        )
        group = FakeChat(-100500000 - n, "group", title=f"OCU {n}")
        bot.api.add_chat(group)
        await operation_store.bind_chat(
            db,
            chat_id=group.id,
            title=group.title or "",
            operation_id=op.id,
            actor_id=1,
            now=now,
        )
        await scheduler(bot).operation_changed(op.id)
        groups.append((op.code, group))
    bot.clock.set(DIGEST_AT_8)
    report = await scheduler(bot).run_due()
    assert (report.sent, report.failed, report.late) == (50, 0, 0)
    for code, group in groups:
        (text,) = texts(bot, group, "Daily digest")
        assert text.startswith(f"📋 Daily digest · {code} · Sat 21 Nov 08:00")
    again = await scheduler(bot).run_due()
    assert again.sent == 0
    sent = await bot.rows("SELECT count(*) AS n FROM delivery WHERE status = 'sent'")
    assert sent == [{"n": 50}]


async def test_a_korean_and_thai_group_gets_one_bilingual_digest_once_across_restarts(
    digest, tmp_path
):
    said = await say(digest, "/language group ko th")
    # Said to the whole group, in the languages it chose (the coordinator reads English).
    assert "이제 이 단체방의 일일 요약, 알림, 공지는" in said
    assert "จากนี้สรุปประจำวัน การแจ้งเตือน และประกาศของกลุ่มนี้" in said
    # Each names the languages in its own words: no "한국어 (ko)(으)로", no Korean script in Thai.
    assert "다음 언어로 보냅니다: 한국어 및 태국어." in said and "(으)로" not in said
    assert "ภาษาเกาหลีและภาษาไทย" in said.split("จากนี้", 1)[1]
    assert "한국어" not in said.split("จากนี้", 1)[1]
    # Down across 08:00: the digest goes at start, once, in both languages, in one message.
    await restart(digest, tmp_path, at=DIGEST_AT_8 + timedelta(minutes=1))
    await digest.api.wait_for_message(GROUP, text_contains="📋 สรุปประจำวัน")
    await scheduler(digest).run_due()
    (text,) = texts(digest, GROUP, "일일 요약 ·")
    korean, thai = text.split("──────────")
    assert korean.splitlines()[0] == "📋 일일 요약 · SIREN · 11월 21일 (토) 08:00 (Asia/Seoul)"
    assert "✅ KCS: 적발 1건 보고" in korean
    assert thai.strip().splitlines()[0].startswith("📋 สรุปประจำวัน · SIREN · ")
    assert "✅ KCS: รายงานการตรวจยึด 1 รายการ" in thai
    assert "Daily digest" not in text and "Running totals" not in text
    assert len(text.encode("utf-16-le")) // 2 <= 4096
    await restart(digest, tmp_path)
    await scheduler(digest).run_due()
    assert len(texts(digest, GROUP, "📋 สรุปประจำวัน")) == 1
    sent = await digest.rows("SELECT status FROM delivery")
    assert sent == [{"status": "sent"}]


async def test_a_digest_preview_in_a_bilingual_group_is_what_the_group_will_get(digest):
    await say(digest, "/language group ko th")
    # Before: the group's preview was in the asker's English, not what the group receives.
    preview = await say(digest, "/digest now")
    korean, thai = preview.split("──────────")
    assert korean.splitlines()[0].startswith("📋 일일 요약 미리보기 · SIREN · ")
    assert "✅ KCS: 적발 1건 보고" in korean
    assert thai.strip().splitlines()[0].startswith("📋 ตัวอย่างสรุปประจำวัน · SIREN · ")
    assert "Preview of the daily digest" not in preview
    assert len(preview.encode("utf-16-le")) // 2 <= 4096
    # In private it stays in the asker's language.
    private = await say(digest, "/digest now", chat=FakeChat.private(COORDINATOR))
    assert private.startswith("📋 Preview of the daily digest · SIREN · ")
    assert "──────────" not in private


async def test_a_linked_case_counts_once_since_the_last_digest_and_the_earlier_reports_are_findable(
    siren,
):
    # Two agencies' reports of one delivery, seized before today, then twelve reports of today.
    # Before SIREN began: asked about first (session 14), recorded.
    await reported(siren, KCS_OFFICER, "/seizure 2kg meth at ICN on 2026-11-18", GROUP)  # 1
    await reported(siren, TCD_OFFICER, "/seizure 1.5kg meth @BKK on 2026-11-19", GROUP)  # 2
    for n in range(12):  # 3..14
        await say(siren, f"/seizure {n + 1}g cocaine at ICN", who=KCS_OFFICER)
    await say(siren, "/link 1 2")
    digest = await say(siren, "/digest now", chat=FakeChat.private(COORDINATOR))
    lines = digest.splitlines()
    assert "Recorded since Fri 20 Nov 08:00 (by time of report): 14 reports" in lines
    # Before: 3.5 kg and 2 cases since the last digest beside 2 kg and 1 case in the totals.
    rows = [line.split() for line in lines]
    assert rows.count(["methamphetamine", "2", "kg", "1", "case"]) == 2  # window and totals
    # Before: "/summary today", which does not show reports seized on 18 and 19 Nov.
    assert (
        "… and 2 earlier ones: /reports 2026-11-18..2026-11-19"
        " (all reports seized on those days, voided too)"
    ) in lines
    private = FakeChat.private(COORDINATOR)
    listed = await say(siren, "/reports 2026-11-18..2026-11-19", chat=private)
    assert "2 reports" in listed and "#1 " in listed and "#2 " in listed, listed


async def test_the_digest_says_its_reports_pointer_lists_voided_ones_too(siren):
    # Before: "… and 1 earlier one: /reports 2026-11-18" opened 2 reports, one of them voided,
    # with nothing saying why the digest counted one.
    # Before SIREN began: asked about first (session 14), recorded.
    await reported(siren, KCS_OFFICER, "/seizure 2kg meth at ICN on 2026-11-18", GROUP)  # 1
    await reported(siren, KCS_OFFICER, "/seizure 1kg heroin at ICN on 2026-11-18", GROUP)  # 2
    await say(siren, "/void 2 entered twice")
    for n in range(12):  # 3..14
        await say(siren, f"/seizure {n + 1}g cocaine at ICN", who=KCS_OFFICER)
    private = FakeChat.private(COORDINATOR)
    digest = await say(siren, "/digest now", chat=private)
    assert "Recorded since Fri 20 Nov 08:00 (by time of report): 13 reports" in digest
    line = next(x for x in digest.splitlines() if x.startswith("… and "))
    assert line == (
        "… and 1 earlier one: /reports 2026-11-18 (all reports seized on those days, voided too)"
    )
    listed = await say(siren, "/reports 2026-11-18", chat=private)
    voided = next(x for x in listed.splitlines() if x.startswith("#2 "))
    assert "2 reports" in listed and "❌" in voided, listed


async def test_a_preview_before_any_digest_starts_where_the_next_digest_will(siren):
    # Newcomer review, round 2: asked at 21:41 with no digest sent yet, the preview covered the
    # last 24 hours ("Recorded since Tue 01 Dec 21:41"), not what the next digest (08:00) will:
    # the reports since the last digest time. The harness's clock is Fri 20 Nov 09:30.
    siren.clock.advance(timedelta(hours=12))  # 21:30
    await say(siren, "/seizure 3g cocaine at ICN", who=KCS_OFFICER)
    digest = await say(siren, "/digest now", chat=FakeChat.private(COORDINATOR))
    assert "Recorded since Fri 20 Nov 08:00 (by time of report): 1 report" in digest, digest


async def test_the_digests_words_in_korean_and_thai_and_a_time_alone(siren):
    # Session 18 (newcomer, round 4): '/digest 지금' was "I cannot read /digest 지금", while
    # '/summary 오늘' and '/remind 내일 09:00' were read; '/digest 07:30' likewise.
    private = FakeChat.private(COORDINATOR)
    for typed in ("/digest 지금", "/digest ตอนนี้"):
        said = await say(siren, typed, chat=private)
        assert "Preview of the daily digest" in said, (typed, said)
    said = await say(siren, "/digest 07:30", chat=private)
    assert "The daily digest now comes at 07:30 (Asia/Seoul)" in said, said
    rows = await siren.rows("SELECT digest_time FROM operation WHERE code = 'SIREN'")
    assert rows == [{"digest_time": "07:30"}]
    said = await say(siren, "/digest 끄기", chat=private)
    assert said.startswith("The daily digest is off."), said
