"""/start (with or without an invite), /help and /use."""

from __future__ import annotations

import html

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.context import BotContext
from bot.domain.commands import BY_NAME
from bot.domain.unit import Caller
from bot.parsing.args import command_text
from bot.render import help as render_help
from bot.render import invites as render_invites
from bot.render import replies as render
from bot.render import welcome as render_welcome
from bot.render.i18n import _
from handlers import notices
from handlers.guard import placed, refusal_for, refuse_outsider, resolve_caller
from handlers.menus import publish_group_menu, publish_person_menu
from handlers.reply import answer, is_group
from handlers.step_link import STEP_BY_STEP, step_by_step
from storage import invites as invite_store
from storage import members as member_store
from storage import operations as operation_store


@placed("start")
async def start(update: Update, context: BotContext) -> None:
    """/start: join with an invite code, or say what the bot is."""
    user, chat, message = update.effective_user, update.effective_chat, update.effective_message
    if user is None or chat is None or message is None:
        return
    code = command_text(message.text or "")
    if code.split("-", 1)[0] == STEP_BY_STEP and not is_group(chat):
        await step_by_step(update, context, code)
        return
    if code and is_group(chat):
        # Everyone in the group has now seen the code and could redeem it: it is spent.
        await invite_store.burn_invite(
            context.db,
            code=code,
            user_id=user.id,
            chat_id=chat.id,
            now=context.clock.now(),
            update_id=update.update_id,
        )
        await answer(update, _(render.INVITE_BURNED))
        return
    if code:
        # A redelivered tap is answered as the first was; the coordinator heard of it then.
        repeat = await context.db.carried_out(update.update_id)
        try:
            invite = await invite_store.redeem_invite(
                context.db,
                code=code,
                user_id=user.id,
                now=context.clock.now(),
                update_id=update.update_id,
            )
        except invite_store.AlreadyMember as already:
            await _already_member(
                update,
                context,
                operation_id=already.args[0],
                by_this_link=isinstance(already, invite_store.JoinedBefore),
            )
            return
        except invite_store.InviteRefused as refusal:
            await answer(update, render_invites.invite_refused(str(refusal)))
            return
        operation = await operation_store.get_operation(
            context.db, operation_id=invite.operation_id
        )
        assert operation is not None
        member = await member_store.membership(
            context.db, operation_id=operation.id, user_id=user.id
        )
        if not repeat:
            # Told before the welcome: whoever waits on the welcome finds the notice already sent.
            await notices.tell_inviter(
                context,
                invite,
                operation,
                name=user.full_name,
                agency_code=member.agency_code if member else None,
            )
        said = render.joined(
            operation, role=invite.role, agency_code=member.agency_code if member else None
        )
        others = [
            o
            for m in await member_store.memberships_of(context.db, user_id=user.id)
            if m.operation_id != operation.id
            and (o := await operation_store.get_operation(context.db, operation_id=m.operation_id))
        ]
        if others:
            said += "\n" + render_welcome.private_now_in(operation, others)
        await answer(update, said, operation=operation)
        await publish_person_menu(context, user_id=user.id, chat_id=chat.id, role=invite.role)
        return
    resolved = await resolve_caller(context, user_id=user.id, chat=chat)
    caller = resolved if isinstance(resolved, Caller) else None
    # An officer in private gets a way into guided entry without knowing the grammar.
    reports = caller is not None and refusal_for(caller, BY_NAME["seizure"]) is None
    markup = (
        InlineKeyboardMarkup([[InlineKeyboardButton(_("New report"), callback_data="draft:new")]])
        if reports and not is_group(chat)
        else None
    )
    welcome = render_welcome.welcome(caller, _place(update), reports=reports)
    await answer(update, welcome, caller, reply_markup=markup)


async def _already_member(
    update: Update, context: BotContext, *, operation_id: int, by_this_link: bool
) -> None:
    assert update.effective_user is not None
    operation = await operation_store.get_operation(context.db, operation_id=operation_id)
    member = await member_store.membership(
        context.db, operation_id=operation_id, user_id=update.effective_user.id
    )
    assert operation is not None and member is not None
    said = render_invites.joined_before if by_this_link else render.already_member
    await answer(
        update,
        said(operation, role=member.role, agency_code=member.agency_code),
        operation=operation,
    )


def _place(update: Update) -> str:
    chat = update.effective_chat
    return "group" if chat is not None and is_group(chat) else "private"


@placed("help")
async def help_(update: Update, context: BotContext) -> None:
    """/help and /help COMMAND."""
    user, chat, message = update.effective_user, update.effective_chat, update.effective_message
    if user is None or chat is None or message is None:
        return
    resolved = await resolve_caller(context, user_id=user.id, chat=chat)
    caller = resolved if isinstance(resolved, Caller) else None
    wanted = command_text(message.text or "")
    if wanted:
        name = wanted.split()[0]
        role = caller.role if caller is not None else None
        topic = render_help.help_topic(name, context.bot_data.catalogue, role)
        if topic is None:
            topic = render.help_command(name, caller) + render_help.more_on(name, role)
        await answer(update, topic, caller)
        return
    if caller is not None and caller.role is not None and is_group(chat):
        # The group's default menu is the officers'; whoever asks gets their own list here.
        await publish_group_menu(context, user_id=user.id, chat_id=chat.id, role=caller.role)
    await answer(update, render.help_list(caller, _place(update)), caller)


# In a group, listing the person's operations would show them to everyone there: private only.
@placed("use")
async def use(update: Update, context: BotContext) -> None:
    """/use OPCODE: pick the operation for this private chat."""
    user, chat, message = update.effective_user, update.effective_chat, update.effective_message
    if user is None or chat is None or message is None:
        return
    db = context.db
    mine = await member_store.memberships_of(db, user_id=user.id)
    is_admin = user.id in context.config.access.admins
    if not mine and not is_admin:
        await refuse_outsider(update, context)
        return
    code = command_text(message.text or "").strip()
    operation = await operation_store.find_operation(db, code=code) if code else None
    if operation is None or not (is_admin or operation.id in {m.operation_id for m in mine}):
        # An admin may use any operation (one just created, though no member of it).
        ops = await operation_store.all_operations(db) if is_admin else [
            op
            for m in mine
            if (op := await operation_store.get_operation(db, operation_id=m.operation_id))
        ]  # fmt: skip
        codes = [op.code for op in ops]
        # The one the chat goes to, as every command reads it (handlers.guard); none while the
        # chosen one is gone and /use must confirm the other.
        found = await resolve_caller(context, user_id=user.id, chat=chat)
        in_use = isinstance(found, Caller) and found.moved_from is None
        current = found.operation.code if in_use and isinstance(found, Caller) else None
        others = [c for c in codes if c != current]
        example = others[0] if others else codes[0] if codes else "SIREN"
        said = _("Choose one of your operations: {codes}, e.g. /use {example}").format(
            codes=", ".join(codes) or _("none"), example=example
        )
        if code:  # '/use NOPE': said first that it is none of them
            none = _("{code} is not one of your operations.").format(code=html.escape(code[:40]))
            said = f"{none} {said}"
        elif current is not None:  # '/use' alone: which one is in use comes first
            now = _("Your messages in this chat go to {code}.").format(code=current)
            said = f"{now} {said}"
        await answer(update, said, long=True)  # an admin's list of every operation: in parts
        return
    await member_store.use_operation(
        db,
        user_id=user.id,
        operation_id=operation.id,
        now=context.clock.now(),
        update_id=update.update_id,
    )
    await answer(
        update,
        _("Your messages in this chat now go to {code}.").format(code=operation.code),
        operation=operation,
    )
