"""Taking a report back and giving it back: /undo, the Undo button, /void and /restore."""

from __future__ import annotations

import logging
import re
from datetime import timedelta

from telegram import Message, Update
from telegram.error import TelegramError

from bot import outbox
from bot.context import BotContext
from bot.domain.access import Permission, allows
from bot.domain.commands import BUTTON_COMMANDS, BY_NAME
from bot.domain.stored import StoredSeizure
from bot.domain.unit import Caller
from bot.parsing.args import UsageError, command_text
from bot.render import replies as render
from bot.render import seizure as render_seizure
from bot.render import undo as render_undo
from bot.render.asked import CLOSED_BY_UNDO
from bot.render.i18n import N_, _, using
from bot.render.replies import usage
from handlers import acks, asked, double_tap, notices
from handlers.guard import (
    NOT_ACTIVE,
    caller_in,
    guarded,
    guarded_button,
    on_its_message,
    refusal_for,
)
from handlers.reply import answer, is_group
from handlers.undo_argument import with_argument
from storage import drafts
from storage import listing as listing_store
from storage import members as member_store
from storage import operations as operation_store
from storage import restore as restore_store
from storage import seizures as seizure_store
from storage.unread_reports import UNREAD, unread_since

log = logging.getLogger(__name__)

# ASCII digits only, and few enough for SQLite's 64-bit integers ('²'.isdigit() is True).
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
    if len(words) < 2 and words:
        raise UsageError(_missing_reason(command, int(words[0].lstrip("#"))))
    if len(words) < 2:
        raise UsageError(_("Which report, and why?") + f"\n{usage(command)}")
    return int(words[0].lstrip("#")), words[1].strip()[:500]


def _missing_reason(command: str, number: int) -> str:
    """The number was given, the reason not: ask for it with that very number."""
    if command == "restore":
        text, reason = (
            _("Give a reason for restoring report #{number}, e.g. {example}"),
            _("voided by mistake"),
        )
    else:
        text, reason = (
            _("Give a reason for voiding report #{number}, e.g. {example}"),
            _("entered twice"),
        )
    return text.format(number=number, example=f"/{command} {number} {reason}")


async def mark_acknowledgement(context: BotContext, caller: Caller, stored: StoredSeizure) -> None:
    """The report's original acknowledgement shows what it is now: voided, or counting again.

    Written in the author's language, as the acknowledgement was. If Telegram refuses the edit
    (too old, deleted, unchanged), the void stands and nobody is told of a fault.
    """
    at = await notices.acknowledgement_at(context, stored)
    if at is None:
        return
    agencies = await operation_store.agencies(context.db, operation_id=stored.operation_id)
    code = next((a.code for a in agencies if a.id == stored.agency_id), None)
    language = await member_store.language_of(context.db, user_id=stored.officer_id)
    with using(language):
        # Restored (not voided): no Undo button comes back, so the text offers none either.
        text = acks.ack_text(
            caller.operation, stored, agency_code=code, corrected=stored.edited_at is not None,
            undo=stored.voided_at is not None,
        )  # fmt: skip
    try:
        await context.bot.edit_message_text(
            outbox.fit_edit(text, caller.operation),
            chat_id=at[0],
            message_id=at[1],
        )
    except TelegramError as exc:
        log.info("acknowledgement of report %s not marked: %s", stored.id, exc)


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
    """/undo: void your latest report, within the operation's undo window; never an older one.

    Never the one before a message that recorded nothing (refused, or held by a question), nor
    while a report is entered step by step.
    """
    message = update.effective_message
    typed = command_text(message.text or "") if message is not None else ""
    last = await seizure_store.last_of(
        context.db, operation_id=caller.operation.id, officer_id=caller.user_id
    )
    if typed:  # '/undo 1': it takes no number; voiding the latest instead would surprise
        await answer(update, await with_argument(context, caller, last, typed), caller)
        return
    if await _draft_open(update, context, caller):
        return
    if last is None:
        if taken := await _take_back_questions(update, context, caller):
            await answer(update, render_undo.nothing_recorded_asked(None, taken), caller)
            return
        await answer(update, _("You have no report to undo."), caller)
        return
    if last.voided_at is not None:
        mine = await seizure_store.recent_of(
            context.db, operation_id=caller.operation.id, officer_id=caller.user_id
        )
        counting = next((s for s in mine if s.voided_at is None), None)
        await answer(update, render_undo.already_undone(last, counting), caller)
        return
    window = timedelta(seconds=caller.operation.undo_window_s)
    # Only while /undo could void it: the look runs from the report's own entry on.
    since = None
    if context.clock.now() - last.reported_at <= window:
        since = await unread_since(
            context.db, operation_id=caller.operation.id, officer_id=caller.user_id,
            seizure_id=last.id,
        )  # fmt: skip
    if since == UNREAD:
        await answer(update, render_undo.nothing_recorded(last), caller)
        return
    if since is not None:
        taken_back = await _take_back_questions(update, context, caller)
        await answer(update, render_undo.nothing_recorded_asked(last, taken_back), caller)
        return
    try:
        stored = await _void(
            update,
            context,
            caller,
            last.id,
            render_seizure.UNDONE,
            window,
        )
    except seizure_store.VoidRefused as exc:
        await answer(update, render_seizure.void_refusal(exc, caller.role), caller)
        return
    await answer(update, render_seizure.voided(caller.operation, stored), caller, long=True)
    await mark_acknowledgement(context, caller, stored)


async def _draft_open(update: Update, context: BotContext, caller: Caller) -> bool:
    """A report open step by step in this chat: nothing of it to void, said; True."""
    chat = update.effective_chat
    if chat is None or is_group(chat):
        return False
    draft = await drafts.current(context.db, user_id=caller.user_id, now=context.clock.now())
    if draft is None or draft.chat_id != chat.id:
        return False
    await answer(update, render_undo.draft_open(), caller)
    return True


async def _take_back_questions(update: Update, context: BotContext, caller: Caller) -> int:
    """The caller's questions waiting in this chat, taken back as /cancel does; how many."""
    chat = update.effective_chat
    if chat is None:
        return 0
    return len(await asked.take_back(update, context, caller, chat.id, CLOSED_BY_UNDO))


NOT_THE_AUTHOR = N_("Only the officer who sent this report can undo it.")
MOVED_ON = N_(
    "This report belongs to an operation this group is no longer linked to. In your private "
    "chat with the bot, /mine lists your reports and /void takes one back."
)
# To an observer, or to the report's author since made an observer: the role is what is missing.
NOT_AN_OFFICER = N_("Only officers can undo a report, and only their own.")


async def _moved_on(context: BotContext, caller: Caller, seizure_id: int, message: object) -> bool:
    """Whether the press is its author's, on the acknowledgement of a report of another
    operation than the group's now."""
    own = await seizure_store.operation_of(context.db, seizure_id=seizure_id)
    if own is None or own == caller.operation.id or not isinstance(message, Message):
        return False
    theirs = await seizure_store.get_seizure(context.db, operation_id=own, seizure_id=seizure_id)
    return (
        theirs is not None
        and theirs.officer_id == caller.user_id
        and (theirs.reply_chat_id, theirs.reply_message_id) == (message.chat_id, message.message_id)
    )


@guarded_button(BUTTON_COMMANDS["undo"], NOT_AN_OFFICER)
async def undo_pressed(update: Update, context: BotContext, caller: Caller) -> None:
    """The Undo button: only its author, only within the undo window, only once."""
    query = update.callback_query
    if query is None or query.data is None:
        return
    seizure_id = int(query.data.split(":", 1)[1])
    stored = await seizure_store.get_seizure(
        context.db, operation_id=caller.operation.id, seizure_id=seizure_id
    )
    chat = update.effective_chat
    if stored is None and chat is not None and not is_group(chat):
        # /use may have switched this private chat since the button was sent: the button undoes
        # its own report, in that report's operation and by its rules, never a current one's.
        own = await seizure_store.operation_of(context.db, seizure_id=seizure_id)
        there = (
            None
            if own is None
            else await caller_in(context, user_id=caller.user_id, operation_id=own)
        )
        if there is not None and refusal_for(there, BY_NAME["undo"]) is None:
            caller = there
            stored = await seizure_store.get_seizure(
                context.db, operation_id=there.operation.id, seizure_id=seizure_id
            )
    if (
        stored is None
        and chat is not None
        and is_group(chat)
        and await _moved_on(context, caller, seizure_id, query.message)
    ):
        # Its author, under its own acknowledgement, in a group since moved to another
        # operation: said so, not "only its author" (a forged button is told that still).
        await query.answer(_(MOVED_ON), show_alert=True)
        return
    if stored is None or stored.officer_id != caller.user_id:
        await query.answer(_(NOT_THE_AUTHOR), show_alert=True)
        return
    message = query.message
    acknowledged = isinstance(message, Message) and (
        stored.reply_chat_id,
        stored.reply_message_id,
    ) == (
        message.chat_id,
        message.message_id,
    )
    if not acknowledged and not on_its_message(query):
        # Forged under another message: the report stays, and that message is not made its
        # acknowledgement.
        await query.answer(_(NOT_ACTIVE), show_alert=True)
        return
    if not acknowledged and isinstance(message, Message) and stored.reply_message_id is None:
        if stored.reply_chat_id == message.chat_id:
            # Its acknowledgement went out here, its id never known (Telegram answered too late,
            # handlers.acks): this message shows its Undo, so it is that one. Remembered, a
            # /restore or a correction finds it again.
            await seizure_store.set_reply(
                context.db, seizure_id=stored.id, chat_id=message.chat_id,
                message_id=message.message_id,
            )  # fmt: skip
    if isinstance(message, Message) and double_tap.is_double_tap(
        context, message.chat_id, message.message_id
    ):
        # The second tap of a double tap on Record it, landed on the Undo in its place.
        await query.answer(_(double_tap.PRESS_AGAIN), show_alert=True)
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
        await query.answer(
            render.plain(render_seizure.void_refusal(exc, caller.role)), show_alert=True
        )
        return
    await query.answer(
        _("Report {code} #{number} voided.").format(
            code=caller.operation.code, number=voided.number
        )
    )
    await query.edit_message_text(
        outbox.fit_edit(
            acks.ack_text(
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
    if await _already_voided(update, context, caller, command_text(message.text or "")):
        return
    # The number a person sees: report N of the caller's operation, never the internal id.
    number, reason = number_and_reason(message.text or "", "void")
    try:
        repeat = await context.db.carried_out(update.update_id)
        stored = await _void(update, context, caller, None, reason, None, number)
    except seizure_store.VoidRefused as exc:
        await answer(update, render_seizure.void_refusal(exc, caller.role), caller)
        return
    await answer(update, render_seizure.voided(caller.operation, stored), caller, long=True)
    if repeat:  # the author heard the first time
        return
    await mark_acknowledgement(context, caller, stored)
    await notices.tell_author(
        update, context, caller, stored, restored=False, reason=stored.void_reason or ""
    )


async def _already_voided(update: Update, context: BotContext, caller: Caller, args: str) -> bool:
    """'/void 9' with no reason, on a report already voided: said so, rather than asked why
    (a reason would change nothing); True if said. Only to whom may void it: its author or a
    coordinator."""
    words = args.split()
    if len(words) != 1 or not REPORT_ID.fullmatch(words[0]):
        return False
    number = int(words[0].lstrip("#"))
    found = await listing_store.report_detail(
        context.db, operation_id=caller.operation.id, number=number
    )
    if found is None or found.voided_at is None:
        return False
    if found.officer_id != caller.user_id and not allows(caller.role, Permission.REVIEW):
        return False
    refused = seizure_store.VoidRefused(seizure_store.VoidRefusal.ALREADY_VOIDED, number)
    await answer(update, render_seizure.void_refusal(refused, caller.role), caller)
    return True


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
        await answer(update, render_seizure.void_refusal(exc, caller.role), caller)
        return
    await answer(update, render_seizure.restored(caller.operation, stored), caller, long=True)
    if repeat:  # the author heard the first time
        return
    await mark_acknowledgement(context, caller, stored)
    await notices.tell_author(update, context, caller, stored, restored=True, reason=reason)
