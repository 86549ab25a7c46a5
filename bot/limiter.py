"""Every Bot API call waits out flood control, and tries again when Telegram was not reached.

A reply that fails after its transaction committed must not turn into "that did not work": the
report is recorded, and the officer should see it acknowledged. So besides the 429s that
AIORateLimiter waits out, a call is tried again, with backoff, when Telegram answered 5xx or the
connection failed. One failure is not retried, as in bot.delivery: a request that got no answer
in time (a read or write timeout) may have taken effect, and never twice wins over at least once.

The clock has a retry loop of its own that counts and records its attempts (bot.delivery); inside
`own_retries()` the limiter leaves network failures to it.

The bot's 30 messages a second are shared by everyone: a call made inside `bulk()` (the clock's
digests and reminders, an answer sent in several parts or as a file) waits while any other call
is waiting for its turn, so that an officer's acknowledgement never queues behind 200 digests.
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import Awaitable, Callable, Coroutine, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

import httpx
from telegram.error import BadRequest, NetworkError, TimedOut
from telegram.ext import AIORateLimiter

log = logging.getLogger(__name__)

_OWN_RETRIES: ContextVar[bool] = ContextVar("ocu_own_retries", default=False)
_BULK: ContextVar[bool] = ContextVar("ocu_bulk", default=False)
Result = bool | dict[str, Any] | list[dict[str, Any]]
Hook = Callable[[], Awaitable[None]]
_BEFORE_SENDING: ContextVar[Hook | None] = ContextVar("ocu_before_sending", default=None)


@contextmanager
def own_retries() -> Iterator[None]:
    """Calls made inside this block are not retried on network failures (429s still are)."""
    token = _OWN_RETRIES.set(True)
    try:
        yield
    finally:
        _OWN_RETRIES.reset(token)


@contextmanager
def before_sending(hook: Hook) -> Iterator[None]:
    """Calls made inside this block await `hook` once their turn came, just before they go out.

    An acknowledgement marks its report as sent there (handlers.acks): marked before its turn,
    a kill while it waited (a group's 20 messages a minute) would leave it marked and unsent.
    """
    token = _BEFORE_SENDING.set(hook)
    try:
        yield
    finally:
        _BEFORE_SENDING.reset(token)


@contextmanager
def bulk() -> Iterator[None]:
    """Calls made inside this block give way to every other call waiting for its turn."""
    token = _BULK.set(True)
    try:
        yield
    finally:
        _BULK.reset(token)


class Pacer:
    """One call every `interval` seconds, no burst; a waiting urgent call goes before bulk ones."""

    def __init__(self, interval: float) -> None:
        self.interval = interval
        self._free_at = 0.0
        self._waiting: tuple[deque[asyncio.Future[None]], ...] = (deque(), deque())  # urgent, bulk
        self._timer: asyncio.TimerHandle | None = None

    async def wait(self, *, bulk: bool = False) -> None:
        """Return when this call may go."""
        loop = asyncio.get_running_loop()
        if not any(self._waiting) and loop.time() >= self._free_at:
            self._free_at = loop.time() + self.interval
            return
        turn: asyncio.Future[None] = loop.create_future()
        self._waiting[1 if bulk else 0].append(turn)
        self._arm(loop)
        await turn  # a cancelled wait leaves a cancelled future, which _release skips

    def _arm(self, loop: asyncio.AbstractEventLoop) -> None:
        if self._timer is None:
            self._timer = loop.call_at(self._free_at, self._release, loop)

    def _release(self, loop: asyncio.AbstractEventLoop) -> None:
        self._timer = None
        for line in self._waiting:
            while line:
                turn = line.popleft()
                if not turn.done():
                    turn.set_result(None)
                    self._free_at = loop.time() + self.interval
                    break
            else:
                continue
            break
        if any(self._waiting):
            self._arm(loop)


class InOrder:
    """A group's limiter (aiolimiter) entered in the order its callers came.

    aiolimiter lets a caller that comes as capacity frees take it before the waiter woken for
    it: the 24th of 25 messages to a group went before the 23rd. Here one caller at a time
    waits for the limiter, behind a FIFO lock; the sends themselves are not held.
    """

    def __init__(self, limiter: Any) -> None:
        self._limiter = limiter
        self._turn = asyncio.Lock()

    async def __aenter__(self) -> None:
        async with self._turn:
            await self._limiter.acquire()

    async def __aexit__(self, *exc: object) -> None:
        return None


def may_have_arrived(error: NetworkError) -> bool:
    """A timeout after the request was sent: Telegram may have acted on it."""
    return isinstance(error, TimedOut) and not isinstance(
        error.__cause__, httpx.ConnectTimeout | httpx.PoolTimeout
    )


@dataclass(frozen=True)
class Pacing:
    """The limiter's waits: a group's share of messages, and the pauses before trying again.

    The defaults are Telegram's (20 messages a minute to a group) and the bot's. The tests' bots
    run the same limiter on a shorter clock (`scaled`): the same order and the same counts, in
    a fraction of the time (the group limit alone made a test of 60 answers wait two minutes).
    """

    group_max_rate: float = 20
    group_period_s: float = 60.0
    retry_delays: tuple[float, ...] = (0.5, 1.0, 2.0, 4.0)
    overall_factor: float = 1.0  # the bot's gap between any two sends, 1/rate s, times this

    def scaled(self, factor: float) -> Pacing:
        """Every wait `factor` times as long: the same number of messages in each period."""
        return Pacing(
            self.group_max_rate,
            self.group_period_s * factor,
            tuple(delay * factor for delay in self.retry_delays),
            self.overall_factor * factor,
        )


TELEGRAM_PACING = Pacing()


class PatientRateLimiter(AIORateLimiter):
    """AIORateLimiter that also retries calls that never reached Telegram or got a 5xx."""

    def __init__(
        self,
        *,
        max_retries: int = 3,
        delays: tuple[float, ...] | None = None,
        overall_max_rate: float = 30,
        pacing: Pacing = TELEGRAM_PACING,
    ):
        # One message every 1/rate seconds rather than a bucket of `rate` a second: a bucket
        # lets twice the rate through in the first second of a burst (500 digests at 08:00).
        # The overall pace is the Pacer's, which knows bulk from urgent; PTB's is turned off.
        super().__init__(
            max_retries=max_retries,
            overall_max_rate=0,
            group_max_rate=pacing.group_max_rate,
            group_time_period=pacing.group_period_s,
        )
        gap = pacing.overall_factor / overall_max_rate if overall_max_rate else 0.0
        self.pacer = Pacer(gap) if gap else None
        self.delays = pacing.retry_delays if delays is None else delays
        self._in_order: dict[str | int | bool, InOrder] = {}

    def _get_group_limiter(self, group_id: str | int | bool) -> Any:
        """A group's share, taken by its callers one at a time in the order they came."""
        if group_id not in self._in_order:
            self._in_order[group_id] = InOrder(super()._get_group_limiter(group_id))
        return self._in_order[group_id]

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
        hook = _BEFORE_SENDING.get()
        if hook is not None:
            callback = _after(hook, callback)
        for attempt, delay in enumerate((*delays, None), start=1):
            if self.pacer is not None and data.get("chat_id") is not None:
                # As PTB's overall limit did: calls to a chat count, getUpdates and the like not.
                await self.pacer.wait(bulk=_BULK.get())
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


def _after(
    hook: Hook, callback: Callable[..., Coroutine[Any, Any, Result]]
) -> Callable[..., Coroutine[Any, Any, Result]]:
    """`callback`, run once `hook` was awaited: inside the limiter, when the call's turn came."""

    async def call(*args: Any, **kwargs: Any) -> Result:
        await hook()
        return await callback(*args, **kwargs)

    return call
