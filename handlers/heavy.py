"""Heavy commands (/export, /debrief, /chart) run after their update's turn, each once at a time.

A chat's updates run one after the other (bot.ordered): a /debrief handler that awaited its
pack held the same chat's /summary for a minute. So a heavy handler does what must come in
order (checks, the once-only claim, the progress message) and hands the rest to `start`, a task
the Application tracks (its stop waits for it, and bot.worker.abandoning ends its job) and whose
faults reach the error handler with the update, as the handler's own would.

The same request again while one is being prepared (five /export xlsx in a row) is not built
again: `running` tells the handler, which says the file is on its way.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine, Hashable
from html import escape
from typing import Any

from telegram import Update
from telegram.error import BadRequest, Forbidden

from bot import worker
from bot.context import BotContext
from bot.delivery import is_gone
from bot.domain.unit import Caller
from bot.parsing.args import UsageError
from bot.render import replies as render
from bot.render.jobs import not_prepared, too_long
from handlers.reply import answer

# What to ask for instead of a request that ran past its limit.
SMALLER = {"chart": "/chart week", "export": "/export csv"}

log = logging.getLogger(__name__)
Key = tuple[Hashable, ...]
# The requests being prepared, by application, chat, operation, command and its arguments.
_running: set[Key] = set()
_tasks: set[asyncio.Task[None]] = set()


def job_key(context: BotContext, target: int, caller: Caller, *what: Hashable) -> Key:
    """What makes two requests the same: where the result goes, the operation, the request."""
    return (id(context.application), target, caller.operation.id, *what)


def running(key: Key) -> bool:
    """Whether this very request is already being prepared."""
    return key in _running


def start(
    update: Update,
    context: BotContext,
    caller: Caller,
    key: Key,
    work: Coroutine[Any, Any, None],
    *,
    command: str,
) -> None:
    """Run `work` after this update's turn, counted as `key` until it ends."""
    _running.add(key)

    async def job() -> None:
        try:
            await work
        except UsageError as exc:
            await answer(update, escape(str(exc)), caller)
        except worker.TimedOut as late:  # stopped past its limit: said, with what to do
            log.warning("a %s ran past its limit", command, exc_info=True)
            smaller = SMALLER.get(command, "")
            await answer(update, too_long(f"/{command}", late.seconds, smaller), caller)
        except worker.WorkerLost:
            # The worker did not start (or died twice): said, not left waiting for ever.
            log.warning("a %s could not be prepared", command, exc_info=True)
            await answer(update, not_prepared(f"/{command}"), caller)
        except (Forbidden, BadRequest) as exc:
            if not is_gone(exc):
                raise
            await answer(update, render.open_private(command, context.bot.username), caller)
        finally:
            _running.discard(key)

    # The language chosen for this update is a context variable: the task takes a copy of it.
    task = context.application.create_task(job(), update=update, name=f"heavy-{command}")
    _tasks.add(task)
    task.add_done_callback(_tasks.discard)


async def settled() -> None:
    """Wait until no heavy request is being prepared (the sandbox shows a line's whole answer)."""
    while _tasks:
        await asyncio.wait(set(_tasks))
