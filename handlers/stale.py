"""Answers for what no other handler took: an old button, an unknown command."""

from __future__ import annotations

from html import escape

from telegram import Update

from bot.context import BotContext
from handlers.common import answer, command_name


async def old_button(update: Update, context: BotContext) -> None:
    """A press on a button this bot no longer knows."""
    query = update.callback_query
    if query is not None:
        await query.answer("This button is no longer active.", show_alert=True)


async def unknown_command(update: Update, context: BotContext) -> None:
    """A command the bot does not have, in a private chat; groups stay quiet for other bots."""
    chat = update.effective_chat
    if chat is None or chat.type != "private":
        return
    name = command_name(update.effective_message)
    await answer(update, f"I do not know {escape(name)}. /help lists what you can do.")
