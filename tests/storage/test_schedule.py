"""The clock's tables on real SQLite files: rows made once, claims made once, facts for a digest."""

from __future__ import annotations

import json
from datetime import UTC, datetime, time, timedelta
from itertools import pairwise
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.domain.phases import PhaseRefusal, PhaseRefused
from bot.domain.when import Daily, next_after
from bot.parsing.phases import parse_phase
from bot.render.digest import digest_text
from storage import operations as operation_store
from storage import phases as phase_store
from storage import reminders as reminder_store
from storage import schedule as schedule_store
from storage.database import Database
from tests.storage.seed import Seed, meth, unclassified

NOW = datetime(2026, 11, 22, 3, 0, tzinfo=UTC)  # Sun 22 Nov 12:00 in Seoul


@pytest.fixture
async def db(tmp_path: Path):
    database = await Database.open(tmp_path / "ocu.sqlite3")
    yield database
    await database.close()


def at(hours: float) -> datetime:
    return NOW + timedelta(hours=hours)


async def test_a_recomputed_plan_finds_its_rows_instead_of_making_new_ones(db):
    op = (await Seed.create(db)).operation_id
    wanted = [("digest", op, at(20)), ("reminder", 7, at(2))]
    first, cancelled = await schedule_store.sync_operation(
        db, operation_id=op, wanted=wanted, now=NOW
    )
    again, _ = await schedule_store.sync_operation(db, operation_id=op, wanted=wanted, now=NOW)
    assert cancelled == []
    assert [r.id for r in again] == [r.id for r in first]
    assert [(r.kind, r.due_at) for r in again] == [("reminder", at(2)), ("digest", at(20))]
    rows = await db.fetchall("SELECT count(*) AS n FROM scheduled_message")
    assert rows[0]["n"] == 2


async def test_a_row_no_longer_wanted_is_cancelled_and_comes_back_when_wanted_again(db):
    op = (await Seed.create(db)).operation_id
    digest = [("digest", op, at(20))]
    (row,), _ = await schedule_store.sync_operation(db, operation_id=op, wanted=digest, now=NOW)
    pending, cancelled = await schedule_store.sync_operation(
        db, operation_id=op, wanted=[], now=NOW
    )
    assert pending == [] and [r.id for r in cancelled] == [row.id]
    (back,), _ = await schedule_store.sync_operation(db, operation_id=op, wanted=digest, now=NOW)
    assert (back.id, back.status) == (row.id, "pending")


async def test_rows_already_due_are_left_to_the_run_that_sends_them(db):
    op = (await Seed.create(db)).operation_id
    await schedule_store.sync_operation(
        db, operation_id=op, wanted=[("reminder", 1, at(1))], now=NOW
    )
    # An hour later the reminder is due; a new plan without it must not cancel it.
    await schedule_store.sync_operation(db, operation_id=op, wanted=[], now=at(1.5))
    due = await schedule_store.due_rows(db, now=at(1.5))
    assert [(r.kind, r.status) for r in due] == [("reminder", "pending")]


async def test_a_chat_is_claimed_once_and_a_send_cut_short_is_never_resent(db):
    op = (await Seed.create(db)).operation_id
    (row,), _ = await schedule_store.sync_operation(
        db, operation_id=op, wanted=[("digest", op, at(1))], now=NOW
    )
    assert await schedule_store.claim_delivery(db, scheduled_id=row.id, chat_id=-100, now=at(1))
    assert not await schedule_store.claim_delivery(db, scheduled_id=row.id, chat_id=-100, now=at(1))
    assert await schedule_store.mark_interrupted(db, now=at(2)) == 1
    (delivery,) = await schedule_store.deliveries(db, scheduled_id=row.id)
    assert delivery.status == "interrupted"
    assert not await schedule_store.claim_delivery(db, scheduled_id=row.id, chat_id=-100, now=at(2))


async def test_phases_are_audited_overlaps_refused_and_removed_ones_kept(db):
    seed = await Seed.create(db)
    op = seed.operation_id
    training = parse_phase(["training", "2026-11-24", "2026-11-30"], tz="Asia/Seoul", verb="add")
    added = await phase_store.add_phase(
        db, operation_id=op, phase=training, tz="Asia/Seoul", actor_id=9, now=NOW
    )
    clash = parse_phase(["operational", "2026-11-30", "2026-12-14"], tz="Asia/Seoul", verb="add")
    with pytest.raises(PhaseRefused) as overlap:
        await phase_store.add_phase(
            db, operation_id=op, phase=clash, tz="Asia/Seoul", actor_id=9, now=NOW
        )
    assert overlap.value.reason is PhaseRefusal.OVERLAP and overlap.value.other == added
    with pytest.raises(PhaseRefused) as taken:
        await phase_store.add_phase(
            db, operation_id=op, phase=training, tz="Asia/Seoul", actor_id=9, now=NOW
        )
    assert (taken.value.reason, taken.value.name) == (PhaseRefusal.TAKEN, "training")
    moved = parse_phase(["Training", "2026-11-23", "2026-11-29"], tz="Asia/Seoul", verb="edit")
    before, after = await phase_store.edit_phase(
        db, operation_id=op, phase=moved, tz="Asia/Seoul", actor_id=9, now=NOW
    )
    assert before == added and after.id == added.id and after.name == "training"
    await phase_store.remove_phase(db, operation_id=op, name="TRAINING", actor_id=9, now=NOW)
    assert await phase_store.phases(db, operation_id=op) == []
    kept = await db.fetchall("SELECT name, removed_at FROM phase")
    assert [(r["name"], r["removed_at"]) for r in kept] == [("training", NOW.isoformat())]
    audit = await db.fetchall("SELECT actor_id, action, detail FROM audit_log ORDER BY id")
    assert [(r["actor_id"], r["action"]) for r in audit] == [
        (9, "phase.add"),
        (9, "phase.edit"),
        (9, "phase.remove"),
    ]
    assert json.loads(audit[1]["detail"])["before"]["starts_at"] == "2026-11-23T15:00:00+00:00"


async def test_reminders_are_audited_and_only_removed_in_their_own_operation(db):
    siren = (await Seed.create(db)).operation_id
    other = (await Seed.create(db, code="OTHER")).operation_id
    reminder = await reminder_store.add_reminder(
        db,
        operation_id=siren,
        spec="daily 09:00",
        text="Nil returns",
        actor_id=9,
        now=NOW.replace(microsecond=123),
    )
    assert reminder.created_at == NOW
    assert (
        await reminder_store.remove_reminder(
            db, operation_id=other, reminder_id=reminder.id, actor_id=9, now=NOW
        )
        is None
    )
    removed = await reminder_store.remove_reminder(
        db, operation_id=siren, reminder_id=reminder.id, actor_id=9, now=NOW
    )
    assert removed == reminder
    assert await reminder_store.reminders(db, operation_id=siren) == []
    audit = await db.fetchall("SELECT action FROM audit_log ORDER BY id")
    assert [r["action"] for r in audit] == ["reminder.add", "reminder.remove"]


async def test_digest_facts_cover_the_last_24_hours_the_totals_and_each_agency(db):
    seed = await Seed.create(db)
    kcs = await seed.agency("KCS", "Korea Customs Service")
    tcd = await seed.agency("TCD", "Thai Customs", "Asia/Bangkok")
    await seed.agency("JPC", "Japan Customs", "Asia/Tokyo")
    kim = await seed.officer(11, "Kim", kcs)
    som = await seed.officer(12, "Somchai", tcd)
    await seed.report(
        meth("1500"),
        officer=kim,
        agency=kcs,
        day="2026-11-20",
        reported_at="2026-11-20T01:00:00+00:00",
    )  # before the window
    await seed.report(
        meth("2000"),
        officer=kim,
        agency=kcs,
        location="ICN cargo",
        day="2026-11-21",  # seized the day it was reported: the digest names no other day
        reported_at="2026-11-21T05:05:00+00:00",
    )
    voided = await seed.report(
        meth("999"), officer=kim, agency=kcs, reported_at="2026-11-21T06:00:00+00:00"
    )
    await seed.void(voided)
    await seed.report(
        unclassified("blue powder", "12"),
        officer=kim,
        agency=kcs,
        reported_at="2026-11-22T02:00:00+00:00",
    )
    await seed.nil(officer=som, agency=tcd, day="2026-11-21")  # 09:00 UTC on the 21st
    op = await operation_store.get_operation(db, operation_id=seed.operation_id)
    facts = await schedule_store.digest_facts(db, operation=op, until=NOW)
    assert facts.report_count == 2
    assert facts.reported == {kcs: 2}
    assert [r.id for r in facts.recent] == [4, 2]
    text = digest_text(facts)
    assert "Daily digest</b> · SIREN · Sun 22 Nov 12:00 (Asia/Seoul)" in text
    assert "2 reports" in text
    assert "• Sat 14:05 KCS — 2 kg methamphetamine at ICN cargo (#2)" in text
    # The running totals: 1.5 kg + 2 kg, the voided report left out.
    assert "methamphetamine  3.5 kg  2 cases" in text
    assert 'Unclassified:\n"blue powder"' in text
    assert "✅ KCS: reported 2 seizures" in text
    assert "☑️ TCD: nil return at Sat 18:00 (Bangkok 16:00)" in text
    assert "⚪ JPC: silent" in text


async def _digests_in_turn(db, op, cuts: list[datetime]) -> list[set[int]]:
    """Each digest's reports, as the clock sends them: cut off at its time, then marked sent."""
    seen: list[set[int]] = []
    for cut in cuts:
        facts = await schedule_store.digest_facts(db, operation=op, until=cut)
        assert facts.report_count == len(facts.recent) <= 12
        seen.append({r.id for r in facts.recent})
        row = await schedule_store.add_next(db, operation_id=op.id, key=("digest", op.id, cut))
        await schedule_store.settle(db, scheduled_id=row.id, status="sent", now=cut)
    return seen


@pytest.mark.parametrize(
    ("first_cut", "label"),
    [
        (datetime(2026, 10, 24, 6, 0, tzinfo=UTC), "autumn: a 25-hour day"),
        (datetime(2027, 3, 27, 7, 0, tzinfo=UTC), "spring: a 23-hour day"),
    ],
)
async def test_each_report_is_in_exactly_one_digest_across_a_clock_change(db, first_cut, label):
    # Digests at 08:00 in Berlin. A fixed 24-hour window left a report out of every digest
    # in autumn and put one in two digests in spring (issue 11, item 15).
    seed = await Seed.create(db, tz="Europe/Berlin")
    op = await operation_store.get_operation(db, operation_id=seed.operation_id)
    assert op is not None
    rule = Daily(time(8, 0))
    cuts = [first_cut]
    for _ in range(2):
        cuts.append(next_after(rule, cuts[-1], "Europe/Berlin"))
    assert [c.astimezone(ZoneInfo("Europe/Berlin")).hour for c in cuts] == [8, 8, 8]
    # A report half an hour before each digest and every few hours between: fewer than twelve
    # a digest, so each digest lists them all.
    kim = await seed.officer(11, "Kim", None)
    moments = [cuts[0] - timedelta(minutes=30)]
    for since, until in pairwise(cuts):
        hours = int((until - since).total_seconds() // 3600)
        moments += [since + timedelta(hours=h, minutes=30) for h in range(0, hours, 3)]
        moments.append(until - timedelta(minutes=30))
    reports = [
        await seed.report(meth("1"), officer=kim, agency=None, reported_at=m.isoformat())
        for m in moments
    ]
    seen = await _digests_in_turn(db, op, cuts)
    assert sorted(i for ids in seen for i in ids) == reports, label
    assert seen[0] == {reports[0]}


async def test_a_moved_digest_time_neither_repeats_nor_skips_a_report(db):
    seed = await Seed.create(db)  # Seoul
    op = await operation_store.get_operation(db, operation_id=seed.operation_id)
    assert op is not None
    kim = await seed.officer(11, "Kim", None)
    at_8 = datetime(2026, 11, 21, 23, 0, tzinfo=UTC)  # Sun 22 Nov 08:00 in Seoul
    ids = [
        await seed.report(
            meth("1"), officer=kim, agency=None, reported_at=(at_8 + timedelta(hours=h)).isoformat()
        )
        for h in (-3, 2, 7, 12, 20, 30)
    ]
    # 08:00 on Sunday, then the digest moved to 18:00: Sunday 18:00 and Monday 18:00.
    cuts = [at_8, at_8 + timedelta(hours=10), at_8 + timedelta(hours=34)]
    seen = await _digests_in_turn(db, op, cuts)
    assert seen == [{ids[0]}, {ids[1], ids[2]}, {ids[3], ids[4], ids[5]}]
    facts = await schedule_store.digest_facts(db, operation=op, until=cuts[1])
    assert "Recorded since Sun 22 Nov 08:00</b> (by time of report): 2 reports" in digest_text(
        facts
    )


async def test_a_digest_that_reached_no_chat_leaves_its_reports_to_the_next(db):
    seed = await Seed.create(db)
    op = await operation_store.get_operation(db, operation_id=seed.operation_id)
    assert op is not None
    kim = await seed.officer(11, "Kim", None)
    at_8 = datetime(2026, 11, 21, 23, 0, tzinfo=UTC)
    first = await seed.report(
        meth("1"), officer=kim, agency=None, reported_at=(at_8 + timedelta(hours=2)).isoformat()
    )
    missed = await schedule_store.add_next(
        db, operation_id=op.id, key=("digest", op.id, at_8 + timedelta(days=1))
    )
    await schedule_store.settle(db, scheduled_id=missed.id, status="missed", now=at_8)
    await _digests_in_turn(db, op, [at_8])
    facts = await schedule_store.digest_facts(db, operation=op, until=at_8 + timedelta(days=2))
    assert [r.id for r in facts.recent] == [first]
    assert facts.since == at_8
