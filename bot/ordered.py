"""Updates from different chats handled side by side; one chat's, and one person's, in order.

PTB handles updates one at a time unless told otherwise, so one slow command (a chart, a file)
held every officer's report back until it was done. With this processor an update waits only
for the earlier updates of its own chat and of its own sender (a private chat is both), so a
coordinator's /export in one chat never delays a /seizure in another, while a chat's commands
still take effect in the order they were typed (a report, then its /undo).

Some commands act on what other people typed in other chats: a coordinator's /void of an
officer's report, a /revoke, an /alias over past reports. One at a time, such a command found
every update Telegram numbered before it done (the officer's correction typed just before the
/void was in the report the /void took out). Here it waits for every update accepted before it,
whatever its chat (`waits_for_all`); nothing later waits for it unless it shares a line.

Writes stay one at a time: storage.database serialises every write transaction behind one lock
whatever the update. Each update is still kept before Telegram hears of it and marked handled
after it is processed (bot.inbox): the processor changes when an update runs, not whether.

PTB creates one task per update, in the order of the update queue; each reaches
`do_process_update` in that order with no await before the bookkeeping below, so "earlier" is
the queue's order. PTB's own semaphore is set far above what can be waiting, so that an update
never waits there behind a later one of its chat; the `running` bound is applied here, after an
update's turn has come.
"""

from __future__ import annotations

import asyncio
import inspect
import re
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

# Updates accepted at once (PTB's semaphore); far above what polling brings in (100 a call).
_ACCEPTED = 100_000
Key = tuple[str, int]
# Commands that change other people's reports or who may do what: they wait for everything
# before them (see the module's docstring).
ACROSS_CHATS = frozenset(
    {"void", "restore", "link", "unlink", "alias", "revoke", "bind", "agency", "operation"}
)
_COMMAND = re.compile(r"^/([A-Za-z0-9_]+)(?:@\w+)?(?:\s|$)")


def order_keys(update: object) -> tuple[Key, ...]:
    """What an update must wait its turn in: its chat's line and its sender's line."""
    if not isinstance(update, Update):
        return ()
    keys: list[Key] = []
    if update.effective_chat is not None:
        keys.append(("chat", update.effective_chat.id))
    if update.effective_user is not None:
        keys.append(("user", update.effective_user.id))
    return tuple(keys)


def waits_for_all(update: object) -> bool:
    """Whether an update acts across chats and so waits for every update before it."""
    if not isinstance(update, Update) or update.message is None:
        return False
    text = update.message.text or update.message.caption or ""
    command = _COMMAND.match(text)
    return command is not None and command[1].lower() in ACROSS_CHATS


class PerChatProcessor(BaseUpdateProcessor):
    """Concurrent across chats and people, in order within each; at most `running` at once."""

    def __init__(self, running: int = 64) -> None:
        super().__init__(max_concurrent_updates=_ACCEPTED)
        self.running = running
        self._slots: asyncio.Semaphore | None = None
        # The last update to have joined each line: the next one waits for it to end.
        self._tails: dict[Key, asyncio.Future[None]] = {}
        # Every update accepted and not yet ended, for those that wait for all before them.
        self._in_hand: set[asyncio.Future[None]] = set()
        self.waiting = 0  # updates accepted whose turn has not come
        self._watchers: list[tuple[int, asyncio.Future[None]]] = []

    async def initialize(self) -> None:
        """Nothing to open; the running bound is made on the loop that uses it."""
        self._slots = asyncio.Semaphore(self.running)

    async def shutdown(self) -> None:
        """Nothing to close: PTB waits for the updates in hand before it shuts down."""

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Wait for the earlier updates of this chat and sender, then process this one."""
        keys = order_keys(update)
        before = {self._tails[k] for k in keys if k in self._tails}
        if waits_for_all(update):
            before |= self._in_hand
        mine: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        for key in keys:
            self._tails[key] = mine
        self._in_hand.add(mine)
        started = False
        try:
            if before:
                self._waited(+1)
                try:
                    # asyncio.wait, not await: a cancelled wait must not cancel the earlier one.
                    await asyncio.wait(before)
                finally:
                    self._waited(-1)
            if self._slots is None:
                self._slots = asyncio.Semaphore(self.running)
            async with self._slots:
                started = True
                await coroutine
        finally:
            if not started and inspect.iscoroutine(coroutine):
                coroutine.close()  # cancelled while waiting its turn: never ran
            mine.set_result(None)
            self._in_hand.discard(mine)
            for key in keys:
                if self._tails.get(key) is mine:
                    del self._tails[key]

    def _waited(self, step: int) -> None:
        self.waiting += step
        for count, watcher in self._watchers:
            if self.waiting >= count and not watcher.done():
                watcher.set_result(None)

    async def until_waiting(self, count: int) -> None:
        """Return once `count` updates wait for their turn at the same time (for tests)."""
        if self.waiting >= count:
            return
        watcher: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        entry = (count, watcher)
        self._watchers.append(entry)
        try:
            await watcher
        finally:
            self._watchers.remove(entry)

    @property
    def lines(self) -> int:
        """How many chats and senders have an update in hand (for tests and the bench)."""
        return len(self._tails)
