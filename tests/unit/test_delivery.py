"""send_with_retry: what is retried, after how long, and what is given up at once."""

from __future__ import annotations

from types import SimpleNamespace

import httpx
import pytest
from telegram.error import BadRequest, ChatMigrated, Forbidden, NetworkError, RetryAfter, TimedOut

from bot.delivery import UNANSWERED, send_with_retry


class FlakyBot:
    """Refuses with the given errors in turn, then delivers."""

    def __init__(self, *errors: Exception):
        self.errors = list(errors)
        self.sent: list[tuple[int, str]] = []

    async def send_message(self, chat_id: int, text: str):
        if self.errors:
            raise self.errors.pop(0)
        self.sent.append((chat_id, text))
        return SimpleNamespace(message_id=77)


def timed_out(cause: Exception) -> TimedOut:
    try:
        raise TimedOut() from cause
    except TimedOut as exc:
        return exc


async def send(bot: FlakyBot, attempts: int = 5):
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)

    outcome = await send_with_retry(
        bot,
        -100,
        "hi",
        attempts=attempts,
        base_delay=0.5,
        sleep=sleep,  # type: ignore[arg-type]
    )
    return outcome, waits


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
async def test_flood_control_waits_what_telegram_asks_and_network_errors_back_off():
    bot = FlakyBot(
        RetryAfter(7),
        NetworkError("Bad Gateway"),
        NetworkError("Internal Server Error"),
        timed_out(httpx.ConnectTimeout("no")),
    )
    outcome, waits = await send(bot)
    assert (outcome.status, outcome.attempts, outcome.message_id) == ("sent", 5, 77)
    assert waits == [7.0, 1.0, 2.0, 4.0]
    assert bot.sent == [(-100, "hi")]


async def test_it_gives_up_after_the_configured_attempts():
    outcome, waits = await send(FlakyBot(*[NetworkError("Bad Gateway")] * 9), attempts=3)
    assert (outcome.status, outcome.attempts, outcome.error) == ("failed", 3, "Bad Gateway")
    assert waits == [0.5, 1.0]


async def test_no_answer_in_time_is_never_sent_again():
    bot = FlakyBot(timed_out(httpx.ReadTimeout("slow")))
    outcome, waits = await send(bot)
    assert (outcome.status, outcome.error, waits, bot.sent) == ("interrupted", UNANSWERED, [], [])


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (Forbidden("Forbidden: bot was kicked from the group chat"), "blocked"),
        (BadRequest("Bad Request: chat not found"), "blocked"),
        (BadRequest("Bad Request: can't parse entities"), "failed"),
    ],
)
async def test_a_chat_that_is_gone_or_a_malformed_message_is_not_retried(error, status):
    bot = FlakyBot(error)
    outcome, waits = await send(bot)
    assert (outcome.status, outcome.attempts, waits, bot.sent) == (status, 1, [], [])


async def test_a_migrated_group_names_its_new_id():
    outcome, _ = await send(FlakyBot(ChatMigrated(-1001234)))
    assert (outcome.status, outcome.new_chat_id) == ("migrated", -1001234)
