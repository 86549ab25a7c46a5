"""The group's "Report step by step in private" link: /start seizure-CODE begins the report at once.

The link opens the private chat, where Telegram sends its start parameter; the report is begun in
the operation of the group whose button it was, whatever the private chat uses now (a second
adversary's review: it was recorded in the operation last /use'd, which the group never named).
"""

from __future__ import annotations

from telegram import Update

from bot.context import BotContext
from bot.domain.commands import BY_NAME
from bot.domain.unit import Caller
from bot.render.i18n import using
from handlers.guard import caller_in, guarded, reader_language, refusal_for
from storage import operations as operation_store

# '/start seizure-SIREN': the group's operation goes with it, whatever the private chat uses.
STEP_BY_STEP = "seizure"


async def step_by_step(update: Update, context: BotContext, code: str) -> None:
    """/start seizure[-CODE] in private (a group's button opened the chat): step by step at
    once, in the operation of the group whose button it was (CODE), if the person reports
    there; else as /seizure alone would, in the operation they use."""
    user = update.effective_user
    named = code.partition("-")[2]
    operation = await operation_store.find_operation(context.db, code=named) if named else None
    there = None
    if operation is not None and user is not None:
        there = await caller_in(context, user_id=user.id, operation_id=operation.id)
    if there is not None and refusal_for(there, BY_NAME["seizure"]) is None:
        with using(await reader_language(update, context)):
            await _begin(update, context, there)
        return
    await _step_by_step_here(update, context)


@guarded("seizure")
async def _step_by_step_here(update: Update, context: BotContext, caller: Caller) -> None:
    await _begin(update, context, caller)


async def _begin(update: Update, context: BotContext, caller: Caller) -> None:
    from handlers import guided  # guided entry records through this module

    await guided.begin(update, context, caller)
