"""Questions asked before a write, and their Record it / Cancel buttons.

Three kinds: plain text that reads as a report ("did you mean /seizure ...?"), an amount far
outside what the unit has seen, and /nil on a day the agency already reported seizures. The
question is kept in chat_data with everything needed to record it (text, operation, officer,
the original message and update): a press records it exactly as if sent, once. After a
restart the buttons answer that the question expired.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update

from bot import outbox
from bot.context import BotContext
from bot.domain.commands import BY_NAME
from bot.domain.seizure import SeizureItem
from bot.domain.unit import Caller
from bot.parsing import ParseError, SeizureReport, parse_seizure
from bot.render import asked as render_asked
from bot.render import replies as render
from bot.render.i18n import _
from handlers.guard import caller_in, refusal_for, remember
from handlers.reply import answer
from storage import checks
from storage import seizures as seizure_store

TYPED = "typed"  # plain text offered as a /seizure
LARGE = "large"  # a /seizure with an amount far outside the usual
NIL = "nil"  # a /nil after the day's seizures
# Over this much (1,000 kg, or 1,000 litres) is asked about even in a new operation.
ABSOLUTE_LIMIT = Decimal(1_000_000)
# Or over this many times the operation's largest report of the substance in that unit.
RELATIVE_LIMIT = 100


@dataclass(frozen=True)
class Asked:
    """A question waiting for its answer: what to record, for whom, from which message."""

    kind: str
    user_id: int
    text: str
    update_id: int
    operation_id: int
    message_id: int


def _keyboard(message_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    _(render_asked.RECORD_IT), callback_data=f"ask:yes:{message_id}"
                ),
                InlineKeyboardButton(_(render_asked.CANCEL), callback_data=f"ask:no:{message_id}"),
            ]
        ]
    )


async def ask(
    update: Update, context: BotContext, caller: Caller, kind: str, text: str, question: str
) -> None:
    """Keep what would be recorded, and ask with Record it / Cancel under the question."""
    message = update.effective_message
    assert message is not None and context.chat_data is not None
    context.chat_data[f"ask:{message.message_id}"] = Asked(
        kind, caller.user_id, text, update.update_id, caller.operation.id, message.message_id
    )
    await answer(update, question, caller, reply_markup=_keyboard(message.message_id))


async def _unusual(
    context: BotContext, caller: Caller, report: SeizureReport
) -> tuple[SeizureItem, Decimal | None] | None:
    """The first item far outside what the operation has seen, with its largest so far."""
    for item in report.items:
        if item.substance is None:
            continue
        largest = await checks.largest_item(
            context.db, operation_id=caller.operation.id, substance=item.substance, unit=item.unit
        )
        if (item.unit != "unit" and item.amount > ABSOLUTE_LIMIT) or (
            largest is not None and item.amount > RELATIVE_LIMIT * largest
        ):
            return item, largest
    return None


async def asked_if_unusual(
    update: Update, context: BotContext, caller: Caller, report: SeizureReport, text: str
) -> bool:
    """Ask before recording an amount far outside the usual; True if asked."""
    unusual = await _unusual(context, caller, report)
    if unusual is None:
        return False
    question = render_asked.too_large(*unusual, caller.operation)
    await ask(update, context, caller, LARGE, text, question)
    return True


async def asked_if_reported_today(
    update: Update, context: BotContext, caller: Caller, note: str | None
) -> bool:
    """Ask before a nil return on a day the agency already reported seizures; True if asked."""
    day = caller.operation.local(context.clock.now()).date().isoformat()
    reports = await checks.seizures_on_day(
        context.db, operation_id=caller.operation.id, agency_id=caller.agency_id, day=day
    )
    if reports == 0:
        return False
    question = render_asked.nil_after_seizures(caller.agency_code, reports, day)
    await ask(update, context, caller, NIL, note or "", question)
    return True


async def pressed(update: Update, context: BotContext) -> None:
    """Record it / Cancel: only the asker, once, checked as the command it stands for."""
    query = update.callback_query
    if query is None or query.data is None or not isinstance(query.message, Message):
        return
    await remember(update, context)
    _kind, choice, message_id = query.data.split(":")
    chat_data = context.chat_data if context.chat_data is not None else {}
    pending = chat_data.get(f"ask:{message_id}")
    if not isinstance(pending, Asked):
        await query.answer(_(render_asked.EXPIRED), show_alert=True)
        return
    if pending.user_id != query.from_user.id:
        await query.answer(_(render_asked.ONLY_AUTHOR), show_alert=True)
        return
    # Taken before any await: a second press finds nothing, so it records nothing.
    del chat_data[f"ask:{message_id}"]
    if choice != "yes":
        await query.answer()
        await query.edit_message_text(_(render_asked.NOT_RECORDED))
        return
    resolved = await caller_in(context, user_id=pending.user_id, operation_id=pending.operation_id)
    if resolved is None:
        await query.answer(_(render_asked.EXPIRED), show_alert=True)
        return
    refusal = refusal_for(resolved, BY_NAME["nil" if pending.kind == NIL else "seizure"])
    if refusal is not None:
        await query.answer(render.plain(refusal), show_alert=True)
        return
    await query.answer()
    if pending.kind == NIL:
        await _record_nil(update, context, resolved, pending)
    else:
        await _record_seizure(update, context, resolved, pending)


async def _record_nil(update: Update, context: BotContext, caller: Caller, asked: Asked) -> None:
    query = update.callback_query
    assert query is not None
    day = await seizure_store.record_nil(
        context.db,
        operation=caller.operation,
        agency_id=caller.agency_id,
        officer_id=caller.user_id,
        update_id=asked.update_id,
        note=asked.text or None,
        now=context.clock.now(),
    )
    await query.edit_message_text(
        outbox.fit_edit(render_asked.nil_recorded(caller, day), caller.operation)
    )


async def _record_seizure(
    update: Update, context: BotContext, caller: Caller, asked: Asked
) -> None:
    query = update.callback_query
    assert query is not None and isinstance(query.message, Message)
    now = context.clock.now()  # read once: the day the text is read against is the row's
    today = caller.operation.local(now).date()
    try:
        report = parse_seizure(asked.text, catalogue=context.bot_data.catalogue, today=today)
    except ParseError as exc:  # the catalogue changed meanwhile
        await query.edit_message_text(escape(str(exc)))
        return
    if asked.kind == TYPED:
        unusual = await _unusual(context, caller, report)
        if unusual is not None:  # the same question a typed /seizure would get
            assert context.chat_data is not None
            context.chat_data[f"ask:{asked.message_id}"] = replace(asked, kind=LARGE)
            await query.edit_message_text(
                render_asked.too_large(*unusual, caller.operation),
                reply_markup=_keyboard(asked.message_id),
            )
            return
    # Imported here: handlers.seizures asks its questions through this module.
    from handlers.seizures import record_answered

    await record_answered(
        query, context, caller, text=asked.text, message_id=asked.message_id,
        update_id=asked.update_id, report=report, now=now,
    )  # fmt: skip
