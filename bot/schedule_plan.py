"""When an operation's messages fall due: its phases, reminders and digest as scheduled rows.

Always worked out from what the database says now, never remembered: the messages still to come,
whether a row due now is still wanted (a phase moved, a reminder removed), and when a repeating
row comes next. bot.scheduler turns the answers into rows and alarms.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from bot.domain.phases import phase_messages
from bot.domain.unit import Operation
from bot.domain.when import Daily, Rule, next_after
from bot.parsing.when import parse_time_of_day, reminder_rule
from storage import phases as phase_store
from storage import reminders as reminder_store
from storage.database import Database
from storage.schedule import Key, ScheduledMessage

log = logging.getLogger(__name__)


def digest_rule(operation: Operation) -> Rule | None:
    """Daily at the operation's digest time, or None when the digest is off."""
    if not operation.digest_time:
        return None
    try:
        return Daily(parse_time_of_day(operation.digest_time, ""))
    except ValueError:  # UsageError: a digest_time written by hand into the database
        log.error(
            "operation %d has an unreadable digest time %r", operation.id, operation.digest_time
        )
        return None


async def wanted(db: Database, operation: Operation, now: datetime) -> list[Key]:
    """The operation's messages still to come after `now`, as the database says."""
    tz = operation.tz
    keys: list[Key] = []
    for phase in await phase_store.phases(db, operation_id=operation.id):
        messages = phase_messages(phase, operation.phase_warning_s)
        keys += [(kind, phase.id, due) for kind, due in messages if due > now]
    for reminder in await reminder_store.reminders(db, operation_id=operation.id):
        try:
            due = next_after(reminder_rule(reminder, tz), now, tz)
        except ValueError:  # UsageError too: a stored WHEN this code no longer reads
            log.exception("reminder %d has an unreadable WHEN %r", reminder.id, reminder.spec)
            continue
        if due is not None:
            keys.append(("reminder", reminder.id, due))
    rule = digest_rule(operation)
    if rule is not None:
        due = next_after(rule, now, tz)
        assert due is not None
        keys.append(("digest", operation.id, due))
    return keys


async def still_wanted(db: Database, operation: Operation, row: ScheduledMessage) -> bool:
    """A row due now is checked against what the database says today (a phase moved...)."""
    tz = operation.tz
    just_before = row.due_at - timedelta(seconds=1)
    if row.kind.startswith("phase_"):
        phase = await phase_store.get_phase(db, phase_id=row.ref_id)
        return (
            phase is not None
            and phase.operation_id == operation.id
            and ((row.kind, row.due_at) in phase_messages(phase, operation.phase_warning_s))
        )
    if row.kind == "reminder":
        reminder = await reminder_store.get_reminder(db, reminder_id=row.ref_id)
        return (
            reminder is not None
            and reminder.operation_id == operation.id
            and (next_after(reminder_rule(reminder, tz), just_before, tz) == row.due_at)
        )
    if row.kind == "digest":
        rule = digest_rule(operation)
        return (
            rule is not None
            and row.ref_id == operation.id
            and (next_after(rule, just_before, tz) == row.due_at)
        )
    return False


async def next_due(
    db: Database, operation: Operation, row: ScheduledMessage, now: datetime, grace: timedelta
) -> datetime | None:
    """When a repeating row comes next after this one, or None when it does not repeat."""
    tz = operation.tz
    rule: Rule | None = None
    if row.kind == "digest":
        rule = digest_rule(operation)
    elif row.kind == "reminder":
        reminder = await reminder_store.get_reminder(db, reminder_id=row.ref_id)
        rule = reminder_rule(reminder, tz) if reminder is not None else None
    if rule is None:
        return None
    due = next_after(rule, row.due_at, tz)
    if due is not None and due < now - grace:
        # After a long stop, skip straight to the occurrences that can still be sent.
        due = next_after(rule, now - grace, tz)
    return due
