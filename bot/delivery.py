"""Sending one message to one chat, through Telegram's refusals: retried, or given up cleanly.

The rate limiter (AIORateLimiter) paces every call and waits out flood control itself a few
times; what still fails reaches this loop, which retries with exponential backoff and says how
the send ended, so that the caller can record it.

One failure is not retried: a request that reached Telegram and got no answer in time (a read
timeout). Telegram may well have posted the message; sending it again could post it twice, and
never twice wins over at least once.
"""

from __future__ import annotations

import asyncio
import logging
import warnings
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, replace
from datetime import timedelta

import httpx
from telegram import Bot
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)
from telegram.warnings import PTBDeprecationWarning

from bot import outbox, topics
from bot.domain.unit import Operation
from bot.limiter import own_retries

log = logging.getLogger(__name__)

MAX_BACKOFF_S = 60.0
UNANSWERED = "Telegram did not answer in time; it may have arrived, so it is not sent again"
Sleep = Callable[[float], Awaitable[None]]


@dataclass(frozen=True)
class Outcome:
    """How a send ended: sent, failed, blocked, interrupted (may have arrived) or migrated."""

    status: str
    attempts: int
    message_id: int | None = None
    error: str | None = None
    new_chat_id: int | None = None


def _retry_after(error: RetryAfter) -> float:
    # PTB warns that the type becomes timedelta one day; either way it is a number of seconds.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value: int | timedelta = error.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


def is_gone(error: TelegramError) -> bool:
    """The chat is gone for good: the bot was blocked, kicked, or the chat does not exist."""
    if isinstance(error, Forbidden):
        return True
    return isinstance(error, BadRequest) and "chat not found" in error.message.lower()


async def send_with_retry(
    bot: Bot,
    chat_id: int,
    text: str | Sequence[str],
    *,
    attempts: int,
    base_delay: float,
    sleep: Sleep = asyncio.sleep,
    operation: Operation | None = None,
    filename: str = "message.txt",
) -> Outcome:
    """Send `text` (HTML) to a chat, fitted by the outbox, retrying what may pass later.

    Several texts (a group's languages that do not fit one message) go one after another, each
    fitted on its own. Never raises TelegramError. A text sent in parts ends as its first part
    that did not arrive.
    """
    texts = [text] if isinstance(text, str) else list(text)
    calls = [
        call
        for one in texts
        for call in outbox.senders(
            bot, chat_id, outbox.fit(one, operation=operation, filename=filename)
        )
    ]
    used, first_id = 0, None
    for n, call in enumerate(calls, start=1):
        outcome = await _send_one(
            call, chat_id, attempts=attempts, base_delay=base_delay, sleep=sleep
        )
        used += outcome.attempts
        first_id = first_id if first_id is not None else outcome.message_id
        if outcome.status != "sent":
            part = f"part {n} of {len(calls)}: " if len(calls) > 1 else ""
            error = f"{part}{outcome.error}" if outcome.error else None
            return replace(outcome, attempts=used, message_id=first_id, error=error)
    return Outcome("sent", used, message_id=first_id)


async def _send_one(
    call: outbox.Send, chat_id: int, *, attempts: int, base_delay: float, sleep: Sleep
) -> Outcome:
    error = ""
    for attempt in range(1, attempts + 1):
        try:
            with own_retries():  # this loop retries, counts and records the attempts itself
                message = await call()
        except ChatMigrated as exc:
            return Outcome("migrated", attempt, error=str(exc), new_chat_id=exc.new_chat_id)
        except RetryAfter as exc:
            # The limiter already waited this out a few times; wait once more, then try again.
            error = str(exc)
            delay = _retry_after(exc)
        except (Forbidden, BadRequest) as exc:
            if is_gone(exc):
                return Outcome("blocked", attempt, error=exc.message)
            # A malformed message will be refused again, however often it is sent.
            return Outcome("failed", attempt, error=exc.message)
        except TimedOut as exc:
            if isinstance(exc.__cause__, httpx.ReadTimeout):
                return Outcome("interrupted", attempt, error=UNANSWERED)
            error = exc.message  # it never got there (connect or pool timeout): safe to retry
            delay = min(MAX_BACKOFF_S, base_delay * 2 ** (attempt - 1))
        except NetworkError as exc:  # lost connections and 5xx answers
            error = exc.message
            delay = min(MAX_BACKOFF_S, base_delay * 2 ** (attempt - 1))
        except TelegramError as exc:
            return Outcome("failed", attempt, error=exc.message)
        else:
            return Outcome("sent", attempt, message_id=message.message_id)
        if attempt < attempts:
            log.info("send to %s failed (%s); retry %d in %.1fs", chat_id, error, attempt, delay)
            await sleep(delay)
    return Outcome("failed", attempts, error=error)


async def show_action(bot: Bot, chat_id: int, action: str) -> None:
    """Telegram's "sending a photo…" in the chat while a file is made; a refusal is let go."""
    # A courtesy: a chat action Telegram failed made /chart fail before its drawing started.
    try:
        await bot.send_chat_action(chat_id, action, message_thread_id=topics.here(chat_id))
    except TelegramError as exc:
        log.info("no chat action shown in %s: %s", chat_id, exc)
