"""/remind at a time written as Thai and Korean officers write and say it, and '17.30'
(session 18): each was "'9' is not a time of day", with an example that kept the clock word as
the reminder's text ('/remind daily 09:00 โมง ส่งรายงาน'). The harness's clock is Fri 20 Nov
2026 09:30 in Seoul."""

from __future__ import annotations

import pytest

from bot.demo import COORDINATOR
from fakegram.types import FakeChat
from tests.e2e import conftest as harness

KIM = FakeChat.private(COORDINATOR)


@pytest.mark.parametrize(
    ("when", "spec"),
    [
        ("พรุ่งนี้ 09.00 น.", "tomorrow 09:00"),
        ("ทุกวัน 9 โมง", "daily 09:00"),
        ("ทุกวัน 9 นาฬิกา", "daily 09:00"),
        ("ทุกวัน บ่าย 2 โมง", "daily 14:00"),
        ("ทุกวัน 5 โมงเย็น", "daily 17:00"),
        ("ทุกวัน 2 ทุ่ม", "daily 20:00"),
        ("ทุกวัน 9 โมงครึ่ง", "daily 09:30"),
        ("ทุกวัน เที่ยง", "daily 12:00"),
        ("daily 17.30", "daily 17:30"),
        # A day then 오전/오후 was asked its time again ("2026-12-20 몇 시입니까?"), and the
        # example given back kept '오후 3시' as the reminder's text.
        ("12월 20일 오전 9:00", "2026-12-20 09:00"),
        ("12월 20일 오후 3시", "2026-12-20 15:00"),
        ("2026-12-20 오후 3시 30분", "2026-12-20 15:30"),
        ("내일 오전 9:00", "tomorrow 09:00"),
    ],
)
async def test_a_thai_korean_or_dotted_time_sets_the_reminder(
    siren: harness.Harness, when: str, spec: str
) -> None:
    reply = await siren.talk.text(COORDINATOR, f"/remind {when} ส่งรายงาน", KIM)
    assert "Reminder #1 set" in reply, reply
    rows = await siren.rows("SELECT spec, text FROM reminder")
    assert rows == [{"spec": spec, "text": "ส่งรายงาน"}], rows
