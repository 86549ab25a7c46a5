"""/summary, /chart and /export: the numbers coordinators and the debriefing live on."""

from __future__ import annotations

from html import escape

from telegram import Update
from telegram.constants import ChatAction

from bot import outbox
from bot.chart import build_chart
from bot.context import BotContext
from bot.debrief import build_pack
from bot.domain.commands import usage
from bot.domain.summary import parse_chart_args, parse_summary_args
from bot.domain.unit import Caller
from bot.parsing.args import UsageError, command_text
from bot.render.export import build_export
from bot.render.i18n import _
from handlers.common import answer, guarded, is_group, personal_chat
from storage.summary import build_summary


@guarded("summary")
async def summary(update: Update, context: BotContext, caller: Caller) -> None:
    """/summary [period] [by DIMENSION] [filters]: running totals, in one or more messages."""
    message = update.effective_message
    assert message is not None
    request = parse_summary_args(
        command_text(message.text or ""), find_substance=context.bot_data.catalogue.lookup
    )
    parts = await build_summary(
        context.db, operation_id=caller.operation.id, request=request, now=context.clock.now()
    )
    # Up to three messages; a longer summary comes as a file (bot.outbox).
    await answer(update, parts, caller, filename=f"summary-{caller.operation.code}.txt")


@guarded("chart")
async def chart(update: Update, context: BotContext, caller: Caller) -> None:
    """/chart [period] [by agency]: cumulative amounts per substance, as a PNG photo."""
    message = update.effective_message
    assert message is not None
    request = parse_chart_args(
        command_text(message.text or ""), find_substance=context.bot_data.catalogue.lookup
    )
    await message.reply_chat_action(ChatAction.UPLOAD_PHOTO)
    png = await build_chart(
        context.db, operation_id=caller.operation.id, request=request, now=context.clock.now()
    )
    await outbox.send_photo(
        context.bot,
        message.chat_id,
        png,
        _("{code} — /summary gives the exact figures").format(code=escape(caller.operation.code)),
        operation=caller.operation,
        reply_to=message.message_id if is_group(message.chat) else None,
        filename="chart.png",
    )


@guarded("export")
async def export(update: Update, context: BotContext, caller: Caller) -> None:
    """/export [csv|xlsx]: every report with every field, as a file."""
    message = update.effective_message
    assert message is not None
    fmt = (command_text(message.text or "").strip().lower() or "csv").lstrip(".")
    if fmt not in ("csv", "xlsx"):
        raise UsageError(f"Export as csv or xlsx.\n{usage('export')}")
    target = personal_chat(update, caller)
    await context.bot.send_chat_action(target, ChatAction.UPLOAD_DOCUMENT)
    filename, content = await build_export(
        context.db, operation_id=caller.operation.id, fmt=fmt, now=context.clock.now()
    )
    caption = (
        f"All reports of {escape(caller.operation.code)}, one row per item; voided ones marked. "
        "Times in UTC and in the operation's zone."
    )
    await outbox.send_file(
        context.bot, target, content, filename=filename, caption=caption, operation=caller.operation
    )


@guarded("debrief")
async def debrief(update: Update, context: BotContext, caller: Caller) -> None:
    """/debrief: the debriefing pack, a PDF and its XLSX annex, sent in private."""
    target = personal_chat(update, caller)
    await context.bot.send_chat_action(target, ChatAction.UPLOAD_DOCUMENT)
    pack = await build_pack(context.db, operation_id=caller.operation.id, now=context.clock.now())
    code = escape(caller.operation.code)
    await outbox.send_file(
        context.bot,
        target,
        pack.pdf,
        filename=pack.pdf_name,
        caption=_(
            "Debriefing pack of {code}: results, breakdowns, cases, compliance and data "
            "quality, for print."
        ).format(code=code),
        operation=caller.operation,
    )
    await outbox.send_file(
        context.bot,
        target,
        pack.xlsx,
        filename=pack.xlsx_name,
        caption=_("Annex to the debriefing pack of {code}: every report, one row per item.").format(
            code=code
        ),
        operation=caller.operation,
    )
