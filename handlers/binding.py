"""/bind: a group joins an operation; moving one from another operation is asked first.

A trainer typing /bind DRILL in the wrong chat must not detach the live operation's group at
once: the move is a question (Move it / Cancel) that names both operations, and only the
person who asked may answer it, with their rights checked again when they do.
"""

from __future__ import annotations

from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update

from bot import outbox
from bot.context import BotContext
from bot.domain.unit import Operation, Role
from bot.parsing.args import command_text
from bot.parsing.validate import is_code
from bot.render import replies as render
from bot.render.i18n import N_, _, using
from bot.render.replies import usage
from handlers.guard import on_its_message, placed, reader_language, refuse_outsider, remember
from handlers.reply import answer
from storage import bind_questions
from storage import members as member_store
from storage import operations as operation_store

BUTTON_PATTERN = r"^bind:(yes|no):[0-9]{1,18}:[0-9]{1,18}:[0-9]{1,18}$"
MOVE_IT = N_("Move it")
CANCEL = N_("Cancel")
ONLY_ASKER = N_("Only the person who sent /bind can answer.")
EXPIRED = N_("This question has expired. Send /bind again if needed.")


async def may_bind(context: BotContext, user_id: int, operation_id: int) -> bool:
    """An admin, or a coordinator of that operation."""
    if user_id in context.config.access.admins:
        return True
    member = await member_store.membership(context.db, operation_id=operation_id, user_id=user_id)
    return member is not None and member.role is Role.COORDINATOR


def _kind(operation: Operation) -> str:
    return _("an exercise") if operation.exercise else _("a live operation")


def move_question(operation: Operation, losing: Operation) -> str:
    """/bind in a group of another operation: what the move would change."""
    return _(
        "⚠️ This group is linked to <b>{old_title}</b> ({old_code}), {old_kind}. Move it to "
        "<b>{title}</b> ({code}), {kind}? Reports sent here would then belong to {code}, and "
        "{old_code}'s reminders and digests would no longer come here. Only the person who "
        "sent /bind can answer."
    ).format(
        old_title=escape(losing.title), old_code=escape(losing.code), old_kind=_kind(losing),
        title=escape(operation.title), code=escape(operation.code), kind=_kind(operation),
    )  # fmt: skip


def not_moved(losing: Operation) -> str:
    return _("Not moved: this group stays linked to <b>{title}</b> ({code}).").format(
        title=escape(losing.title), code=escape(losing.code)
    )


def no_such_operation(code: str) -> str:
    """An admin's /bind of a code no operation has: how to make it, in an example that works."""
    typed = code.upper()
    made = typed if is_code(typed) else "DRILL"
    return _(
        "There is no operation {code}. Create it first in our private chat, e.g. "
        '/operation new {made} "Operation Drill" Asia/Seoul, then /bind {made} here.'
    ).format(code=escape(code[:40]), made=made)


@placed("bind")
async def bind(update: Update, context: BotContext) -> None:
    """/bind OPCODE in a group: reports sent here belong to that operation.

    Moving a bound group needs the right over both operations: the one losing the group,
    and the one gaining it; and it is asked first.
    """
    user, chat, message = update.effective_user, update.effective_chat, update.effective_message
    if user is None or chat is None or message is None:
        return
    code = command_text(message.text or "").strip()
    op = await operation_store.find_operation(context.db, code=code) if code else None
    current_id = await operation_store.bound_operation_id(context.db, chat_id=chat.id)
    allowed = op is not None and await may_bind(context, user.id, op.id)
    if op is None or not allowed:
        # Labelled as the group's other messages are (🧪 EXERCISE), if it is bound already.
        here = (
            await operation_store.get_operation(context.db, operation_id=current_id)
            if current_id is not None
            else None
        )
        if not code:
            await answer(
                update, _("Which operation?") + " " + escape(usage("bind")), operation=here
            )
        elif op is None and user.id in context.config.access.admins:
            # An admin may bind a group to any operation: what is wrong is that none has it.
            await answer(update, no_such_operation(code), operation=here)
        elif user.id in context.config.access.admins or await member_store.memberships_of(
            context.db, user_id=user.id
        ):
            await answer(
                update,
                _(
                    "Only a coordinator of that operation can bind a group to it. "
                    "Check the code: /bind CODE, where CODE is your operation's code "
                    "(/operation in our private chat shows it)."
                ),
                operation=here,
            )
        else:
            await refuse_outsider(update, context)
        return
    if current_id is not None and current_id != op.id:
        if not await may_bind(context, user.id, current_id):
            # Nothing about the group's operation is said: the asker may not be one of its own.
            await member_store.record_refusal(
                context.db,
                user_id=user.id,
                chat_id=chat.id,
                command="/bind",
                now=context.clock.now(),
            )
            await answer(update, _(render.BOUND_ELSEWHERE))
            return
        losing = await operation_store.get_operation(context.db, operation_id=current_id)
        if losing is not None:
            tail = f"{op.id}:{current_id}:{user.id}"
            keyboard = InlineKeyboardMarkup(
                [
                    [
                        InlineKeyboardButton(_(MOVE_IT), callback_data=f"bind:yes:{tail}"),
                        InlineKeyboardButton(_(CANCEL), callback_data=f"bind:no:{tail}"),
                    ]
                ]
            )
            await answer(update, move_question(op, losing), operation=losing, reply_markup=keyboard)
            return
    await _bind(update, context, op, current_id)


async def _bind(
    update: Update, context: BotContext, op: Operation, current_id: int | None
) -> str | None:
    """Bind the update's chat to `op` if it is still bound to `current_id`; the answer said."""
    user, chat = update.effective_user, update.effective_chat
    assert user is not None and chat is not None
    losing = (
        await operation_store.get_operation(context.db, operation_id=current_id)
        if current_id is not None and current_id != op.id
        else None
    )
    try:
        await operation_store.bind_chat(
            context.db,
            chat_id=chat.id,
            title=chat.title or "",
            operation_id=op.id,
            actor_id=user.id,
            now=context.clock.now(),
            replacing=current_id,
            update_id=update.update_id,
        )
    except operation_store.BindingChanged:
        said = _(render.BINDING_CHANGED)
    else:
        # Bound again to its own operation (its title kept fresh, a block lifted): said so.
        said = render.already_bound(op) if current_id == op.id else render.bound(op, losing)
    if update.callback_query is not None:
        return said
    await answer(update, said, operation=op)
    return None


async def pressed(update: Update, context: BotContext) -> None:
    """Move it / Cancel under a /bind question: only its asker, rights checked again."""
    query = update.callback_query
    if query is None or query.data is None or not isinstance(query.message, Message):
        return
    await remember(update, context)
    with using(await reader_language(update, context)):
        await _pressed(update, context)


async def _pressed(update: Update, context: BotContext) -> None:
    query = update.callback_query
    assert query is not None and query.data is not None
    if not on_its_message(query):
        await query.answer(_(EXPIRED), show_alert=True)
        return
    _prefix, choice, op_id, current_id, asker = query.data.split(":")
    if query.from_user.id != int(asker):
        await query.answer(_(ONLY_ASKER), show_alert=True)
        return
    op = await operation_store.get_operation(context.db, operation_id=int(op_id))
    losing = await operation_store.get_operation(context.db, operation_id=int(current_id))
    if op is None or losing is None:
        await query.answer(_(EXPIRED), show_alert=True)
        return
    assert isinstance(query.message, Message)
    first = await bind_questions.first_answer(
        context.db, chat_id=query.message.chat.id, message_id=query.message.message_id,
        actor_id=query.from_user.id, choice=choice, now=context.clock.now(),
    )  # fmt: skip
    if not first:  # a double tap: the first press answered it (and said so in the message)
        await query.answer(_(EXPIRED), show_alert=True)
        return
    if choice != "yes":
        await query.answer()
        await query.edit_message_text(outbox.fit_edit(not_moved(losing), losing))
        return
    user_id = query.from_user.id
    if not (
        await may_bind(context, user_id, op.id) and await may_bind(context, user_id, losing.id)
    ):
        await query.answer(_(render.BOUND_ELSEWHERE), show_alert=True)
        return
    said = await _bind(update, context, op, losing.id)
    await query.answer()
    if said is not None:
        await query.edit_message_text(outbox.fit_edit(said, op))
