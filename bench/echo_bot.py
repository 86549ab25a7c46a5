"""The floor as its own process: `python -m bench.echo_bot BASE_URL TOKEN`.

python-telegram-bot's bare echo handler, long polling like the bot, through PTB's limiter with no
overall flood limit (as the bot is run there): what any bot on this stack pays to answer an
update. bench/e2e_process.py runs it beside the real bot.
"""

from __future__ import annotations

import sys

from telegram import Update
from telegram.ext import AIORateLimiter, ApplicationBuilder, CommandHandler, ContextTypes


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer with the text received."""
    assert update.effective_message is not None
    await update.effective_message.reply_text(update.effective_message.text or "")


def main(base_url: str, token: str) -> None:
    """Poll until terminated."""
    # The bot's own limiter with its overall limit off, as bench/e2e.py's in-process floor: the
    # two are measured through the same limiter machinery, not the echo without any.
    app = (
        ApplicationBuilder()
        .token(token)
        .base_url(base_url)
        .rate_limiter(AIORateLimiter(overall_max_rate=0))
        .build()
    )
    app.add_handler(CommandHandler("seizure", echo))
    app.run_polling(timeout=1, poll_interval=0.0)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
