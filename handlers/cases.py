"""/link, /unlink and the suggested link's buttons: one case, several reports."""

from __future__ import annotations

import logging
import re

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import TelegramError

from bot import outbox
from bot.context import BotContext
from bot.domain.cases import LinkRefused
from bot.domain.commands import BUTTON_COMMANDS
from bot.domain.stored import StoredSeizure
from bot.domain.unit import Caller
from bot.parsing.args import UsageError, command_text
from bot.render import cases as render_cases
from bot.render import replies as render
from bot.render.i18n import _
from bot.render.replies import usage
from handlers.guard import NOT_ACTIVE, guarded, guarded_button, on_its_message
from handlers.reply import answer
from storage import cases as case_store
from storage import operations as operation_store

log = logging.getLogger(__name__)

_NUMBER = re.compile(r"#?([0-9]{1,9})")
# What a suggestion's buttons carry: the decision and the suggestion's id, checked on press.
BUTTON_PATTERN = r"^link:(yes|no):[0-9]{1,18}$"


def _numbers(text: str, command: str, count: tuple[int, int]) -> tuple[int, ...]:
    words = command_text(text).split()
    numbers = []
    for word in words:
        match = _NUMBER.fullmatch(word.rstrip(","))
        if match is None:
            raise UsageError(
                _(
                    "'{word}' is not a report number: it is the # in the report's acknowledgement."
                ).format(word=word[:30])
                + "\n"
                + usage(command)
            )
        numbers.append(int(match.group(1)))
    if not count[0] <= len(numbers) <= count[1]:
        raise UsageError(_("Which reports?") + "\n" + usage(command))
    return tuple(numbers)


@guarded("link")
async def link(update: Update, context: BotContext, caller: Caller) -> None:
    """/link A B: a coordinator makes two reports one case; audited, once per update."""
    message = update.effective_message
    assert message is not None
    first, second = _numbers(message.text or "", "link", (2, 2))
    try:
        view = await case_store.link_reports(
            context.db,
            operation=caller.operation,
            numbers=(first, second),
            update_id=update.update_id,
            actor_id=caller.user_id,
            now=context.clock.now(),
        )
    except LinkRefused as exc:
        await answer(update, render_cases.refusal(exc, "link"), caller)
        return
    await answer(update, render_cases.linked(view), caller)


@guarded("unlink")
async def unlink(update: Update, context: BotContext, caller: Caller) -> None:
    """/unlink A [B]: the reports count as cases of their own again; audited."""
    message = update.effective_message
    assert message is not None
    numbers = _numbers(message.text or "", "unlink", (1, 2))
    try:
        view = await case_store.unlink_reports(
            context.db,
            operation=caller.operation,
            numbers=numbers,
            update_id=update.update_id,
            actor_id=caller.user_id,
            now=context.clock.now(),
        )
    except LinkRefused as exc:
        await answer(update, render_cases.refusal(exc, "unlink"), caller)
        return
    await answer(update, render_cases.unlinked(view), caller)


def _buttons(suggestion_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    _(render_cases.LINK_BUTTON), callback_data=f"link:yes:{suggestion_id}"
                ),
                InlineKeyboardButton(
                    _(render_cases.NOT_SAME_BUTTON), callback_data=f"link:no:{suggestion_id}"
                ),
            ]
        ]
    )


async def suggest(
    context: BotContext, caller: Caller, stored: StoredSeizure, chat_id: int, in_group: bool
) -> None:
    """After a report is recorded: ask the coordinators whether it is another agency's case.

    Sent where the report was made when that is a group, else to the operation's groups. It
    never links by itself, and never stands in the way of the report it follows.
    """
    if not case_store.may_suggest(stored):
        return  # no route end or no agency: nothing to look for, no transaction
    try:
        found = await case_store.suggest_links(
            context.db, operation_id=caller.operation.id, seizure_id=stored.id,
            now=context.clock.now(),
        )  # fmt: skip
        if not found:
            return
        chats = (
            [chat_id]
            if in_group
            else await operation_store.bound_chats(context.db, operation_id=caller.operation.id)
        )
        for suggestion in found:
            for chat in chats:
                await outbox.send(
                    context.bot,
                    chat,
                    render_cases.suggestion(suggestion),
                    operation=caller.operation,
                    reply_markup=_buttons(suggestion.id),
                    long=False,
                )
    except Exception:  # the report is recorded and acknowledged: a failed question must not
        # reach the error handler, whose "try again" would have it reported twice
        log.exception("link suggestion for report %s", stored.id)


@guarded_button(BUTTON_COMMANDS["link"])
async def pressed(update: Update, context: BotContext, caller: Caller) -> None:
    """'Link' or 'Not the same': coordinators only, each suggestion decided once."""
    query = update.callback_query
    if query is None or query.data is None:
        return
    _kind, decision, number = query.data.split(":")
    if not on_its_message(query):
        # Not (or no longer) a button of this message: a forged press decides nothing and
        # edits no other message; a late one is told how it was decided.
        seen = await case_store.get_suggestion(
            context.db, operation_id=caller.operation.id, suggestion_id=int(number)
        )
        if seen is not None and seen.status != "open":
            await query.answer(render_cases.already_decided(seen), show_alert=True)
        else:
            await query.answer(_(NOT_ACTIVE), show_alert=True)
        return
    try:
        outcome = await case_store.decide_suggestion(
            context.db,
            operation=caller.operation,
            suggestion_id=int(number),
            link=decision == "yes",
            update_id=update.update_id,
            actor_id=caller.user_id,
            now=context.clock.now(),
        )
    except LinkRefused as exc:
        await query.answer(render.plain(render_cases.refusal(exc, "link")), show_alert=True)
        return
    if outcome is None:  # another operation's suggestion, or one that never was
        await query.answer(_("This button is no longer active."), show_alert=True)
        return
    found, changed = outcome
    if not changed:
        await query.answer(render_cases.already_decided(found), show_alert=True)
    else:
        await query.answer(
            _("Linked.") if found.status == "linked" else _("Marked as not the same case.")
        )
    try:
        await query.edit_message_text(
            outbox.fit_edit(render_cases.decided(found), caller.operation)
        )
    except TelegramError as exc:  # the message is gone or unchanged: the decision stands
        log.info("suggestion %s not edited: %s", found.id, exc)
