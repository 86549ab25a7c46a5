"""/phase, /remind, /reminders and /digest: the operation clock's commands."""

from __future__ import annotations

import re
from datetime import datetime
from html import escape

from telegram import Update

from bot import worker
from bot.context import BotContext
from bot.domain.phases import PhaseRefused
from bot.domain.unit import Caller
from bot.domain.when import Daily, hhmm, local_moment, next_after, next_skipped_day, zone
from bot.parsing.args import UsageError, command_text, split_args
from bot.parsing.phases import one_end, parse_phase
from bot.parsing.when import parse_time_of_day, reminder_rule
from bot.render.clock import (
    local_text,
    phase_length,
    phase_lines,
    phase_plan,
    reminder_set,
    reminder_twin,
    rule_text,
    span_text,
)
from bot.render.digest import digest_text
from bot.render.i18n import _, clock, day
from bot.render.phases import phase_refusal
from bot.render.replies import usage
from bot.schedule_texts import joint_budget
from handlers.guard import guarded
from handlers.remind_words import read_reminder
from handlers.reply import answer, is_group, to_the_group
from storage import operations as operation_store
from storage import phases as phase_store
from storage import reminders as reminder_store
from storage import schedule as schedule_store

_REMINDER_ID = re.compile(r"^#?(\d{1,9})$")


async def _changed(context: BotContext, operation_id: int) -> None:
    scheduler = context.bot_data.scheduler
    if scheduler is not None:
        await scheduler.operation_changed(operation_id)


async def _no_chat_note(context: BotContext, operation_id: int) -> str:
    if await operation_store.bound_chats(context.db, operation_id=operation_id):
        return ""
    return "\n" + _(
        "No group is linked to this operation yet, so nobody would see it: "
        "send /bind CODE in the group."
    )


@guarded("phase")
async def phase(update: Update, context: BotContext, caller: Caller) -> None:
    """/phase add|edit NAME START END, /phase rm NAME, or /phase alone to list them."""
    try:
        await _phase(update, context, caller)
    except PhaseRefused as refused:
        raise UsageError(phase_refusal(refused, tz=caller.operation.tz)) from None


async def _phase(update: Update, context: BotContext, caller: Caller) -> None:
    message = update.effective_message
    assert message is not None
    syntax = usage("phase")
    words = split_args(command_text(message.text or ""), syntax)
    op, now = caller.operation, context.clock.now()
    verb = words[0].lower() if words else "list"
    if verb == "list":
        phases = await phase_store.phases(context.db, operation_id=op.id)
        lines = phase_lines(op, phases, now) or [_("No phases yet.")]
        await answer(
            update,
            _("<b>Phases</b> ({tz})").format(tz=escape(op.tz))
            + "\n"
            + "\n".join(lines)
            + f"\n\n{escape(syntax)}",
            caller,
            long=True,
        )
        return
    if verb in ("add", "edit"):
        given = words[1:]
        if verb == "edit":  # '/phase edit NAME end DATE': the other end kept as it is
            phases = await phase_store.phases(context.db, operation_id=op.id)
            given = one_end(given, phases, tz=op.tz)
        wanted = parse_phase(given, tz=op.tz, verb=verb, today=op.local(now).date())
        if verb == "add":
            added = await phase_store.add_phase(
                context.db,
                operation_id=op.id,
                phase=wanted,
                tz=op.tz,
                actor_id=caller.user_id,
                now=now,
                update_id=update.update_id,
            )
            head = _("Added phase <b>{name}</b>: {span} ({days}, {tz}).")
        else:
            _before, added = await phase_store.edit_phase(
                context.db,
                operation_id=op.id,
                phase=wanted,
                tz=op.tz,
                actor_id=caller.user_id,
                now=now,
                update_id=update.update_id,
            )
            head = _("Moved phase <b>{name}</b>: {span} ({days}, {tz}).")
        await _changed(context, op.id)
        plan = phase_plan(added, op, now)
        await answer(
            update,
            head.format(
                name=escape(added.name),
                span=span_text(added, op.tz),
                days=phase_length(added, op.tz),
                tz=escape(op.tz),
            )
            + f"\n{plan}{await _no_chat_note(context, op.id)}",
            caller,
        )
        return
    if verb in ("rm", "remove", "delete"):
        name = " ".join(words[1:]).strip()
        if not name:
            raise UsageError(_("Which phase? Example: /phase rm operational"))
        removed = await phase_store.remove_phase(
            context.db,
            operation_id=op.id,
            name=name,
            actor_id=caller.user_id,
            now=now,
            update_id=update.update_id,
        )
        await _changed(context, op.id)
        await answer(
            update,
            _(
                "Removed phase <b>{name}</b> ({span}); its announcements are cancelled. "
                "The audit log keeps it."
            ).format(name=escape(removed.name), span=span_text(removed, op.tz)),
            caller,
        )
        return
    raise UsageError(
        _("/phase {verb} is not something I know.").format(verb=words[0]) + f"\n{syntax}"
    )


@guarded("remind")
async def remind(update: Update, context: BotContext, caller: Caller) -> None:
    """/remind WHEN TEXT, or /remind rm ID."""
    message = update.effective_message
    assert message is not None
    args = command_text(message.text or "")
    op = caller.operation
    # Kept to the second: a relative WHEN ('in 2h') is read again from the stored time.
    now = context.clock.now().replace(microsecond=0)
    first, _space, rest = args.partition(" ")
    if first.lower() in ("rm", "remove", "delete"):
        match = _REMINDER_ID.match(rest.strip())
        if match is None:
            raise UsageError(
                _("Which reminder? Give its number from /reminders, e.g. /remind rm 3")
            )
        removed = await reminder_store.remove_reminder(
            context.db,
            operation_id=op.id,
            reminder_id=int(match.group(1)),
            actor_id=caller.user_id,
            now=now,
            update_id=update.update_id,
        )
        if removed is None:
            raise UsageError(
                _(
                    "There is no reminder #{number} here. /reminders lists "
                    "them with their numbers, e.g. /remind rm 3"
                ).format(number=match.group(1))
            )
        await _changed(context, op.id)
        try:  # in the reader's words, as /reminders says it (before: 'daily 17:00' in Korean)
            when = rule_text(reminder_rule(removed, op.tz), op.tz)
        except ValueError:  # a WHEN this code no longer reads: as stored
            when = escape(removed.spec)
        await answer(
            update,
            _("Removed reminder #{number} ({when}: {text}).").format(
                number=removed.id, when=when, text=escape(removed.text)
            ),
            caller,
        )
        return
    parsed = read_reminder(args, now=now, tz=op.tz)
    try:
        added = await reminder_store.add_reminder(
            context.db,
            operation_id=op.id,
            spec=parsed.spec,
            text=parsed.text,
            actor_id=caller.user_id,
            now=now,
            update_id=update.update_id,
        )
    except reminder_store.DuplicateReminder as twin:
        raise UsageError(reminder_twin(twin.existing)) from None
    except reminder_store.TooManyReminders as full:
        raise UsageError(
            _(
                "{code} has {limit} reminders to come already, the most one operation can "
                "have. /reminders lists them; remove one, e.g. /remind rm {oldest}, then set "
                "this one again."
            ).format(code=escape(op.code), limit=full.limit, oldest=full.oldest)
        ) from None
    await _changed(context, op.id)
    due = next_after(parsed.rule, now, op.tz)
    zones = {a.tz for a in await operation_store.agencies(context.db, operation_id=op.id)}
    lines = reminder_set(
        added.id, parsed.rule, parsed.text, due, op.tz, zones, day=parsed.implied_day
    )
    if isinstance(parsed.rule, Daily):
        skipped = next_skipped_day(parsed.rule.at, op.tz, now)
        if skipped is not None:
            shifted = local_moment(skipped, parsed.rule.at, op.tz, strict=False)
            lines.append(
                _(
                    "On {day} the clocks skip {skipped} in {tz}; that day it comes at {clock}."
                ).format(
                    day=day(skipped),
                    skipped=hhmm(parsed.rule.at),
                    tz=escape(op.tz),
                    clock=clock(shifted.astimezone(zone(op.tz))),
                )
            )
    lines.append(
        _("Remove it with /remind rm {number}").format(number=added.id)
        + await _no_chat_note(context, op.id)
    )
    await answer(update, "\n".join(lines), caller)


async def _next_digest(context: BotContext, operation_id: int) -> datetime | None:
    due = await schedule_store.next_due(context.db, kind="digest", ref_ids=[operation_id])
    return due.get(operation_id)


# /digest's words as Korean and Thai coordinators type them.
_DIGEST_VERBS = {"지금": "now", "ตอนนี้": "now", "เดี๋ยวนี้": "now", "끄기": "off", "ปิด": "off"}


@guarded("digest")
async def digest(update: Update, context: BotContext, caller: Caller) -> None:
    """/digest now (a preview here), /digest at HH:MM, /digest off, or /digest for its state."""
    message = update.effective_message
    assert message is not None
    syntax = usage("digest")
    words = split_args(command_text(message.text or ""), syntax)
    op, now = caller.operation, context.clock.now()
    verb = _DIGEST_VERBS.get(words[0].lower(), words[0].lower()) if words else ""
    if len(words) == 1 and verb[:1].isdigit():  # '/digest 07:30' is '/digest at 07:30'
        verb, words = "at", ["at", *words]
    if verb == "now" and len(words) == 1:
        # The facts are read in the worker; they are worded here, in the asker's language.
        facts = await worker.run(
            context.db, schedule_store.digest_facts, operation=op, until=now, preview=True
        )
        chat = update.effective_chat
        if chat is not None and is_group(chat):
            # The group's preview is what the group will get: in its language(s), in one message.
            joint = joint_budget(op)
            await to_the_group(
                update,
                lambda: digest_text(facts, preview=True, budget=joint, languages=op.languages),
                op,
            )
            return
        await answer(update, digest_text(facts, preview=True), caller, long=True)
        return
    if verb == "at" and len(words) == 2:
        at = parse_time_of_day(words[1], _("Example: /digest at 07:30"))
        await operation_store.set_digest_time(
            context.db,
            operation_id=op.id,
            digest_time=hhmm(at),
            actor_id=caller.user_id,
            now=now,
            update_id=update.update_id,
        )
        await _changed(context, op.id)
        due = await _next_digest(context, op.id)
        now_at = (
            _("The daily digest now comes at {clock} ({tz}); the next one {next}.")
            if due
            else _("The daily digest now comes at {clock} ({tz}).")
        )
        await answer(
            update,
            now_at.format(
                clock=hhmm(at), tz=escape(op.tz), next=local_text(due, op.tz) if due else ""
            )
            + await _no_chat_note(context, op.id),
            caller,
        )
        return
    if verb == "off" and len(words) == 1:
        await operation_store.set_digest_time(
            context.db,
            operation_id=op.id,
            digest_time=None,
            actor_id=caller.user_id,
            now=now,
            update_id=update.update_id,
        )
        await _changed(context, op.id)
        await answer(
            update, _("The daily digest is off. Turn it on again with /digest at 08:00"), caller
        )
        return
    if words:
        raise UsageError(
            _("I cannot read /digest {words}.").format(words=" ".join(words))
            + f"\n{syntax}\n"
            + _("or /digest now for a preview, /digest off to stop it")
        )
    current = await operation_store.get_operation(context.db, operation_id=op.id)
    if current is None or not current.digest_time:
        await answer(update, _("The daily digest is off. Turn it on with /digest at 08:00"), caller)
        return
    due = await _next_digest(context, op.id)
    comes = (
        _("The daily digest comes at {clock} ({tz}), next {next}.")
        if due
        else _("The daily digest comes at {clock} ({tz}).")
    )
    await answer(
        update,
        comes.format(
            clock=escape(current.digest_time),
            tz=escape(op.tz),
            next=local_text(due, op.tz) if due else "",
        )
        + "\n"
        + _("/digest now shows a preview here, /digest at 07:30 moves it, /digest off stops it."),
        caller,
    )
