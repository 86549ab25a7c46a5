"""The operation a step-by-step report was begun in, for a person who has /use'd another since.

Its buttons and /cancel finish or drop it there, checked as the person is there: refused in the
operation they use now (an observer of it, say), they were told the draft "is recorded in SIREN"
and then refused both Record it and Cancel (an adversarial review, session 16).
"""

from __future__ import annotations

from bot.context import BotContext
from bot.domain.commands import BY_NAME
from bot.domain.unit import Caller
from handlers.guard import caller_in, refusal_for
from storage import drafts


async def where_begun(context: BotContext, caller: Caller) -> Caller | None:
    """The caller as a reporting member of the operation their open draft was begun in, if that
    is not the one they use now; None otherwise."""
    draft = await drafts.current(context.db, user_id=caller.user_id, now=context.clock.now())
    if draft is None or draft.operation_id == caller.operation.id:
        return None
    begun = await caller_in(context, user_id=caller.user_id, operation_id=draft.operation_id)
    if begun is None or refusal_for(begun, BY_NAME["seizure"]) is not None:
        return None
    return begun
