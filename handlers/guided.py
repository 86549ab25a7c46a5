"""Guided entry: /seizure alone walks an officer through substance, amount, unit and place.

The draft lives in SQLite (storage/drafts.py), so a restart or an hour's pause loses nothing.
The last step builds the typed text (`/seizure 2 kg meth at ICN`) and records it as a typed
report is: parsed, checked for unusual amounts and recorded with the same acknowledgement.
"""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatType

from bot import outbox
from bot.context import BotContext
from bot.domain.commands import BUTTON_COMMANDS, BY_NAME
from bot.domain.unit import Caller
from bot.render import guided as render_guided
from bot.render import replies as render
from bot.render.i18n import _, using
from handlers import asked, unanswered
from handlers import guided_record as recording
from handlers import guided_steps as steps
from handlers.draft_begun import where_begun
from handlers.guard import (
    NOT_ACTIVE,
    Refusal,
    caller_in,
    guarded_button,
    on_its_message,
    reader_language,
    refusal_for,
    refuse_outsider,
    remember,
    resolve_caller,
)
from storage import checks, drafts, questions
from storage import seizures as seizure_store
from storage.drafts import Draft
from storage.update_claims import Repeated


def _row(*buttons: tuple[str, str]) -> list[InlineKeyboardButton]:
    return [InlineKeyboardButton(text, callback_data=f"draft:{data}") for text, data in buttons]


def _cancel_row() -> list[InlineKeyboardButton]:
    return _row((_(render_guided.CANCEL), "cancel"))


def _keyboard(step: str, units: tuple[str, ...] = render_guided.UNITS) -> InlineKeyboardMarkup:
    if step == "substance":
        names = render_guided.COMMON_SUBSTANCES
        rows = [
            _row(
                *(
                    (render_guided.substance_button(n), f"sub:{i}")
                    for i, n in enumerate(names[k : k + 4], start=k)
                )
            )
            for k in range(0, len(names), 4)
        ]
        return InlineKeyboardMarkup([*rows, _cancel_row()])
    if step == "unit":  # each button names its unit: the order is the substance's
        unit_row = _row(*((render_guided.unit_button(u), f"unit:{u}") for u in units))
        return InlineKeyboardMarkup([unit_row, _cancel_row()])
    if step == "place":
        return InlineKeyboardMarkup([_row((_(render_guided.SKIP), "skip")), _cancel_row()])
    if step == "confirm":
        record = (_(render_guided.RECORD), "rec")
        return InlineKeyboardMarkup([_row(record, (_(render_guided.CANCEL), "cancel"))])
    return InlineKeyboardMarkup([_cancel_row()])


def _question(draft: Draft) -> str:
    if draft.step == "substance":
        return render_guided.ask_substance()
    if draft.step == "amount":
        return render_guided.ask_amount(draft.substance or "")
    if draft.step == "unit":
        return render_guided.ask_unit(draft.amount or "")
    if draft.step == "place":
        return render_guided.ask_place()
    return render_guided.confirm(steps.typed_text(draft))


async def _move(update: Update, context: BotContext, caller: Caller, draft: Draft) -> None:
    """Keep the draft at its new step and ask that step's question."""
    await drafts.save(context.db, draft, now=context.clock.now(), update_id=update.update_id)
    await _ask(context, caller, draft, _question(draft))


async def _ask(context: BotContext, caller: Caller, draft: Draft, text: str) -> int | None:
    """Ask the draft's current step with its buttons; this message is now the one that counts.

    A step asked again (an answer it could not use) moves the draft's question here too, so
    that the buttons under it work and the older ones say the entry moved on.
    """
    units = await _units(context, draft) if draft.step == "unit" else render_guided.UNITS
    sent = await outbox.send(
        context.bot,
        draft.chat_id,
        text,
        operation=caller.operation,
        reply_markup=_keyboard(draft.step, units),
    )
    if not sent:
        return None
    # Only the newest question's buttons move the draft.
    await drafts.asked_in(context.db, user_id=draft.user_id, message_id=sent[-1].message_id)
    return sent[-1].message_id


async def _units(context: BotContext, draft: Draft) -> tuple[str, ...]:
    """The unit buttons for the draft's substance, what it is usually reported in first."""
    catalogue = context.bot_data.catalogue
    name = draft.substance or ""
    key = catalogue.lookup(name)
    if key is None:
        return render_guided.UNITS
    form = catalogue.narrowing_form(name) or catalogue.default_form(name)
    reported = await checks.units_reported(
        context.db, operation_id=draft.operation_id, substance=key,
        form=catalogue.narrowing_form(name),
    )  # fmt: skip
    return render_guided.unit_order(reported, form)


async def begin(update: Update, context: BotContext, caller: Caller) -> None:
    """Start (or start again) a guided report in this private chat.

    A draft that already had answers is dropped, and the officer is told so with what it held.
    """
    chat = update.effective_chat
    assert chat is not None
    now = context.clock.now()
    dropped = await drafts.current(context.db, user_id=caller.user_id, now=now)
    message = update.effective_message
    started_by = None if message is None else message.message_id
    draft = Draft(caller.user_id, caller.operation.id, chat.id, "substance", started_by=started_by)
    await drafts.save(context.db, draft, now=now, update_id=update.update_id)
    question = _question(draft)
    if dropped is not None and dropped.substance is not None:
        question = f"{render_guided.started_again(steps.so_far(dropped))}\n\n{question}"
    await _ask(context, caller, draft, question)


async def typed(update: Update, context: BotContext) -> None:
    """Private text: an answer to the open draft's question; otherwise the usual reply."""
    user, message = update.effective_user, update.effective_message
    if user is None or message is None or message.text is None:
        return
    if await context.db.carried_out(update.update_id):
        # Redelivered: the draft took this answer and moved on, so read again at the next step
        # it was refused ("2 is not a unit here"). Said "Already answered", as for a command.
        raise Repeated(update.update_id)
    draft = await drafts.current(context.db, user_id=user.id, now=context.clock.now())
    caller = (
        await caller_in(context, user_id=user.id, operation_id=draft.operation_id)
        if draft is not None
        else None
    )
    if draft is None or caller is None:
        if await _outsider(update, context):
            return
        await unanswered.plain_text(update, context)
        return
    await remember(update, context)
    # Not a guarded command: the reader's language is set here, as the guards set it for buttons.
    with using(await reader_language(update, context)):
        await _answered(update, context, caller, draft, message.text)


async def _outsider(update: Update, context: BotContext) -> bool:
    """Text from someone of no operation: the short polite refusal, not a pointer to /seizure
    (which refuses them); True if refused."""
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None:
        return False
    resolved = await resolve_caller(context, user_id=user.id, chat=chat)
    if isinstance(resolved, Caller) or resolved[0] is not Refusal.OUTSIDER:
        return False
    await remember(update, context)
    with using(await reader_language(update, context)):
        await refuse_outsider(update, context)
    return True


async def _answered(
    update: Update, context: BotContext, caller: Caller, draft: Draft, said: str
) -> None:
    """A typed answer to the draft's question: a whole report, the next step, or why not."""
    today = caller.local(context.clock.now()).date()
    if draft.step == "substance" and steps.whole_report(said, context, today):
        # Offered as the typed report it is; the step-by-step draft ends here.
        await drafts.drop(context.db, user_id=caller.user_id)
        text = " ".join(said.split())
        await asked.ask(
            update, context, caller, asked.TYPED, f"/seizure {text}",
            render_guided.whole_report(text),
        )  # fmt: skip
        return
    moved = steps.with_answer(draft, said, context, today)
    if isinstance(moved, str):
        await _ask(context, caller, draft, moved)
        return
    await _move(update, context, caller, moved)


async def still_waiting(update: Update, context: BotContext) -> None:
    """After another command in private: the open report is asked again, never lost unsaid.

    Its question, with its buttons, comes back below the command's answer, so that the
    officer sees it is not recorded yet and can still record it (or /cancel it).
    """
    user, message = update.effective_user, update.effective_message
    if user is None or message is None or not message.text:
        return
    command, *payload = message.text.split(maxsplit=1)
    command = command.split("@", 1)[0].lower()
    if command == "/start" and payload and payload[0].startswith("seizure"):
        return  # the group's step-by-step button: the report it began asked its first question
    if command in ("/cancel", "/seizure", "/s", "/help"):
        # The command ended the draft, started a new one, or is a report typed in full: its own
        # answer (recorded, or what is wrong with it) is the one to read, not a second message.
        # /help changes nothing: the question it follows is still the last one asked.
        return
    draft = await drafts.current(context.db, user_id=user.id, now=context.clock.now())
    if draft is None or draft.chat_id != message.chat_id:
        return
    reminded = context.bot_data.reminded
    if draft.message_id is not None and reminded.get(user.id) == draft.message_id:
        return  # asked again once already, and not answered since: not after every command
    caller = await caller_in(context, user_id=user.id, operation_id=draft.operation_id)
    if caller is None:
        return
    with using(await reader_language(update, context)):
        if await questions.asked_about(
            context.db, chat_id=message.chat_id, message_id=message.message_id
        ):
            # The command asked its own question with Record it / Cancel: the draft's buttons
            # below it would be pressed for it. A line without buttons quotes the draft's own.
            await outbox.send(
                context.bot, draft.chat_id, _(render_guided.STILL_OPEN_ABOVE),
                operation=caller.operation, reply_to=draft.message_id,
            )  # fmt: skip
            return
        confirm = draft.step == "confirm"
        waiting = _(render_guided.STILL_UNRECORDED if confirm else render_guided.STILL_OPEN)
        now_in = await resolve_caller(context, user_id=user.id, chat=message.chat)
        if isinstance(now_in, Caller) and now_in.operation.id != draft.operation_id:
            # After /use of another operation: the draft still records where it was begun.
            waiting += " " + render_guided.begun_in(caller.operation.code, now_in.operation.code)
        asked_at = await _ask(context, caller, draft, f"{waiting}\n\n{_question(draft)}")
        if asked_at is not None:
            if len(reminded) > 10_000:
                reminded.clear()  # bounded: a cache, not a registry
            reminded[user.id] = asked_at


@guarded_button(BUTTON_COMMANDS["draft"], elsewhere=where_begun)
async def pressed(update: Update, context: BotContext, caller: Caller) -> None:
    """A button of guided entry: a substance, a unit, Skip, Record it, Cancel or New report."""
    query = update.callback_query
    if query is None or query.data is None or not isinstance(query.message, Message):
        return
    _kind, action, *rest = query.data.split(":")
    private = query.message.chat.type == ChatType.PRIVATE
    if action == "new":
        # Only the welcome's own button, in private: forged under a group's message it would
        # start a report there, for all to see.
        if not private or not on_its_message(query):
            await query.answer(_(NOT_ACTIVE), show_alert=True)
            return
        await query.answer()
        await begin(update, context, caller)
        return
    draft = await drafts.current(context.db, user_id=caller.user_id, now=context.clock.now())
    if draft is not None and draft.operation_id != caller.operation.id:
        # Begun before a /use of another operation: its buttons finish it where it was begun,
        # as its typed answers do, checked as the presser is there.
        begun = await _caller_where_begun(update, context, draft)
        if begun is None:
            return
        caller = begun
    here = (query.message.chat_id, query.message.message_id)
    if action == "cancel":
        await _cancel_pressed(update, context, caller, draft, here)
        return
    if action == "rec":
        await _record_pressed(update, context, caller, draft, query.message)
        return
    if draft is None:
        await query.answer(_(render_guided.EXPIRED), show_alert=True)
        return
    if draft.chat_id != here[0] or draft.message_id not in (None, here[1]):
        await query.answer(_(render_guided.NOT_THIS_QUESTION), show_alert=True)
        return
    today = caller.local(context.clock.now()).date()
    index = int(rest[0]) if rest and rest[0].isdecimal() else -1
    if (
        action == "sub"
        and draft.step == "substance"
        and index < len(render_guided.COMMON_SUBSTANCES)
    ):
        moved = steps.with_answer(draft, render_guided.COMMON_SUBSTANCES[index], context, today)
    elif action == "unit" and draft.step == "unit" and rest and rest[0] in render_guided.UNITS:
        moved = steps.with_answer(draft, rest[0], context, today)
    elif action == "unit" and draft.step == "unit" and 0 <= index < len(render_guided.UNITS):
        # A button sent before the units were named (in the fixed order): still its unit.
        moved = steps.with_answer(draft, render_guided.UNITS[index], context, today)
    elif action == "skip" and draft.step == "place":
        moved = Draft(**{**draft.__dict__, "step": "confirm"})
    else:  # a button of a step already answered
        await query.answer(_(render_guided.EXPIRED), show_alert=True)
        return
    if isinstance(moved, str):
        await query.answer(render.plain(moved), show_alert=True)
        return
    assert isinstance(moved, Draft)
    await query.answer()
    await _move(update, context, caller, moved)


async def _caller_where_begun(update: Update, context: BotContext, draft: Draft) -> Caller | None:
    """The presser as a caller of the draft's own operation; None (and why said) if not one."""
    query = update.callback_query
    assert query is not None
    begun = await caller_in(context, user_id=draft.user_id, operation_id=draft.operation_id)
    refusal = None if begun is None else refusal_for(begun, BY_NAME[BUTTON_COMMANDS["draft"]])
    if begun is None or refusal is not None:  # revoked there, or no longer an officer
        await query.answer(render.plain(refusal or _(render_guided.EXPIRED)), show_alert=True)
        return None
    return begun


async def _cancel_pressed(
    update: Update, context: BotContext, caller: Caller, draft: Draft | None, here: tuple[int, int]
) -> None:
    """Cancel: only under the presser's own draft's current question, which it then replaces.

    Forged under any other message (an acknowledgement in a group) it would say "cancelled"
    over a report that stays recorded, and end a draft that message never asked about.
    """
    query = update.callback_query
    assert query is not None and isinstance(query.message, Message)
    if query.message.chat.type != ChatType.PRIVATE:
        await query.answer(_(NOT_ACTIVE), show_alert=True)
        return
    if draft is None:
        await query.answer(_(render_guided.EXPIRED), show_alert=True)
        return
    if draft.chat_id != here[0] or draft.message_id not in (None, here[1]):
        await query.answer(_(render_guided.NOT_THIS_QUESTION), show_alert=True)
        return
    await drafts.drop(context.db, user_id=caller.user_id)
    await query.answer()
    await query.edit_message_text(outbox.fit_edit(_(render_guided.CANCELLED), caller.operation))


async def _record_pressed(
    update: Update, context: BotContext, caller: Caller, draft: Draft | None, message: Message
) -> None:
    """Record it: only the presser's own draft, confirmed under this very message, once.

    The press may be forged (any callback_data can be sent), from someone else, or come again
    after the report was recorded: each is answered with why nothing was recorded.
    """
    query = update.callback_query
    assert query is not None
    here = (message.chat_id, message.message_id)
    if drafts.confirmed_under(draft, chat_id=here[0], message_id=here[1]):
        assert draft is not None and draft.operation_id == caller.operation.id
        # Answered once done: a fault on the way is said on the presser's screen instead.
        await recording.record(update, context, caller, draft, message)
        await query.answer()
        return
    recorded = await seizure_store.find_by_message(
        context.db,
        chat_id=message.chat_id,
        message_id=message.message_id,
        officer_id=caller.user_id,
    )
    if recorded is not None and recorded.reply_message_id is None:
        # Recorded under this message, which never became its acknowledgement (a kill before
        # the edit): it does now, as the first press would have left it.
        await recording.acknowledged(context, caller, recorded, message)
        await query.answer()
        return
    if recorded is not None:
        why = render_guided.already_recorded(recorded.number)
    elif draft is not None and (draft.chat_id, draft.message_id or here[1]) == here:
        why = _(render_guided.NOT_CONFIRMED_YET)
    elif draft is not None:
        why = _(render_guided.NOT_THIS_QUESTION)
    else:
        why = _(render_guided.EXPIRED)
    await query.answer(why, show_alert=True)
