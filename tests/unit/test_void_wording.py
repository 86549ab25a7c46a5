"""How a refused undo is worded (adversary, session 18: 'undo works for 1 minutes')."""

from __future__ import annotations

from datetime import timedelta

from bot.domain.voids import VoidRefusal, VoidRefused
from bot.render.i18n import using
from bot.render.seizure import void_refusal


def test_a_one_minute_undo_window_is_said_in_the_singular() -> None:
    one = void_refusal(VoidRefused(VoidRefusal.TOO_LATE, 2, window=timedelta(minutes=1)))
    assert one.startswith("Too late to undo report #2 (undo works for 1 minute). "), one
    ten = void_refusal(VoidRefused(VoidRefusal.TOO_LATE, 2, window=timedelta(minutes=10)))
    assert ten.startswith("Too late to undo report #2 (undo works for 10 minutes). "), ten
    with using("ko"):
        korean = void_refusal(VoidRefused(VoidRefusal.TOO_LATE, 2, window=timedelta(minutes=1)))
    assert korean.startswith("보고 #2는 취소 가능 시간(1분)이 지났습니다."), korean
