"""Questions asked before a write, and their Record it / Cancel buttons.

Three kinds: plain text that reads as a report ("did you mean /seizure ...?"), an amount far
outside what the unit has seen (or a day before the operation began: kept as that kind), and
/nil on a day the agency already reported seizures. The question is kept in SQLite
(storage/questions.py) with everything needed to record it (text, operation, officer, the
original message and update) and the message's photo or document: a press records it exactly
as if sent, once, files and all, even after a restart.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import date
from decimal import Decimal
from html import escape

from telegram import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.error import TelegramError

from bot import media, outbox
from bot.context import BotContext
from bot.domain.commands import BY_NAME
from bot.domain.seizure import SeizureItem
from bot.domain.unit import Caller
from bot.parsing import ParseError, SeizureReport, parse_seizure
from bot.parsing.typed_dates import typed_date, yearless_example
from bot.render import asked as render_asked
from bot.render import replies as render
from bot.render.i18n import _
from handlers.guard import caller_in, on_its_message, refusal_for, remember, spoken
from handlers.reply import answer, edit
from storage import checks, questions
from storage import nil_returns as nil_store
from storage import seizures as seizure_store
from storage.questions import Question

log = logging.getLogger(__name__)

TYPED = "typed"  # plain text offered as a /seizure
LARGE = "large"  # a /seizure with an amount far outside the usual
NIL = "nil"  # a /nil after the day's seizures
RESEND = "resend"  # a /seizure whose text the officer sent a moment ago (handlers/seizures.py)
# Over this much (1,000 kg, or 1,000 litres) is asked about even in a new operation.
ABSOLUTE_LIMIT = Decimal(1_000_000)
# Or over this many times the operation's largest report of the substance in that unit.
RELATIVE_LIMIT = 100


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


async def keep(update: Update, context: BotContext, caller: Caller, kind: str, text: str) -> bool:
    """Keep what would be recorded, and the message's file, until the question is answered.

    False if this update asked already (it was delivered twice): there is nothing to ask again.
    """
    message = update.effective_message
    assert message is not None
    question = Question(
        kind, caller.user_id, text, update.update_id, caller.operation.id, message.chat_id,
        message.message_id, message.media_group_id,
    )  # fmt: skip
    # The photo of a report is fetched now, on receipt, and waits with its question.
    file = await media.fetch(context.bot, message)
    return await questions.keep(
        context.db, question, media=file, now=context.clock.now(),
        claim=update.edited_message is not None, report=True,
    )  # fmt: skip


async def ask(
    update: Update, context: BotContext, caller: Caller, kind: str, text: str, question: str
) -> None:
    """Keep what would be recorded, and ask with Record it / Cancel under the question."""
    message = update.effective_message
    assert message is not None
    if await keep(update, context, caller, kind, text):
        await asked_by(update, context, question, caller)


async def asked_by(
    update: Update,
    context: BotContext,
    question: str,
    caller: Caller,
    keyboard: InlineKeyboardMarkup | None = None,
) -> None:
    """Ask a kept question under its message, and remember which message of ours asks it."""
    message = update.effective_message
    assert message is not None
    buttons = keyboard or _keyboard(message.message_id)
    sent = await answer(update, question, caller, reply_markup=buttons)
    if sent is not None:  # a later edit of the officer's message closes this one
        await questions.asked_in(
            context.db, chat_id=message.chat_id, message_id=message.message_id,
            asked_message_id=sent.message_id,
        )  # fmt: skip


async def ask_edit(
    update: Update, context: BotContext, caller: Caller, text: str, said: str
) -> None:
    """Ask `said` before an edit changes a report (far outside the usual, or dated before the
    operation began); nothing changes yet."""
    message = update.effective_message
    assert message is not None
    question = Question(
        LARGE, caller.user_id, text, update.update_id, caller.operation.id, message.chat_id,
        message.message_id, None,
    )  # fmt: skip
    # No file waits with it: the report keeps the ones it has.
    if await questions.keep(context.db, question, media=None, now=context.clock.now(), claim=True):
        await asked_by(update, context, said, caller)


def too_large(item: SeizureItem, largest: Decimal | None) -> bool:
    """Whether an amount is far outside the usual, given the operation's largest so far."""
    return (item.unit != "unit" and item.amount > ABSOLUTE_LIMIT) or (
        largest is not None and item.amount > RELATIVE_LIMIT * largest
    )


async def unusual_in(
    context: BotContext, caller: Caller, report: SeizureReport
) -> tuple[SeizureItem, Decimal | None] | None:
    """The first item far outside what the operation has seen, with its largest so far."""
    return await checks.unusual(
        context.db, operation_id=caller.operation.id, items=report.items, too_large=too_large
    )


async def asked_if_unusual(
    update: Update, context: BotContext, caller: Caller, report: SeizureReport, text: str
) -> bool:
    """Ask before recording an amount far outside the usual; True if asked."""
    unusual = await unusual_in(context, caller, report)
    if unusual is None:
        return False
    await ask_unusual(update, context, caller, *unusual, text)
    return True


async def ask_unusual(
    update: Update,
    context: BotContext,
    caller: Caller,
    item: SeizureItem,
    largest: Decimal | None,
    text: str,
) -> None:
    """Ask before recording an amount found far outside the usual (storage.seizures.Unusual)."""
    question = render_asked.too_large(item, largest, caller.operation)
    await ask(update, context, caller, LARGE, text, question)


def before_start(
    caller: Caller, report: SeizureReport, text: str, today: date, *, edits: int | None = None
) -> str | None:
    """The question before recording a report dated before the operation began, however its
    day was typed: '2/12' on 1 Dec read as last year's, '3월 2일', '2026-11-20', '어제' on the
    first day; None if there is none. Asked wherever such a text would be recorded: typed,
    offered, edited (`edits`: the number of the report the edit changes)."""
    began, happened = caller.began_here, report.occurred_on
    if began is None or happened is None or happened >= began:
        return None
    if edits is not None:
        yearless = yearless_example(text, happened, today)
        if yearless is None and typed_date(text, happened, today) is None:
            return None
        as_typed = yearless[0] if yearless is not None else None
        return render_asked.edit_before_start(edits, happened, caller.operation, as_typed)
    found = yearless_example(text, happened, today)
    if found is not None:  # read by the rules: which day it was read as is the question
        return render_asked.before_start(found[0], happened, caller.operation, found[1])
    typed = typed_date(text, happened, today)
    if typed is None:
        return None
    return render_asked.dated_before_start(happened, caller.operation, typed[1])


async def asked_if_before_start(
    update: Update, context: BotContext, caller: Caller, report: SeizureReport, text: str
) -> bool:
    """Ask before recording a report dated before the operation began (before_start); True if
    asked."""
    today = caller.local(context.clock.now()).date()
    question = before_start(caller, report, text, today)
    if question is None:
        return False
    # Kept as an outsized amount's question is (the kinds are the database's): Record it
    # records the text as typed, read as of the day it was asked, asking nothing more
    await ask(update, context, caller, LARGE, text, question)
    return True


async def asked_if_reported_today(
    update: Update, context: BotContext, caller: Caller, note: str | None
) -> bool:
    """Ask before a nil return on a day the agency already reported seizures; True if asked."""
    day = caller.local(context.clock.now()).date().isoformat()
    reports = await checks.seizures_on_day(
        context.db, operation_id=caller.operation.id, agency_id=caller.agency_id, day=day
    )
    if reports == 0:
        return False
    if await checks.nil_return_on_day(
        context.db, operation_id=caller.operation.id, agency_id=caller.agency_id,
        officer_id=caller.user_id, day=day,
    ):  # fmt: skip
        return False  # recorded already: said at once, not asked about and then refused
    question = render_asked.nil_after_seizures(caller.agency_code, reports, day)
    await ask(update, context, caller, NIL, note or "", question)
    return True


@spoken
async def pressed(update: Update, context: BotContext) -> None:
    """Record it / Cancel: only the asker, once, checked as the command it stands for."""
    query = update.callback_query
    if query is None or query.data is None or not isinstance(query.message, Message):
        return
    await remember(update, context)
    if not on_its_message(query):
        # Not (or no longer) a button of this message: a forged press must not take the
        # question, nor edit another message; a late one finds it answered (or replaced).
        await query.answer(replaced_or_expired(query), show_alert=True)
        return
    _kind, choice, message_id = query.data.split(":")
    # Taken in one transaction: a second press finds nothing, so it records nothing.
    pending = await questions.take(
        context.db,
        chat_id=query.message.chat_id,
        message_id=int(message_id),
        user_id=query.from_user.id,
        kinds=(TYPED, LARGE, NIL),
        asked_in=query.message.message_id,
    )
    if pending == questions.NOT_THE_ASKER:
        await query.answer(_(render_asked.ONLY_AUTHOR), show_alert=True)
        return
    if pending == questions.REPLACED:
        await query.answer(_(render_asked.REPLACED), show_alert=True)
        return
    if not isinstance(pending, Question):
        await query.answer(_(render_asked.EXPIRED), show_alert=True)
        return
    # Asked about an edit of a recorded report: the answer corrects it, or leaves it as it was.
    edited = await seizure_store.find_by_message(
        context.db, chat_id=pending.chat_id, message_id=pending.message_id,
        officer_id=pending.user_id,
    ) if pending.kind == LARGE else None  # fmt: skip
    if choice != "yes":
        said = None if edited is None else render_asked.edit_cancelled(edited.number)
        await not_recorded(query, context, pending, said)
        return
    resolved = await caller_in(context, user_id=pending.user_id, operation_id=pending.operation_id)
    if resolved is None:  # revoked since it was asked: the question is gone, and why
        await query.answer()
        await query.edit_message_text(_(render_asked.NO_LONGER_MEMBER))
        return
    refusal = refusal_for(resolved, BY_NAME["nil" if pending.kind == NIL else "seizure"])
    if refusal is not None:
        await query.answer(render.plain(refusal), show_alert=True)
        return
    await query.answer()
    if pending.kind == NIL:
        await _record_nil(update, context, resolved, pending)
    elif edited is not None:
        from handlers.edits import correct_answered  # it asks its questions through here

        await correct_answered(query, context, resolved, edited, pending)
    else:
        await _record_seizure(update, context, resolved, pending)


def replaced_or_expired(query: CallbackQuery) -> str:
    """Why a press under a question that no longer shows its buttons changes nothing."""
    text = query.message.text if isinstance(query.message, Message) else None
    said = text or ""  # after the EXERCISE label in an exercise
    for closed in (render_asked.CLOSED_BY_CANCEL, render_asked.CLOSED_BY_UNDO):
        if said.endswith(_(closed)):
            return _(closed)  # /cancel or /undo took it back
    replaced = said.endswith(_(render_asked.CLOSED_BY_EDIT))
    return _(render_asked.REPLACED) if replaced else _(render_asked.EXPIRED)


async def take_back(
    update: Update, context: BotContext, caller: Caller, chat_id: int, closed: str
) -> list[tuple[str, int | None]]:
    """The caller's Record it / Cancel questions waiting in the chat, taken back (by /cancel,
    or /undo after a message they held): each loses its buttons and says by which. What went."""
    gone = await questions.drop_asked(
        context.db, user_id=caller.user_id, chat_id=chat_id,
        kinds=(TYPED, LARGE, NIL, RESEND), update_id=update.update_id, now=context.clock.now(),
    )  # fmt: skip
    for _kind, asked_message_id in gone:
        if asked_message_id is None:
            continue
        try:  # a press on a stale copy is told it was cancelled (replaced_or_expired)
            await edit(context.bot, chat_id, asked_message_id, _(closed), caller.operation)
        except TelegramError as exc:
            log.info("question %s not closed after /cancel: %s", asked_message_id, exc)
    return gone


async def not_recorded(
    query: CallbackQuery, context: BotContext, asked: Question, said: str | None = None
) -> None:
    """Cancel: nothing recorded, and the files that waited with the question forgotten."""
    await questions.drop_waiting(
        context.db,
        chat_id=asked.chat_id,
        message_id=asked.message_id,
        media_group_id=asked.media_group_id,
        update_id=asked.update_id,
        now=context.clock.now(),
    )
    await query.answer()
    # Labelled as every message about the operation is (an exercise's "Not recorded" too).
    asker = await caller_in(context, user_id=asked.user_id, operation_id=asked.operation_id)
    await query.edit_message_text(
        outbox.fit_edit(said or _(render_asked.NOT_RECORDED), asker.operation if asker else None)
    )


async def record_nil(
    context: BotContext, caller: Caller, update_id: int, note: str | None
) -> nil_store.NilOutcome:
    """The caller's nil return for today, once for the update that sent it."""
    return await nil_store.record_nil(
        context.db,
        operation=caller.operation,
        agency_id=caller.agency_id,
        officer_id=caller.user_id,
        tz=caller.tz,
        update_id=update_id,
        note=note,
        now=context.clock.now(),
    )


async def _record_nil(update: Update, context: BotContext, caller: Caller, asked: Question) -> None:
    query = update.callback_query
    assert query is not None
    outcome = await record_nil(context, caller, asked.update_id, asked.text or None)
    await query.edit_message_text(outbox.fit_edit(nil_answer(caller, outcome), caller.operation))


async def _record_seizure(
    update: Update, context: BotContext, caller: Caller, asked: Question
) -> None:
    query = update.callback_query
    assert query is not None and isinstance(query.message, Message)
    now = context.clock.now()
    # Read as of the day it was asked: the date a question named is the one recorded, even
    # if Record it is pressed days later.
    today = caller.local(asked.asked_at or now).date()
    try:
        report = parse_seizure(asked.text, catalogue=context.bot_data.catalogue, today=today)
    except ParseError as exc:  # the catalogue changed meanwhile
        await query.edit_message_text(outbox.fit_edit(escape(str(exc)), caller.operation))
        return
    if asked.kind == TYPED:  # the same questions a typed /seizure would get, in that order
        said = before_start(caller, report, asked.text, today)
        unusual = None if said is not None else await unusual_in(context, caller, report)
        if unusual is not None:
            said = render_asked.too_large(*unusual, caller.operation)
        if said is not None:
            await questions.keep(context.db, replace(asked, kind=LARGE), media=None, now=now)
            await query.edit_message_text(
                outbox.fit_edit(said, caller.operation), reply_markup=_keyboard(asked.message_id)
            )
            return
    # Imported here: handlers.seizures asks its questions through this module.
    from handlers.seizures import record_answered

    await record_answered(
        query, context, caller, text=asked.text, message_id=asked.message_id,
        update_id=asked.update_id, report=report, now=now, media_group_id=asked.media_group_id,
        pending=asked,
    )  # fmt: skip


def nil_answer(caller: Caller, outcome: nil_store.NilOutcome) -> str:
    """Recorded, or recorded before for that day (a repeat counts once)."""
    if outcome.earlier is not None:
        return render_asked.nil_already(caller, outcome.day)
    return render_asked.nil_recorded(caller, outcome.day)
