"""Answers for what no other handler took: an old button, an unknown command."""

from __future__ import annotations

from html import escape

from telegram import Update

from bot.context import BotContext
from bot.domain.unit import Caller
from bot.render.asked import did_you_mean_command
from bot.render.i18n import _
from handlers.guard import command_name, resolve_caller, spoken
from handlers.reply import answer
from handlers.unanswered import meant_command


@spoken
async def old_button(update: Update, context: BotContext) -> None:
    """A press on a button this bot no longer knows."""
    query = update.callback_query
    if query is not None:
        await query.answer(_("This button is no longer active."), show_alert=True)


@spoken
async def unknown_command(update: Update, context: BotContext) -> None:
    """A command the bot does not have: answered in private; in a group only a slip of ours."""
    chat, message = update.effective_chat, update.effective_message
    if chat is None:
        return
    name = command_name(message)
    text = message.text if message is not None and message.text else ""
    # A slip of one of ours ('/seizur', '/seizure2kg') is answered with the message corrected.
    meant = meant_command(text.strip()) if text.strip() else None
    user = update.effective_user
    if chat.type != "private":
        # Another bot's command (or a far one) is not ours.
        addressed = text.split(maxsplit=1)[0].partition("@")[2] if text else ""
        if meant is None or addressed.lower() not in ("", context.bot.username.lower()):
            return
    resolved = await resolve_caller(context, user_id=user.id, chat=chat) if user else None
    caller = resolved if isinstance(resolved, Caller) else None  # an exercise's is labelled
    if meant is not None:
        await answer(update, did_you_mean_command(*meant), caller)
        return
    await answer(
        update,
        _("I do not know {command}. /help lists what you can do.").format(command=escape(name)),
        caller,
    )
