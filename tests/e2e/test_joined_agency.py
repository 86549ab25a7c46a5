"""An agency added today was not silent before it existed: /summary, the digest, the debrief."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from bot.demo import ADMIN, COORDINATOR, GROUP
from bot.render.digest import digest_text
from storage import operations as operation_store
from storage import schedule as schedule_store
from storage.debrief import gather
from tests.e2e.conftest import Harness

# Tue 1 Dec 2026 10:00 in Seoul (and Tokyo), eleven days after SIREN was set up (20 Nov).
DEC_1_10H = datetime(2026, 12, 1, 1, 0, tzinfo=UTC)
DEC_1_DIGEST = datetime(2026, 11, 30, 23, 0, tzinfo=UTC)  # 08:00 in Seoul, before JCB came


def silent_line(reply: str) -> str:
    (line,) = [line for line in reply.splitlines() if line.startswith("Silent:")]
    return line


async def add_jcb(siren: Harness) -> None:
    siren.clock.set(DEC_1_10H)
    reply = await siren.talk.text(ADMIN, '/agency add JCB "Japan Customs" Asia/Tokyo')
    assert "JCB" in reply


async def test_an_agency_added_today_is_not_silent_yesterday_but_is_today(siren: Harness):
    await add_jcb(siren)
    yesterday = await siren.talk.text(COORDINATOR, "/summary yesterday", GROUP)
    assert silent_line(yesterday) == "Silent: KCS, TCD"  # before: "Silent: JCB, KCS, TCD"
    # From the day it joined it is counted like any other.
    today = await siren.talk.text(COORDINATOR, "/summary today", GROUP)
    assert silent_line(today) == "Silent: JCB, KCS, TCD"
    week = await siren.talk.text(COORDINATOR, "/summary 2026-11-23..2026-12-01", GROUP)
    assert silent_line(week) == "Silent: JCB, KCS, TCD"


async def test_the_digest_cut_off_before_the_agency_came_leaves_it_out(siren: Harness):
    await add_jcb(siren)
    (row,) = await siren.rows("SELECT id FROM operation WHERE code = 'SIREN'")
    op = await operation_store.get_operation(siren.db, operation_id=int(row["id"]))
    assert op is not None
    later = DEC_1_10H + timedelta(hours=1)
    text = digest_text(await schedule_store.digest_facts(siren.db, operation=op, until=later))
    assert "⚪ JCB: silent" in text  # a digest after it came counts it
    text = digest_text(
        await schedule_store.digest_facts(siren.db, operation=op, until=DEC_1_DIGEST)
    )
    assert "⚪ KCS: silent" in text
    assert "JCB" not in text  # before: "⚪ JCB: silent"


async def test_the_debrief_counts_an_agency_s_silent_days_from_the_day_it_joined(siren: Harness):
    await add_jcb(siren)
    await siren.talk.text(COORDINATOR, "/phase add surge 2026-11-23 2026-12-05", GROUP)
    (row,) = await siren.rows("SELECT id FROM operation WHERE code = 'SIREN'")
    debrief = gather(siren.db_path, operation_id=int(row["id"]), now=DEC_1_10H)
    assert (debrief.period_first, debrief.period_last) == (date(2026, 11, 23), date(2026, 12, 1))
    silent = {c.agency: (c.active_days, c.silent_days) for c in debrief.compliance}
    # KCS has been in the operation all nine days; JCB only on 1 Dec (before: 9 days).
    assert silent == {"JCB": (0, 1), "KCS": (0, 9), "TCD": (0, 9)}
