"""PatientRateLimiter: what it tries again, what it leaves alone, and when it gives up."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
from telegram.error import BadRequest, NetworkError, TimedOut

from bot.app import build_application
from bot.config import Config
from bot.limiter import TELEGRAM_PACING, PatientRateLimiter, bulk, own_retries


class Telegram:
    """Answers each call with the next of the given errors, then with True."""

    def __init__(self, *errors: Exception) -> None:
        self.errors = list(errors)
        self.calls = 0

    async def __call__(self, *args: Any, **kwargs: Any) -> bool:
        self.calls += 1
        if self.errors:
            raise self.errors.pop(0)
        return True


def timed_out(cause: Exception) -> TimedOut:
    try:
        raise TimedOut() from cause
    except TimedOut as exc:
        return exc


async def call(telegram: Telegram, limiter: PatientRateLimiter | None = None) -> Any:
    limiter = limiter or PatientRateLimiter(delays=(0.0, 0.0, 0.0))
    return await limiter.process_request(telegram, (), {}, "sendMessage", {"chat_id": 1}, None)


async def test_a_call_that_never_reached_telegram_or_got_a_5xx_is_tried_again() -> None:
    telegram = Telegram(
        NetworkError("httpx.RemoteProtocolError: Server disconnected"),
        NetworkError("Bad Gateway"),
        timed_out(httpx.ConnectTimeout("no route")),
    )
    assert await call(telegram) is True
    assert telegram.calls == 4


async def test_it_gives_up_after_its_delays_with_the_last_error() -> None:
    telegram = Telegram(*[NetworkError("Internal Server Error (500)")] * 9)
    with pytest.raises(NetworkError, match="Internal Server Error"):
        await call(telegram)
    assert telegram.calls == 4


@pytest.mark.parametrize(
    "error",
    [timed_out(httpx.ReadTimeout("slow")), BadRequest("message text is empty")],
    ids=["may have arrived", "refused for good"],
)
async def test_what_may_have_arrived_or_will_be_refused_again_is_not_retried(error) -> None:
    telegram = Telegram(error)
    with pytest.raises(type(error)):
        await call(telegram)
    assert telegram.calls == 1


async def test_inside_own_retries_network_failures_are_left_to_the_caller() -> None:
    telegram = Telegram(NetworkError("Bad Gateway"))
    with own_retries(), pytest.raises(NetworkError):
        await call(telegram)
    assert telegram.calls == 1
    assert await call(telegram) is True  # and outside it, retried as usual


async def test_an_acknowledgement_goes_before_bulk_sends_waiting_for_their_turn() -> None:
    # Every call below is waiting when the first turn frees, at any pace: they all queue in the
    # loop's turn that starts them, and the turn's timer fires in a later one.
    limiter = PatientRateLimiter(delays=(), overall_max_rate=50)
    order: list[str] = []

    def telegram(name: str) -> Any:
        async def send(*args: Any, **kwargs: Any) -> bool:
            order.append(name)
            return True

        return send

    def request(name: str) -> Any:
        return limiter.process_request(telegram(name), (), {}, "sendMessage", {"chat_id": 1}, None)

    await request("first")  # takes the turn; the others now wait theirs
    with bulk():
        digests = [asyncio.ensure_future(request(f"digest {n}")) for n in (1, 2)]
    acknowledgement = asyncio.ensure_future(request("acknowledgement"))
    await asyncio.gather(*digests, acknowledgement)
    assert order == ["first", "acknowledgement", "digest 1", "digest 2"]


def test_the_bot_paces_as_telegram_does_and_the_tests_only_on_a_shorter_clock() -> None:
    # The tests' bots run a minute in a second (tests/e2e/conftest.py); the bot itself keeps
    # Telegram's 20 messages a minute to a group and its pauses of 0.5 to 4 s before a retry.
    limiter = build_application(Config(), token="1:pace", with_scheduler=False).bot.rate_limiter
    assert isinstance(limiter, PatientRateLimiter)
    assert (limiter._group_max_rate, limiter._group_time_period) == (20, 60)
    assert limiter.delays == (0.5, 1.0, 2.0, 4.0)
    fast = TELEGRAM_PACING.scaled(1 / 60)
    assert (fast.group_max_rate, fast.group_period_s) == (20, 1.0)
    assert fast.retry_delays == pytest.approx((0.5 / 60, 1 / 60, 2 / 60, 4 / 60))


async def test_a_group_on_a_short_clock_gets_every_message_in_order() -> None:
    # 25 messages to one group with a 20-a-period share: the last five wait for the next period
    # (a tenth of a second here, a minute on Telegram), and all arrive, in the order sent.
    # Session 18: aiolimiter let a newcomer take the capacity freed for the waiter before it
    # (the 24th went before the 23rd, one try in seven once the overall gap was short): tried
    # forty times.
    for _ in range(40):
        limiter = PatientRateLimiter(delays=(), pacing=TELEGRAM_PACING.scaled(1 / 600))
        sent: list[int] = []

        def request(n: int, limiter: PatientRateLimiter = limiter, sent: list[int] = sent) -> Any:
            async def send(*args: Any, **kwargs: Any) -> bool:
                sent.append(n)
                return True

            return limiter.process_request(send, (), {}, "sendMessage", {"chat_id": -100}, None)

        await asyncio.gather(*(request(n) for n in range(25)))
        assert sent == list(range(25))
