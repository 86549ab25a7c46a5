"""What a scheduled message says: a phase announcement, a reminder or the digest, at send time.

Rendered when the row is sent from what the database says then, once per row (every chat of the
operation gets the same texts), so nothing rendered is stored and a restart renders it again from
the same facts.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from bot import outbox
from bot.domain.phases import Phase
from bot.domain.unit import Operation
from bot.render.clock import announcement, late_line, reminder_text, with_late_line
from bot.render.digest import TEXT_BUDGET, digest_text
from storage import phases as phase_store
from storage import reminders as reminder_store
from storage import schedule as schedule_store
from storage.database import Database
from storage.schedule import ScheduledMessage


def joint_budget(operation: Operation) -> int:
    """The group's languages' digests together, so that a bilingual digest stays one message."""
    languages = max(1, len(operation.languages))
    return TEXT_BUDGET - len(outbox.BETWEEN_LANGUAGES) * (languages - 1)


async def row_texts(
    db: Database, operation: Operation, row: ScheduledMessage, late_at: datetime | None
) -> list[str]:
    """The row's message in each of the group's languages: one text where all fit."""
    make = await _compose(db, operation, row)

    def written() -> str:
        text = make()
        if late_at is not None:
            text = with_late_line(text, late_line(row.due_at, late_at, operation.tz))
        return text

    return outbox.in_languages(written, operation.languages, operation=operation)


async def _compose(db: Database, operation: Operation, row: ScheduledMessage) -> Callable[[], str]:
    """The facts read now; the returned call writes them in the current locale."""
    if row.kind.startswith("phase_"):
        phases = await phase_store.phases(db, operation_id=operation.id)
        phase: Phase = next(p for p in phases if p.id == row.ref_id)
        return lambda: announcement(row.kind, phase, operation, phases)
    if row.kind == "reminder":
        reminder = await reminder_store.get_reminder(db, reminder_id=row.ref_id)
        assert reminder is not None
        words = reminder.text
        return lambda: reminder_text(words)
    facts = await schedule_store.digest_facts(db, operation=operation, until=row.due_at)
    joint = joint_budget(operation)
    return lambda: digest_text(facts, budget=joint, languages=operation.languages)


async def compose_digest(
    db: Database, operation: Operation, until: datetime, preview: bool = False
) -> str:
    """The digest's text, cut off at `until` (run in the worker: see bot.worker)."""
    facts = await schedule_store.digest_facts(db, operation=operation, until=until, preview=preview)
    return digest_text(facts, preview=preview)
