"""An officer's own: /mine, their recent reports, and /nil, a nil return for their post."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from telegram import Update

from bot.context import BotContext
from bot.domain.unit import Caller
from bot.parsing.args import UsageError, command_text
from bot.render import mine as render_mine
from handlers import asked, notices
from handlers.guard import guarded
from handlers.reply import answer, personal
from storage import seizures as seizure_store


@guarded("mine")
async def mine(update: Update, context: BotContext, caller: Caller) -> None:
    """/mine [PAGE]: your reports, newest first, ten a page; how many there are in all."""
    message = update.effective_message
    assert message is not None
    asked = command_text(message.text or "").strip()
    if asked and not (asked.isascii() and asked.isdigit() and 0 < int(asked) <= 100_000):
        raise UsageError(render_mine.mine_usage(asked))
    page = int(asked) if asked else 1
    total = await seizure_store.count_of(
        context.db, operation_id=caller.operation.id, officer_id=caller.user_id
    )
    recent = await seizure_store.recent_of(
        context.db,
        operation_id=caller.operation.id,
        officer_id=caller.user_id,
        limit=render_mine.PAGE,
        skip=(page - 1) * render_mine.PAGE,
    )
    tz = await notices.reader_tz(
        context, operation_id=caller.operation.id, agency_id=caller.agency_id
    )
    today = context.clock.now().astimezone(ZoneInfo(tz or caller.operation.tz)).date()
    said = render_mine.mine(
        caller.operation, recent, reader_tz=tz, today=today, total=total, page=page
    )
    await personal(update, context, caller, said)


@guarded("nil")
async def nil(update: Update, context: BotContext, caller: Caller) -> None:
    """/nil [note]: my post checked, nothing seized today."""
    message = update.effective_message
    assert message is not None
    note = command_text(message.text or "").strip()[:500] or None
    if await asked.asked_if_reported_today(update, context, caller, note):
        return
    outcome = await asked.record_nil(context, caller, update.update_id, note)
    await answer(update, asked.nil_answer(caller, outcome), caller)
