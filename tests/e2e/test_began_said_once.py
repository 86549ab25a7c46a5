"""The day an operation began is the same day in every answer. Newcomer review, session 17:
an officer's report dated before the start was asked about as "before SIREN began on
2026-11-20" and recorded so; a coordinator's /summary of an earlier day then said "before the
operation began on 2026-11-18", the early report's day."""

from __future__ import annotations

from bot.demo import COORDINATOR, KCS_OFFICER
from fakegram.types import FakeChat
from tests.e2e.asking import reported
from tests.e2e.conftest import Harness


async def test_a_summary_before_the_start_names_the_day_the_report_question_named(
    siren: Harness,
) -> None:
    officer = FakeChat.private(KCS_OFFICER)
    ack = await reported(siren, KCS_OFFICER, "/s 1kg cocaine on 2026-11-18", officer)
    assert "Recorded report SIREN #1" in ack, ack
    said = await siren.talk.text(COORDINATOR, "/summary 2026-11-17")
    assert "No reports dated 2026-11-17, before the operation began on 2026-11-20." in said, said
