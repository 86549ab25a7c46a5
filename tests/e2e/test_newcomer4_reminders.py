"""Review round 13, fourth newcomer: a Korean coordinator sets a reminder as typed in Korean
and reads every reply that shows it (confirmation, list, removal) in Korean."""

from __future__ import annotations

import pytest

from bot.demo import COORDINATOR
from fakegram.types import FakeChat
from tests.e2e import conftest as harness

KIM = FakeChat.private(COORDINATOR)


@pytest.mark.parametrize("when", ["매일 17시", "daily 17:00"])
async def test_a_korean_reminder_is_shown_in_korean_in_every_reply(
    siren: harness.Harness, when: str
) -> None:
    await siren.talk.text(COORDINATOR, "/language ko", KIM)
    # Before: "'17시' ... cannot read" and, once set another way, '(daily 17:00: …)' on removal.
    replies = [
        await siren.talk.text(COORDINATOR, text, KIM)
        for text in (f"/remind {when} 보고서 제출", "/reminders", "/remind rm 1")
    ]
    set_reply, listed, removed = replies
    assert "매일 17:00" in set_reply and "#1" in set_reply, set_reply
    assert "#1 매일 17:00" in listed, listed
    assert "#1번 알림을 삭제했습니다 (매일 17:00: 보고서 제출)." in removed, removed
    for reply in replies:
        assert "daily" not in reply, reply
