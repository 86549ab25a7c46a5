"""The operation clock end to end: the real Application, the local Bot API, a hand-moved clock."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.demo import ADMIN, COORDINATOR, GROUP, KCS_OFFICER, Conversation, set_up_demo
from bot.domain.clock import SystemClock
from bot.domain.phases import PhaseInput
from fakegram.types import FakeChat
from storage import phases as phase_store
from storage import schedule as schedule_store
from tests.e2e import conftest as harness

# The siren fixture starts at Fri 20 Nov 2026 09:30 in Seoul (00:30 UTC).
TOMORROW_9 = datetime(2026, 11, 21, 0, 0, tzinfo=UTC)  # Sat 21 Nov 09:00 in Seoul


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def scheduler(bot: harness.Harness):
    found = bot.app.bot_data.scheduler
    assert found is not None
    return found


def texts(bot: harness.Harness, chat: FakeChat | int, contains: str) -> list[str]:
    """What arrived in a chat containing `contains`, in order."""
    return [
        str(m.get("text", ""))
        for m in bot.api.sent_messages(chat)
        if contains in str(m.get("text", ""))
    ]


async def say(bot: harness.Harness, text: str, chat: FakeChat = GROUP, who=COORDINATOR) -> str:
    return await bot.talk.text(who, text, chat)


@pytest.fixture
async def clock(siren: harness.Harness) -> AsyncIterator[harness.Harness]:
    """SIREN with fast retries; a bot started again by a test is stopped after it."""
    first = siren.app
    scheduler(siren).retry_delay_s = 0.01
    yield siren
    if siren.app is not first:
        await harness.stop_bot(siren.app)


async def restart(bot: harness.Harness, tmp_path: Path, *, at: datetime | None = None) -> None:
    """Stop the bot, let time pass while it is down, start it again on the same database."""
    await harness.stop_bot(bot.app)
    if at is not None:
        bot.clock.set(at)
    bot.app = await harness.start_bot(bot.api, harness.make_config(tmp_path), bot.clock)
    scheduler(bot).retry_delay_s = 0.01


async def row_of(bot: harness.Harness, kind: str) -> dict[str, object]:
    (row,) = await bot.rows(
        "SELECT * FROM scheduled_message WHERE kind = ? AND status <> 'cancelled'", (kind,)
    )
    return row


# -- phases ---------------------------------------------------------------------------------


async def test_a_phase_is_announced_at_its_start_before_its_end_and_at_its_end(clock):
    reply = await say(clock, "/phase add operational 2026-12-01 2026-12-14")
    assert "Added phase operational: Tue 01 Dec – Mon 14 Dec (14 days, Asia/Seoul)" in reply
    for moment, expected in (
        (utc(2026, 11, 30, 15), "▶️ Phase operational begins now: Tue 01 Dec – Mon 14 Dec"),
        (utc(2026, 12, 13, 15), "⏳ Phase operational ends in 24 hours, at the end of Mon 14 Dec"),
        (utc(2026, 12, 14, 15), "⏹ Phase operational has ended"),
    ):
        clock.clock.set(moment)
        await scheduler(clock).run_due()
        await clock.api.wait_for_message(GROUP, text_contains=expected)
    await scheduler(clock).run_due()
    assert len(texts(clock, GROUP, "Phase operational")) == 3


async def test_operation_shows_the_current_phase_and_the_days_left(clock):
    await say(clock, "/phase add training 2026-11-16 2026-11-24")
    await say(clock, '/phase add "operational phase" 2026-11-25 2026-12-14')
    card = await say(clock, "/operation")
    assert "▶️ training: Mon 16 Nov – Tue 24 Nov — now, day 5 of 9, 4 days left" in card
    assert "• operational phase: Wed 25 Nov – Mon 14 Dec — starts in 5 days" in card


async def test_bad_phases_get_a_corrected_example_and_record_nothing(clock):
    reply = await say(clock, "/phase add operational 2026-02-01 2026-02-30")
    assert "2026-02-30 is not a date: February 2026 has 28 days." in reply
    assert "Example: /phase add operational 2026-02-01 2026-02-28" in reply
    reply = await say(clock, "/phase add operational 2026-12-14 2026-12-01")
    assert "would end (2026-12-01) before it starts (2026-12-14)" in reply
    assert "Example: /phase add operational 2026-12-01 2026-12-14" in reply
    await say(clock, "/phase add training 2026-11-24 2026-12-02")
    reply = await say(clock, "/phase add operational 2026-12-01 2026-12-14")
    assert "operational would overlap training (Tue 24 Nov – Wed 02 Dec)" in reply
    assert "Example: /phase add operational 2026-12-03 2026-12-16" in reply
    reply = await say(clock, "/phase edit debrief 2026-12-20 2026-12-21")
    assert "There is no phase called debrief (phases: training)" in reply
    reply = await say(clock, "/phase add operational 2026-12-03", who=KCS_OFFICER)
    assert "Only a coordinator" in reply
    assert [r["name"] for r in await clock.rows("SELECT name FROM phase")] == ["training"]
    audit = await clock.rows("SELECT action FROM audit_log WHERE action LIKE 'phase.%'")
    assert audit == [{"action": "phase.add"}]


async def test_a_removed_phase_is_kept_but_never_announced(clock):
    await say(clock, "/phase add operational 2026-12-01 2026-12-14")
    reply = await say(clock, "/phase rm Operational")
    assert (
        "Removed phase operational (Tue 01 Dec – Mon 14 Dec); its announcements are cancelled"
        in reply
    )
    clock.clock.set(utc(2026, 12, 1, 0))
    await scheduler(clock).run_due()
    assert texts(clock, GROUP, "Phase operational") == []
    (kept,) = await clock.rows("SELECT removed_at FROM phase")
    assert kept["removed_at"] is not None
    statuses = await clock.rows(
        "SELECT DISTINCT status FROM scheduled_message WHERE kind LIKE 'phase%'"
    )
    assert statuses == [{"status": "cancelled"}]


async def test_a_moved_phase_is_announced_at_its_new_start_only(clock):
    await say(clock, "/phase add operational 2026-12-01 2026-12-14")
    reply = await say(clock, "/phase edit operational 2026-12-03 2026-12-14")
    assert "Moved phase operational: Thu 03 Dec – Mon 14 Dec (12 days, Asia/Seoul)" in reply
    clock.clock.set(utc(2026, 11, 30, 15))
    await scheduler(clock).run_due()
    assert texts(clock, GROUP, "begins now") == []
    clock.clock.set(utc(2026, 12, 2, 15))
    await scheduler(clock).run_due()
    assert texts(clock, GROUP, "begins now") == [
        "▶️ Phase operational begins now: Thu 03 Dec – Mon 14 Dec (12 days, Asia/Seoul)."
    ]


# -- reminders ------------------------------------------------------------------------------


async def test_a_daily_reminder_comes_once_a_day_until_removed(clock):
    reply = await say(clock, "/remind daily 09:00 Send your nil returns")
    assert "Reminder #1 set: daily at 09:00 (Asia/Seoul), next Sat 21 Nov 09:00." in reply
    assert "#1 daily at 09:00 — next Sat 21 Nov 09:00" in await say(clock, "/reminders")
    for day in range(2):
        clock.clock.set(TOMORROW_9 + timedelta(days=day))
        await scheduler(clock).run_due()
        await scheduler(clock).run_due()
        assert texts(clock, GROUP, "Reminder: Send your nil returns") == [
            "⏰ Reminder: Send your nil returns"
        ] * (day + 1)
    assert "#1 daily at 09:00 — next Mon 23 Nov 09:00" in await say(clock, "/reminders")
    assert "Removed reminder #1 (daily at 09:00: Send your nil returns)" in await say(
        clock, "/remind rm 1"
    )
    clock.clock.set(TOMORROW_9 + timedelta(days=2))
    await scheduler(clock).run_due()
    assert len(texts(clock, GROUP, "Reminder: Send your nil returns")) == 2
    assert "No reminders to come" in await say(clock, "/reminders")


async def test_one_off_reminders_and_what_is_refused(clock):
    reply = await say(clock, "/remind in 2h Call the duty officer")
    assert "Reminder #1 set: once, Fri 20 Nov 2026 11:30 (Asia/Seoul)." in reply
    reply = await say(clock, "/remind 2026-11-19 09:00 Briefing")
    assert "Thu 19 Nov 2026 09:00 has already passed" in reply
    assert "/remind tomorrow 09:00 Briefing" in reply
    reply = await say(clock, "/remind 2026-02-30 09:00 Briefing")
    assert "February 2026 has 28 days" in reply and "/remind 2026-02-28 09:00 Briefing" in reply
    assert "Remove it with" not in await say(clock, "/remind rm 9")
    assert len(await clock.rows("SELECT id FROM reminder")) == 1
    clock.clock.advance(timedelta(hours=2))
    await scheduler(clock).run_due()
    await clock.api.wait_for_message(GROUP, text_contains="⏰ Reminder: Call the duty officer")


async def test_a_daily_reminder_stays_at_nine_local_across_the_end_of_summer_time(bot):
    bot.clock.set(utc(2026, 10, 23, 12))
    rhine = FakeChat(-100777, "group", title="RHINE OCU")
    await bot.talk.say(ADMIN, '/operation new RHINE "Operation Rhine" Europe/Berlin')
    await bot.talk.say(ADMIN, "/bind RHINE", rhine)
    await bot.talk.say(ADMIN, "/digest off", rhine)
    reply = await bot.talk.text(ADMIN, "/remind daily 09:00 Morning brief", rhine)
    assert "next Sat 24 Oct 09:00" in reply
    # 09:00 in Berlin is 07:00 UTC in summer time, 08:00 UTC from Sunday 25 October.
    for before, due in (
        (utc(2026, 10, 24, 6, 59), utc(2026, 10, 24, 7)),
        (utc(2026, 10, 25, 7, 59), utc(2026, 10, 25, 8)),
        (utc(2026, 10, 26, 7, 59), utc(2026, 10, 26, 8)),
    ):
        count = len(texts(bot, rhine, "Reminder: Morning brief"))
        bot.clock.set(before)
        await scheduler(bot).run_due()
        assert len(texts(bot, rhine, "Reminder: Morning brief")) == count
        bot.clock.set(due)
        await scheduler(bot).run_due()
        assert len(texts(bot, rhine, "Reminder: Morning brief")) == count + 1


# -- restarts -------------------------------------------------------------------------------


async def test_a_restart_before_the_due_time_rebuilds_the_job_and_sends_once_on_time(
    clock, tmp_path
):
    await say(clock, "/remind tomorrow 09:00 Check the manifests")
    await restart(clock, tmp_path)
    assert clock.app.job_queue is not None
    assert [j.name for j in clock.app.job_queue.get_jobs_by_name("reminder:1")] == ["reminder:1"]
    clock.clock.set(TOMORROW_9)
    await scheduler(clock).run_due()
    await scheduler(clock).run_due()
    assert texts(clock, GROUP, "Reminder: Check") == ["⏰ Reminder: Check the manifests"]
    assert (await row_of(clock, "reminder"))["status"] == "sent"


async def test_what_fell_due_while_down_is_sent_once_marked_late(clock, tmp_path):
    await say(clock, "/remind tomorrow 09:00 Check the manifests")
    await restart(clock, tmp_path, at=TOMORROW_9 + timedelta(hours=2))
    # Nobody calls run_due here: the catch-up job of the restarted JobQueue sends it.
    await clock.api.wait_for_message(GROUP, text_contains="Reminder: Check the manifests")
    await scheduler(clock).run_due()
    assert texts(clock, GROUP, "Reminder: Check the manifests") == [
        "⏰ Reminder: Check the manifests\n(late: due 09:00)"
    ]
    assert (await row_of(clock, "reminder"))["status"] == "late"


async def test_what_fell_due_longer_ago_than_the_grace_is_recorded_missed(clock, tmp_path):
    await say(clock, "/remind tomorrow 09:00 Check the manifests")
    await restart(clock, tmp_path, at=TOMORROW_9 + timedelta(hours=7))
    await scheduler(clock).run_due()
    assert texts(clock, GROUP, "Reminder: Check the manifests") == []
    assert (await row_of(clock, "reminder"))["status"] == "missed"
    # Listed, not hidden: whoever set it sees it never went out, and when it was due.
    listed = await say(clock, "/reminders")
    assert "#1 not sent: missed, the bot was down at its time (Sat 21 Nov 09:00)" in listed


async def test_a_daily_reminder_after_days_down_sends_only_todays_late(clock, tmp_path):
    await say(clock, "/remind daily 09:00 Send your nil returns")
    await restart(clock, tmp_path, at=TOMORROW_9 + timedelta(days=2, hours=2))
    await scheduler(clock).run_due()
    assert texts(clock, GROUP, "Reminder: Send your nil returns") == [
        "⏰ Reminder: Send your nil returns\n(late: due 09:00)"
    ]
    rows = await clock.rows(
        "SELECT due_at, status FROM scheduled_message WHERE kind = 'reminder' ORDER BY due_at"
    )
    assert rows == [
        {"due_at": "2026-11-21T00:00:00+00:00", "status": "missed"},
        {"due_at": "2026-11-23T00:00:00+00:00", "status": "late"},
        {"due_at": "2026-11-24T00:00:00+00:00", "status": "pending"},
    ]


async def test_a_send_cut_short_by_a_killed_process_is_never_sent_again(clock, tmp_path):
    await say(clock, "/remind tomorrow 09:00 Check the manifests")
    row = await row_of(clock, "reminder")
    # What a process killed between claiming the chat and hearing back from Telegram leaves.
    db = clock.db
    await schedule_store.begin_sending(db, scheduled_id=int(row["id"]))
    await schedule_store.claim_delivery(
        db, scheduled_id=int(row["id"]), chat_id=GROUP.id, now=TOMORROW_9
    )
    await restart(clock, tmp_path, at=TOMORROW_9 + timedelta(minutes=5))
    await scheduler(clock).run_due()
    assert texts(clock, GROUP, "Reminder: Check the manifests") == []
    (delivery,) = await clock.rows(
        "SELECT status FROM delivery WHERE scheduled_id = ?", (row["id"],)
    )
    assert delivery["status"] == "interrupted"


# -- Telegram refusing ----------------------------------------------------------------------


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
@pytest.mark.parametrize("kind", ["server_error", "bad_gateway", "drop", "retry_after"])
async def test_a_refused_send_is_retried_and_arrives_once(clock, kind):
    await say(clock, "/remind in 1h Radio check")
    clock.clock.advance(timedelta(hours=1))
    clock.api.inject_fault("sendMessage", kind, times=2, retry_after=1)
    report = await scheduler(clock).run_due()
    assert report.sent == 1
    assert texts(clock, GROUP, "Reminder: Radio check") == ["⏰ Reminder: Radio check"]
    (delivery,) = await clock.rows("SELECT status, attempts FROM delivery")
    assert delivery["status"] == "sent"


async def test_a_send_refused_every_time_is_recorded_failed_not_sent(clock):
    await say(clock, "/remind in 1h Radio check")
    clock.clock.advance(timedelta(hours=1))
    clock.api.inject_fault("sendMessage", "server_error", times=50)
    await scheduler(clock).run_due()
    clock.api.clear_faults()
    assert texts(clock, GROUP, "Reminder: Radio check") == []
    (delivery,) = await clock.rows("SELECT status, attempts FROM delivery")
    assert delivery == {"status": "failed", "attempts": 5}
    assert (await row_of(clock, "reminder"))["status"] == "failed"


async def test_a_chat_that_blocked_the_bot_is_recorded_and_not_tried_again(clock):
    await say(clock, "/remind daily 09:00 Send your nil returns")
    clock.api.block(GROUP.id)
    clock.clock.set(TOMORROW_9)
    await scheduler(clock).run_due()
    (binding,) = await clock.rows("SELECT blocked_at FROM chat_binding")
    assert binding["blocked_at"] is not None
    (delivery,) = await clock.rows("SELECT status FROM delivery")
    assert delivery["status"] == "blocked"
    calls = clock.api.mark()
    clock.clock.set(TOMORROW_9 + timedelta(days=1))
    await scheduler(clock).run_due()
    assert [c for c in clock.api.calls[calls:] if c.chat_id == GROUP.id] == []


async def test_every_bound_group_gets_it_once_and_a_blocked_one_stops_no_other(clock):
    second = FakeChat(-100999, "group", title="SIREN airport desk")
    await say(clock, "/bind SIREN", second)
    blocked = FakeChat(-100998, "group", title="SIREN old group")
    await say(clock, "/bind SIREN", blocked)
    clock.api.block(blocked.id)
    await say(clock, "/remind in 1h Radio check")
    clock.clock.advance(timedelta(hours=1))
    report = await scheduler(clock).run_due()
    assert (report.sent, report.blocked) == (2, 1)
    for group in (GROUP, second):
        assert texts(clock, group, "Reminder: Radio check") == ["⏰ Reminder: Radio check"]


async def test_a_group_that_became_a_supergroup_gets_it_at_its_new_id(clock):
    await say(clock, "/remind in 1h Radio check")
    supergroup = clock.api.migrate_group(GROUP)
    clock.clock.advance(timedelta(hours=1))
    await scheduler(clock).run_due()
    await clock.api.wait_for_message(supergroup, text_contains="Reminder: Radio check")
    assert texts(clock, supergroup, "Reminder: Radio check") == ["⏰ Reminder: Radio check"]
    assert texts(clock, GROUP, "Reminder: Radio check") == []


async def test_an_operation_never_reaches_another_operations_chats(clock):
    other = FakeChat(-100888, "group", title="OTHER OCU")
    await clock.talk.say(ADMIN, '/operation new OTHER "Operation Other" Asia/Seoul')
    await clock.talk.say(ADMIN, "/bind OTHER", other)
    await say(clock, "/remind in 1h Radio check")
    clock.clock.advance(timedelta(hours=1))
    await scheduler(clock).run_due()
    assert texts(clock, GROUP, "Reminder: Radio check") == ["⏰ Reminder: Radio check"]
    assert clock.api.sent_messages(other) != []  # its own /bind answer
    assert texts(clock, other, "Reminder") == []


# -- the real JobQueue ----------------------------------------------------------------------


async def test_the_jobqueue_fires_on_real_time(api, tmp_path):
    app = await harness.start_bot(api, harness.make_config(tmp_path), SystemClock())
    try:
        await set_up_demo(Conversation(api), exercise=False)
        db, data = app.bot_data.db, app.bot_data
        (op,) = await db.fetchall("SELECT id FROM operation")
        start = data.clock.now().replace(microsecond=0) + timedelta(seconds=2)
        await phase_store.add_phase(
            db,
            operation_id=op["id"],
            phase=PhaseInput("sprint", start, start + timedelta(days=1)),
            tz="Asia/Seoul",
            actor_id=ADMIN.id,
            now=data.clock.now(),
        )
        assert data.scheduler is not None
        await data.scheduler.operation_changed(op["id"])
        # No call to run_due: the job named phase:1:start wakes the clock by itself.
        await api.wait_for_message(GROUP, text_contains="Phase sprint begins now", timeout=30)
    finally:
        await harness.stop_bot(app)
