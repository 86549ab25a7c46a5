"""Webhook mode's server: PTB's, with an update it cannot read acknowledged and skipped.

PTB answers such a post 400, and Telegram posts a refused update again and again, for hours,
before any later one: one bad update stopped the bot. Here it is taken as polling takes it
(bot.inbox.readable): kept and handled as an empty update, answered 200, said in the log once.
Imported in webhook mode only (PTB's server needs tornado).
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

import tornado.web
from telegram import Bot
from telegram.ext import _updater
from telegram.ext._utils.webhookhandler import TelegramHandler, WebhookAppClass

from bot.inbox import commands_marked, readable


class _ReadingHandler(TelegramHandler):
    """PTB's handler of Telegram's posts, the update made readable before PTB reads it."""

    async def post(self) -> None:
        """Checked as PTB checks a post (its secret first), then PTB's own handling."""
        self._validate_post()  # a forged post is refused before its body is looked at
        try:
            update = json.loads(self.request.body)
        except ValueError:
            update = None  # not JSON: PTB answers it as it does
        if isinstance(update, dict):
            kept = readable(update)
            kept = commands_marked(kept) if isinstance(kept, dict) else kept
            if kept is not update:
                self.request.body = json.dumps(kept).encode()
        await super().post()


class _WebhookApp(WebhookAppClass):
    """PTB's webhook application, serving its path with `_ReadingHandler`."""

    def __init__(
        self,
        webhook_path: str,
        bot: Bot,
        update_queue: asyncio.Queue[Any],
        secret_token: str | None = None,
    ):
        self.shared_objects = {
            "bot": bot,
            "update_queue": update_queue,
            "secret_token": secret_token,
        }
        handlers = [(rf"{webhook_path}/?", _ReadingHandler, self.shared_objects)]
        tornado.web.Application.__init__(self, handlers)


def serve_readable_updates() -> None:
    """Have PTB's Updater build its webhook server with `_WebhookApp` (before run_webhook)."""
    # PTB names no hook for its handler: the Updater builds WebhookAppClass by this name.
    _updater.WebhookAppClass = _WebhookApp  # type: ignore[attr-defined]
