"""/summary, /chart and /export: the numbers coordinators and the debriefing live on."""

from __future__ import annotations

from telegram import Update

from bot.access import Permission
from bot.args import command_text
from bot.context import BotContext
from bot.domain import Caller
from bot.summary import parse_summary_args
from handlers.common import answer, guarded
from storage.summary import build_summary


@guarded(Permission.VIEW)
async def summary(update: Update, context: BotContext, caller: Caller) -> None:
    """/summary [period] [by DIMENSION] [filters]: running totals, in one or more messages."""
    message = update.effective_message
    assert message is not None
    request = parse_summary_args(
        command_text(message.text or ""), find_substance=context.bot_data.catalogue.lookup
    )
    for part in await build_summary(
        context.db, operation_id=caller.operation.id, request=request, now=context.clock.now()
    ):
        await answer(update, part)
