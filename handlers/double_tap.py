"""A double tap on Record it: its second tap lands on the Undo that took Record it's place.

When a press turns a question into the report's acknowledgement in place, the Undo button sits
where Record it was; on a slow connection the officer taps again and would void what they just
recorded. So the moment a message becomes an acknowledgement is remembered (in memory: a
restart forgets it, and then an Undo voids as it always did), and an Undo pressed on it within
DOUBLE_TAP is answered, not carried out; the next press voids.
"""

from __future__ import annotations

from datetime import timedelta

from bot.context import BotContext
from bot.render.i18n import N_

DOUBLE_TAP = timedelta(seconds=5)
PRESS_AGAIN = N_("Recorded. To take it back, press Undo again.")


def became_acknowledgement(context: BotContext, chat_id: int, message_id: int) -> None:
    """A press has just made this message an acknowledgement with Undo under it."""
    now = context.clock.now()
    kept = context.bot_data.became_ack
    for key in [k for k, at in kept.items() if now - at > DOUBLE_TAP]:
        del kept[key]
    kept[(chat_id, message_id)] = now


def is_double_tap(context: BotContext, chat_id: int, message_id: int) -> bool:
    """Whether an Undo on this message comes right after it became an acknowledgement; asked
    once: the press after it voids."""
    at = context.bot_data.became_ack.pop((chat_id, message_id), None)
    return at is not None and context.clock.now() - at <= DOUBLE_TAP
