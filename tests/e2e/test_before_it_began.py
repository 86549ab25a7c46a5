"""No agency is silent before the operation began, though a report is back-dated there
(session 14): /summary over days before it, and the pack's reporting compliance."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot.demo import COORDINATOR, GROUP, KCS_OFFICER
from storage.debrief import gather
from tests.e2e.asking import record_it
from tests.e2e.conftest import Harness

SEOUL = ZoneInfo("Asia/Seoul")
DEC_1 = datetime(2026, 12, 1, 10, tzinfo=SEOUL)  # SIREN was set up on 20 Nov


async def _back_dated(h: Harness) -> None:
    h.clock.set(DEC_1)
    asked = await h.talk.say(KCS_OFFICER, "/seizure 300g cocaine at ICN on 2026-11-02", GROUP)
    await record_it(h, KCS_OFFICER, GROUP, asked)
    await h.talk.say(KCS_OFFICER, "/seizure 5kg cannabis at ICN", GROUP)


async def test_summary_before_it_began_names_nobody_silent(siren: Harness) -> None:
    await _back_dated(siren)
    reply = await siren.talk.text(COORDINATOR, "/summary 2026-11-01..2026-11-07", GROUP)
    assert "cocaine" in reply, reply
    # Before: "Silent: TCD" for a week SIREN did not exist yet.
    assert "Silent: none" in reply.splitlines(), reply


async def test_the_pack_counts_days_from_when_it_began(siren: Harness) -> None:
    await _back_dated(siren)
    (row,) = await siren.rows("SELECT id FROM operation WHERE code = 'SIREN'")
    debrief = gather(siren.db_path, operation_id=int(row["id"]), now=DEC_1)
    assert (debrief.period_first, debrief.period_last) == (date(2026, 11, 2), date(2026, 12, 1))
    silent = {c.agency: (c.active_days, c.silent_days) for c in debrief.compliance}
    # 20 Nov..1 Dec is 12 days; KCS reported on 1 Dec (before: TCD (0, 30), KCS (1, 29)).
    assert silent == {"KCS": (1, 11), "TCD": (0, 12)}, silent
