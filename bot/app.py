"""build_application: the bot's handlers, its resources and their lifetime."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
from typing import cast

from telegram import LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.ext import ApplicationBuilder, ContextTypes, Defaults

from bot.after_start import after_first_poll, connections
from bot.config import Config
from bot.context import BotContext, BotData, OcuApplication
from bot.domain.clock import Clock, SystemClock
from bot.inbox import InboxApplication, InboxQueue
from bot.limiter import TELEGRAM_PACING, Pacing, PatientRateLimiter
from bot.ordered import PerChatProcessor
from bot.render.i18n import set_buddhist_era
from storage.database import Database

log = logging.getLogger(__name__)


def build_application(
    config: Config,
    *,
    clock: Clock | None = None,
    token: str | None = None,
    base_url: str | None = None,
    base_file_url: str | None = None,
    with_scheduler: bool = True,
    pacing: Pacing = TELEGRAM_PACING,
    read_timeout_s: float = 5.0,
) -> OcuApplication:
    """The real Application; the database opens in post_init and closes in post_shutdown.

    Its handlers, catalogue and clock are set up once it first polls (bot.handling), before
    any update is handled.

    `pacing` is Telegram's limits and the limiter's waits (bot.limiter.Pacing); tests pass the
    same on a shorter clock. `read_timeout_s`: how long a call waits for Telegram's answer
    (PTB's 5 s); the tests of an answer that comes too late shorten it rather than wait it out.
    """
    context_types = ContextTypes(context=BotContext, bot_data=BotData)
    requests, polling = connections(read_timeout_s)
    inbox = InboxQueue()
    if config.telegram.mode == "polling":
        # A webhook's update is confirmed as soon as it is queued: kept durable in put.
        inbox.sync_before_poll = True
        polling.before_poll = inbox.synced
        inbox.bodies = polling.bodies
    builder = (
        ApplicationBuilder()
        .token(token or config.token())
        .request(requests)
        .get_updates_request(polling)
        .base_url(base_url or config.telegram.base_url)
        .base_file_url(base_file_url or config.telegram.base_file_url)
        .context_types(context_types)
        .defaults(
            Defaults(
                parse_mode=ParseMode.HTML,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
            )
        )
        # Flood control: the limiter waits out 429 retry_after and spaces sends to a group; it
        # also tries again a call that never reached Telegram or got a 5xx (bot.limiter).
        .rate_limiter(
            PatientRateLimiter(
                max_retries=3,
                overall_max_rate=config.telegram.max_messages_per_second,
                pacing=pacing,
            )
        )
        # Updates are kept in SQLite before Telegram hears they arrived (bot.inbox).
        .update_queue(inbox)
        .application_class(InboxApplication)
        # Different chats side by side, each chat's and each person's updates in order: one
        # slow command no longer holds every officer's report back (bot.ordered).
        .concurrent_updates(PerChatProcessor())
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
    )
    app = cast(OcuApplication, builder.build())
    data = app.bot_data
    data.config = config
    data.polled = polling.polled if config.telegram.mode == "polling" else None
    set_buddhist_era(config.language.thai_buddhist_era)
    data.clock = clock or SystemClock()
    data.with_scheduler = with_scheduler
    data.pacing = pacing
    return app


async def _post_init(app: OcuApplication) -> None:
    data = app.bot_data
    data.db = await Database.open(data.config.storage.database)
    if isinstance(app.update_queue, InboxQueue):
        # Before polling starts: what a killed run kept and did not handle goes first.
        await app.update_queue.open(data.db, data.clock, app.bot)
    # What an import left, the operations the config declares, the handlers, the clock, the
    # menus and the worker wait for the first getUpdates; the updates that come before the
    # handlers are ready wait for them, kept (bot.handling). The collector stays off until then.
    data.after_start = asyncio.get_running_loop().create_task(
        after_first_poll(app, data.polled), name="after-first-poll"
    )


async def _post_shutdown(app: OcuApplication) -> None:
    gc.unfreeze()  # a process that starts another bot (tests, the sandbox) collects it again
    data = app.bot_data
    if data.after_start is not None:
        data.after_start.cancel()  # stopped before it polled: nothing of it is needed now
        with contextlib.suppress(asyncio.CancelledError):
            await data.after_start
        data.after_start = None
    if data.scheduler is not None:
        await data.scheduler.stop()
    if isinstance(app.update_queue, InboxQueue):
        app.update_queue.close()
    if data._db is not None:
        await data.db.close()
        data.db = None


async def start_polling(app: OcuApplication, *, poll_timeout: int = 1) -> None:
    """Start the bot by hand (sandbox, tests): what run_polling does, minus the signal handling."""
    await app.initialize()
    await _post_init(app)
    await app.start()
    assert app.updater is not None
    await app.updater.start_polling(
        poll_interval=0.0, timeout=poll_timeout, allowed_updates=Update.ALL_TYPES
    )
    if app.bot_data.after_start is not None:
        # Here, as before, the menus are published and the worker started when this returns.
        await app.bot_data.after_start


async def stop_polling(app: OcuApplication) -> None:
    """Stop a bot started with start_polling, closing the database last."""
    if app.updater is not None and app.updater.running:
        await app.updater.stop()
    if app.running:
        await app.stop()
    await app.shutdown()
    await _post_shutdown(app)
