"""Every agency in exactly one of /summary's attendance lines, and the operation begins with its
first phase when that came before its set-up (the newcomer's 'KCS in none of the three lines')."""

from __future__ import annotations

from datetime import UTC, date, datetime

from bot.demo import ADMIN, COORDINATOR, GROUP, KCS_OFFICER, TCD_OFFICER
from storage import operations as operation_store
from storage.debrief import gather
from tests.e2e.conftest import Harness

# SIREN was set up on 20 Nov 2026 (Seoul); the phase added later began on the 15th.
NOV_21_NOON = datetime(2026, 11, 21, 3, 0, tzinfo=UTC)
NOV_22_NOON = datetime(2026, 11, 22, 3, 0, tzinfo=UTC)
LEADS = ("Seizures reported:", "Nil returns:", "Silent:", "Joined after this period:")
PERIODS = [
    "2026-11-15",
    "2026-11-16",
    "2026-11-17",
    "2026-11-20",
    "2026-11-21",
    "yesterday",
    "today",
    "2026-11-15..2026-11-22",
    "2026-11-10..2026-11-16",
    "phase preparation",
    "week",
    "",
]


def placed(reply: str) -> list[str]:
    """The agencies each attendance line names, one entry per naming."""
    codes = []
    for line in reply.splitlines():
        lead = next((lead for lead in LEADS if line.startswith(lead)), None)
        rest = line[len(lead) :].strip() if lead else "none"
        if rest != "none":
            codes += [code.strip().split(" ×")[0] for code in rest.split(",")]
    return sorted(codes)


def line(reply: str, lead: str) -> str:
    (found,) = [row for row in reply.splitlines() if row.startswith(lead)]
    return found


async def test_every_agency_is_in_one_attendance_line_for_any_period(siren: Harness):
    siren.clock.set(NOV_21_NOON)
    await siren.talk.text(KCS_OFFICER, "/seizure 2kg meth at ICN")
    undone = await siren.talk.text(KCS_OFFICER, "/undo")  # KCS's only report that day
    assert "voided" in undone, undone
    await siren.talk.text(TCD_OFFICER, "/nil BKK checked")
    siren.clock.set(NOV_22_NOON)
    assert "JCB" in await siren.talk.text(ADMIN, '/agency add JCB "Japan Customs" Asia/Tokyo')
    phase = "/phase add preparation 2026-11-15 2026-11-19"
    added = await siren.talk.text(COORDINATOR, phase, GROUP)
    assert "preparation" in added, added
    await siren.talk.text(TCD_OFFICER, "/seizure 1kg heroin at BKK on 2026-11-17")
    for period in PERIODS:
        reply = await siren.talk.text(COORDINATOR, f"/summary {period}".strip(), GROUP)
        # Before: KCS (and TCD) in no line before the set-up day, or no lines at all.
        assert placed(reply) == ["JCB", "KCS", "TCD"], (period, reply)
    before = await siren.talk.text(COORDINATOR, "/summary 2026-11-16", GROUP)
    assert "No reports before the operation began" not in before  # before: "... on 2026-11-17."
    assert line(before, "Silent:") == "Silent: KCS, TCD"
    assert line(before, "Joined after this period:") == "Joined after this period: JCB"
    voided = await siren.talk.text(COORDINATOR, "/summary 2026-11-21", GROUP)
    assert line(voided, "Seizures reported:") == "Seizures reported: none"
    assert line(voided, "Nil returns:") == "Nil returns: TCD"
    assert line(voided, "Silent:") == "Silent: KCS"


async def test_the_operation_begins_with_a_phase_that_starts_before_its_set_up(siren: Harness):
    siren.clock.set(NOV_22_NOON)
    await siren.talk.text(COORDINATOR, "/phase add preparation 2026-11-15 2026-11-19", GROUP)
    await siren.talk.text(KCS_OFFICER, "/seizure 2kg meth at ICN")
    day = await siren.talk.text(COORDINATOR, "/summary 2026-11-16", GROUP)
    # Before: "No reports before the operation began on 2026-11-20."
    assert "No reports before the operation began" not in day, day
    whole = await siren.talk.text(COORDINATOR, "/summary", GROUP)
    # Before: "Whole operation, 2026-11-22 (Asia/Seoul)": the first report's day.
    assert "Whole operation, 2026-11-15 – 2026-11-22 (Asia/Seoul)" in whole, whole
    (row,) = await siren.rows("SELECT id FROM operation WHERE code = 'SIREN'")
    op = await operation_store.get_operation(siren.db, operation_id=int(row["id"]))
    assert op is not None and op.began == date(2026, 11, 15)


async def test_a_report_in_an_early_phase_is_not_before_the_operation_began(siren: Harness):
    siren.clock.set(NOV_22_NOON)
    await siren.talk.text(COORDINATOR, "/phase add groundwork 2026-01-05 2026-01-20", GROUP)
    ack = await siren.talk.text(KCS_OFFICER, "/seizure 2kg meth at ICN on 10 Jan")
    # Before: "10 Jan was read as 2026-01-10, almost a year ago and before SIREN began on
    # 2026-11-20": it was within the operation's first phase.
    assert "before SIREN began" not in ack, ack
    assert "almost a year ago" in ack, ack


async def test_the_debrief_counts_the_founding_agencies_from_the_first_phase(siren: Harness):
    siren.clock.set(NOV_22_NOON)
    assert "JCB" in await siren.talk.text(ADMIN, '/agency add JCB "Japan Customs" Asia/Tokyo')
    await siren.talk.text(COORDINATOR, "/phase add preparation 2026-11-15 2026-11-19", GROUP)
    (row,) = await siren.rows("SELECT id FROM operation WHERE code = 'SIREN'")
    debrief = gather(siren.db_path, operation_id=int(row["id"]), now=NOV_22_NOON)
    assert (debrief.period_first, debrief.period_last) == (date(2026, 11, 15), date(2026, 11, 19))
    silent = {c.agency: (c.active_days, c.silent_days) for c in debrief.compliance}
    # As /summary's 'Silent:' has them: KCS and TCD the phase's five days (before: none, as if
    # they came on the 20th), JCB none (added on the 22nd).
    assert silent == {"JCB": (0, 0), "KCS": (0, 5), "TCD": (0, 5)}
