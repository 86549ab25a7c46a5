"""/operation, /operation new and /agency add (/bind is handlers.binding)."""

from __future__ import annotations

from html import escape

from telegram import Update

from bot.context import BotContext
from bot.domain.unit import Caller
from bot.parsing.args import UsageError, command_text, split_args
from bot.parsing.validate import check_agency_name, check_code, check_zone
from bot.render import replies as render
from bot.render.clock import phase_lines
from bot.render.i18n import _, using
from bot.render.replies import usage
from handlers.guard import (
    guarded,
    reader_language,
    refuse_outsider,
    remember,
    resolve_caller,
)
from handlers.reply import answer, is_group
from storage import members as member_store
from storage import operations as operation_store
from storage import phases as phase_store


async def operation(update: Update, context: BotContext) -> None:
    """/operation shows the operation; /operation new creates one (admins)."""
    message = update.effective_message
    assert message is not None
    words = command_text(message.text or "").split(maxsplit=1)
    if words and words[0].lower() == "new":
        await create_operation(update, context)
    else:
        await show_operation(update, context)


@guarded("operation")
async def show_operation(update: Update, context: BotContext, caller: Caller) -> None:
    """/operation: phases, agencies, members and local times."""
    db, op = context.db, caller.operation
    now = context.clock.now()
    phases = await phase_store.phases(db, operation_id=op.id)
    await answer(
        update,
        render.operation_card(
            op,
            agencies=await operation_store.agencies(db, operation_id=op.id),
            members=await member_store.members(db, operation_id=op.id),
            phase_lines=phase_lines(op, phases, now),
            now=now,
            role=caller.role,
        ),
        caller,
        long=True,  # thirty agencies with long official names: in parts, never cut
    )


async def create_operation(update: Update, context: BotContext) -> None:
    """/operation new CODE "Title" TZ [exercise] — admins only, from any chat."""
    user, message = update.effective_user, update.effective_message
    if user is None or message is None:
        return
    await remember(update, context)
    # Everything in the reader's language: the answers, and an exercise's label, which the
    # outbox adds in the language it sends under.
    with using(await reader_language(update, context)):
        await _create(update, context, user.id, message.text or "")


async def _create(update: Update, context: BotContext, user_id: int, text: str) -> None:
    if user_id not in context.config.access.admins:
        if await member_store.memberships_of(context.db, user_id=user_id):
            # Labelled as their operation's answers are.
            chat = update.effective_chat
            found = await resolve_caller(context, user_id=user_id, chat=chat) if chat else None
            said = _(render.ONLY_ADMIN_CREATES)
            await answer(update, said, found if isinstance(found, Caller) else None)
        else:
            await refuse_outsider(update, context)
        return
    chat = update.effective_chat
    if chat is not None and is_group(chat):
        # Created here, it was announced to a group of another operation (newcomer review).
        await answer(update, render.private_only("operation new", update.get_bot().username))
        return
    syntax = usage("operation")
    try:
        words = split_args(command_text(text), syntax)[1:]
        if len(words) not in (3, 4) or (len(words) == 4 and words[3].lower() != "exercise"):
            raise UsageError(_("To create an operation:") + f"\n{syntax}")
        code = check_code(words[0].upper(), syntax)
        tz = check_zone(words[2], syntax)
        title = words[1].strip()
        if not title or len(title) > 120:
            raise UsageError(_("The title must be 1 to 120 characters.") + f"\n{syntax}")
    except UsageError as exc:
        await answer(update, escape(str(exc)))
        return
    defaults = context.config.operations
    try:
        op = await operation_store.create_operation(
            context.db,
            code=code,
            title=title,
            tz=tz,
            exercise=len(words) == 4,
            actor_id=user_id,
            now=context.clock.now(),
            digest_time=context.config.schedule.default_digest_time,
            undo_window_s=defaults.undo_window_minutes * 60,
            phase_warning_s=int(defaults.phase_warning_hours * 3600),
            update_id=update.update_id,
        )
    except operation_store.AlreadyExists:
        await answer(
            update,
            _("An operation with the code {code} exists already. Choose another code.").format(
                code=escape(code)
            ),
        )
        return
    await member_store.use_operation(
        context.db, user_id=user_id, operation_id=op.id, now=context.clock.now()
    )
    if context.bot_data.scheduler is not None:
        await context.bot_data.scheduler.operation_changed(op.id)
    created = _("Created <b>{title}</b> ({code}) in {tz}.").format(
        title=escape(op.title), code=escape(op.code), tz=escape(op.tz)
    )
    example = '/agency add KCS "Korea Customs Service" Asia/Seoul'
    after = _("Next: add agencies, e.g. {example}").format(example=escape(example))
    await answer(update, f"{created}\n{after}", operation=op)


@guarded("agency")
async def agency(update: Update, context: BotContext, caller: Caller) -> None:
    """/agency add CODE "Name" TZ."""
    message = update.effective_message
    assert message is not None
    syntax = usage("agency")
    words = split_args(command_text(message.text or ""), syntax)
    if len(words) != 4 or words[0].lower() != "add":
        raise UsageError(_("To add an agency:") + f"\n{syntax}")
    code = check_code(words[1].upper(), syntax)
    tz = check_zone(words[3], syntax)
    name = check_agency_name(words[2], syntax)
    try:
        added = await operation_store.add_agency(
            context.db,
            operation_id=caller.operation.id,
            code=code,
            name=name,
            tz=tz,
            actor_id=caller.user_id,
            now=context.clock.now(),
            update_id=update.update_id,
        )
    except operation_store.BeingImported:
        raise UsageError(
            _(
                "An import still running is adding {code}; it will appear when the import finishes."
            ).format(code=code)
        ) from None
    except operation_store.AlreadyExists:
        raise UsageError(
            _("{code} is already an agency of this operation.").format(code=code)
        ) from None
    await answer(
        update,
        _(
            "Added {code} — {name} ({tz}) to {operation}.\n"
            "Invite its officers with /invite officer {code}"
        ).format(
            code=escape(added.code),
            name=escape(added.name),
            tz=escape(added.tz),
            operation=escape(caller.operation.code),
        ),
        caller,
    )
