"""/seizure and its corrections: edits, /undo, the Undo button, /void, /mine, /nil, /alias."""

from __future__ import annotations

import logging
import re
from datetime import datetime, timedelta
from html import escape

from telegram import (
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    Update,
)
from telegram.error import BadRequest, NetworkError, TelegramError

from bot import media, outbox
from bot.context import BotContext
from bot.domain.access import Permission, allows
from bot.domain.commands import BUTTON_COMMANDS, BY_NAME, EDIT_COMMAND
from bot.domain.stored import StoredSeizure
from bot.domain.unit import Caller, Operation
from bot.limiter import may_have_arrived
from bot.parsing import ParseError, SeizureReport, parse_seizure
from bot.parsing.args import UsageError, command_text
from bot.parsing.validate import check_alias_unknown, check_alias_words, check_report_date
from bot.render import asked as render_asked
from bot.render import media as render_media
from bot.render import replies as render
from bot.render import seizure as render_seizure
from bot.render.i18n import _, ngettext, using
from bot.render.replies import usage
from handlers import asked, cases, notices
from handlers.guard import (
    caller_in,
    guarded,
    guarded_button,
    reader_language,
    refusal_for,
    remember,
)
from handlers.reply import answer, is_group
from storage import restore as restore_store
from storage import seizures as seizure_store

log = logging.getLogger(__name__)

# An identical text from the same officer within this window is probably sent twice by mistake.
RESEND_WINDOW = timedelta(minutes=5)
SEIZURE_COMMAND = re.compile(r"^/(seizure|s)(@\w+)?(\s|$)", re.IGNORECASE)
# ASCII digits only, and few enough for SQLite's 64-bit integers ('²'.isdigit() is True).
COMMAND_WORD = re.compile(r"^(/\w+)")
REPORT_ID = re.compile(r"#?[0-9]{1,18}")


def number_and_reason(text: str, command: str) -> tuple[int, str]:
    """'/void 3 entered twice' -> (3, 'entered twice'); UsageError with a valid example else."""
    words = command_text(text).split(maxsplit=1)
    if words and not REPORT_ID.fullmatch(words[0]):
        raise UsageError(
            _(
                "'{word}' is not a report number: it is the # in the report's acknowledgement."
            ).format(word=words[0][:30])
            + f"\n{usage(command)}"
        )
    if len(words) < 2:
        raise UsageError(_("Which report, and why?") + f"\n{usage(command)}")
    return int(words[0].lstrip("#")), words[1].strip()[:500]


def undo_button(seizure_id: int) -> InlineKeyboardMarkup:
    """The Undo button under a confirmation."""
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(_("Undo"), callback_data=f"undo:{seizure_id}")]]
    )


def _parse(text: str, context: BotContext, caller: Caller, now: datetime) -> SeizureReport:
    # `now` is the one reading of the clock for the whole report: the day the text is read
    # against (today, yesterday) and the day it is stored under agree, even at midnight.
    today = caller.operation.local(now).date()
    report = parse_seizure(text, catalogue=context.bot_data.catalogue, today=today)
    check_report_date(report.occurred_on, today)
    return report


@guarded("seizure")
async def seizure(update: Update, context: BotContext, caller: Caller) -> None:
    """/seizure TEXT: understand it, record it, show back what was recorded."""
    message = update.effective_message
    # A photo or document whose caption is the report is the same report (handlers/media.py).
    assert message is not None
    text = message.text if message.text is not None else message.caption
    assert text is not None
    if message.forward_origin is not None or "forward_date" in message.api_kwargs:
        # Whoever forwards a report did not make the seizure: it would count twice.
        await answer(update, _(render_seizure.FORWARDED), caller)
        return
    if message.text is not None and not command_text(text).strip() and not is_group(message.chat):
        from handlers import guided  # guided entry records through this module

        await guided.begin(update, context, caller)  # /seizure alone: step by step
        return
    now = context.clock.now()
    try:
        report = _parse(text, context, caller, now)
    except ParseError as exc:
        await answer(update, escape(str(exc)), caller)
        return
    if await asked.asked_if_unusual(update, context, caller, report, text):
        return
    # One transaction asks "sent twice?" and records: a single trip to the database.
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
    )
    if isinstance(outcome, seizure_store.SentBefore):
        earlier = outcome.earlier
        # Kept in memory only: after a restart the question's buttons answer "expired".
        assert context.chat_data is not None
        # The operation is kept with the text: a /use in between must not move the report.
        context.chat_data[f"resend:{message.message_id}"] = (
            caller.user_id,
            text,
            update.update_id,
            caller.operation.id,
        )
        minutes = int((now - earlier.reported_at).total_seconds() // 60)
        keyboard = InlineKeyboardMarkup(
            [
                [
                    InlineKeyboardButton(
                        _("Record again"), callback_data=f"resend:yes:{message.message_id}"
                    ),
                    InlineKeyboardButton(_("No"), callback_data=f"resend:no:{message.message_id}"),
                ]
            ]
        )
        await answer(
            update,
            render_seizure.duplicate_question(earlier, minutes),
            caller,
            reply_markup=keyboard,
        )
        return
    stored = outcome.seizure
    # Only now, after the commit, is the officer told it was recorded.
    ack = render_seizure.seizure_ack(
        caller.operation, stored, agency_code=caller.agency_code, corrected=False
    )
    files = await media.keep_with(
        context.bot, context.db, message, seizure_id=stored.id, operation_id=caller.operation.id,
        actor_id=caller.user_id, update_id=None, now=now,
    )  # fmt: skip
    if files is not None:
        ack += "\n" + render_media.files_line(files)
    reply = await acknowledge(context, message, ack, undo_button(stored.id), caller.operation)
    if reply is not None:
        await seizure_store.set_reply(
            context.db, seizure_id=stored.id, chat_id=reply.chat_id, message_id=reply.message_id
        )
    await cases.suggest(context, caller, stored, message.chat_id, is_group(message.chat))


async def acknowledge(
    context: BotContext,
    message: Message,
    text: str,
    buttons: InlineKeyboardMarkup,
    operation: Operation,
) -> Message | None:
    """Tell the officer a committed report was recorded; whatever Telegram does, it stands.

    The ack quotes the report if it is still there (bot.outbox). A failure here must never
    reach the error handler, whose "try again" would make the officer report it twice.
    """
    for attempt in (1, 2):
        try:
            [reply, *_rest] = await outbox.send(
                context.bot,
                message.chat_id,
                text,
                operation=operation,
                reply_to=message.message_id,
                reply_markup=buttons,
            )
            return reply
        except TelegramError as exc:
            if (isinstance(exc, NetworkError) and may_have_arrived(exc)) or attempt == 2:
                # It may well have arrived: never twice. A resend is caught as a duplicate.
                log.warning("report acknowledgement in chat %s: %s", message.chat_id, exc)
                return None
            log.info("report acknowledgement refused (%s); sent again", exc)
    return None


async def resend_choice(update: Update, context: BotContext) -> None:
    """The answer to 'record it again?': checked as a /seizure in the report's own operation."""
    query = update.callback_query
    if query is None or query.data is None or query.message is None:
        return
    await remember(update, context)
    _kind, choice, message_id = query.data.split(":")
    chat_data = context.chat_data or {}
    pending = chat_data.get(f"resend:{message_id}")
    if pending is not None:
        if pending[0] != query.from_user.id:
            # In a group anyone sees the buttons; only the report's author may answer.
            await query.answer(
                _("Only the officer who sent the report can answer."), show_alert=True
            )
            return
        del chat_data[f"resend:{message_id}"]
    # Recorded into the operation it was written for, if the author still reports there.
    resolved = (
        await caller_in(context, user_id=query.from_user.id, operation_id=pending[3])
        if pending is not None
        else None
    )
    if pending is None or resolved is None:
        await query.answer(
            _("This question has expired. Send the report again if needed."), show_alert=True
        )
        return
    refusal = refusal_for(resolved, BY_NAME[BUTTON_COMMANDS["resend"]])
    if refusal is not None:
        await query.answer(render.plain(refusal), show_alert=True)
        return
    await query.answer()
    if choice != "yes":
        await query.edit_message_text(outbox.fit_edit(_("Not recorded again."), resolved.operation))
        return
    _user, text, update_id, _operation = pending
    now = context.clock.now()
    report = _parse(text, context, resolved, now)
    assert isinstance(query.message, Message)
    await record_answered(
        query, context, resolved, text=text, message_id=int(message_id), update_id=update_id,
        report=report, now=now,
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
) -> None:
    """Record the report a question asked about; the question becomes its acknowledgement."""
    assert isinstance(query.message, Message)
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
    )
    assert isinstance(recorded, seizure_store.Recorded)  # asked for no resend check
    stored = recorded.seizure
    ack = render_seizure.seizure_ack(
        caller.operation, stored, agency_code=caller.agency_code, corrected=False
    )
    await query.edit_message_text(
        outbox.fit_edit(ack, caller.operation), reply_markup=undo_button(stored.id)
    )
    await seizure_store.set_reply(
        context.db,
        seizure_id=stored.id,
        chat_id=query.message.chat_id,
        message_id=query.message.message_id,
    )


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
    is_seizure = SEIZURE_COMMAND.match(text) is not None
    stored = await seizure_store.find_by_message(
        context.db, chat_id=message.chat_id, message_id=message.message_id, officer_id=user.id
    )
    if stored is not None and stored.officer_id != user.id:
        stored = None
    if stored is None:
        if is_seizure:  # a rejected /seizure, fixed by editing: it is a new report now
            await seizure(update, context)
        return  # an edit of chatter that never became a report is none of ours
    await remember(update, context)
    if not is_seizure:
        became = COMMAND_WORD.match(text)
        word = became[1] if became else None
        await answer(update, render_asked.edit_left_report(stored.number, became=word))
        return
    # Checked as a /seizure in the report's own operation: a demoted officer corrects nothing.
    resolved = await caller_in(context, user_id=user.id, operation_id=stored.operation_id)
    if resolved is None:
        # Revoked since: the edit changes nothing, and they are told so rather than left guessing.
        await answer(update, _(render_seizure.EDIT_BY_FORMER_MEMBER).format(n=stored.id))
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
    now = context.clock.now()
    try:
        report = _parse(text, context, resolved, now)
    except ParseError as exc:
        await answer(
            update,
            _("Report #{number} is unchanged: {error}").format(
                number=stored.number, error=escape(str(exc))
            ),
            resolved,
        )
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
    )
    text = render_seizure.seizure_ack(
        resolved.operation, corrected, agency_code=resolved.agency_code, corrected=True
    )
    if corrected.reply_chat_id is not None and corrected.reply_message_id is not None:
        try:
            await context.bot.edit_message_text(
                outbox.fit_edit(text, resolved.operation),
                chat_id=corrected.reply_chat_id,
                message_id=corrected.reply_message_id,
                reply_markup=undo_button(corrected.id),
            )
            return
        except BadRequest as exc:
            if "not modified" in str(exc).lower():
                return
    await answer(update, text, resolved, reply_markup=undo_button(corrected.id))


async def _void(
    update: Update,
    context: BotContext,
    caller: Caller,
    seizure_id: int | None,
    reason: str,
    within: timedelta | None,
    number: int | None = None,
) -> StoredSeizure:
    return await seizure_store.void_seizure(
        context.db,
        operation=caller.operation,
        seizure_id=seizure_id,
        number=number,
        update_id=update.update_id,
        actor_id=caller.user_id,
        may_void_any=allows(caller.role, Permission.VOID_ANY),
        reason=reason,
        now=context.clock.now(),
        within=within,
    )


@guarded("undo")
async def undo(update: Update, context: BotContext, caller: Caller) -> None:
    """/undo: void your latest report, within the operation's undo window; never an older one."""
    last = await seizure_store.last_of(
        context.db, operation_id=caller.operation.id, officer_id=caller.user_id
    )
    if last is None:
        await answer(update, _("You have no report to undo."), caller)
        return
    if last.voided_at is not None:
        await answer(update, render_seizure.already_undone(caller.operation, last), caller)
        return
    try:
        stored = await _void(
            update,
            context,
            caller,
            last.id,
            render_seizure.UNDONE,
            timedelta(seconds=caller.operation.undo_window_s),
        )
    except seizure_store.VoidRefused as exc:
        await answer(update, render_seizure.void_refusal(exc), caller)
        return
    await answer(update, render_seizure.voided(caller.operation, stored), caller)


@guarded_button(BUTTON_COMMANDS["undo"])
async def undo_pressed(update: Update, context: BotContext, caller: Caller) -> None:
    """The Undo button: only its author, only within the undo window, only once."""
    query = update.callback_query
    if query is None or query.data is None:
        return
    seizure_id = int(query.data.split(":", 1)[1])
    stored = await seizure_store.get_seizure(
        context.db, operation_id=caller.operation.id, seizure_id=seizure_id
    )
    if stored is None or stored.officer_id != caller.user_id:
        await query.answer(_("Only the officer who sent this report can undo it."), show_alert=True)
        return
    try:
        voided = await _void(
            update,
            context,
            caller,
            seizure_id,
            render_seizure.UNDONE,
            timedelta(seconds=caller.operation.undo_window_s),
        )
    except seizure_store.VoidRefused as exc:
        await query.answer(render.plain(render_seizure.void_refusal(exc)), show_alert=True)
        return
    await query.answer(
        _("Report {code} #{number} voided.").format(
            code=caller.operation.code, number=voided.number
        )
    )
    await query.edit_message_text(
        outbox.fit_edit(
            render_seizure.seizure_ack(
                caller.operation, voided, agency_code=caller.agency_code, corrected=False
            ),
            caller.operation,
        )
    )


@guarded("void")
async def void(update: Update, context: BotContext, caller: Caller) -> None:
    """/void ID REASON: the author or a coordinator voids a report; it stays, marked."""
    message = update.effective_message
    assert message is not None
    # The number a person sees: report N of the caller's operation, never the internal id.
    number, reason = number_and_reason(message.text or "", "void")
    try:
        repeat = await context.db.carried_out(update.update_id)
        stored = await _void(update, context, caller, None, reason, None, number)
    except seizure_store.VoidRefused as exc:
        await answer(update, render_seizure.void_refusal(exc), caller)
        return
    await answer(update, render_seizure.voided(caller.operation, stored), caller)
    if repeat:  # the author heard the first time
        return
    await notices.tell_author(
        update, context, caller, stored, restored=False, reason=stored.void_reason or ""
    )


@guarded("restore")
async def restore(update: Update, context: BotContext, caller: Caller) -> None:
    """/restore ID REASON: a coordinator makes a voided report count again; audited."""
    message = update.effective_message
    assert message is not None
    number, reason = number_and_reason(message.text or "", "restore")
    try:
        repeat = await context.db.carried_out(update.update_id)
        stored = await restore_store.restore_seizure(
            context.db,
            operation=caller.operation,
            number=number,
            update_id=update.update_id,
            actor_id=caller.user_id,
            reason=reason,
            now=context.clock.now(),
        )
    except seizure_store.VoidRefused as exc:
        await answer(update, render_seizure.void_refusal(exc), caller)
        return
    await answer(update, render_seizure.restored(caller.operation, stored), caller)
    if repeat:  # the author heard the first time
        return
    await notices.tell_author(update, context, caller, stored, restored=True, reason=reason)


@guarded("mine")
async def mine(update: Update, context: BotContext, caller: Caller) -> None:
    """/mine: your recent reports."""
    recent = await seizure_store.recent_of(
        context.db, operation_id=caller.operation.id, officer_id=caller.user_id
    )
    tz = await notices.reader_tz(
        context, operation_id=caller.operation.id, agency_id=caller.agency_id
    )
    await answer(update, render_seizure.mine(caller.operation, recent, reader_tz=tz), caller)


@guarded("nil")
async def nil(update: Update, context: BotContext, caller: Caller) -> None:
    """/nil [note]: my post checked, nothing seized today."""
    message = update.effective_message
    assert message is not None
    note = command_text(message.text or "").strip()[:500] or None
    if await asked.asked_if_reported_today(update, context, caller, note):
        return
    day = await seizure_store.record_nil(
        context.db,
        operation=caller.operation,
        agency_id=caller.agency_id,
        officer_id=caller.user_id,
        update_id=update.update_id,
        note=note,
        now=context.clock.now(),
    )
    await answer(update, render_asked.nil_recorded(caller, day), caller)


@guarded("alias")
async def alias(update: Update, context: BotContext, caller: Caller) -> None:
    """/alias WORDS CANONICAL: classify an unknown substance name, past and future."""
    message = update.effective_message
    assert message is not None
    words = command_text(message.text or "").rsplit(maxsplit=1)
    catalogue = context.bot_data.catalogue
    if len(words) != 2 or words[1].lower() not in catalogue.ids:
        known = ", ".join(sorted(catalogue.ids))
        raise UsageError(
            _("Give the words, then one of the canonical ids ({known}).").format(known=known)
            + f"\n{usage('alias')}"
        )
    words[0] = check_alias_words(words[0], usage("alias"))
    check_alias_unknown(words[0], catalogue.lookup(words[0]))
    changed = await seizure_store.add_alias(
        context.db,
        operation_id=caller.operation.id,
        words=words[0],
        substance=words[1].lower(),
        actor_id=caller.user_id,
        now=context.clock.now(),
        update_id=update.update_id,
    )
    await answer(
        update,
        ngettext(
            '"{words}" now counts as {substance}: {n} past item reclassified, and future '
            "reports follow.",
            '"{words}" now counts as {substance}: {n} past items reclassified, and future '
            "reports follow.",
            changed,
        ).format(words=escape(words[0]), substance=escape(words[1].lower()), n=changed),
        caller,
    )
