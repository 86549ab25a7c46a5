"""Who is asking, and may they: the guards every command and button passes first."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Coroutine
from dataclasses import replace
from enum import Enum
from html import escape
from typing import Any

from telegram import Chat, Message, Update
from telegram.constants import ChatType
from telegram.error import BadRequest, Forbidden

from bot.context import BotContext
from bot.delivery import is_gone
from bot.domain.access import allows
from bot.domain.commands import BY_NAME, Command, Where
from bot.domain.unit import Caller, Role
from bot.parsing.args import UsageError
from bot.render import replies as render
from bot.render import undo as render_undo
from bot.render.i18n import DEFAULT_LOCALE, _, using
from bot.render.i18n import known as known_locale
from handlers.pressed import NOT_ACTIVE as NOT_ACTIVE
from handlers.pressed import on_its_message as on_its_message
from handlers.reply import answer, is_group
from storage import members as member_store
from storage import operations as operation_store

log = logging.getLogger(__name__)

Guarded = Callable[[Update, BotContext, Caller], Coroutine[Any, Any, None]]
Callback = Callable[[Update, BotContext], Coroutine[Any, Any, None]]
Placed = Callable[[Update, BotContext], Coroutine[Any, Any, None]]


class Refusal(Enum):
    """Why no caller could be resolved."""

    OUTSIDER = "outsider"
    NOT_BOUND = "not_bound"
    CHOOSE = "choose"
    NO_OPERATION = "no_operation"


async def remember(update: Update, context: BotContext) -> None:
    """Keep the sender's name and private chat, writing only when they changed."""
    user = update.effective_user
    chat = update.effective_chat
    if user is None or user.is_bot:
        return
    private = chat.id if chat is not None and chat.type == ChatType.PRIVATE else None
    language = known_locale(user.language_code)
    known = context.bot_data.known_people.get(user.id)
    if (
        known is not None
        and known[:2] == (user.username, user.full_name)
        and (private is None or known[2] == private)
        # Met with no language the bot speaks: the first update that has one keeps it, so that
        # what is written in the person's language later (their report's void) is in it.
        and (known[3] or language is None)
    ):
        return
    await member_store.remember_person(
        context.db,
        user_id=user.id,
        username=user.username,
        full_name=user.full_name,
        private_chat_id=private,
        language=language,
    )
    context.bot_data.known_people[user.id] = (
        user.username,
        user.full_name,
        private if private is not None else (known or (0, 0, None, False))[2],
        language is not None or (known is not None and known[3]),
    )


async def reader_language(update: Update, context: BotContext) -> str:
    """The language the person behind an update reads: theirs if chosen, else Telegram's;
    with neither (no language_code, or one the bot does not speak), a group's own."""
    user = update.effective_user
    if user is None:
        return DEFAULT_LOCALE
    cached = context.bot_data.languages.get(user.id)
    if cached is not None:
        return cached
    stored = await member_store.language_of(context.db, user_id=user.id)
    own = stored or known_locale(user.language_code)
    if own is None and (group := await _group_language(update, context)) is not None:
        return group  # not kept: the next group's may be another
    if own is None:
        return DEFAULT_LOCALE  # not kept either: in a group, the group's
    if len(context.bot_data.languages) > 10_000:
        context.bot_data.languages.clear()  # bounded: a cache, not a registry
    context.bot_data.languages[user.id] = own
    return own


async def _group_language(update: Update, context: BotContext) -> str | None:
    """A group's (first) language, for who has none of their own (spec: Languages)."""
    chat = update.effective_chat
    if chat is None or not is_group(chat):
        return None
    operation_id = await operation_store.bound_operation_id(context.db, chat_id=chat.id)
    if operation_id is None:
        return None
    operation = await operation_store.get_operation(context.db, operation_id=operation_id)
    return operation.languages[0] if operation is not None and operation.languages else None


def spoken(handler: Callback) -> Callback:
    """Handlers no command guards (plain text, media, unknown commands): the reader's language."""

    @functools.wraps(handler)
    async def callback(update: Update, context: BotContext) -> None:
        with using(await reader_language(update, context)):
            await handler(update, context)

    return callback


async def resolve_caller(
    context: BotContext, *, user_id: int, chat: Chat
) -> Caller | tuple[Refusal, list[str]]:
    """The caller's operation and role in this chat, or why there is none."""
    generation = context.db.access_generation
    cached = context.bot_data.callers.get((user_id, chat.id))
    if cached is not None and cached[0] == generation:
        return cached[1]
    resolved = await _resolve_caller(context, user_id=user_id, chat=chat)
    if isinstance(resolved, Caller):
        if len(context.bot_data.callers) > 10_000:
            context.bot_data.callers.clear()  # bounded: a cache, not a registry
        context.bot_data.callers[(user_id, chat.id)] = (generation, resolved)
    return resolved


async def _resolve_caller(
    context: BotContext, *, user_id: int, chat: Chat
) -> Caller | tuple[Refusal, list[str]]:
    db = context.db
    is_admin = user_id in context.config.access.admins
    moved_from = None
    if is_group(chat):
        operation_id = await operation_store.bound_operation_id(db, chat_id=chat.id)
        if operation_id is None:
            return (Refusal.NOT_BOUND, [])
    else:
        mine = await member_store.memberships_of(db, user_id=user_id)
        current = await member_store.current_operation_id(db, user_id=user_id)
        ids = [m.operation_id for m in mine]
        if current is not None and (current in ids or is_admin):
            operation_id = current
        elif len(ids) == 1:
            operation_id = ids[0]
            if current is not None:  # the chosen operation is gone: they must know first
                lost = await operation_store.get_operation(db, operation_id=current)
                moved_from = lost.code if lost else "?"
        elif ids:
            codes = []
            for m in mine:
                op = await operation_store.get_operation(db, operation_id=m.operation_id)
                if op is not None:
                    codes.append(op.code)
            return (Refusal.CHOOSE, codes)
        elif is_admin:
            every = await operation_store.all_operations(db)
            if len(every) == 1:
                operation_id = every[0].id
            elif every:
                return (Refusal.CHOOSE, [op.code for op in every])
            else:
                return (Refusal.NO_OPERATION, [])
        else:
            return (Refusal.OUTSIDER, [])
    operation = await operation_store.get_operation(db, operation_id=operation_id)
    member = await member_store.membership(db, operation_id=operation_id, user_id=user_id)
    if operation is None or (member is None and not is_admin):
        return (Refusal.OUTSIDER, [])
    role = Role.ADMIN if is_admin else member.role if member else Role.OBSERVER
    return Caller(
        user_id=user_id,
        role=role,
        operation=operation,
        agency_id=member.agency_id if member else None,
        agency_code=member.agency_code if member else None,
        agency_tz=member.agency_tz if member else None,
        is_admin=is_admin,
        moved_from=moved_from,
    )


async def caller_in(context: BotContext, *, user_id: int, operation_id: int) -> Caller | None:
    """The person as a caller of one given operation (a report's own), or None if not in it."""
    is_admin = user_id in context.config.access.admins
    operation = await operation_store.get_operation(context.db, operation_id=operation_id)
    member = await member_store.membership(context.db, operation_id=operation_id, user_id=user_id)
    if operation is None or (member is None and not is_admin):
        return None
    return Caller(
        user_id=user_id,
        role=Role.ADMIN if is_admin else member.role if member else Role.OBSERVER,
        operation=operation,
        agency_id=member.agency_id if member else None,
        agency_code=member.agency_code if member else None,
        agency_tz=member.agency_tz if member else None,
        is_admin=is_admin,
    )


def command_name(message: Message | None) -> str:
    """'/summary' from '/summary@OcuBot week', for the audit log."""
    if message is None or not message.text:
        return ""
    return message.text.split(maxsplit=1)[0].split("@", 1)[0][:32]


async def refuse_outsider(update: Update, context: BotContext) -> None:
    """One polite line that reveals nothing, in a group once in REFUSED_QUIET (a flood of them
    held members' acknowledgements back); each attempt goes to the audit log."""
    user, chat = update.effective_user, update.effective_chat
    if chat is None:
        return
    repeated = await member_store.record_refusal(
        context.db,
        user_id=user.id if user else None,
        chat_id=chat.id,
        command=command_name(update.effective_message),
        now=context.clock.now(),
    )
    if not (repeated and is_group(chat) and update.callback_query is None):
        await answer(update, _(render.OUTSIDER))


def refusal_for(caller: Caller, command: Command) -> str | None:
    """Why this caller may not run this command (or press its button, or edit into it)."""
    if command.writes and caller.moved_from is not None:
        return render.moved(caller.moved_from, caller.operation.code)
    if command.permission is not None and not allows(caller.role, command.permission):
        return render.not_allowed(command.permission, caller.role)
    return None


async def in_place(update: Update, command: Command, context: BotContext | None = None) -> bool:
    """Whether the command was sent where it may be used; if not, say where (labelled)."""
    chat, user = update.effective_chat, update.effective_user
    if chat is None or user is None:
        return False
    if command.where is Where.PRIVATE and is_group(chat):
        said = render.private_only(command.name, update.get_bot().username)
    elif command.where is Where.GROUP and not is_group(chat):
        said = render.group_only(command.name, command.example)
    else:
        return True
    found = await resolve_caller(context, user_id=user.id, chat=chat) if context else None
    await answer(update, said, found if isinstance(found, Caller) else None)
    return False


async def refuse_unresolved(
    update: Update, context: BotContext, reason: Refusal, codes: list[str]
) -> None:
    """The answer when no caller could be resolved."""
    if reason is Refusal.OUTSIDER:
        await refuse_outsider(update, context)
    elif reason is Refusal.NOT_BOUND:
        await answer(update, _(render.NOT_BOUND))
    elif reason is Refusal.CHOOSE:
        await answer(update, render.choose_operation(codes))
    else:
        await answer(update, _(render.NO_OPERATION))


def placed(name: str) -> Callable[[Placed], Callback]:
    """For commands that resolve their own caller (/start, /help, /use, /bind): the place check."""
    command = BY_NAME[name]

    def wrap(handler: Placed) -> Callback:
        @functools.wraps(handler)
        async def callback(update: Update, context: BotContext) -> None:
            if update.effective_user is None or update.effective_chat is None:
                return
            await remember(update, context)
            with using(await reader_language(update, context)):
                if await in_place(update, command, context):
                    await handler(update, context)

        return callback

    return wrap


# A caller of another operation the person may act as, when their current one refuses them: the
# step-by-step report begun before a /use (handlers.guided.where_begun).
Elsewhere = Callable[[BotContext, Caller], Coroutine[Any, Any, Caller | None]]


def guarded(name: str, elsewhere: Elsewhere | None = None) -> Callable[[Guarded], Callback]:
    """Resolve the caller and check the command's declaration, before any side effect."""
    command = BY_NAME[name]

    def wrap(handler: Guarded) -> Callback:
        @functools.wraps(handler)
        async def callback(update: Update, context: BotContext) -> None:
            if update.effective_user is None or update.effective_chat is None:
                return
            await remember(update, context)
            with using(await reader_language(update, context)):
                await checked(update, context)

        async def checked(update: Update, context: BotContext) -> None:
            user = update.effective_user
            chat = update.effective_chat
            assert user is not None and chat is not None
            if not await in_place(update, command, context):
                return
            resolved = await resolve_caller(context, user_id=user.id, chat=chat)
            if isinstance(resolved, tuple):
                await refuse_unresolved(update, context, *resolved)
                return
            refusal = refusal_for(resolved, command)
            if refusal is not None and elsewhere is not None:
                there = await elsewhere(context, resolved)
                resolved, refusal = (there, None) if there is not None else (resolved, refusal)
            if refusal is not None and name == "undo" and resolved.role is Role.COORDINATOR:
                refusal = render_undo.coordinators_undo(getattr(update.message, "text", None))
            if refusal is not None:
                await answer(update, refusal, resolved)
                return
            in_private = command.where is Where.IN_PRIVATE and is_group(chat)
            if in_private:
                private = await member_store.private_chat_of(context.db, user_id=user.id)
                if private is None:
                    await answer(update, render.open_private(name, context.bot.username), resolved)
                    return
                resolved = replace(resolved, private_chat_id=private)
            try:
                await handler(update, context, resolved)
            except UsageError as exc:
                await answer(update, escape(str(exc)), resolved)
                return
            except (Forbidden, BadRequest) as exc:
                # Blocked, or a private chat Telegram does not know ("chat not found"): one way in.
                if not is_gone(exc):
                    raise
                await answer(update, render.open_private(name, context.bot.username), resolved)
                return
            if in_private:
                await answer(update, _(render.SENT_PRIVATELY), resolved)

        return callback

    return wrap


ButtonHandler = Callable[[Update, BotContext, Caller], Coroutine[Any, Any, None]]


def guarded_button(
    name: str, refused: str | None = None, elsewhere: Elsewhere | None = None
) -> Callable[[ButtonHandler], Callback]:
    """A button is checked as the command it stands for, before it changes anything.

    `refused` (a msgid) says what the button needs, for a person whose role lacks it: the
    command's general refusal ("only officers report here") answers the wrong question.
    """
    command = BY_NAME[name]

    def wrap(handler: ButtonHandler) -> Callback:
        @functools.wraps(handler)
        async def callback(update: Update, context: BotContext) -> None:
            query, chat = update.callback_query, update.effective_chat
            if query is None or query.data is None or chat is None:
                return
            await remember(update, context)
            with using(await reader_language(update, context)):
                resolved = await resolve_caller(context, user_id=query.from_user.id, chat=chat)
                if not isinstance(resolved, Caller):
                    await query.answer(_("This button is not for you."), show_alert=True)
                    return
                refusal = refusal_for(resolved, command)
                if refusal is not None and elsewhere is not None:
                    there = await elsewhere(context, resolved)
                    resolved, refusal = (there, None) if there is not None else (resolved, refusal)
                moved = command.writes and resolved.moved_from is not None
                if refusal is not None and refused is not None and not moved:
                    refusal = _(refused)
                if refusal is not None:
                    await query.answer(render.plain(refusal), show_alert=True)
                    return
                await handler(update, context, resolved)

        return callback

    return wrap
