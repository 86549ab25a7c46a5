"""/debrief: the debriefing pack (a PDF and its XLSX annex), built off the loop, sent in private."""

from __future__ import annotations

from html import escape

from telegram import Message, Update
from telegram.constants import ChatAction

from bot import delivery, outbox
from bot.context import BotContext
from bot.domain.unit import Caller, Operation
from bot.parsing.args import UsageError, command_text
from bot.render.i18n import _
from bot.render.jobs import debrief_busy, debrief_preparing, debrief_sending
from bot.render.replies import usage
from handlers import heavy
from handlers.guard import guarded
from handlers.reply import personal_chat
from handlers.results import claim_first, edit_progress


@guarded("debrief")
async def debrief(update: Update, context: BotContext, caller: Caller) -> None:
    """/debrief: the debriefing pack, a PDF and its XLSX annex, sent in private."""
    message = update.effective_message
    if message is not None and command_text(message.text or "").strip():
        # Nothing to choose yet: a word after it is a mistake, not minutes of work to wait on.
        raise UsageError(_("/debrief takes nothing after it.") + "\n" + usage("debrief"))
    await claim_first(update, context)
    target = personal_chat(update, caller)
    op = caller.operation
    key = heavy.job_key(context, target, caller, "debrief")
    if heavy.running(key):
        await outbox.send(context.bot, target, debrief_busy(op.code), operation=op)
        return
    shown = (await outbox.send(context.bot, target, debrief_preparing(op.code), operation=op))[0]
    await delivery.show_action(context.bot, target, ChatAction.UPLOAD_DOCUMENT)
    # Built after this update's turn: the chat's next command does not wait a minute for it.
    work = _debrief(context, op, target, shown)
    heavy.start(update, context, caller, key, work, command="debrief")


async def _debrief(context: BotContext, op: Operation, target: int, shown: Message) -> None:
    """Build the pack (bot.debrief), say it is ready, send its two files."""
    from bot.debrief import build_pack  # loaded by the first pack, not at start-up

    pack = await build_pack(context.db, operation_id=op.id, now=context.clock.now())
    await edit_progress(context.bot, shown, debrief_sending(op.code), op)
    code = escape(op.code)
    await outbox.send_file(
        context.bot,
        target,
        pack.pdf,
        filename=pack.pdf_name,
        caption=_(
            "Debriefing pack of {code}: results, breakdowns, cases, compliance and data "
            "quality, for print."
        ).format(code=code),
        operation=op,
    )
    await outbox.send_file(
        context.bot,
        target,
        pack.xlsx,
        filename=pack.xlsx_name,
        caption=_("Annex to the debriefing pack of {code}: every report, one row per item.").format(
            code=code
        ),
        operation=op,
    )
