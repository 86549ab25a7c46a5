"""At-least-once updates: each one kept in SQLite before Telegram hears it arrived.

PTB confirms the updates it fetched with the offset of its next getUpdates, which it sends as
soon as it has put them into the Application's update queue, before they are handled; in webhook
mode it answers Telegram's POST once the update is in the queue. So the queue is where an update
is kept: `InboxQueue.put` commits it before queueing it, `InboxApplication.process_update` marks
it handled, and at start-up (post_init, before polling) the updates kept and not handled are
queued first. Every handler that changes state is once-only, so handling an update again is safe.

When polling, the kept copy is made durable just before the next getUpdates (`synced`, called by
bot.after_start.PollRequest) rather than before the update is queued: the handler starts at once,
and the fsync that a report's own commit makes shortly after often covers both (one fsync, not
two, storage.inline_commits). Telegram still hears of no update before it is on disk.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
from collections.abc import Callable
from typing import Any

from telegram import Update
from telegram.ext import Application, ExtBot

from bot import topics, worker
from bot.context import BotContext, BotData
from bot.domain.clock import Clock
from storage import inbox as inbox_store
from storage.database import Database
from storage.update_claims import Repeated

log = logging.getLogger(__name__)

# Where an update carries what someone typed, and the entities counted in that text.
_MESSAGES = (
    "message",
    "edited_message",
    "channel_post",
    "edited_channel_post",
    "business_message",
    "edited_business_message",
)
_TEXTS = (("text", "entities"), ("caption", "caption_entities"))


def _moved(entities: list[dict[str, Any]], removed: list[int]) -> list[dict[str, Any]]:
    """Entities shifted over the removed UTF-16 positions; one left empty goes."""
    kept = []
    for entity in entities:
        start, end = entity["offset"], entity["offset"] + entity["length"]
        before = sum(1 for at in removed if at < start)
        inside = sum(1 for at in removed if start <= at < end)
        if entity["length"] > inside:
            kept.append(entity | {"offset": start - before, "length": entity["length"] - inside})
    return kept


def visible(update: Update) -> Update:
    """The update with its texts as bot.parsing.typed cleans them; itself if none needs it.

    The one place typed text is cleaned: every handler, parser and stored row sees it so.
    """
    from bot.parsing.typed import has_hidden, visible_text  # with the handlers (bot.handling)

    body: dict[str, Any] | None = None
    for key in _MESSAGES:
        message = getattr(update, key, None)
        if message is None:
            continue
        for field, entities in _TEXTS:
            value = getattr(message, field, None)
            if not value or not has_hidden(value):
                continue
            body = body if body is not None else update.to_dict()
            text, removed = visible_text(value)
            body[key][field] = text
            if body[key].get(entities):
                body[key][entities] = _moved(body[key][entities], removed)
    if body is None:
        return update
    try:
        bot = update.get_bot()
    except RuntimeError:  # an update made without a bot (a test's), kept so
        bot = None
    return Update.de_json(body, bot)


# A command as Telegram's clients mark it: a slash, then Latin letters, digits or _, and the bot's
# @username perhaps; nothing glued after it.
_COMMAND = re.compile(r"/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?(?![\w/])")


def commands_marked(update: dict[str, Any]) -> dict[str, Any]:
    """The update with a text that starts with a command marked as one, if it came unmarked.

    Telegram's clients mark a command with a bot_command entity, and PTB's CommandHandler
    reads the entity, not the text: a server or client that marks nothing ('/seizure 2kg meth'
    with no entities) would have every command taken for chatter. Marked as Telegram would;
    the update itself when nothing needed it. Polling (bot.after_start.PollRequest) and the
    webhook (bot.webhook) both come through here.
    """
    for key in _MESSAGES:
        message = update.get(key)
        if not isinstance(message, dict):
            continue
        for field, entities in _TEXTS:
            value = message.get(field)
            found = _COMMAND.match(value) if isinstance(value, str) else None
            # Only a text with no entities at all: one with some was marked by a client that
            # left the command unmarked on purpose ('/void 1' quoted as code is no command).
            if found is None or message.get(entities):
                continue
            command = {"type": "bot_command", "offset": 0, "length": found.end()}  # ASCII only
            message = message | {entities: [command]}
            update = update | {key: message}
    return update


def readable(update: Any) -> Any:
    """The update (a dict as Telegram sent it) if this PTB can read it, else only its id.

    An update PTB cannot read (a field its Bot API version requires and the server's lacks) is
    kept and handled as an empty one, so that Telegram hears it arrived and sends the next:
    refused, it came again and again and nothing after it was handled. Polling
    (bot.after_start.PollRequest) and the webhook (bot.webhook) both come through here; said
    in the log once, when it is skipped.
    """
    try:
        Update.de_json(update, None)
    except Exception as exc:
        number = update.get("update_id") if isinstance(update, dict) else None
        log.error("update %s cannot be read by this python-telegram-bot, skipped: %s", number, exc)
        return {"update_id": number}
    return update


# How many handled updates' answers are remembered in memory, for copies that came while the
# first was in hand (the database remembers the rest: storage.inbox.keep).
_ANSWERS_KEPT = 10_000


class InboxQueue(asyncio.Queue[object]):
    """The Application's (and the Updater's) update queue; updates are kept before queued."""

    def __init__(self) -> None:
        super().__init__()
        self.db: Database | None = None
        self.clock: Clock | None = None
        # Updates in the queue whose handling has not begun: one of them fetched again (the
        # offset of a new run starts below it) is not queued twice.
        self.queued: set[int] = set()
        # Updates this run took up from the inbox: the killed run may not have confirmed them,
        # so Telegram sends them again; that copy is the same delivery, not a repeat to answer.
        self.replayed: set[int] = set()
        # Polling: the kept copies are synced before the next getUpdates (`synced`), not in put.
        self.sync_before_poll = False
        self._unsynced = False
        # Polling: the updates of the last getUpdates as Telegram sent them, by id
        # (bot.after_start.PollRequest.bodies); kept as they came rather than rebuilt.
        self.bodies: dict[int, str] = {}
        # Bookkeeping a handler leaves for the transaction that marks its update handled.
        self.with_handled: dict[int, list[Callable[[Any], None]]] = {}
        # Updates delivered again after they were handled, by id: whether the first handling
        # answered (None: the first was still in hand, and says so when it ends). They are
        # answered "Already answered" (or not at all), never handled again.
        self.repeats: dict[int, bool | None] = {}
        # Updates being handled now, and whether recent ones answered (for a copy that came
        # while its first was in hand: queued behind it in its chat's line, it asks then).
        self.in_hand: set[int] = set()
        self.answered: dict[int, bool] = {}

    async def put(self, item: object) -> None:
        """Keep an update (committed), then queue it; one still waiting here is not queued twice."""
        if isinstance(item, Update) and self.db is not None and self.clock is not None:
            if item.update_id in self.queued or item.update_id in self.replayed:
                log.info("update %s is already in hand", item.update_id)
                return
            if item.update_id in self.in_hand:
                # Being handled now: handled again behind it, a refusal of it could take effect
                # behind the command that changed that (a /bind waiting in the same chat's line).
                self.repeats[item.update_id] = None
                await super().put(item)
                return
            body = self.bodies.pop(item.update_id, None) or json.dumps(
                item.to_dict(), ensure_ascii=False
            )
            before = await inbox_store.keep(
                self.db,
                update_id=item.update_id,
                body=body,
                now=self.clock.now(),
                durable=not self.sync_before_poll,
            )
            if before is not None:
                self.repeats[item.update_id] = before.answered
            self._unsynced = self.sync_before_poll
            self.queued.add(item.update_id)
        await super().put(item)

    async def synced(self) -> None:
        """Make the updates kept so far durable; called before a getUpdates confirms them."""
        if not self._unsynced or self.db is None:
            return
        self._unsynced = False
        try:
            await self.db.sync()
        except BaseException:
            self._unsynced = True  # not confirmed: the getUpdates that called this fails too
            raise

    async def open(self, db: Database, clock: Clock, bot: ExtBot[None]) -> int:
        """Queue what a stopped run kept and did not handle, then keep what comes; how many."""
        waiting = await inbox_store.waiting(db)
        for body in waiting:
            update = Update.de_json(json.loads(body), bot)
            self.queued.add(update.update_id)
            self.replayed.add(update.update_id)
            await super().put(update)
        self.db, self.clock = db, clock
        if waiting:
            log.info("taking up %d update(s) kept by an earlier run and not handled", len(waiting))
        return len(waiting)

    def close(self) -> None:
        """The database closes: updates are no longer kept (nor fetched by then)."""
        self.db = None


def along_with_handled(queue: object, update_id: int, write: Callable[[Any], None]) -> bool:
    """Leave a lossy write (storage.seizures.reply_of) to the update's handled mark; False if
    the update is not kept in an inbox (the caller then writes it itself).

    The mark's transaction comes as the handler ends, before the next update of its chat or
    sender begins (bot.ordered): one write transaction per report fewer.
    """
    if not isinstance(queue, InboxQueue) or queue.db is None:
        return False
    queue.with_handled.setdefault(update_id, []).append(write)
    return True


class InboxApplication(
    Application[ExtBot[None], BotContext, dict[Any, Any], dict[Any, Any], BotData, Any]
):
    """The Application, marking each kept update handled once it was processed.

    It polls before its handlers are loaded (bot.handling): an update waits for `ready`, and
    is handled only if they are (`handling`); else it stays kept for the next run to take up.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.ready = asyncio.Event()
        self.handling = False

    async def stop(self) -> None:
        """Stop as PTB does, the worker's running jobs ended first (bot.worker.abandoning).

        PTB's stop waits for every update being handled: an export's handler waited for its
        job, and a SIGTERM was not obeyed for minutes. Abandoned, the handler says so and ends.
        """
        # Stopped before the handlers were ready: the updates waiting for them are left kept.
        self.ready.set()
        with worker.abandoning():
            await super().stop()

    async def process_update(self, update: object) -> None:
        """Process as PTB does (handler faults go to the error handler), then mark it handled."""
        await self.ready.wait()
        if not self.handling:
            return  # kept, not handled: the next run takes it up (InboxQueue.open)
        queue = self.update_queue
        if isinstance(update, Update):
            update = visible(update)
        if isinstance(update, Update) and isinstance(queue, InboxQueue):
            queue.queued.discard(update.update_id)  # a redelivery from now on is a repeat
            if update.update_id in queue.repeats:
                first = queue.repeats.pop(update.update_id)
                await self._repeated(
                    update, queue.answered.get(update.update_id, True) if first is None else first
                )
                return
            queue.in_hand.add(update.update_id)
        answered = False
        try:
            with topics.answering(update):  # its answers go to its forum topic
                try:
                    await super().process_update(update)
                finally:
                    answered = topics.answered()
        finally:
            also = (
                queue.with_handled.pop(update.update_id, [])
                if isinstance(update, Update) and isinstance(queue, InboxQueue)
                else []
            )
            if isinstance(update, Update) and isinstance(queue, InboxQueue):
                queue.answered[update.update_id] = answered
                if len(queue.answered) > _ANSWERS_KEPT:  # the oldest half forgotten
                    for old in list(queue.answered)[: _ANSWERS_KEPT // 2]:
                        del queue.answered[old]
        if not (isinstance(update, Update) and isinstance(queue, InboxQueue)):
            return
        try:
            if queue.db is not None:
                assert queue.clock is not None
                await inbox_store.handled(
                    queue.db,
                    update_id=update.update_id,
                    now=queue.clock.now(),
                    answered=answered,
                    also=also,
                )
        finally:
            # In hand until marked: a copy that comes before the mark is a repeat (above).
            queue.in_hand.discard(update.update_id)

    async def _repeated(self, update: Update, answered: bool) -> None:
        """Answer an update delivered again after it was handled, without handling it again.

        Handled again, a refusal could take effect against what changed since (a report sent
        to a group before its /bind, a /restore refused before a /void): the first handling is
        the one that counts. A press is told "Already answered" on the presser's screen, a message
        whose first handling answered it in its chat; an edit or a message the bot kept quiet
        about (chatter in the group) is not answered again.
        """
        log.info("update %s was handled before; not handled again", update.update_id)
        if update.callback_query is None and (update.message is None or not answered):
            return
        with topics.answering(update):
            await self.process_error(update, Repeated(update.update_id))
