"""The operation clock: phases, reminders and digests sent on time, once, after anything.

SQLite is the truth and the JobQueue (APScheduler) only the alarm: every message is a
scheduled_message row created before it falls due, and every job, whatever woke it, runs
`run_due`, which sends what is due according to the database. The JobQueue keeps nothing across
a restart, so `start` rebuilds the jobs from the rows under deterministic names.

This module is the machine: jobs, one worker per operation, each due row settled and sent to each
chat. When a message falls due is bot.schedule_plan; what it says is bot.schedule_texts.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from bot import closed_topics, schedule_plan, topics
from bot.delivery import send_with_retry
from bot.domain.phases import KINDS as PHASE_KINDS
from bot.domain.unit import Operation
from bot.limiter import TELEGRAM_PACING, bulk
from bot.render.i18n import using
from bot.schedule_texts import row_texts
from storage import operations as operation_store
from storage import schedule as schedule_store
from storage.schedule import ScheduledMessage
from storage.write_queue import background

if TYPE_CHECKING:
    from telegram.ext import JobQueue

    from bot.context import BotContext, BotData, OcuApplication

log = logging.getLogger(__name__)

# Sent within this long of its time, a message is on time; later, it says it is late.
ON_TIME = timedelta(minutes=2)
SWEEP_S = 60.0
_KIND_ORDER = {kind: i for i, kind in enumerate((*PHASE_KINDS, "reminder", "digest"))}
# No limit on how late APScheduler may fire a job: a late alarm is still an alarm.
_JOB_KWARGS: dict[str, Any] = {"misfire_grace_time": None, "coalesce": True}


@dataclass
class DueReport:
    """What one run_due did, per chat delivery and per row."""

    sent: int = 0
    late: int = 0
    failed: int = 0
    blocked: int = 0
    missed: int = 0
    cancelled: int = 0
    rows: int = 0


def job_name(row: ScheduledMessage) -> str:
    """The job's deterministic name: phase:{id}:start, reminder:{id}, digest:{operation}."""
    if row.kind.startswith("phase_"):
        return f"phase:{row.ref_id}:{row.kind.removeprefix('phase_')}"
    if row.kind == "digest":
        return f"digest:{row.operation_id}"
    return f"{row.kind}:{row.ref_id}"


class Scheduler:
    """Keeps scheduled_message in step with the operations and sends what falls due."""

    # Seconds before the first retry of a failed send; doubled each time. Tests make it small.
    retry_delay_s = 1.0
    # Sends in flight at once; the rate limiter decides how fast they actually go.
    concurrency = 32

    def __init__(self, app: OcuApplication) -> None:
        self._app = app
        # One worker per operation with messages due: an operation's rows go in order, and no
        # operation waits behind another's batch (30 reminders held a digest back 35 s).
        self._workers: dict[int, asyncio.Task[None]] = {}
        self._limit: asyncio.Semaphore | None = None
        # On the limiter's clock: a test's bot, whose minute lasts a second, retries as fast.
        self.retry_delay_s = Scheduler.retry_delay_s * (
            app.bot_data.pacing.group_period_s / TELEGRAM_PACING.group_period_s
        )

    @property
    def _data(self) -> BotData:
        return self._app.bot_data

    def _now(self) -> datetime:
        now: datetime = self._data.clock.now()
        return now

    async def start(self) -> None:
        """Settle what a stop interrupted, plan every operation, rebuild the jobs."""
        db, now = self._data.db, self._now()
        interrupted = await schedule_store.mark_interrupted(db, now=now)
        if interrupted:
            log.warning("%d sends were interrupted by a stop; not resent", interrupted)
        for operation in await operation_store.all_operations(db):
            try:
                await self._plan(operation, now)
            except Exception:  # one operation's bad data must not stop every other clock
                log.exception("could not plan the messages of operation %d", operation.id)
        # Jobs for rows left open from before the stop; anything already due goes at once.
        for row in await schedule_store.open_rows(db):
            self._schedule(row)
        queue = self._queue()
        queue.run_once(self._on_job, 0, name="clock:catch-up", job_kwargs=_JOB_KWARGS)
        # A safety net: whatever happened to an alarm, nothing waits more than a minute.
        queue.run_repeating(
            self._on_job,
            interval=SWEEP_S,
            first=SWEEP_S,
            name="clock:sweep",
            job_kwargs=_JOB_KWARGS,
        )

    async def stop(self) -> None:
        """Drop the jobs and wait for a run in progress to finish."""
        if self._app.job_queue is not None:
            for job in self._app.job_queue.jobs():
                if job.name and job.name.split(":", 1)[0] in (
                    "phase",
                    "reminder",
                    "digest",
                    "clock",
                ):
                    job.schedule_removal()
        while self._workers:
            await asyncio.wait(list(self._workers.values()))

    async def operation_changed(self, operation_id: int) -> None:
        """Recompute an operation's future messages after a phase, reminder or digest change."""
        operation = await operation_store.get_operation(self._data.db, operation_id=operation_id)
        if operation is not None:
            await self._plan(operation, self._now())

    def _queue(self) -> JobQueue[BotContext]:
        queue = self._app.job_queue
        if queue is None:
            raise RuntimeError("the clock needs python-telegram-bot[job-queue]")
        return queue

    async def _plan(self, operation: Operation, now: datetime) -> None:
        wanted = await schedule_plan.wanted(self._data.db, operation, now)
        pending, cancelled = await schedule_store.sync_operation(
            self._data.db, operation_id=operation.id, wanted=wanted, now=now
        )
        for row in cancelled:
            self._unschedule(row)
        for row in pending:
            self._schedule(row)

    def _schedule(self, row: ScheduledMessage) -> None:
        if self._app.job_queue is None:
            return
        name = job_name(row)
        self._unschedule(row)
        # Relative to the bot's clock, so a test's clock and the real one both work.
        delay = max(0.0, (row.due_at - self._now()).total_seconds())
        self._app.job_queue.run_once(self._on_job, delay, name=name, job_kwargs=_JOB_KWARGS)

    def _unschedule(self, row: ScheduledMessage) -> None:
        if self._app.job_queue is None:
            return
        for job in self._app.job_queue.get_jobs_by_name(job_name(row)):
            job.schedule_removal()

    async def _on_job(self, context: BotContext) -> None:
        await self.run_due()

    async def run_due(self) -> DueReport:
        """Send every row whose time has come, and return when they are sent.

        Each operation with rows due gets a worker of its own, unless it has one already; this
        waits for the workers of the operations due now, never for any other.
        """
        report = DueReport()
        seen: set[int] = set()
        while True:
            rows = [
                r
                for r in await schedule_store.due_rows(self._data.db, now=self._now())
                if r.id not in seen
            ]
            if not rows:
                break
            seen.update(r.id for r in rows)
            operations = sorted({r.operation_id for r in rows})
            for operation_id in operations:
                if operation_id not in self._workers:
                    # The clock's sends go to a forum's General topic, even when a command's
                    # handling started this run (bot.topics).
                    with topics.answering(None):
                        task = asyncio.create_task(self._work(operation_id, report))
                    self._workers[operation_id] = task
            busy = [self._workers[op] for op in operations if op in self._workers]
            if busy:
                await asyncio.wait(busy)
        return report

    async def _work(self, operation_id: int, report: DueReport) -> None:
        """Send one operation's due rows, oldest first, until none is left."""
        if self._limit is None:
            self._limit = asyncio.Semaphore(self.concurrency)
        # Its bookkeeping (a claim and a record per chat) lets an officer's writes go first.
        with background():
            await self._work_through(operation_id, report, self._limit)

    async def _work_through(
        self, operation_id: int, report: DueReport, limit: asyncio.Semaphore
    ) -> None:
        seen: set[int] = set()
        try:
            while True:
                now = self._now()
                due = await schedule_store.due_rows(
                    self._data.db, now=now, operation_id=operation_id
                )
                rows = [r for r in due if r.id not in seen]
                if not rows:
                    return
                seen.update(r.id for r in rows)
                rows.sort(key=lambda r: (r.due_at, _KIND_ORDER.get(r.kind, 9)))
                await self._run_operation(operation_id, rows, now, report, limit)
        except Exception:  # a worker's failure is logged; the next sweep starts another
            log.exception("the clock of operation %d stopped", operation_id)
        finally:
            self._workers.pop(operation_id, None)

    async def _run_operation(
        self,
        operation_id: int,
        rows: list[ScheduledMessage],
        now: datetime,
        report: DueReport,
        limit: asyncio.Semaphore,
    ) -> None:
        # One operation's rows in order (an end before the next start); operations side by side.
        db = self._data.db
        operation = await operation_store.get_operation(db, operation_id=operation_id)
        for row in rows:
            report.rows += 1
            try:
                if operation is None:
                    raise LookupError(f"operation {operation_id} is gone")
                await self._run_row(operation, row, now, report, limit)
            except Exception:
                # One broken row must not stop the others; it is recorded, never retried blindly.
                log.exception("scheduled message %d (%s) failed", row.id, row.kind)
                await schedule_store.settle(db, scheduled_id=row.id, status="failed", now=now)
                report.failed += 1

    async def _run_row(
        self,
        operation: Operation,
        row: ScheduledMessage,
        now: datetime,
        report: DueReport,
        limit: asyncio.Semaphore,
    ) -> None:
        db = self._data.db
        grace = timedelta(hours=self._data.config.schedule.grace_hours)
        if not await schedule_plan.still_wanted(db, operation, row):
            await schedule_store.settle(db, scheduled_id=row.id, status="cancelled", now=now)
            report.cancelled += 1
            return
        if now - row.due_at > grace:
            log.warning("scheduled message %d (%s) missed: due %s", row.id, row.kind, row.due_at)
            await schedule_store.settle(db, scheduled_id=row.id, status="missed", now=now)
            report.missed += 1
        elif await schedule_store.begin_sending(db, scheduled_id=row.id):
            late = now - row.due_at > ON_TIME
            texts = await row_texts(db, operation, row, now if late else None)
            chats = await operation_store.bound_chats(db, operation_id=operation.id)
            # The exercise label (added on the way out) reads in the group's first language.
            with using(operation.languages[0] if operation.languages else None):
                outcomes = await asyncio.gather(
                    *(
                        self._deliver(operation, row, chat_id, texts, limit, report)
                        for chat_id in chats
                    )
                )
            if late:
                report.late += outcomes.count("sent")
            # Sent if some chat has it (this run or one before a stop), or there was no chat.
            done = [d.status for d in await schedule_store.deliveries(db, scheduled_id=row.id)]
            status = "late" if late else "sent"
            if done and "sent" not in done:
                status = "failed"
            await schedule_store.settle(db, scheduled_id=row.id, status=status, now=self._now())
        await self._follow(operation, row, now, grace)

    async def _follow(
        self, operation: Operation, row: ScheduledMessage, now: datetime, grace: timedelta
    ) -> None:
        """After a repeating row is settled, the row of its next occurrence."""
        due = await schedule_plan.next_due(self._data.db, operation, row, now, grace)
        if due is None:
            return
        follow = await schedule_store.add_next(
            self._data.db, operation_id=operation.id, key=(row.kind, row.ref_id, due)
        )
        if follow.status == "pending" and follow.due_at > self._now():
            self._schedule(follow)

    async def _deliver(
        self,
        operation: Operation,
        row: ScheduledMessage,
        chat_id: int,
        texts: list[str],
        limit: asyncio.Semaphore,
        report: DueReport,
        *,
        hops: int = 0,
    ) -> str:
        """Claim, send and record one chat's copy; returns the delivery's final status."""
        db, config = self._data.db, self._data.config
        async with limit:
            if not await schedule_store.claim_delivery(
                db, scheduled_id=row.id, chat_id=chat_id, now=self._now()
            ):
                return "skipped"  # claimed before: sent, or interrupted by a stop
            # Fitted and labelled on the way out (bot.outbox): a long digest goes in parts.
            # Bulk: when the bot's 30 messages a second are contended, replies go first.
            with bulk():
                outcome = await send_with_retry(
                    self._app.bot,
                    chat_id,
                    texts,
                    attempts=config.schedule.send_attempts,
                    base_delay=self.retry_delay_s,
                    operation=operation,
                    filename=f"{row.kind}-{operation.code}-{row.due_at:%Y-%m-%d}.txt",
                )
            await schedule_store.finish_delivery(
                db,
                scheduled_id=row.id,
                chat_id=chat_id,
                status=outcome.status,
                attempts=outcome.attempts,
                message_id=outcome.message_id,
                error=outcome.error,
                now=self._now(),
            )
        if outcome.status == "sent":
            report.sent += 1
        elif outcome.status == "blocked":
            report.blocked += 1
            await operation_store.mark_chat_blocked(
                db, chat_id=chat_id, now=self._now(), reason=outcome.error or "blocked"
            )
        elif outcome.status == "migrated" and outcome.new_chat_id is not None and hops < 2:
            new_id = outcome.new_chat_id
            await operation_store.migrate_chat(
                db, old_chat_id=chat_id, new_chat_id=new_id, now=self._now()
            )
            # Only to the new id if it belongs to the same operation: never across operations.
            owner = await operation_store.bound_operation_id(db, chat_id=new_id)
            if owner == row.operation_id:
                return await self._deliver(
                    operation, row, new_id, texts, limit, report, hops=hops + 1
                )
            return "failed"
        elif outcome.status != "migrated":
            report.failed += 1
            if closed_topics.refused_as_closed(outcome.error):  # a forum's General is closed
                await closed_topics.tell_coordinators(self._app.bot, db, operation, row, chat_id)
        return outcome.status
