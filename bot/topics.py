"""Forum topics: an answer goes to the topic its question was asked in, never to General.

In a forum supergroup every message of a topic carries `message_thread_id` (with
`is_topic_message`); a message sent without that id goes to the General topic, whatever it
quotes when its quote is gone, and a long answer's later parts quote nothing. So the topic of
the update being handled is kept here (`answering`, around each update: bot.inbox) and every
send to that update's chat names it (`here`), whichever handler sends.

What the clock sends (the digest, reminders, phase announcements) belongs to no update: it goes
to the group's General topic, which every member of a forum has. An admin may close General:
the clock's messages are refused then, and the coordinators told (bot.closed_topics).

Telegram refuses a reply in a topic to a message deleted since ("message to be replied not
found": allow_sending_without_reply does not apply in topics), and a message to a topic deleted
since ("message thread not found"). The answer is not lost for either: `posted` sends it again
without the quote, then without the topic.

An admin may close a topic, General too; Telegram then refuses the bot there with
"TOPIC_CLOSED". An answer refused so goes to the asker's private chat, after a line saying why
(once an update); one who never opened that chat is not reachable, which is logged once each.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from telegram import Message, ReplyParameters, Update
from telegram.error import BadRequest, TelegramError

from bot.render.clock import answered_in_private

log = logging.getLogger(__name__)

# (chat id, topic id) of the update being handled, when it came from a forum's topic.
_topic: ContextVar[tuple[int, int] | None] = ContextVar("topic", default=None)
_QUOTE_GONE = "message to be replied not found"
_TOPIC_GONE = "message thread not found"
TOPIC_CLOSED = "topic_closed"  # Telegram's "Bad Request: TOPIC_CLOSED" (PTB: "Topic_closed")


@dataclass
class _Asker:
    """Who the update being handled came from, in which chat, whether told of a closed topic
    yet, and whether anything was sent to them or their chat (an answer)."""

    update: Update
    chat_id: int
    user_id: int
    group: str
    told: bool = False
    answered: bool = False


_asker: ContextVar[_Asker | None] = ContextVar("asker", default=None)
_unreachable: set[tuple[int, int]] = set()  # (chat, user) warned of: logged once each


def refused_as_closed(error: str | None) -> bool:
    """Whether a send was refused because the topic it went to is closed."""
    return error is not None and TOPIC_CLOSED in error.lower()


def topic_of(update: object) -> tuple[int, int] | None:
    """The forum topic an update came from: (chat id, topic id), or None (General, no forum)."""
    if not isinstance(update, Update):
        return None
    message = update.effective_message
    if not isinstance(message, Message) or not message.is_topic_message:
        return None  # a reply chain's message_thread_id in a plain supergroup is no topic
    if message.message_thread_id is None:
        return None
    return message.chat_id, message.message_thread_id


@contextmanager
def answering(update: object) -> Iterator[None]:
    """While an update is handled, what is sent to its chat goes to its topic."""
    token = _topic.set(topic_of(update))
    asker = None
    if isinstance(update, Update) and update.effective_chat and update.effective_user:
        chat, user = update.effective_chat, update.effective_user
        asker = _Asker(update, chat.id, user.id, chat.title or "")
    asked = _asker.set(asker)
    try:
        yield
    finally:
        _asker.reset(asked)
        _topic.reset(token)


def answered() -> bool:
    """While an update is handled (`answering`): whether something was sent to its sender or
    chat so far."""
    asker = _asker.get()
    return asker is not None and asker.answered


def here(chat_id: int) -> int | None:
    """The topic a message to `chat_id` goes to now (None: the chat as it is)."""
    topic = _topic.get()
    return topic[1] if topic is not None and topic[0] == chat_id else None


def quote(reply_to: int | None) -> ReplyParameters | None:
    """The quote of an answer: a courtesy, so a deleted original must not stop the answer."""
    return ReplyParameters(reply_to, allow_sending_without_reply=True) if reply_to else None


async def posted(
    send: Callable[..., Awaitable[Message]],
    chat_id: int,
    *args: Any,
    reply_parameters: ReplyParameters | None = None,
    **kwargs: Any,
) -> Message:
    """`send(chat_id, *args, ...)` in the current topic of that chat, quoting if it still can."""
    thread = here(chat_id)
    if thread is not None:
        kwargs["message_thread_id"] = thread
    asker = _asker.get()
    if asker is not None and chat_id in (asker.chat_id, asker.user_id):
        asker.answered = True
    quoting = {} if reply_parameters is None else {"reply_parameters": reply_parameters}
    try:
        return await send(chat_id, *args, **quoting, **kwargs)
    except BadRequest as exc:
        said = exc.message.lower()
        if _QUOTE_GONE in said and quoting:
            log.info("the message to quote in %s is gone; sent without the quote", chat_id)
            return await posted(send, chat_id, *args, **kwargs)
        if _TOPIC_GONE in said and kwargs.pop("message_thread_id", None) is not None:
            log.info("topic %s of %s is gone; sent to the chat's General topic", thread, chat_id)
            return await send(chat_id, *args, **quoting, **kwargs)
        if refused_as_closed(said):
            return await _in_private(send, chat_id, exc, *args, **kwargs)
        raise


async def _in_private(
    send: Callable[..., Awaitable[Message]],
    chat_id: int,
    refusal: BadRequest,
    *args: Any,
    **kwargs: Any,
) -> Message:
    """An answer its topic refused (closed), sent to the asker in private instead; the refusal
    raised again when there is no asker or they never opened the private chat."""
    asker = _asker.get()
    if asker is None or asker.chat_id != chat_id:
        raise refusal
    thread = kwargs.pop("message_thread_id", None)
    try:
        if not asker.told:
            note = answered_in_private(asker.group, general=thread is None)
            await asker.update.get_bot().send_message(asker.user_id, note)
            asker.told = True
        return await send(asker.user_id, *args, **kwargs)
    except TelegramError as error:
        if (chat_id, asker.user_id) not in _unreachable:
            _unreachable.add((chat_id, asker.user_id))
            log.warning(
                "answer to %s refused in %s (topic closed), and not sent in private: %s",
                asker.user_id,
                chat_id,
                error,
            )
        raise refusal from error
