"""An edited /seizure message: its report and its confirmation follow the edit."""

from __future__ import annotations

import logging
import re
from datetime import datetime
from html import escape

from telegram import CallbackQuery, Message, Update
from telegram.error import BadRequest, TelegramError

from bot import outbox
from bot.context import BotContext
from bot.domain.commands import BY_NAME, EDIT_COMMAND
from bot.domain.seizure import SeizureReport, reads_the_same
from bot.domain.stored import StoredSeizure
from bot.domain.unit import Caller
from bot.parsing import ParseError
from bot.render import asked as render_asked
from bot.render import guided as render_guided
from bot.render import seizure as render_seizure
from bot.render.i18n import _, using
from handlers import acks, asked, double_tap, notices, reply
from handlers.guard import caller_in, reader_language, refusal_for, remember
from handlers.reply import answer
from handlers.seizures import _read, is_seizure, seizure, undo_button
from handlers.unanswered import plain_text
from storage import drafts, questions
from storage import operations as operation_store
from storage import seizure_voids as void_store
from storage import seizures as seizure_store
from storage.questions import Question

log = logging.getLogger(__name__)
COMMAND_WORD = re.compile(r"^(/\w+)(?:@(\w+))?")


async def edited(update: Update, context: BotContext) -> None:
    """An officer edited a /seizure message: the report and its confirmation follow."""
    # No guard wraps an edit, so the editor's language is set here, as the guard does.
    with using(await reader_language(update, context)):
        await _edited(update, context)


async def _edited(update: Update, context: BotContext) -> None:
    message = update.edited_message
    user = update.effective_user
    chat = update.effective_chat
    # An edited caption of a photo or document corrects its report as edited text does.
    text = None if message is None else message.text or message.caption
    if message is None or text is None or user is None or chat is None:
        return
    a_seizure = is_seizure(text, context.bot.username)
    # Its author is the report's, or the one asked about it while no report is recorded yet.
    author = await seizure_store.author_of(
        context.db, chat_id=message.chat_id, message_id=message.message_id
    ) or await questions.asker_of(
        context.db, chat_id=message.chat_id, message_id=message.message_id
    )  # fmt: skip
    if author is not None and author != user.id:
        # Only its author edits a message: Telegram never sends this, a forgery would. Nothing
        # is recorded or changed (a question stays open), and the forger is told nothing.
        log.warning("edit of report message %s by %s, not its author", message.message_id, user.id)
        return
    # A question about the message's old words is closed: only its newest text can be recorded.
    closed = await _close_question(context, message.chat_id, message.message_id, update.update_id)
    stored = await seizure_store.find_by_message(
        context.db, chat_id=message.chat_id, message_id=message.message_id, officer_id=user.id
    )
    if stored is None:
        if a_seizure and await _began_guided(update, context, message.chat_id, message):
            return
        if a_seizure:  # a rejected /seizure, fixed by editing: it is a new report now
            await seizure(update, context)
        elif closed:
            # A line the bot offered as a report, edited: its offer went with the old words, so
            # the new ones are read as the line is (offered again, or answered with the help; in
            # a group, offered again if they read as a report: a second adversary's review found
            # the offer withdrawn there and nothing asked, the seizure never recorded).
            await plain_text(update, context)
        return  # an edit of chatter that never became a report is none of ours
    await remember(update, context)
    if await notices.bound_elsewhere(
        context, chat=chat, operation_id=stored.operation_id, officer_id=user.id
    ):
        # Rebound since: the new operation's people may not read, nor the edit change, it.
        await answer(update, _(render_seizure.OTHER_OPERATIONS_REPORT))
        return
    if not a_seizure:
        became = COMMAND_WORD.match(text)
        word = became[1] if became else None
        ours = context.bot.username or ""
        elsewhere = None
        if became and became[2] and is_seizure(became[1], ours):
            # "/s@OtherBot 5kg meth" (not a_seizure: never this bot's): for another bot
            elsewhere = (became[2], ours, became[1] + text[became.end() :])
        said = render_asked.edit_left_report(stored.number, became=word, elsewhere=elsewhere)
        # About a report of the operation: labelled as its every message is (an exercise's).
        operation = await operation_store.get_operation(
            context.db, operation_id=stored.operation_id
        )
        await answer(update, said, operation=operation)
        return
    # Checked as a /seizure in the report's own operation: a demoted officer corrects nothing.
    resolved = await caller_in(context, user_id=user.id, operation_id=stored.operation_id)
    if resolved is None:
        # Revoked since: the edit changes nothing, and they are told so rather than left guessing.
        operation = await operation_store.get_operation(
            context.db, operation_id=stored.operation_id
        )
        said = _(render_seizure.EDIT_BY_FORMER_MEMBER).format(n=stored.number)
        await answer(update, said, operation=operation)
        return
    refusal = refusal_for(resolved, BY_NAME[EDIT_COMMAND])
    if refusal is not None:
        await answer(
            update,
            _("Report #{number} is unchanged. {refusal}").format(
                number=stored.number, refusal=refusal
            ),
            resolved,
        )
        return
    if stored.voided_at is not None:
        await answer(
            update,
            _(
                "Report #{number} was voided, so the edit changes nothing. "
                "Send a new report instead."
            ).format(number=stored.number),
            resolved,
        )
        return
    if text == stored.text:  # edited back to, or saved as, the same words: nothing changes
        return
    now = context.clock.now()
    try:
        report = await _read(text, context, resolved, now, sent=stored.reported_at)
    except ParseError as exc:
        await answer(
            update,
            _("Report #{number} is unchanged: {error}").format(
                number=stored.number, error=escape(str(exc))
            ),
            resolved,
        )
        return
    if await _reads_as(stored.text, report, context, resolved, stored.reported_at):
        # A space added, or nothing the grammar reads: the report stands as it is, and its
        # acknowledgement is not edited to the words it already has (Telegram refuses that).
        await seizure_store.keep_unchanged(
            context.db, seizure_id=stored.id, update_id=update.update_id,
            edit_date=message.edit_date, now=now,
        )  # fmt: skip
        return
    # Asked first, as a new report with that day, or that amount, is.
    day = resolved.local(stored.reported_at).date()
    question = asked.before_start(resolved, report, text, day, edits=stored.number)
    unusual = None if question is not None else await asked.unusual_in(context, resolved, report)
    if unusual is not None:
        question = render_asked.edit_too_large(stored.number, *unusual, resolved.operation)
    if question is not None:
        await asked.ask_edit(update, context, resolved, text, question)
        return
    corrected = await seizure_store.correct_seizure(
        context.db,
        operation=resolved.operation,
        seizure_id=stored.id,
        update_id=update.update_id,
        text=text,
        report=report,
        actor_id=user.id,
        now=now,
        edit_date=message.edit_date,
    )
    if corrected.text != text:  # an older edit, delivered late: the report keeps the newer one
        return
    # A restored report's Undo is spent: its correction offers none either, as the restore's.
    undo = not await void_store.was_restored(
        context.db, operation_id=corrected.operation_id, seizure_id=corrected.id
    )
    text = acks.ack_text(
        resolved.operation, corrected, agency_code=resolved.agency_code, corrected=True, undo=undo
    )
    if not await _show_on_ack(context, resolved, corrected, text, undo):
        sent = await answer(
            update, text, resolved, reply_markup=undo_button(corrected.id) if undo else None
        )
        if sent is not None:
            # The acknowledgement from now on: a void, restore or later correction shows there,
            # not on the one deleted (adversary review, session 17: the group kept reading the
            # report as live, with its Undo, after it was voided).
            await seizure_store.set_reply(
                context.db, seizure_id=corrected.id, chat_id=sent.chat_id,
                message_id=sent.message_id,
            )  # fmt: skip


async def _began_guided(
    update: Update, context: BotContext, chat_id: int, message: Message
) -> bool:
    """The edited message began a step-by-step report: said so, and True; nothing recorded.

    Recorded, it is reported under the confirmation message, so the edit finds no report of
    its own and would otherwise be recorded as a second one, counted twice.
    """
    assert update.effective_user is not None
    begun = await drafts.begun_by(
        context.db, user_id=update.effective_user.id, chat_id=chat_id,
        message_id=message.message_id, now=context.clock.now(),
    )  # fmt: skip
    if begun is None:
        return False
    # An edit delivered twice is answered once ("Already answered" the second time).
    await drafts.claim(context.db, update_id=update.update_id, now=context.clock.now())
    await remember(update, context)
    if begun.seizure_id is None:
        # Still open: the answers given so far are kept, as the officer sees them below; reading
        # the edit as the whole report would drop them unseen. /cancel first sends it in one line.
        await answer(update, _(render_guided.EDIT_OF_OPEN_START))
        return True
    stored = await seizure_store.load(context.db, begun.seizure_id)
    await answer(update, render_guided.edit_of_recorded_start(stored.number))
    return True


async def _reads_as(
    old_text: str, report: SeizureReport, context: BotContext, caller: Caller, sent: datetime
) -> bool:
    """Whether the report's recorded words read exactly as the edited ones do, both read from
    the day the report was sent, with the operation's aliases as the edit is."""
    try:
        return reads_the_same(await _read(old_text, context, caller, sent, sent=sent), report)
    except ParseError:  # the catalogue changed since: the edit is read as a correction
        return False


async def _show_on_ack(
    context: BotContext, caller: Caller, corrected: StoredSeizure, text: str, undo: bool
) -> bool:
    """The report's acknowledgement now reads as corrected; False if there is none to edit."""
    # Only where the report's own operation is told: an imported report's source chat is not.
    at = await notices.acknowledgement_at(context, corrected)
    if at is None:
        return False
    try:
        markup = undo_button(corrected.id) if undo else None
        await reply.edit(context.bot, *at, text, caller.operation, reply_markup=markup)
    except BadRequest as exc:
        return "not modified" in str(exc).lower()
    return True


async def _close_question(
    context: BotContext, chat_id: int, message_id: int, update_id: int
) -> bool:
    """Close the question about the message's old words; True if there was one."""
    closed = await questions.close(
        context.db, chat_id=chat_id, message_id=message_id, update_id=update_id
    )
    if closed is None:
        return False
    asked_message_id, operation_id = closed
    operation = await operation_store.get_operation(context.db, operation_id=operation_id)
    try:  # its buttons go with it; a press on a stale copy is told it was replaced
        text = _(render_asked.CLOSED_BY_EDIT)
        await reply.edit(context.bot, chat_id, asked_message_id, text, operation)
    except TelegramError as exc:
        log.info("question %s of message %s not closed: %s", asked_message_id, message_id, exc)
    return True


async def correct_answered(
    query: CallbackQuery,
    context: BotContext,
    caller: Caller,
    stored: StoredSeizure,
    pending: Question,
) -> None:
    """Record it under an outsized edit: the report is corrected, and both messages say so."""
    assert query.message is not None
    if await notices.bound_elsewhere(
        context, chat=query.message.chat, operation_id=stored.operation_id,
        officer_id=stored.officer_id,
    ):  # fmt: skip
        # Asked before the group was rebound: its new operation sees nothing of the report.
        await query.edit_message_text(_(render_seizure.OTHER_OPERATIONS_REPORT))
        return
    now = context.clock.now()
    try:
        report = await _read(pending.text, context, caller, now, sent=stored.reported_at)
    except ParseError as exc:  # the catalogue or the day changed meanwhile
        await query.edit_message_text(
            _("Report #{number} is unchanged: {error}").format(
                number=stored.number, error=escape(str(exc))
            )
        )
        return
    corrected = await seizure_store.correct_seizure(
        # The edit's update was claimed when it asked (storage.questions.keep); the question,
        # taken once, makes this press once-only.
        context.db, operation=caller.operation, seizure_id=stored.id,
        update_id=None, text=pending.text, report=report, actor_id=caller.user_id,
        now=now,
    )  # fmt: skip
    if corrected.voided_at is not None:
        said = _(
            "Report #{number} was voided, so the edit changes nothing. Send a new report instead."
        ).format(number=corrected.number)
        await query.edit_message_text(outbox.fit_edit(said, caller.operation))
        return
    undo = not await void_store.was_restored(
        context.db, operation_id=corrected.operation_id, seizure_id=corrected.id
    )
    text = acks.ack_text(
        caller.operation, corrected, agency_code=caller.agency_code, corrected=True, undo=undo
    )
    shown = await _show_on_ack(context, caller, corrected, text, undo)
    # The question becomes the correction too; its Undo is the acknowledgement's, if that shows,
    # and then its text offers none: words and buttons agree.
    here = undo and not shown
    if shown:
        text = acks.ack_text(
            caller.operation, corrected, agency_code=caller.agency_code, corrected=True,
            undo=False,
        )  # fmt: skip
    await query.edit_message_text(
        outbox.fit_edit(text, caller.operation),
        reply_markup=undo_button(corrected.id) if here else None,
    )
    if here and isinstance(query.message, Message):
        double_tap.became_acknowledgement(context, query.message.chat_id, query.message.message_id)
