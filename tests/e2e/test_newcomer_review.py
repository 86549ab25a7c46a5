"""What a newcomer found in the sandbox: phase dates as /summary writes them, a waiting draft."""

from __future__ import annotations

from bot.demo import COORDINATOR, GROUP
from tests.e2e import conftest as harness


async def test_phase_add_takes_a_quoted_name_and_day_month_dates(siren: harness.Harness):
    reply = await siren.talk.text(COORDINATOR, '/phase add "final review" 14 Dec 20 Dec', GROUP)
    assert "Added phase final review: Mon 14 Dec – Sun 20 Dec (7 days, Asia/Seoul)" in reply
    (row,) = await siren.rows("SELECT name FROM phase WHERE name = 'final review'")
    assert row["name"] == "final review"


async def test_a_refused_phase_shows_the_name_and_two_valid_dates(siren: harness.Harness):
    reply = await siren.talk.text(COORDINATOR, '/phase add "final review" 14 Dec', GROUP)
    assert "Example: /phase add final review 2026-12-01 2026-12-14" in reply
    assert await siren.rows("SELECT name FROM phase WHERE name = 'final review'") == []
