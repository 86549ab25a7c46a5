"""Guided entry's last step: the confirmed draft recorded as a typed /seizure is."""

from __future__ import annotations

from telegram import Message, Update
from telegram.error import BadRequest

from bot import outbox
from bot.context import BotContext
from bot.domain.stored import StoredSeizure
from bot.domain.unit import Caller
from bot.parsing import ParseError
from bot.render import guided as render_guided
from bot.render.i18n import _
from handlers import acks, asked, double_tap
from handlers import guided_steps as steps
from handlers.reply import answer
from handlers.seizures import _read, undo_button
from storage import drafts
from storage import seizures as seizure_store
from storage.drafts import Draft


async def record(
    update: Update, context: BotContext, caller: Caller, draft: Draft, message: Message
) -> None:
    """Record the built text as a typed /seizure would be, under the confirmation message.

    The draft goes, the report comes and the message that began it is remembered with it in
    one transaction: a kill leaves the draft waiting for Record it, or the report whole.
    """
    text = steps.typed_text(draft)
    now = context.clock.now()
    try:
        report = await _read(text, context, caller, now)
    except ParseError as exc:
        await drafts.drop(context.db, user_id=caller.user_id)
        await answer(update, _("{error} Send /seizure to start again.").format(error=exc), caller)
        return
    if await asked.asked_if_unusual(update, context, caller, report, text):
        await drafts.drop(context.db, user_id=caller.user_id)
        return
    try:
        outcome = await seizure_store.record_seizure(
            context.db, operation=caller.operation, agency_id=caller.agency_id,
            officer_id=caller.user_id, chat_id=message.chat_id, message_id=message.message_id,
            update_id=update.update_id, text=text, report=report, now=now,
            taking=drafts.taking(draft), started_by=draft.started_by,
        )  # fmt: skip
    except drafts.Gone:  # taken meanwhile (a /cancel, a new /seizure): nothing recorded
        await answer(update, _(render_guided.EXPIRED), caller)
        return
    assert isinstance(outcome, seizure_store.Recorded)  # asked for no resend check
    await acknowledged(context, caller, outcome.seizure, message)


async def acknowledged(
    context: BotContext, caller: Caller, stored: StoredSeizure, message: Message
) -> None:
    """The confirmation message becomes the report's acknowledgement, and is remembered so."""
    ack = acks.ack_text(
        caller.operation, stored, agency_code=caller.agency_code, corrected=False, guided=True
    )
    try:
        await message.edit_text(
            outbox.fit_edit(ack, caller.operation), reply_markup=undo_button(stored.id)
        )
    except BadRequest as exc:  # edited before, its id not yet remembered (a kill between)
        if "not modified" not in str(exc).lower():
            raise
    double_tap.became_acknowledgement(context, message.chat_id, message.message_id)
    await seizure_store.set_reply(
        context.db, seizure_id=stored.id, chat_id=message.chat_id, message_id=message.message_id
    )
