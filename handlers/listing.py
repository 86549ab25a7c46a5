"""/reports and /show: the operation's reports one by one, and one report in full, in private."""

from __future__ import annotations

import re
from datetime import date

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ChatType
from telegram.error import BadRequest

from bot import outbox
from bot.context import BotContext
from bot.domain.access import Permission, allows
from bot.domain.commands import BUTTON_COMMANDS, BY_NAME
from bot.domain.listing import ListingFilter, ReportPage, ReportsRequest
from bot.domain.summary import FindSubstance
from bot.domain.unit import Caller, Operation, Role
from bot.parsing.args import UsageError, command_text
from bot.parsing.listing import page_data, parse_reports_args, read_page_data
from bot.render import listing as render
from bot.render import report_detail as render_detail
from handlers.guard import (
    caller_in,
    guarded,
    guarded_button,
    on_its_message,
    refusal_for,
)
from handlers.reply import personal, personal_chat
from handlers.substances import substance_finder
from storage import listing as store
from storage import operations as operation_store
from storage.summary import current_phase

# '12', '#12', 'SIREN #12' or 'SIREN#12': the number people see, with its operation's code.
_NUMBER = re.compile(r"^(?:(?P<code>[A-Za-z][A-Za-z0-9_-]{0,15})\s*)?#?(?P<n>[0-9]{1,18})$")
MAX_FILES = 10  # a report's files sent again by /show; more are counted, not sent


async def _listing(context: BotContext, caller: Caller, request: ReportsRequest) -> ListingFilter:
    """The request with its period made dates, as the page buttons will carry them."""
    operation = caller.operation
    phase = None
    if request.period.kind == "phase":
        found = await current_phase(
            context.db, operation_id=operation.id, now=context.clock.now(), tz=operation.tz
        )
        if found is None:
            raise UsageError(render.no_phase())
        phase = found[1]
    today = operation.local(context.clock.now()).date()
    return ListingFilter(
        period=request.period,
        dates=request.period.resolve(today, phase),
        agency_code=request.agency_code,
        substance=request.substance,
        flags=request.flags,
    )


def _page_message(
    operation: Operation, listing: ListingFilter, page: ReportPage
) -> tuple[str, InlineKeyboardMarkup | None]:
    """A page's text and its ◀ Prev / Next ▶ buttons (none where there is nothing that way)."""
    text = render.reports_page(operation, listing, page)
    buttons: list[tuple[str, str | None]] = []
    if page.reports and page.newer:
        first = page.reports[0].number
        buttons.append((render.prev_label(), page_data(operation.id, older=False, number=first,
                                                       listing=listing)))  # fmt: skip
    if page.reports and page.older:
        last = page.reports[-1].number
        buttons.append((render.next_label(), page_data(operation.id, older=True, number=last,
                                                       listing=listing)))  # fmt: skip
    if any(data is None for _, data in buttons):
        return text + "\n" + render.no_buttons_note(), None
    row = [InlineKeyboardButton(label, callback_data=data) for label, data in buttons]
    return text, InlineKeyboardMarkup([row]) if row else None


@guarded("reports")
async def reports(update: Update, context: BotContext, caller: Caller) -> None:
    """/reports [filters]: the operation's reports, newest first, ten a page with buttons."""
    message = update.effective_message
    assert message is not None
    find = await substance_finder(context, caller.operation.id)
    today = caller.operation.local(context.clock.now()).date()
    typed = command_text(message.text or "")
    request = parse_reports_args(typed, find_substance=find, today=today)
    if request.agency_code is None and request.substance is not None:
        request = await _agency_among(context, caller, typed, request, find, today)
    listing = await _listing(context, caller, request)
    try:
        page = await store.report_page(
            context.db, operation_id=caller.operation.id, listing=listing
        )
    except store.UnknownAgency as exc:
        raise UsageError(render.unknown_agency(exc.code, exc.codes)) from None
    text, markup = _page_message(caller.operation, listing, page)
    await personal(update, context, caller, text, reply_markup=markup)


async def _agency_among(
    context: BotContext,
    caller: Caller,
    typed: str,
    request: ReportsRequest,
    find: FindSubstance,
    today: date,
) -> ReportsRequest:
    """'/reports KCS heroin': an agency's code among the words is the agency, the others the
    substance (they read as one substance nobody reported, "kcs heroin"). A code that is a
    substance's name too ('ICE', ice = meth) alone is asked about, not guessed."""
    assert request.substance is not None
    agencies = await operation_store.agencies(context.db, operation_id=caller.operation.id)
    codes = {a.code.casefold(): a.code for a in agencies}
    words = typed.split()
    at = next((i for i, w in enumerate(words) if w.casefold() in codes), None)
    if at is None:
        return request
    code = codes[words[at].casefold()]
    rest = " ".join([*words[:at], *words[at + 1 :], f"agency={code}"])
    read = parse_reports_args(rest, find_substance=find, today=today)
    if not request.substance.unclassified:
        if read.substance is None:  # the code alone names a substance too
            raise UsageError(
                render.agency_or_substance(code, caller.operation.code, request.substance.key)
            )
        return request  # the words name a known substance whole ('crystal ice')
    return read


@guarded_button(BUTTON_COMMANDS["rp"])
async def page_pressed(update: Update, context: BotContext, caller: Caller) -> None:
    """◀ Prev / Next ▶ under a /reports page: the same message shows the page beside it."""
    query, chat = update.callback_query, update.effective_chat
    assert query is not None and query.data is not None and chat is not None
    if chat.type != ChatType.PRIVATE or not on_its_message(query, kind="rp:"):
        # Lists are sent in private only, and only a list's message shows another page: forged
        # under another message (an acknowledgement in a group) a page would replace it.
        await query.answer(render.stale_page(), show_alert=True)
        return
    press = read_page_data(query.data)
    if press is not None and press.operation_id != caller.operation.id:
        # The list of an operation the person has since switched from: checked in that one.
        other = await caller_in(context, user_id=caller.user_id, operation_id=press.operation_id)
        refused = other is None or refusal_for(other, BY_NAME["reports"]) is not None
        press, caller = (None, caller) if refused or other is None else (press, other)
    if press is None:
        await query.answer(render.stale_page(), show_alert=True)
        return
    try:
        page = await store.report_page(
            context.db,
            operation_id=caller.operation.id,
            listing=press.filter,
            older_than=press.number if press.older else None,
            newer_than=None if press.older else press.number,
        )
    except store.UnknownAgency:
        await query.answer(render.stale_page(), show_alert=True)
        return
    if not page.reports:
        await query.answer(render.no_more(), show_alert=True)
        return
    text, markup = _page_message(caller.operation, press.filter, page)
    await query.answer()
    try:
        await query.edit_message_text(outbox.fit_edit(text, caller.operation), reply_markup=markup)
    except BadRequest as exc:
        if "not modified" not in str(exc).lower():  # pressed twice: the page is shown already
            raise


def _number(typed: str, operation: Operation, role: Role | None = None) -> int:
    match = _NUMBER.match(typed.strip())
    if match is None:
        raise UsageError(render.show_usage_error(typed.strip()))
    number = int(match["n"])
    code = match["code"]
    if code is not None and code.upper() != operation.code.upper():
        raise UsageError(render.no_report(number, operation, code, role))
    return number


@guarded("show")
async def show(update: Update, context: BotContext, caller: Caller) -> None:
    """/show ID: one report with every field, its history, and its photos sent again."""
    message = update.effective_message
    assert message is not None
    operation = caller.operation
    number = _number(command_text(message.text or ""), operation, caller.role)
    # Only this operation's reports are looked at: another's is missing, word for word.
    detail = await store.report_detail(context.db, operation_id=operation.id, number=number)
    if detail is None:
        raise UsageError(render.no_report(number, operation, role=caller.role))
    if not allows(caller.role, Permission.REVIEW) and detail.officer_id != caller.user_id:
        raise UsageError(render.not_yours(number))
    await personal(update, context, caller, render_detail.show_report(operation, detail), long=True)
    target = personal_chat(update, caller)
    files = detail.media[:MAX_FILES]
    total = len(detail.media)
    for n, media in enumerate(files, start=1):
        caption = render_detail.media_caption(operation, number, n, total, media)
        try:
            await outbox.send_kept(
                context.bot, target, media.kind, media.file_id, caption, operation=operation
            )
            continue
        except BadRequest:  # a file_id Telegram no longer takes: the kept bytes, if any
            content = await store.media_bytes(context.db, media_id=media.id, seizure_id=detail.id)
        if content is None:
            await outbox.send(
                context.bot, target, render_detail.media_lost(operation, number, n, total),
                operation=operation,
            )  # fmt: skip
            continue
        name = media.file_name or ("photo.jpg" if media.kind == "photo" else "file")
        await outbox.send_kept(
            context.bot, target, media.kind, content, caption, operation=operation, filename=name
        )
    if total > MAX_FILES:
        await outbox.send(
            context.bot, target, render_detail.more_files(total - MAX_FILES), operation=operation
        )
