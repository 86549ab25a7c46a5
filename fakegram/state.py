"""An emulation's state saved and loaded: chats, users, messages, calls and ids, not its server.

Tests build a scene once (the demo operation) and give each test its own copy of it with
`load`, instead of playing the scene again for every test.
"""

from __future__ import annotations

import asyncio
import itertools
import pickle
from dataclasses import dataclass
from typing import Any

_NOT_STATE = frozenset(
    {"host", "_port", "_runner", "_closing", "_poll_generation", "_handlers", "_pusher"}
)


@dataclass(frozen=True)
class _Counter:
    """An itertools.count in a saved state: where it goes on from."""

    start: int


def saved(api: object) -> bytes:
    """Everything the emulated Telegram holds (chats, users, messages, calls, ids), pickled."""
    state: dict[str, Any] = {}
    for name, value in vars(api).items():
        if name in _NOT_STATE or isinstance(value, asyncio.Event):
            continue
        if isinstance(value, itertools.count):
            # Counters are not pickled (that is deprecated): their next value is.
            following = next(value)
            setattr(api, name, itertools.count(following))
            value = _Counter(following)
        state[name] = value
    return pickle.dumps(state)


def load(api: object, saved: bytes) -> None:
    """Take on a copy of a `saved` state (before the bot starts polling)."""
    state: dict[str, Any] = pickle.loads(saved)  # our own bytes, from `saved`
    for name, value in state.items():
        setattr(api, name, itertools.count(value.start) if isinstance(value, _Counter) else value)
