"""Chat lifecycle: a group upgraded to a supergroup keeps its binding."""

from __future__ import annotations

from telegram import Update

from bot.context import BotContext
from storage import operations as operation_store


async def migrated(update: Update, context: BotContext) -> None:
    """Telegram's migrate_to_chat_id: the new supergroup id replaces the old group id."""
    message = update.effective_message
    if message is None:
        return
    if message.migrate_to_chat_id is not None:
        old, new = message.chat_id, message.migrate_to_chat_id
    elif message.migrate_from_chat_id is not None:
        old, new = message.migrate_from_chat_id, message.chat_id
    else:
        return
    await operation_store.migrate_chat(
        context.db, old_chat_id=old, new_chat_id=new, now=context.clock.now()
    )
