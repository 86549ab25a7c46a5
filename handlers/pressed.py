"""Button presses: whether a press is on the message that shows its button."""

from __future__ import annotations

from telegram import CallbackQuery, Message

from bot.render.i18n import N_

NOT_ACTIVE = N_("This button is no longer active.")


def on_its_message(query: CallbackQuery, *, kind: str | None = None) -> bool:
    """Whether the pressed message shows this button now (with `kind`: any button of that kind).

    Any client can send any callback data under any message of the bot's; Telegram hands over
    the message as it is, so data it does not show was forged there (or the button has since
    been replaced) and must change nothing, least of all that message.
    """
    message = query.message
    if not isinstance(message, Message) or message.reply_markup is None:
        return False
    shown = [b.callback_data for row in message.reply_markup.inline_keyboard for b in row]
    if kind is not None:
        return any(isinstance(data, str) and data.startswith(kind) for data in shown)
    return query.data in shown
