"""/cancel: the report in progress and the caller's questions waiting for an answer."""

from __future__ import annotations

from telegram import Update

from bot.context import BotContext
from bot.domain.unit import Caller
from bot.render import asked as render_asked
from bot.render import guided as render_guided
from bot.render.i18n import _
from handlers import asked
from handlers import guided_steps as steps
from handlers.draft_begun import where_begun
from handlers.guard import guarded
from handlers.reply import answer, is_group
from storage import drafts
from storage.update_claims import Repeated


@guarded("cancel", elsewhere=where_begun)
async def cancel(update: Update, context: BotContext, caller: Caller) -> None:
    """/cancel: end the report in progress and the caller's questions waiting in this chat,
    said by what they held; nothing is recorded."""
    chat = update.effective_chat
    if chat is None:
        return
    if await context.db.carried_out(update.update_id):
        # Redelivered: the first delivery cancelled and answered; "Already answered", not a second,
        # contradictory "Nothing to cancel".
        raise Repeated(update.update_id)
    group = is_group(chat)
    held = None
    dropped = False
    if not group:  # a report step by step is entered in private only
        held = await drafts.current(context.db, user_id=caller.user_id, now=context.clock.now())
        dropped = await drafts.drop(context.db, user_id=caller.user_id)
    # Record it / Cancel questions (a whole report typed at step 1, an outsized amount, /nil
    # after seizures, a report sent twice): their buttons, pressed later, find them gone.
    gone = await asked.take_back(update, context, caller, chat.id, render_asked.CLOSED_BY_CANCEL)
    # A whole report typed at step 1 is the report in progress (said as such); the others are
    # questions. Named, with recorded reports said to be untouched: a report sent in one line
    # while the draft was open is recorded, and "cancelled" alone read as if it were taken back.
    others = sum(1 for kind, _ in gone if kind != asked.TYPED) if not group else len(gone)
    dropped = dropped or len(gone) > others
    said = []
    if dropped:
        said.append(render_guided.cancelled(steps.so_far(held) if held is not None else ""))
    if others:
        said.insert(0, render_asked.questions_cancelled(others))
    if not said:
        nothing = render_guided.NOTHING_TO_CANCEL
        said.append(_(render_guided.NOTHING_TO_CANCEL_IN_GROUP if group else nothing))
    await answer(update, "\n".join(said), caller)
