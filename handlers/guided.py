"""Guided entry: /seizure alone walks an officer through substance, amount, unit and place.

The draft lives in SQLite (storage/drafts.py), so a restart or an hour's pause loses nothing.
The last step builds the typed text (`/seizure 2 kg meth at ICN`) and records it as a typed
report is: parsed, checked for unusual amounts and recorded with the same acknowledgement.
"""

from __future__ import annotations

import re

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update

from bot import outbox
from bot.context import BotContext
from bot.domain.commands import BUTTON_COMMANDS
from bot.domain.unit import Caller
from bot.parsing import ParseError
from bot.render import guided as render_guided
from bot.render import seizure as render_seizure
from bot.render.i18n import _
from handlers import asked, unanswered
from handlers.guard import caller_in, guarded, guarded_button, remember
from handlers.reply import answer
from handlers.seizures import _parse, undo_button
from storage import drafts
from storage import seizures as seizure_store
from storage.drafts import Draft

_AMOUNT = re.compile(r"(\d{1,9}(?:\.\d{1,6})?)\s*([^\W\d]+)?")
_UNIT_WORDS = {u.lower(): u for u in (*render_guided.UNITS, "tablet", "pills", "litres", "l")}
_UNIT_WORDS["tablet"] = _UNIT_WORDS["pills"] = "tablets"
_UNIT_WORDS["litres"] = "l"
_MAX_WORDS = 100


def _row(*buttons: tuple[str, str]) -> list[InlineKeyboardButton]:
    return [InlineKeyboardButton(text, callback_data=f"draft:{data}") for text, data in buttons]


def _cancel_row() -> list[InlineKeyboardButton]:
    return _row((_(render_guided.CANCEL), "cancel"))


def _keyboard(step: str) -> InlineKeyboardMarkup:
    if step == "substance":
        names = render_guided.COMMON_SUBSTANCES
        rows = [
            _row(*((n, f"sub:{i}") for i, n in enumerate(names[k : k + 4], start=k)))
            for k in range(0, len(names), 4)
        ]
        return InlineKeyboardMarkup([*rows, _cancel_row()])
    if step == "unit":
        units = render_guided.UNITS
        unit_row = _row(*((u, f"unit:{i}") for i, u in enumerate(units)))
        return InlineKeyboardMarkup([unit_row, _cancel_row()])
    if step == "place":
        return InlineKeyboardMarkup([_row((_(render_guided.SKIP), "skip")), _cancel_row()])
    if step == "confirm":
        record = (_(render_guided.RECORD), "rec")
        return InlineKeyboardMarkup([_row(record, (_(render_guided.CANCEL), "cancel"))])
    return InlineKeyboardMarkup([_cancel_row()])


def typed_text(draft: Draft) -> str:
    """The report as an officer would have typed it."""
    place = f" at {draft.place}" if draft.place else ""
    return f"/seizure {draft.amount} {draft.unit} {draft.substance}{place}"


def _question(draft: Draft) -> str:
    if draft.step == "substance":
        return render_guided.ask_substance()
    if draft.step == "amount":
        return render_guided.ask_amount(draft.substance or "")
    if draft.step == "unit":
        return render_guided.ask_unit(draft.amount or "")
    if draft.step == "place":
        return render_guided.ask_place()
    return render_guided.confirm(typed_text(draft))


async def _move(update: Update, context: BotContext, caller: Caller, draft: Draft) -> None:
    """Keep the draft at its new step and ask that step's question."""
    await drafts.save(context.db, draft, now=context.clock.now(), update_id=update.update_id)
    await answer(update, _question(draft), caller, reply_markup=_keyboard(draft.step))


async def begin(update: Update, context: BotContext, caller: Caller) -> None:
    """Start (or start again) a guided report in this private chat."""
    chat = update.effective_chat
    assert chat is not None
    draft = Draft(caller.user_id, caller.operation.id, chat.id, "substance")
    await _move(update, context, caller, draft)


def _with_answer(draft: Draft, text: str) -> Draft | str:
    """The draft moved on by a typed answer, or what to say instead."""
    text = " ".join(text.split())[:_MAX_WORDS]
    if draft.step == "substance":
        return Draft(**{**draft.__dict__, "substance": text, "step": "amount"})
    if draft.step == "amount":
        match = _AMOUNT.fullmatch(text)
        if match is None or float(match[1]) == 0:
            return render_guided.bad_amount(text)
        unit = _UNIT_WORDS.get((match[2] or "").lower())
        if match[2] and unit is None:
            return render_guided.bad_amount(text)
        step = "place" if unit else "unit"
        return Draft(**{**draft.__dict__, "amount": match[1], "unit": unit, "step": step})
    if draft.step == "unit":
        unit = _UNIT_WORDS.get(text.lower())
        if unit is None:
            return render_guided.bad_unit(text)
        return Draft(**{**draft.__dict__, "unit": unit, "step": "place"})
    if draft.step == "place":
        return Draft(**{**draft.__dict__, "place": text, "step": "confirm"})
    return render_guided.press_a_button()


async def typed(update: Update, context: BotContext) -> None:
    """Private text: an answer to the open draft's question; otherwise the usual reply."""
    user, message = update.effective_user, update.effective_message
    if user is None or message is None or message.text is None:
        return
    draft = await drafts.current(context.db, user_id=user.id, now=context.clock.now())
    caller = (
        await caller_in(context, user_id=user.id, operation_id=draft.operation_id)
        if draft is not None
        else None
    )
    if draft is None or caller is None:
        await unanswered.plain_text(update, context)
        return
    await remember(update, context)
    moved = _with_answer(draft, message.text)
    if isinstance(moved, str):
        await answer(update, moved, caller, reply_markup=_keyboard(draft.step))
        return
    await _move(update, context, caller, moved)


@guarded("cancel")
async def cancel(update: Update, context: BotContext, caller: Caller) -> None:
    """/cancel: end the report in progress; nothing is recorded."""
    dropped = await drafts.drop(context.db, user_id=caller.user_id)
    await answer(
        update, _(render_guided.CANCELLED if dropped else render_guided.NOTHING_TO_CANCEL), caller
    )


@guarded_button(BUTTON_COMMANDS["draft"])
async def pressed(update: Update, context: BotContext, caller: Caller) -> None:
    """A button of guided entry: a substance, a unit, Skip, Record it, Cancel or New report."""
    query = update.callback_query
    if query is None or query.data is None or not isinstance(query.message, Message):
        return
    _kind, action, *rest = query.data.split(":")
    if action == "new":
        await query.answer()
        await begin(update, context, caller)
        return
    draft = await drafts.current(context.db, user_id=caller.user_id, now=context.clock.now())
    if action == "cancel":
        await drafts.drop(context.db, user_id=caller.user_id)
        await query.answer()
        await query.edit_message_text(_(render_guided.CANCELLED))
        return
    if draft is None or draft.operation_id != caller.operation.id:
        await query.answer(_(render_guided.EXPIRED), show_alert=True)
        return
    index = int(rest[0]) if rest and rest[0].isdigit() else -1
    if (
        action == "sub"
        and draft.step == "substance"
        and index < len(render_guided.COMMON_SUBSTANCES)
    ):
        moved = _with_answer(draft, render_guided.COMMON_SUBSTANCES[index])
    elif action == "unit" and draft.step == "unit" and index < len(render_guided.UNITS):
        moved = _with_answer(draft, render_guided.UNITS[index])
    elif action == "skip" and draft.step == "place":
        moved = Draft(**{**draft.__dict__, "step": "confirm"})
    elif action == "rec" and draft.step == "confirm":
        await query.answer()
        await _record(update, context, caller, draft, query.message)
        return
    else:  # a button of a step already answered
        await query.answer(_(render_guided.EXPIRED), show_alert=True)
        return
    assert isinstance(moved, Draft)
    await query.answer()
    await _move(update, context, caller, moved)


async def _record(
    update: Update, context: BotContext, caller: Caller, draft: Draft, message: Message
) -> None:
    """Record the built text as a typed /seizure would be, under the confirmation message."""
    text = typed_text(draft)
    now = context.clock.now()
    try:
        report = _parse(text, context, caller, now)
    except ParseError as exc:
        await drafts.drop(context.db, user_id=caller.user_id)
        await answer(update, _("{error} Send /seizure to start again.").format(error=exc), caller)
        return
    if await asked.asked_if_unusual(update, context, caller, report, text):
        await drafts.drop(context.db, user_id=caller.user_id)
        return
    outcome = await seizure_store.record_seizure(
        context.db,
        operation=caller.operation,
        agency_id=caller.agency_id,
        officer_id=caller.user_id,
        chat_id=message.chat_id,
        message_id=message.message_id,
        update_id=update.update_id,
        text=text,
        report=report,
        now=now,
    )
    assert isinstance(outcome, seizure_store.Recorded)  # asked for no resend check
    await drafts.drop(context.db, user_id=caller.user_id)
    stored = outcome.seizure
    ack = render_seizure.seizure_ack(
        caller.operation, stored, agency_code=caller.agency_code, corrected=False
    )
    await message.edit_text(
        outbox.fit_edit(ack, caller.operation), reply_markup=undo_button(stored.id)
    )
    await seizure_store.set_reply(
        context.db, seizure_id=stored.id, chat_id=message.chat_id, message_id=message.message_id
    )
