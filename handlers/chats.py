"""Chat lifecycle and chats that speak: a group upgraded to a supergroup keeps its binding;
a message posted as a chat (an anonymous admin's, a channel's) is nobody's to act on."""

from __future__ import annotations

from html import escape

from telegram import Message, MessageEntity, Update
from telegram.ext import ApplicationHandlerStop

from bot.context import BotContext
from bot.domain.commands import BY_NAME
from bot.render.i18n import N_, _, using
from handlers.guard import reader_language
from handlers.reply import answer, replied_to
from handlers.unanswered import closest_command
from storage import operations as operation_store

# Telegram shows the group, or a channel, as the sender: who typed it is nobody's to know.
AS_THE_GROUP = N_(
    "This message was sent anonymously, as the group {chat}: I cannot tell who sent it, so I "
    "did nothing with it. Turn off “Remain anonymous” in your admin rights (or pick yourself "
    "under “Send as”) and send it again, as yourself."
)
AS_A_CHANNEL = N_(
    "This message was sent as the channel {chat}: I cannot tell who sent it, so I did nothing "
    "with it. Pick yourself under “Send as” and send it again, as yourself."
)


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


async def on_behalf(update: Update, context: BotContext) -> None:
    """A message (or an edit) posted as a chat: no command, report or answer acts on it.

    Its `from` is Telegram's GroupAnonymousBot or Channel_Bot, the same for every anonymous
    admin and every channel: attributed to it, one admin's report would be anyone's (or an
    outsider's refusal, which tells them nothing). What is addressed to the bot is answered
    with how to send it as oneself; the rest (a channel's posts forwarded into its discussion
    group, chatter) is let be. No other handler sees it.
    """
    message = update.effective_message
    if message is not None and message.sender_chat is not None and _addressed(message, context):
        chat = message.sender_chat
        said = AS_THE_GROUP if chat.id == message.chat_id else AS_A_CHANNEL
        name = chat.title or chat.username or str(chat.id)
        with using(await reader_language(update, context)):
            await answer(update, _(said).format(chat=escape(name)))
    raise ApplicationHandlerStop


def _addressed(message: Message, context: BotContext) -> bool:
    """A command of ours (not another bot's), a reply to the bot, or a mention of it."""
    if message.is_automatic_forward:
        return False  # a channel's post, copied into its discussion group by Telegram
    text = message.text or message.caption or ""
    entities = message.entities or message.caption_entities
    ours = context.bot.username.lower()
    if entities and entities[0].type == MessageEntity.BOT_COMMAND and entities[0].offset == 0:
        word = text[: entities[0].length]
        name, _at, bot = word[1:].lower().partition("@")
        return bot in ("", ours) and (name in BY_NAME or closest_command(name) is not None)
    replied = replied_to(message)
    if replied is not None and replied.from_user is not None:
        if replied.from_user.id == context.bot.id:
            return True
    return f"@{ours}" in text.lower()
