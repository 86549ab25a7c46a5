"""A report's acknowledgement: sent once, and the message that carries it remembered.

The acknowledgement is the message a correction, an undo, a void and a photo sent as a reply
find the report by, so its id matters as much as its arrival. Telegram may post it and answer
late (a congested API, a slow link): PTB gives up waiting after 5 s, and the bot never learnt
the id. An acknowledgement waits longer for its answer (`ANSWER_WAIT_S`). An answer that never
comes, or a kill before it is written down, leaves the report marked as acknowledged in that
chat with no id (storage.ack_marks), written when the send's turn came (bot.limiter): an update
delivered again is told it was done, and no second acknowledgement with a second Undo button
is sent.
"""

from __future__ import annotations

import logging

from telegram import InlineKeyboardMarkup, Message
from telegram.error import NetworkError, TelegramError

from bot import outbox
from bot.context import BotContext
from bot.domain.stored import StoredSeizure
from bot.domain.unit import Operation
from bot.limiter import PatientRateLimiter, before_sending, may_have_arrived
from bot.render import seizure as render_seizure
from bot.render.replies import labelled
from storage import ack_marks

log = logging.getLogger(__name__)

# How long an acknowledgement waits for Telegram's answer, which carries its message id.
ANSWER_WAIT_S = 30.0


def ack_text(
    operation: Operation,
    seizure: StoredSeizure,
    *,
    agency_code: str | None,
    corrected: bool,
    undo: bool = True,
    guided: bool = False,
    tail: str = "",
) -> str:
    """The report's acknowledgement, with `tail` (its files) after it, as one message: whole
    where it fits, else in short. Corrections, voids and photos edit that one message, so what
    the officer sees after them is all of it, never a first part beside parts gone stale."""
    whole = render_seizure.seizure_ack(
        operation, seizure, agency_code=agency_code, corrected=corrected, undo=undo,
        guided=guided,
    ) + tail  # fmt: skip
    # As the outbox fits it: over-long words shortened where that is enough. The text given
    # back is what goes out, so that a correction's edit (which only cuts) reads the same.
    for fitting in (whole, outbox.shorten_words(whole)):
        if outbox.size(labelled(operation, fitting)) <= outbox.TEXT_LIMIT:
            return fitting
    short = render_seizure.ack_in_short(
        operation, seizure, agency_code=agency_code, corrected=corrected, undo=undo
    )
    return short + tail


def may_be_out(stored: StoredSeizure) -> bool:
    """Whether the report's acknowledgement was sent, or may have been (its id unknown)."""
    return stored.reply_chat_id is not None or stored.reply_message_id is not None


async def acknowledge(
    context: BotContext,
    message: Message,
    text: str,
    buttons: InlineKeyboardMarkup,
    operation: Operation,
    *,
    seizure_id: int,
) -> Message | None:
    """Tell the officer a committed report was recorded; whatever Telegram does, it stands.

    The ack quotes the report if it is still there (bot.outbox). A failure here must never
    reach the error handler, whose "try again" would make the officer report it twice.
    """
    chat_id = message.chat_id

    async def going_out() -> None:
        await ack_marks.going_out(context.db, seizure_id=seizure_id, chat_id=chat_id)

    if not isinstance(context.bot.rate_limiter, PatientRateLimiter):
        await going_out()  # no limiter to mark it on its way out: marked before its turn
    fitted = outbox.fit(text, operation=operation)
    for attempt in (1, 2):
        try:
            calls = outbox.senders(
                context.bot, chat_id, fitted, reply_to=message.message_id, reply_markup=buttons,
                wait=ANSWER_WAIT_S,
            )  # fmt: skip
            with before_sending(going_out):  # marked once its turn came (bot.limiter)
                [reply, *_rest] = [await call() for call in calls]
            return reply
        except TelegramError as exc:
            if isinstance(exc, NetworkError) and may_have_arrived(exc):
                # It may well have arrived: never twice. The report stays marked as sent.
                log.warning("report acknowledgement in chat %s: %s", chat_id, exc)
                return None
            if attempt == 2:
                log.warning("report acknowledgement refused in chat %s: %s", chat_id, exc)
                await ack_marks.not_sent(context.db, seizure_id=seizure_id)
                return None
            log.info("report acknowledgement refused (%s); sent again", exc)
    return None
