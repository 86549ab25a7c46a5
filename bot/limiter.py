"""Every Bot API call waits out flood control, and tries again when Telegram was not reached.

A reply that fails after its transaction committed must not turn into "that did not work": the
report is recorded, and the officer should see it acknowledged. So besides the 429s that
AIORateLimiter waits out, a call is tried again, with backoff, when Telegram answered 5xx or the
connection failed. One failure is not retried, as in bot.delivery: a request that got no answer
in time (a read or write timeout) may have taken effect, and never twice wins over at least once.

The clock has a retry loop of its own that counts and records its attempts (bot.delivery); inside
`own_retries()` the limiter leaves network failures to it.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import httpx
from telegram.error import BadRequest, NetworkError, TimedOut
from telegram.ext import AIORateLimiter

log = logging.getLogger(__name__)

_OWN_RETRIES: ContextVar[bool] = ContextVar("ocu_own_retries", default=False)
Result = bool | dict[str, Any] | list[dict[str, Any]]


@contextmanager
def own_retries() -> Iterator[None]:
    """Calls made inside this block are not retried on network failures (429s still are)."""
    token = _OWN_RETRIES.set(True)
    try:
        yield
    finally:
        _OWN_RETRIES.reset(token)


def may_have_arrived(error: NetworkError) -> bool:
    """A timeout after the request was sent: Telegram may have acted on it."""
    return isinstance(error, TimedOut) and not isinstance(
        error.__cause__, httpx.ConnectTimeout | httpx.PoolTimeout
    )


class PatientRateLimiter(AIORateLimiter):
    """AIORateLimiter that also retries calls that never reached Telegram or got a 5xx."""

    def __init__(
        self,
        *,
        max_retries: int = 3,
        delays: tuple[float, ...] = (0.5, 1.0, 2.0, 4.0),
        overall_max_rate: float = 30,
    ):
        # One message every 1/rate seconds rather than a bucket of `rate` a second: a bucket
        # lets twice the rate through in the first second of a burst (500 digests at 08:00).
        super().__init__(
            max_retries=max_retries,
            overall_max_rate=1 if overall_max_rate else 0,
            overall_time_period=1 / overall_max_rate if overall_max_rate else 1,
        )
        self.delays = delays

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, Result]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> Result:
        """Run the call through the rate limiter, again after a network failure or a 5xx."""
        delays = () if _OWN_RETRIES.get() else self.delays
        for attempt, delay in enumerate((*delays, None), start=1):
            try:
                return await super().process_request(
                    callback, args, kwargs, endpoint, data, rate_limit_args
                )
            except BadRequest:
                raise  # a NetworkError to PTB, but Telegram refused it and would again
            except NetworkError as exc:
                if delay is None or may_have_arrived(exc):
                    raise
                log.info("%s failed (%.120s); try %d in %.1fs", endpoint, exc, attempt + 1, delay)
            await asyncio.sleep(delay)
        raise AssertionError("unreachable: the last attempt returns or raises")
