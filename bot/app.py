"""build_application: the bot's handlers, its resources and their lifetime."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import html
import logging
from datetime import datetime
from typing import Any, cast

from telegram import LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest, NetworkError
from telegram.ext import ApplicationBuilder, ContextTypes, Defaults

import handlers
from bot import outbox, worker
from bot.after_start import after_first_poll, connections
from bot.config import Config
from bot.context import BotContext, BotData, OcuApplication
from bot.domain.catalogue import Catalogue
from bot.domain.clock import Clock, SystemClock
from bot.inbox import InboxApplication, InboxQueue
from bot.limiter import TELEGRAM_PACING, Pacing, PatientRateLimiter, may_have_arrived
from bot.ordered import PerChatProcessor
from bot.render import replies as render
from bot.render.i18n import _, set_buddhist_era, using
from bot.scheduler import Scheduler
from handlers.reply import answer
from storage import import_removal
from storage import operations as operation_store
from storage.database import Database
from storage.update_claims import Repeated

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
    data.catalogue = Catalogue.load(
        {k: list(v) for k, v in config.catalogue.aliases.items()} or None
    )
    if with_scheduler:
        data.scheduler = Scheduler(app)
    handlers.register(app)
    app.add_error_handler(_on_error)
    return app


async def _post_init(app: OcuApplication) -> None:
    data = app.bot_data
    data.db = await Database.open(data.config.storage.database)
    await import_removal.clean_up(data.db)  # what an import that failed or was killed left
    if isinstance(app.update_queue, InboxQueue):
        # Before polling starts: what a killed run kept and did not handle goes first.
        await app.update_queue.open(data.db, data.clock, app.bot)
    await declare_operations(data.db, data.config, data.clock.now())
    if data.scheduler is not None:
        await data.scheduler.start()
    # The menus and the worker wait for the first getUpdates: an update needs neither.
    data.after_start = asyncio.get_running_loop().create_task(
        after_first_poll(app, data.polled), name="after-first-poll"
    )
    # What start-up made lives as long as the bot: out of the collector's reach, a full
    # collection scans only what came since (it scanned everything: 45 ms of CPU held the loop).
    gc.freeze()
    gc.enable()  # `python -m bot` starts with it off (bot.__main__): imports make no garbage


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


async def declare_operations(db: Database, config: Config, now: datetime) -> None:
    """Operations named in the config file are created at start-up when missing."""
    for declared in config.operation:
        if await operation_store.find_operation(db, code=declared.code) is None:
            await operation_store.create_operation(
                db,
                code=declared.code,
                title=declared.title,
                tz=declared.timezone,
                exercise=declared.exercise,
                actor_id=None,
                now=now,
                digest_time=config.schedule.default_digest_time,
                undo_window_s=config.operations.undo_window_minutes * 60,
                phase_warning_s=int(config.operations.phase_warning_hours * 3600),
            )


async def _on_error(update: object, context: Any) -> None:
    """Log the traceback; tell the person one polite line, never the traceback."""
    # The handler's language ended with it: the line is said in the person's language again,
    # from what is known without the database (the fault may be the database's).
    with using(_language_of(update, context)):
        await _tell_error(update, context)


def _language_of(update: object, context: Any) -> str | None:
    if not isinstance(update, Update) or update.effective_user is None:
        return None
    user = update.effective_user
    chosen = cast(BotData, context.bot_data).languages.get(user.id)
    return chosen or user.language_code


async def _tell_error(update: object, context: Any) -> None:
    if isinstance(context.error, Repeated):
        # Not a fault: storage refused to make a change twice for one update.
        log.info("update %s was carried out before; not done again", context.error)
        if isinstance(update, Update) and update.callback_query is not None:
            try:
                await update.callback_query.answer(_(render.REPEATED))
            except BadRequest:  # a redelivered press is too old to answer: it was, the first time
                pass
        elif isinstance(update, Update):
            await answer(update, html.escape(_(render.REPEATED)))
        return
    error = context.error
    if isinstance(error, worker.Abandoned) and isinstance(update, Update):
        # Not a fault: the bot is stopping and ended the job (a chart, the debriefing pack).
        log.info("a job was abandoned as the bot stopped: %s", error)
        if update.effective_chat is not None and update.callback_query is None:
            await outbox.send(
                update.get_bot(), update.effective_chat.id, html.escape(_(render.STOPPED))
            )
        return
    if _harmless(error):
        log.info("nothing to do: %s", error)
        return
    log.error("error while handling an update", exc_info=error)
    if isinstance(error, NetworkError) and may_have_arrived(error):
        # The answer got no reply in time and may have arrived, after whatever the handler
        # committed: "try again" would have it done twice.
        return
    if isinstance(update, Update) and update.callback_query is not None:
        # A press is answered on the presser's screen, never with a line posted to a group.
        try:
            await update.callback_query.answer(_(render.FAULT), show_alert=True)
        except BadRequest:  # the press is too old to answer: nothing more to say
            log.info("could not answer the press that faulted", exc_info=True)
        return
    if isinstance(update, Update) and update.effective_chat is not None:
        try:
            await outbox.send(
                update.get_bot(), update.effective_chat.id, html.escape(_(render.FAULT))
            )
        except Exception:  # the network may be the very thing that failed
            log.warning("could not tell the chat about the error", exc_info=True)


# Telegram's answers that mean "nothing to do": a press answered already or too late (a
# redelivered callback query), an edit that changes nothing (a forged or repeated press), an
# edit of a message deleted since (a pressed one, after its press was done and answered).
_HARMLESS = (
    "query is too old",
    "query id is invalid",
    "message is not modified",
    "message to edit not found",
)


def _harmless(error: object) -> bool:
    return isinstance(error, BadRequest) and any(h in str(error).lower() for h in _HARMLESS)
