"""Round 11's newcomer findings: what the clock promises, how the digest lines up and lists,
and places named in the reader's language."""

from __future__ import annotations

import csv
import io
import re

from bot.demo import COORDINATOR, KCS_OFFICER
from bot.render.i18n import width
from fakegram.types import FakeChat
from tests.e2e import conftest as harness
from tests.e2e.test_clock import GROUP, say, scheduler, texts, utc

# 04:50 in Seoul on Tue 01 Dec, as in the sandbox.
DEC_1_0450 = utc(2026, 11, 30, 19, 50)


async def test_a_phase_moved_after_its_warning_time_says_so_and_never_warns(
    siren: harness.Harness,
) -> None:
    await say(siren, "/phase add operational 2026-12-01 2026-12-14")
    siren.clock.set(DEC_1_0450)
    await scheduler(siren).run_due()
    reply = await say(siren, "/phase edit operational 2026-12-01 2026-12-01")
    # Before: "I will warn before its end and announce the end", a warning never sent.
    assert "warn before its end and announce" not in reply
    assert "I will announce the end (Tue 01 Dec)." in reply
    siren.clock.set(utc(2026, 12, 1, 15))  # 00:00 Wed 02 Dec in Seoul: the end
    await scheduler(siren).run_due()
    await siren.api.wait_for_message(GROUP, text_contains="⏹ Phase operational has ended")
    await scheduler(siren).run_due()
    assert texts(siren, GROUP, "⏳") == []
    assert len(texts(siren, GROUP, "⏹ Phase operational has ended")) == 1


async def test_a_phase_moved_before_its_warning_time_says_when_and_warns_once(
    siren: harness.Harness,
) -> None:
    await say(siren, "/phase add operational 2026-12-01 2026-12-14")
    siren.clock.set(DEC_1_0450)
    await scheduler(siren).run_due()
    reply = await say(siren, "/phase edit operational 2026-12-01 2026-12-02")
    assert (
        "It has already started; I will warn 24 hours before its end "
        "(on Wed 02 Dec 00:00, Asia/Seoul) and announce the end." in reply
    )
    siren.clock.set(utc(2026, 12, 1, 15))
    await scheduler(siren).run_due()
    await siren.api.wait_for_message(GROUP, text_contains="⏳ Phase operational ends in 24 hours")
    await scheduler(siren).run_due()
    assert len(texts(siren, GROUP, "⏳ Phase operational ends in")) == 1
    # A phase shorter than the warning's lead time promises no warning.
    reply = await say(siren, "/phase add debrief 2026-12-05 2026-12-05")
    assert "I will announce its start and its end in the linked groups." in reply


async def test_a_daily_reminder_says_when_it_last_went_out(siren: harness.Harness) -> None:
    await say(siren, "/remind daily 09:00 Send your nil returns")
    siren.clock.set(utc(2026, 11, 21, 0))  # Sat 21 Nov 09:00 in Seoul
    await scheduler(siren).run_due()
    await siren.api.wait_for_message(GROUP, text_contains="Reminder: Send your nil returns")
    listed = await say(siren, "/reminders")
    # Before: only "next Sun 22 Nov 09:00", as if it had never gone out.
    assert "#1 daily at 09:00 — next Sun 22 Nov 09:00, last sent Sat 21 Nov 09:00" in listed, listed


def _right_edges(text: str, word: str) -> set[int]:
    """The display width of each table line, a line that ends in `word` (the count's)."""
    return {width(s) for s in text.splitlines() if s.endswith(word) and ":" not in s}


async def test_digest_and_summary_counts_line_up_under_their_heading_in_korean_and_thai(
    siren: harness.Harness,
) -> None:
    await say(siren, "/seizure 2g meth at ICN", who=KCS_OFFICER)
    await say(siren, "/seizure 3g meth at ICN", who=KCS_OFFICER)
    for n in range(10):
        await say(siren, f"/seizure {n + 1}kg cocaine at ICN", who=KCS_OFFICER)
    private = FakeChat.private(COORDINATOR)
    await say(siren, "/language ko", chat=private)
    korean = await say(siren, "/digest now", chat=private)
    # Before: '2건' under '10건', the counts left-aligned.
    assert " 2건" in korean and "10건" in korean, korean
    assert len(_right_edges(korean, "건")) == 1, korean
    summary = await say(siren, "/summary", chat=private)
    table = [line for line in summary.splitlines() if "품목" in line or "kg" in line]
    heading = next(line for line in table if "품목" in line)
    # Before: '품목              수량 건수', the count's heading off its column.
    assert width(heading) == max(width(line) for line in table), table
    await say(siren, "/language th", chat=private)
    thai = await say(siren, "/digest now", chat=private)
    assert len(_right_edges(thai, "คดี")) == 1, thai


async def test_places_are_named_in_the_readers_language_and_exported_as_codes(
    siren: harness.Harness,
) -> None:
    private = FakeChat.private(KCS_OFFICER)
    await say(siren, "/language ko", chat=private, who=KCS_OFFICER)
    ack = await say(siren, "/seizure 2kg meth at ICN from LA to TH", chat=private, who=KCS_OFFICER)
    # Before: 'LA → TH', which an officer read as Los Angeles.
    assert "라오스(LA) → 태국(TH)" in ack, ack
    shown = await say(siren, "/show 1", chat=private, who=KCS_OFFICER)
    assert "라오스(LA) → 태국(TH)" in shown, shown
    coordinator = FakeChat.private(COORDINATOR)
    await say(siren, "/language th", chat=coordinator)
    by_origin = await say(siren, "/summary by origin", chat=coordinator)
    assert "ลาว (LA)" in by_origin, by_origin
    await say(siren, "/language en", chat=coordinator)
    by_route = await say(siren, "/summary by route", chat=coordinator)
    assert "Laos (LA) → Thailand (TH)" in by_route, by_route
    (row,) = await siren.rows("SELECT origin, destination FROM seizure")
    assert (row["origin"], row["destination"]) == ("LA", "TH")
    # The export is for machines: codes, whatever the language of who asks for it.
    await say(siren, "/language th", chat=coordinator)
    mark = siren.api.mark()
    siren.api.send_text(COORDINATOR, coordinator, "/export csv")
    call = await siren.api.wait_for(
        lambda c: c.method == "sendDocument" and c.delivered, after=mark
    )
    exported = next(iter(call.files.values())).content.decode("utf-8-sig")
    (report,) = csv.DictReader(io.StringIO(exported))
    assert (report["origin"], report["destination"]) == ("LA", "TH")


async def test_a_bilingual_digest_lists_the_same_reports_in_both_languages(
    siren: harness.Harness,
) -> None:
    await say(siren, "/language group ko th")
    for substance in ("ketamine", "cannabis", "opium", "kratom", "khat", "tramadol"):
        await say(siren, f"/seizure 5g {substance} at ICN", who=KCS_OFFICER)
    for n in range(14):
        await say(
            siren,
            f"/seizure {n + 1}kg cocaine + {n + 2}g heroin, 30 tablets mdma "
            f"at ICN cargo terminal shed {n} from LA to TH",
            who=KCS_OFFICER,
        )
    await say(siren, "/digest now")
    sent = "\n".join(texts(siren, GROUP, ""))
    korean = sent[sent.rindex("📋 일일 요약 미리보기") :]
    thai = sent[sent.rindex("📋 ตัวอย่างสรุปประจำวัน") :]
    korean = korean.split("──────────")[0]
    listed = [re.findall(r"\(#(\d+)", half) for half in (korean, thai)]
    # Before: the Korean half listed 12 reports and the Thai half 5, for want of room.
    assert listed[0] == listed[1] == [str(n) for n in range(20, 8, -1)], listed
    assert "… 이전 보고 8건 더: /reports 2026-11-20" in korean
    assert "… และรายงานก่อนหน้าอีก 8 รายการ: /reports 2026-11-20" in thai
    assert all(len(t.encode("utf-16-le")) // 2 <= 4096 for t in texts(siren, GROUP, "📋"))
