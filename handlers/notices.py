"""Telling a person in private what someone else did: to their report, with their invite."""

from __future__ import annotations

import logging
from typing import Protocol

from telegram import Chat, Update
from telegram.constants import ChatType
from telegram.error import BadRequest, Forbidden

from bot import outbox
from bot.context import BotContext
from bot.domain.stored import StoredSeizure
from bot.domain.unit import Caller, Invite, Operation
from bot.render import asked as render_asked
from bot.render import invites as render_invites
from bot.render.i18n import _, using
from bot.render.seizure import item_line
from storage import members as member_store
from storage import operations as operation_store

log = logging.getLogger(__name__)


async def reader_tz(context: BotContext, *, operation_id: int, agency_id: int | None) -> str | None:
    """The zone of the reader's agency, if they have one."""
    if agency_id is None:
        return None
    for agency in await operation_store.agencies(context.db, operation_id=operation_id):
        if agency.id == agency_id:
            return agency.tz
    return None


class Acknowledged(Protocol):
    """A report as far as its acknowledgement goes: a stored report, or a photo's reference."""

    @property
    def operation_id(self) -> int: ...
    @property
    def officer_id(self) -> int: ...
    @property
    def reply_chat_id(self) -> int | None: ...
    @property
    def reply_message_id(self) -> int | None: ...


async def acknowledgement_at(context: BotContext, report: Acknowledged) -> tuple[int, int] | None:
    """The report's acknowledgement (chat, message), if the bot may edit it for this operation.

    Never in a chat of another operation (a report imported with another's references, or a
    group bound elsewhere since): the edit would show this operation's report there.
    """
    chat_id, message_id = report.reply_chat_id, report.reply_message_id
    if chat_id is None or message_id is None:
        return None
    operation_id = report.operation_id
    if not await member_store.speaks_for(
        context.db, operation_id=operation_id, officer_id=report.officer_id, chat_id=chat_id
    ):
        log.info("acknowledgement in chat %s is not operation %s's: left", chat_id, operation_id)
        return None
    return chat_id, message_id


async def bound_elsewhere(
    context: BotContext, *, chat: Chat, operation_id: int, officer_id: int
) -> bool:
    """Whether `chat` is a group no longer bound to the report's operation: it shows none of it."""
    if chat.type not in (ChatType.GROUP, ChatType.SUPERGROUP):
        return False  # a private chat is judged by membership, where the caller is checked
    return not await member_store.speaks_for(
        context.db, operation_id=operation_id, officer_id=officer_id, chat_id=chat.id
    )


async def tell_author(
    update: Update,
    context: BotContext,
    caller: Caller,
    seizure: StoredSeizure,
    *,
    restored: bool,
    reason: str,
) -> None:
    """The report's author hears in private when someone else voided or restored it."""
    if seizure.officer_id == caller.user_id:
        return  # they did it themselves and saw the answer
    if (
        await member_store.membership(
            context.db, operation_id=seizure.operation_id, user_id=seizure.officer_id
        )
        is None
    ):
        return  # not (or no longer) in the operation: its reports are none of their business
    chat_id = await member_store.private_chat_of(context.db, user_id=seizure.officer_id)
    if chat_id is None:
        return  # never opened the private chat: the bot may not write first
    user = update.effective_user
    operation = caller.operation
    now = context.clock.now()
    tz = await reader_tz(context, operation_id=operation.id, agency_id=seizure.agency_id)
    # Written for the author, in the author's language, not the one who voided it.
    language = await member_store.language_of(context.db, user_id=seizure.officer_id)
    try:
        with using(language):
            text = render_asked.report_changed_by(
                seizure,
                operation,
                items="; ".join(item_line(i) for i in seizure.items),
                restored=restored,
                actor=user.full_name if user is not None else _("a coordinator"),
                reason=reason,
                when=render_asked.zoned(now, tz or operation.tz, operation.tz, "%d %b %H:%M"),
            )
            await outbox.send(context.bot, chat_id, text, operation=operation)
    except Forbidden:
        log.info("author %s blocked the bot; not told of report %s", seizure.officer_id, seizure.id)
    except BadRequest as error:
        # "Chat not found": the author's private chat is gone on Telegram's side. The change is
        # done and answered; the notice is a courtesy, never a reason to report a fault.
        if "chat not found" not in error.message.lower():
            raise
        log.info(
            "author %s has no private chat; not told of report %s", seizure.officer_id, seizure.id
        )


async def tell_inviter(
    context: BotContext, invite: Invite, operation: Operation, *, name: str, agency_code: str | None
) -> None:
    """The coordinator who made an invite hears in private, in their language, who used it."""
    if invite.created_by is None:
        return
    chat_id = await member_store.private_chat_of(context.db, user_id=invite.created_by)
    if chat_id is None:
        return  # never opened the private chat: the bot may not write first
    language = await member_store.language_of(context.db, user_id=invite.created_by)
    try:
        with using(language):
            text = render_invites.someone_joined(
                operation, name=name, role=invite.role, agency_code=agency_code
            )
            await outbox.send(context.bot, chat_id, text, operation=operation)
    except (Forbidden, BadRequest) as error:
        # A courtesy: the person has joined and was answered whatever happens here.
        log.info("coordinator %s not told of a used invite: %s", invite.created_by, error)
