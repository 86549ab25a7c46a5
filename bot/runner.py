"""Running the bot for real: long polling by default, a webhook when the config says so."""

from __future__ import annotations

from telegram import Update

from bot import worker
from bot.app import build_application
from bot.config import Config
from storage.database import prepare


def run(config: Config) -> None:
    """Run until interrupted; the token comes from OCU_BOT_TOKEN or the config."""
    # Before Telegram is contacted: a database the bot cannot use stops it with one line.
    prepare(config.storage.database)
    app = build_application(config)
    telegram = config.telegram
    if telegram.mode == "webhook":
        from bot.webhook import serve_readable_updates  # tornado, for the webhook only

        serve_readable_updates()
        hook = telegram.webhook
        app.run_webhook(
            listen=hook.listen,
            port=hook.port,
            url_path=hook.url_path,
            webhook_url=hook.url,
            secret_token=hook.secret_token.get_secret_value() if hook.secret_token else None,
            allowed_updates=Update.ALL_TYPES,
        )
    else:
        app.run_polling(
            allowed_updates=Update.ALL_TYPES,
            timeout=telegram.poll_timeout,
            drop_pending_updates=False,
        )
    worker.shutdown()  # a heavy job still running is not waited for
