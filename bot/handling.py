"""What handling an update needs, set up while the first getUpdates is in flight (#16).

The handlers, with the parser and the texts they import, the substance catalogue, the clock
(bot.scheduler) and the error handler were a third of the processor time to the first getUpdates;
polling needs none of them. They are loaded once that getUpdates is out (bot.after_start); an
update that comes meanwhile is kept in the inbox and waits its turn until they are ready
(bot.inbox.InboxApplication.ready), so none is handled without them.
"""

from __future__ import annotations

import html
import logging
from datetime import datetime
from typing import Any, cast

from telegram import Update
from telegram.error import BadRequest, NetworkError

import handlers
from bot import outbox, worker
from bot.config import Config
from bot.context import BotData, OcuApplication
from bot.domain.catalogue import Catalogue
from bot.inbox import InboxApplication
from bot.limiter import may_have_arrived
from bot.render import replies as render
from bot.render.i18n import _, using
from bot.render.jobs import too_long
from bot.scheduler import Scheduler
from bot.topics import TOPIC_CLOSED
from handlers.reply import answer
from storage import import_removal
from storage import operations as operation_store
from storage.database import Database
from storage.update_claims import Repeated

log = logging.getLogger(__name__)


def set_up(app: OcuApplication) -> None:
    """The catalogue, the clock (not started) and every handler, the error handler last."""
    data = app.bot_data
    data.catalogue = Catalogue.load(
        {k: list(v) for k, v in data.config.catalogue.aliases.items()} or None
    )
    if data.with_scheduler:
        data.scheduler = Scheduler(app)
    handlers.register(app)
    app.add_error_handler(_on_error)


async def take_updates(app: OcuApplication) -> None:
    """Set up, start the clock, then let the updates kept meanwhile be handled, in order."""
    data = app.bot_data
    await import_removal.clean_up(data.db)  # what an import that failed or was killed left
    await declare_operations(data.db, data.config, data.clock.now())
    set_up(app)
    if data.scheduler is not None:
        await data.scheduler.start()
    if isinstance(app, InboxApplication):
        app.handling = True
        app.ready.set()


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
    if isinstance(error, worker.TimedOut) and isinstance(update, Update):
        # A job past its limit (/digest now at a vast operation): said, not a bare fault.
        log.warning("a job ran past its limit: %s", error)
        message = update.effective_message
        if message is not None and update.callback_query is None:
            command = ((message.text or "").split() or ["/help"])[0].split("@")[0]
            await outbox.send(update.get_bot(), message.chat_id, too_long(command, error.seconds))
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
# edit of a message deleted since (a pressed one, after its press was done and answered), an
# answer refused by a closed topic that could not go in private either (bot.topics logged it).
_HARMLESS = (
    "query is too old",
    "query id is invalid",
    "message is not modified",
    "message to edit not found",
    TOPIC_CLOSED,
)


def _harmless(error: object) -> bool:
    return isinstance(error, BadRequest) and any(h in str(error).lower() for h in _HARMLESS)
