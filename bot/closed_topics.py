"""A forum whose General topic is closed: the clock's messages refused, the coordinators told.

The digest, reminders and phase announcements go to a forum's General topic (bot.topics). An
admin may close it; Telegram then refuses the bot there with "TOPIC_CLOSED" (unless the bot is
an admin who may manage topics). Whether General is open is the group's decision, not the
bot's, and no other topic is known to be everyone's. So each message is tried once and recorded
failed with Telegram's reason (bot.delivery does not retry a refusal), never dropped unsaid:
the operation's coordinators are told in private, once each time it closes, not again while
the messages after it are refused the same way. Each one after is still tried once: the first
after General is reopened goes there.
"""

from __future__ import annotations

import logging

from telegram import Bot
from telegram.error import TelegramError

from bot import outbox
from bot.domain.unit import Operation, Role
from bot.render.clock import general_closed
from bot.render.i18n import using
from bot.topics import TOPIC_CLOSED, refused_as_closed
from storage import members as member_store
from storage import operations as operation_store
from storage import schedule as schedule_store
from storage.database import Database
from storage.schedule import ScheduledMessage

log = logging.getLogger(__name__)

# One reading of Telegram's refusal for the clock's messages and the answers (bot.topics).
__all__ = ["TOPIC_CLOSED", "refused_as_closed", "tell_coordinators"]


async def tell_coordinators(
    bot: Bot, db: Database, operation: Operation, row: ScheduledMessage, chat_id: int
) -> int:
    """Tell each coordinator in private that `row` was refused in `chat_id`, unless the chat's
    message before it was refused so too (they were told then); how many were told."""
    if await schedule_store.refused_before(
        db, chat_id=chat_id, scheduled_id=row.id, error=TOPIC_CLOSED
    ):
        return 0
    group = await operation_store.chat_title(db, chat_id=chat_id)
    told = 0
    for member in await member_store.members(db, operation_id=operation.id):
        if member.role is not Role.COORDINATOR:
            continue
        private = await member_store.private_chat_of(db, user_id=member.user_id)
        if private is None:
            continue  # never opened the private chat: the bot may not write first
        language = await member_store.language_of(db, user_id=member.user_id)
        try:
            with using(language):
                text = general_closed(row.kind, operation, group)
                await outbox.send(bot, private, text, operation=operation)
        except TelegramError as error:
            log.info("coordinator %s not told of the closed topic: %s", member.user_id, error)
            continue
        told += 1
    if not told:
        log.warning(
            "%s of operation %s refused in chat %s (General topic closed); no coordinator told",
            row.kind,
            operation.code,
            chat_id,
        )
    return told
