"""Photos, documents and locations: a report in a caption, or added to a report already sent."""

from __future__ import annotations

import logging
from datetime import timedelta

from telegram import Message, Update
from telegram.error import TelegramError

from bot import media, outbox
from bot.context import BotContext
from bot.domain.commands import BY_NAME, EDIT_COMMAND
from bot.domain.unit import Caller
from bot.render import media as render_media
from bot.render import seizure as render_seizure
from bot.render.i18n import _
from handlers import acks, notices, seizures, unanswered
from handlers.guard import caller_in, refusal_for, refuse_outsider, remember, spoken
from handlers.reply import answer, is_group, replied_to
from storage import media as media_store
from storage import questions
from storage import seizure_voids as void_store
from storage import seizures as seizure_store
from storage.media import Attached, ReportRef

log = logging.getLogger(__name__)

# An album's files arrive as separate messages, a moment apart.
ALBUM_WINDOW = timedelta(minutes=2)
# A location shared this soon after a report, in the same chat, belongs to it.
LOCATION_WINDOW = timedelta(minutes=10)


async def _replied_report(context: BotContext, message: Message) -> ReportRef | None:
    """The report a reply points at: its acknowledgement, or the officer's own report message."""
    target = replied_to(message)
    if target is None:
        return None
    if target.from_user is not None and target.from_user.id == context.bot.id:
        return await media_store.by_acknowledgement(
            context.db, chat_id=message.chat_id, message_id=target.message_id
        )
    return await media_store.by_message(
        context.db, chat_id=message.chat_id, message_id=target.message_id
    )


def _to_bot(context: BotContext, message: Message) -> bool:
    """A private message, or a reply to the bot in a group: it expects an answer."""
    if not is_group(message.chat):
        return True
    target = replied_to(message)
    return (
        target is not None
        and target.from_user is not None
        and (target.from_user.id == context.bot.id)
    )


async def _author(update: Update, context: BotContext, ref: ReportRef) -> Caller | None:
    """The sender as a caller of the report's operation, if they may add to it; else answered."""
    user, chat = update.effective_user, update.effective_chat
    assert user is not None and chat is not None
    if await notices.bound_elsewhere(
        context, chat=chat, operation_id=ref.operation_id, officer_id=ref.officer_id
    ):
        # Rebound since: the new operation's people neither add to it nor learn its number.
        await answer(update, _(render_seizure.OTHER_OPERATIONS_REPORT))
        return None
    resolved = await caller_in(context, user_id=user.id, operation_id=ref.operation_id)
    if resolved is None:
        # Not of the report's operation: the refusal any outsider gets, without its number.
        await refuse_outsider(update, context)
        return None
    if ref.officer_id != user.id:
        await answer(update, render_media.not_yours(ref.number), resolved)
        return None
    refusal = refusal_for(resolved, BY_NAME[EDIT_COMMAND])
    if refusal is not None:
        await answer(
            update,
            _("Report #{number} is unchanged. {refusal}").format(
                number=ref.number, refusal=refusal
            ),
            resolved,
        )
        return None
    if ref.voided:
        await answer(update, render_media.voided(ref.number), resolved)
        return None
    return resolved


@spoken
async def received(update: Update, context: BotContext) -> None:
    """A photo or document: a report in its caption, added to a report, or a pointer."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    if seizures.is_seizure(message.caption or "", context.bot.username):
        await seizures.seizure(update, context)  # the same report; its file kept with it
        return
    await remember(update, context)
    ref = await _replied_report(context, message)
    album = False
    if ref is None and message.media_group_id is not None:
        seizure_id = await media_store.by_album(
            context.db,
            chat_id=message.chat_id,
            media_group_id=message.media_group_id,
            since=context.clock.now() - ALBUM_WINDOW,
        )
        ref = await media_store.ref_of(context.db, seizure_id) if seizure_id else None
        album = ref is not None
    if ref is None:
        if await _waits(update, context, message) or (
            _to_bot(context, message)
            and await unanswered.offered(update, context, message.caption or "")
        ):
            return
        await _point(update, context, message, render_media.caption_pointer())
        return
    caller = await _author(update, context, ref)
    if caller is None:
        return
    done = await media.keep_with(
        context.bot,
        context.db,
        message,
        seizure_id=ref.seizure_id,
        operation_id=ref.operation_id,
        actor_id=user.id,
        update_id=update.update_id,
        now=context.clock.now(),
    )
    assert done is not None
    if album and await _show_on_acknowledgement(context, caller, ref, done):
        return
    await answer(update, render_media.attached(done), caller)


async def _waits(update: Update, context: BotContext, message: Message) -> bool:
    """An album's photo before its report is recorded: kept until it is; True if kept.

    Its report may be asked about (an unusual amount, did you mean), or may come in a later
    message of the album: whichever order the album's messages arrive in, all of it goes to
    the one report. A photo of an album none of whose messages becomes a report is forgotten.
    """
    group = message.media_group_id
    user = update.effective_user
    if group is None or user is None:
        return False
    file = await media.fetch(context.bot, message)
    if file is None:
        return False
    await questions.wait(
        context.db, file, chat_id=message.chat_id, message_id=message.message_id,
        actor_id=user.id, now=context.clock.now(),
    )  # fmt: skip
    # A question already answers the album; otherwise the pointer, once, says what to do.
    return await questions.album_asked(context.db, chat_id=message.chat_id, media_group_id=group)


async def _show_on_acknowledgement(
    context: BotContext, caller: Caller, ref: ReportRef, done: Attached
) -> bool:
    """An album's later file: the acknowledgement counts it, instead of one more message."""
    at = await notices.acknowledgement_at(context, ref)
    if at is None:
        return False
    stored = await seizure_store.load(context.db, ref.seizure_id)
    # A restored report's Undo is spent, as its restore showed: the count brings none back.
    undo = not await void_store.was_restored(
        context.db, operation_id=ref.operation_id, seizure_id=ref.seizure_id
    )
    text = acks.ack_text(
        caller.operation,
        stored,
        agency_code=caller.agency_code,
        corrected=stored.edited_at is not None,
        undo=undo,
        tail="\n" + render_media.files_line(done),
    )
    try:
        await context.bot.edit_message_text(
            outbox.fit_edit(text, caller.operation),
            chat_id=at[0],
            message_id=at[1],
            reply_markup=seizures.undo_button(ref.seizure_id) if undo else None,
        )
    except TelegramError as exc:
        log.info("acknowledgement of report %s not updated: %s", ref.seizure_id, exc)
        return "not modified" in str(exc).lower()
    return True


@spoken
async def location(update: Update, context: BotContext) -> None:
    """A shared location: coordinates for the report it replies to, or the one just sent."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None or message.location is None:
        return
    await remember(update, context)
    now = context.clock.now()
    ref = await _replied_report(context, message)
    if ref is None and replied_to(message) is None:
        ref = await media_store.latest_of(
            context.db, officer_id=user.id, chat_id=message.chat_id, since=now - LOCATION_WINDOW
        )
    if ref is None:
        await _point(update, context, message, render_media.location_pointer())
        return
    caller = await _author(update, context, ref)
    if caller is None:
        return
    place = message.location
    await media_store.set_location(
        context.db,
        seizure_id=ref.seizure_id,
        operation_id=ref.operation_id,
        latitude=place.latitude,
        longitude=place.longitude,
        actor_id=user.id,
        update_id=update.update_id,
        now=now,
    )
    await answer(
        update,
        render_media.location_attached(ref.number, place.latitude, place.longitude),
        caller,
    )


async def _point(update: Update, context: BotContext, message: Message, pointer: str) -> None:
    """How to send it, where an answer is expected; once per album, not once per photo."""
    if not _to_bot(context, message):
        return  # group chatter with a picture is none of ours
    group = message.media_group_id
    if group is not None and context.chat_data is not None:
        pointed = context.chat_data.setdefault("pointed_albums", [])
        if group in pointed:
            return
        pointed[:] = [*pointed[-20:], group]  # bounded: only the latest albums matter
    await answer(update, pointer)
