"""/seizure, its acknowledgement and resend check (/mine and /nil: handlers/own_reports.py)."""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from datetime import datetime, timedelta
from html import escape

from telegram import (
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    Update,
)

from bot import inbox, media, outbox
from bot.context import BotContext
from bot.domain.catalogue import Catalogue
from bot.domain.commands import BUTTON_COMMANDS, BY_NAME
from bot.domain.unit import Caller
from bot.parsing import ParseError, SeizureReport, parse_seizure
from bot.parsing.args import command_text
from bot.parsing.validate import check_report_date
from bot.render import asked as render_asked
from bot.render import guided as render_guided
from bot.render import media as render_media
from bot.render import replies as render
from bot.render import seizure as render_seizure
from bot.render.i18n import _
from handlers import acks, asked, cases, double_tap
from handlers.guard import (
    caller_in,
    guarded,
    on_its_message,
    refusal_for,
    remember,
    spoken,
)
from handlers.reply import answer, forwarded, is_group
from handlers.step_link import STEP_BY_STEP
from storage import aliases as alias_store
from storage import questions
from storage import seizures as seizure_store
from storage.questions import Question
from storage.unread_reports import note_unread
from storage.update_claims import Repeated

log = logging.getLogger(__name__)

# An identical text from the same officer within this window is probably sent twice by mistake.
RESEND_WINDOW = timedelta(minutes=5)
SEIZURE_COMMAND = re.compile(r"^/(seizure|s)(@\w+)?(\s|$)", re.IGNORECASE)


def is_seizure(text: str, bot_username: str) -> bool:
    """A /seizure (or /s) for this bot: '/s@OtherBot 2kg' is another bot's, as Telegram's
    clients and the command handler have it."""
    match = SEIZURE_COMMAND.match(text)
    if match is None:
        return False
    return match[2] is None or match[2].lower() == f"@{bot_username}".lower()


def undo_button(seizure_id: int) -> InlineKeyboardMarkup:
    """The Undo button under a confirmation."""
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(_("Undo"), callback_data=f"undo:{seizure_id}")]]
    )


def _resend_keyboard(message_id: int) -> InlineKeyboardMarkup:
    """Record again / No under "you just sent this"."""
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(_("Record again"), callback_data=f"resend:yes:{message_id}"),
                InlineKeyboardButton(_("No"), callback_data=f"resend:no:{message_id}"),
            ]
        ]
    )


def _parse(
    text: str,
    context: BotContext,
    caller: Caller,
    now: datetime,
    sent: datetime | None = None,
    names: Catalogue | None = None,
) -> SeizureReport:
    # `now` is the one reading of the clock for the whole report: the day the text is read
    # against (today, yesterday) and the day it is stored under agree, even at midnight. An
    # edit is read from when its report was `sent`: "yesterday" added days later means the
    # day before the report, never a day after it.
    today = caller.local(sent or now).date()
    report = parse_seizure(
        text,
        catalogue=names or context.bot_data.catalogue,
        today=today,
        sent=sent is not None,
    )
    check_report_date(report.occurred_on, today)
    return report


async def _read(
    text: str, context: BotContext, caller: Caller, now: datetime, sent: datetime | None = None
) -> SeizureReport:
    """_parse, with the operation's /alias words read as names when some words were unknown."""
    # "zombie 2kg ICN" with zombie aliased: the alias, not "ICN", is the substance.
    try:
        report = _parse(text, context, caller, now, sent)
        if report.note is None and all(item.substance for item in report.items):
            return report  # the common case: no trip to the database
    except ParseError:
        report = None
    names = await alias_store.operation_aliases(context.db, operation_id=caller.operation.id)
    catalogue = context.bot_data.catalogue.with_names(names)
    if report is not None and catalogue is context.bot_data.catalogue:
        return report
    return _parse(text, context, caller, now, sent, catalogue)


# The private chat's deep link from the group's "Report step by step in private" button.
@guarded("seizure")
async def seizure(update: Update, context: BotContext, caller: Caller) -> None:
    """/seizure TEXT: understand it, record it, show back what was recorded."""
    message = update.effective_message
    # A photo or document whose caption is the report is the same report (handlers/media.py).
    assert message is not None
    text = message.text if message.text is not None else message.caption
    assert text is not None
    if forwarded(message):  # it would count twice
        await answer(update, _(render_seizure.FORWARDED), caller)
        return
    if message.text is not None and not command_text(text).strip():
        if is_group(message.chat):  # step by step is asked in private, not before the group
            await _step_by_step_in_private(update, context, caller)
            return
        from handlers import guided  # guided entry records through this module

        await guided.begin(update, context, caller)  # /seizure alone: step by step
        return
    now = context.clock.now()
    try:
        report = await _read(text, context, caller, now)
    except ParseError as exc:
        await answer(update, escape(str(exc)), caller)
        await note_unread(db=context.db, operation_id=caller.operation.id,
            officer_id=caller.user_id, update_id=update.update_id, now=now)  # fmt: skip
        return
    if await asked.asked_if_before_start(update, context, caller, report, text):
        return  # '2/12' on 1 Dec is last year's: it would stretch the operation's period
    # One transaction asks "far outside the usual?", "sent twice?" and records: a single trip
    # to the database, on the loop's own thread.
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
        resent_since=now - RESEND_WINDOW,
        too_large=asked.too_large,
        edit_date=message.edit_date,  # an edit made it: an older edit, late, changes nothing
    )
    if isinstance(outcome, seizure_store.Unusual):
        await asked.ask_unusual(update, context, caller, outcome.item, outcome.largest, text)
        return
    if isinstance(outcome, seizure_store.SentBefore):
        earlier = outcome.earlier
        # Kept in SQLite with the message's file; the operation is kept with the text: a /use
        # in between must not move the report.
        if not await asked.keep(update, context, caller, asked.RESEND, text):
            return  # this update asked already: it was delivered twice
        minutes = int((now - earlier.reported_at).total_seconds() // 60)
        said = render_seizure.duplicate_question(earlier, minutes)
        await asked.asked_by(update, context, said, caller, _resend_keyboard(message.message_id))
        return
    stored = outcome.seizure
    if outcome.duplicate_update and acks.may_be_out(stored):
        # Acknowledged the first time, or perhaps (its id unknown): no second ack, no second
        # Undo. Never sent (a kill before the send): below.
        raise Repeated(update.update_id)
    # Only now, after the commit, is the officer told it was recorded.
    files = await media.keep_with(
        context.bot, context.db, message, seizure_id=stored.id, operation_id=caller.operation.id,
        actor_id=caller.user_id, update_id=None, now=now,
    )  # fmt: skip
    if message.media_group_id is not None:  # the album's photos that came before this one
        before = await questions.attach_waiting(
            context.db, seizure_id=stored.id, operation_id=caller.operation.id,
            chat_id=message.chat_id, message_id=message.message_id,
            media_group_id=message.media_group_id, actor_id=caller.user_id, now=now,
        )  # fmt: skip
        files = before or files
    ack = acks.ack_text(
        caller.operation, stored, agency_code=caller.agency_code, corrected=False,
        tail="" if files is None else "\n" + render_media.files_line(files),
    )  # fmt: skip
    reply = await acks.acknowledge(
        context, message, ack, undo_button(stored.id), caller.operation, seizure_id=stored.id
    )
    if reply is not None:
        remember_reply = seizure_store.reply_of(stored.id, reply.chat_id, reply.message_id)
        if not inbox.along_with_handled(
            context.application.update_queue, update.update_id, remember_reply
        ):
            await seizure_store.set_reply(
                context.db, seizure_id=stored.id, chat_id=reply.chat_id, message_id=reply.message_id
            )
    await cases.suggest(context, caller, stored, message.chat_id, is_group(message.chat))


async def _step_by_step_in_private(update: Update, context: BotContext, caller: Caller) -> None:
    username = context.bot.username or None  # known once the bot has started
    button = (
        InlineKeyboardMarkup(
            [
                [
                    InlineKeyboardButton(
                        _(render_guided.PRIVATE_BUTTON),
                        # Telegram sends '/start seizure' as the chat opens: the first question.
                        url=f"https://t.me/{username}?start={STEP_BY_STEP}-{caller.operation.code}",
                    )
                ]
            ]
        )
        if username
        else None
    )
    text = render_guided.in_a_group(username, "/seizure 2kg meth at ICN")
    await answer(update, text, caller, reply_markup=button)


@spoken  # answered in the presser's language, as every other button is
async def resend_choice(update: Update, context: BotContext) -> None:
    """The answer to 'record it again?': checked as a /seizure in the report's own operation."""
    query = update.callback_query
    if query is None or query.data is None or not isinstance(query.message, Message):
        return
    await remember(update, context)
    if not on_its_message(query):
        # Not (or no longer) a button of this message: a forged press must not take the
        # question, nor edit another message; a late one finds it answered (or cancelled).
        said = _("This question has expired. Send the report again if needed.")
        if query.message.text in (_(render_asked.CLOSED_BY_CANCEL), _(render_asked.CLOSED_BY_UNDO)):
            said = query.message.text  # /cancel (or /undo) took it back
        await query.answer(said, show_alert=True)
        return
    _kind, choice, message_id = query.data.split(":")
    pending = await questions.take(
        context.db,
        chat_id=query.message.chat_id,
        # A forged id too long for SQLite's integers names no question.
        message_id=int(message_id) if len(message_id) <= 18 else 0,
        user_id=query.from_user.id,
        kinds=(asked.RESEND,),
        asked_in=query.message.message_id,
    )
    if pending == questions.REPLACED:
        await query.answer(_(render_asked.REPLACED), show_alert=True)
        return
    if pending == questions.NOT_THE_ASKER:
        # In a group anyone sees the buttons; only the report's author may answer.
        await query.answer(_("Only the officer who sent the report can answer."), show_alert=True)
        return
    # Recorded into the operation it was written for, if the author still reports there.
    resolved = (
        await caller_in(context, user_id=query.from_user.id, operation_id=pending.operation_id)
        if isinstance(pending, Question)
        else None
    )
    if not isinstance(pending, Question) or resolved is None:
        await query.answer(
            _("This question has expired. Send the report again if needed."), show_alert=True
        )
        return
    refusal = refusal_for(resolved, BY_NAME[BUTTON_COMMANDS["resend"]])
    if refusal is not None:
        await query.answer(render.plain(refusal), show_alert=True)
        return
    if choice != "yes":
        await asked.not_recorded(query, context, pending, _("Not recorded again."))
        return
    await query.answer()
    now = context.clock.now()
    report = await _read(pending.text, context, resolved, now)
    assert isinstance(query.message, Message)
    await record_answered(
        query, context, resolved, text=pending.text, message_id=pending.message_id,
        update_id=pending.update_id, report=report, now=now,
        media_group_id=pending.media_group_id,
    )  # fmt: skip


async def record_answered(
    query: CallbackQuery,
    context: BotContext,
    caller: Caller,
    *,
    text: str,
    message_id: int,
    update_id: int,
    report: SeizureReport,
    now: datetime,
    media_group_id: str | None = None,
    pending: Question | None = None,
) -> None:
    """Record the report a question asked about; the question becomes its acknowledgement.

    The files that waited with the question (the message's own, its album's) go with it.
    With `pending` (Record it under "before the operation began" or "far more than usual"),
    the text sent a moment before the question is asked about first, as a plain resend is:
    the same report confirmed twice must not be recorded twice unasked.
    """
    assert isinstance(query.message, Message)
    resent_since = None if pending is None else (pending.asked_at or now) - RESEND_WINDOW
    recorded = await seizure_store.record_seizure(
        context.db,
        operation=caller.operation,
        agency_id=caller.agency_id,
        officer_id=caller.user_id,
        chat_id=query.message.chat_id,
        message_id=message_id,
        update_id=update_id,
        text=text,
        report=report,
        now=now,
        resent_since=resent_since,
    )
    if isinstance(recorded, seizure_store.SentBefore):
        assert pending is not None
        # Asked in turn under the same message: Record again records it (resend_choice).
        await questions.keep(context.db, replace(pending, kind=asked.RESEND), media=None, now=now)
        minutes = int((now - recorded.earlier.reported_at).total_seconds() // 60)
        said = render_seizure.duplicate_question(recorded.earlier, max(minutes, 0))
        await query.edit_message_text(
            outbox.fit_edit(said, caller.operation), reply_markup=_resend_keyboard(message_id)
        )
        return
    assert isinstance(recorded, seizure_store.Recorded)  # asked for no too-large check
    stored = recorded.seizure
    files = await questions.attach_waiting(
        context.db, seizure_id=stored.id, operation_id=caller.operation.id,
        chat_id=query.message.chat_id, message_id=message_id, media_group_id=media_group_id,
        actor_id=caller.user_id, now=now,
    )  # fmt: skip
    ack = acks.ack_text(
        caller.operation, stored, agency_code=caller.agency_code, corrected=False,
        tail="" if files is None else "\n" + render_media.files_line(files),
    )  # fmt: skip
    await query.edit_message_text(
        outbox.fit_edit(ack, caller.operation), reply_markup=undo_button(stored.id)
    )
    double_tap.became_acknowledgement(context, query.message.chat_id, query.message.message_id)
    await seizure_store.set_reply(
        context.db,
        seizure_id=stored.id,
        chat_id=query.message.chat_id,
        message_id=query.message.message_id,
    )
