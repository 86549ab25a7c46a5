"""/remind on a day written as officers write a report's date ('24/11', '24 Nov', '12월 1일',
'24/11/2569'): before, every form but YYYY-MM-DD was "I cannot read '24/11' as a time", and that
refusal listed 2026-12-01 09:00 as a form, a day that had passed by December. The harness's
clock is Fri 20 Nov 2026 09:30 in Seoul."""

from __future__ import annotations

import pytest

from bot.demo import COORDINATOR
from fakegram.types import FakeChat
from tests.e2e import conftest as harness

KIM = FakeChat.private(COORDINATOR)


@pytest.mark.parametrize(
    ("when", "spec", "shown"),
    [
        ("24/11 09:00", "2026-11-24 09:00", "Tue 24 Nov 2026 09:00 (Asia/Seoul)"),
        ("24 Nov 18:30", "2026-11-24 18:30", "Tue 24 Nov 2026 18:30 (Asia/Seoul)"),
        ("12월 1일 09:00", "2026-12-01 09:00", "Tue 01 Dec 2026 09:00 (Asia/Seoul)"),
        ("24/11/2569 08:00", "2026-11-24 08:00", "Tue 24 Nov 2026 08:00 (Asia/Seoul)"),
        # Session 18: a report's dotted day, before a time ('9.30' alone stays a time of day).
        ("24.11 09:00", "2026-11-24 09:00", "Tue 24 Nov 2026 09:00 (Asia/Seoul)"),
        # A delay in Korean or Thai, as 'in 2h' is: "I cannot read '2시간' as a time" before.
        ("2시간 후", "in 120m", "Fri 20 Nov 2026 11:30 (Asia/Seoul)"),
        ("1시간 30분 뒤", "in 90m", "Fri 20 Nov 2026 11:00 (Asia/Seoul)"),
        ("อีก 2 ชั่วโมง", "in 120m", "Fri 20 Nov 2026 11:30 (Asia/Seoul)"),
        # Without a year, a day already past this year is next year's: a reminder is to come.
        ("19/11 09:00", "2027-11-19 09:00", "Fri 19 Nov 2027 09:00 (Asia/Seoul)"),
    ],
)
async def test_a_reminder_on_a_day_written_as_a_reports_date_is_set(
    siren: harness.Harness, when: str, spec: str, shown: str
) -> None:
    reply = await siren.talk.text(COORDINATOR, f"/remind {when} check manifests", KIM)
    assert f"Reminder #1 set: once, {shown}." in reply, reply
    assert "check manifests" in reply, reply
    rows = await siren.rows("SELECT spec, text FROM reminder")
    assert rows == [{"spec": spec, "text": "check manifests"}]


async def test_a_day_that_does_not_exist_is_refused_with_an_example_that_works(
    siren: harness.Harness,
) -> None:
    reply = await siren.talk.text(COORDINATOR, "/remind 31/11 09:00 check manifests", KIM)
    example = "/remind 2026-11-21 09:00 check manifests"
    assert reply.endswith(f"I cannot read '31/11' as a day. Write it as YYYY-MM-DD, e.g. {example}")
    assert await siren.rows("SELECT id FROM reminder") == []
    accepted = await siren.talk.text(COORDINATOR, example, KIM)
    assert "Reminder #1 set: once, Sat 21 Nov 2026 09:00 (Asia/Seoul)." in accepted, accepted


async def test_a_time_that_cannot_be_read_lists_forms_of_days_to_come(
    siren: harness.Harness,
) -> None:
    reply = await siren.talk.text(COORDINATOR, "/remind soon check manifests", KIM)
    assert "I cannot read 'soon' as a time. WHEN is one of: 2026-11-21 09:00," in reply, reply
    assert "2026-12-01" not in reply, reply


async def test_a_korean_coordinator_is_refused_in_korean(siren: harness.Harness) -> None:
    await siren.talk.text(COORDINATOR, "/language ko", KIM)
    reply = await siren.talk.text(COORDINATOR, "/remind 31/11 09:00 보고서", KIM)
    assert "'31/11'은 날짜로 읽을 수 없습니다." in reply, reply
    assert "/remind 2026-11-21 09:00 보고서" in reply, reply


async def test_29_february_without_a_year_is_the_next_leap_years(siren: harness.Harness) -> None:
    # Adversary review, round 2: it was 2024's, and refused as passed.
    reply = await siren.talk.text(COORDINATOR, "/remind 29/02 09:00 leap day check", KIM)
    assert "Reminder #1 set: once, Tue 29 Feb 2028 09:00 (Asia/Seoul)." in reply, reply
