"""/reminders: the reminders to come, when each is next due, and the one-offs gone out."""

from __future__ import annotations

from html import escape

from telegram import Update

from bot.context import BotContext
from bot.domain.unit import Caller
from bot.domain.when import next_after
from bot.parsing.when import reminder_rule
from bot.render.clock import local_text, rule_text, sent_lines
from bot.render.i18n import _
from handlers.guard import guarded
from handlers.reply import answer
from storage import reminders as reminder_store
from storage import schedule as schedule_store


@guarded("reminders")
async def reminders(update: Update, context: BotContext, caller: Caller) -> None:
    """/reminders: the reminders to come, when each is next due, and the one-offs gone out."""
    op, now = caller.operation, context.clock.now()
    listed = await reminder_store.reminders(context.db, operation_id=op.id)
    ids = [r.id for r in listed]
    due = await schedule_store.next_due(context.db, kind="reminder", ref_ids=ids)
    went = await schedule_store.last_sent(context.db, kind="reminder", ref_ids=ids)
    lines = []
    for reminder in listed:
        try:
            rule = reminder_rule(reminder, op.tz)
        except ValueError:  # a WHEN this code no longer reads; the clock logs it
            lines.append(
                _("#{number} {when} (unreadable; remove it with /remind rm {number})").format(
                    number=reminder.id, when=escape(reminder.spec)
                )
            )
            continue
        upcoming = due.get(reminder.id) or next_after(rule, now, op.tz)
        if upcoming is None:
            continue  # a one-off that has been sent
        line = _("#{number} {rule} — next {next}")
        if reminder.id in went:
            line = _("#{number} {rule} — next {next}, last sent {sent}")
        sent_at = went.get(reminder.id)
        line = line.format(
            number=reminder.id,
            rule=rule_text(rule, op.tz),
            next=local_text(upcoming, op.tz),
            sent=local_text(sent_at, op.tz) if sent_at else "",
        )
        lines.append(f"{line}\n   ⏰ {escape(reminder.text)}")
    # One-offs gone out stay listed, so whoever set one sees it went (the newest, the rest counted).
    sent, total = await reminder_store.sent_reminders(context.db, operation_id=op.id)
    gone = sent_lines(sent, total, op.tz)
    none = _("No reminders to come. Set one, e.g. /remind daily 09:00 Send your nil returns")
    if not lines and not sent:
        await answer(update, none, caller)
        return
    await answer(
        update,
        _("<b>Reminders</b> ({tz})").format(tz=escape(op.tz))
        + "\n"
        + "\n".join(lines or [none])
        + ("\n\n" + "\n".join(gone) if gone else "")
        + "\n\n"
        + _("Remove one with /remind rm ID"),
        caller,
        long=True,
    )
