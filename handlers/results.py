"""/summary, /chart and /export: the numbers coordinators and the debriefing live on."""

from __future__ import annotations

import asyncio
import logging
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from telegram import Bot, Message, Update
from telegram.constants import ChatAction
from telegram.error import BadRequest

from bot import delivery, outbox, worker
from bot.context import BotContext
from bot.domain.summary import SummaryRefusal, SummaryRefused, SummaryRequest
from bot.domain.unit import Caller, Operation
from bot.parsing.args import UsageError, command_text
from bot.parsing.summary import parse_chart_args, parse_summary_args
from bot.render.i18n import _
from bot.render.jobs import (
    chart_busy,
    export_busy,
    not_prepared,
    too_long,
)
from bot.render.replies import usage
from bot.render.summary import group_label, summary_answer
from bot.render.summary_names import chart_caption, no_phases, summary_filename
from bot.render.summary_refusals import summary_refusal
from handlers import heavy
from handlers.guard import guarded
from handlers.reply import answer, is_group, personal_chat
from handlers.substances import substance_finder
from storage.operations import agencies
from storage.phases import phases
from storage.summary import load_summary
from storage.totals_query import has_substance

if TYPE_CHECKING:
    from bot.exporting import Plan

log = logging.getLogger(__name__)


@guarded("summary")
async def summary(update: Update, context: BotContext, caller: Caller) -> None:
    """/summary [period] [by DIMENSION] [filters]: running totals, in one or more messages."""
    message = update.effective_message
    assert message is not None
    request = await _request(context, caller, command_text(message.text or ""), "summary")
    try:
        loaded = await load_summary(
            context.db,
            operation_id=caller.operation.id,
            request=request,
            now=context.clock.now(),
            label=group_label,
        )
    except SummaryRefused as refused:
        raise UsageError(await _refusal(context, caller, refused, request, message.text)) from None
    # Up to three messages; a longer summary comes as a file (bot.outbox), of one unsplit text.
    parts, whole = summary_answer(loaded, max_parts=outbox.MAX_PARTS)
    filename = summary_filename(loaded, context.clock.now())
    await answer(update, parts, caller, filename=filename, whole=whole)


@guarded("chart")
async def chart(update: Update, context: BotContext, caller: Caller) -> None:
    """/chart [period] [by agency]: cumulative amounts per substance, as a PNG photo."""
    message = update.effective_message
    assert message is not None
    request = await _request(context, caller, command_text(message.text or ""), "chart")
    key = heavy.job_key(context, message.chat_id, caller, "chart", repr(request))
    if heavy.running(key):
        await answer(update, chart_busy(caller.operation.code), caller)
        return
    await delivery.show_action(context.bot, message.chat_id, ChatAction.UPLOAD_PHOTO)
    # Drawn after this update's turn: the chat's next command does not wait for the drawing.
    heavy.start(
        update, context, caller, key, _draw(update, context, caller, request), command="chart"
    )


async def _refusal(
    context: BotContext,
    caller: Caller,
    refused: SummaryRefused,
    request: SummaryRequest,
    text: str | None,
) -> str:
    """Why a summary or chart was refused; 'phase' of an operation with no phases says so, and
    names the phase asked for ('phase xyz', whose 'xyz' was left to read as a substance)."""
    if refused.reason is not SummaryRefusal.NO_PHASE or await phases(
        context.db, operation_id=caller.operation.id
    ):
        return summary_refusal(refused)
    words = command_text(text or "").split()
    after = [words[i + 1] for i, w in enumerate(words[:-1]) if w.casefold() == "phase"]
    words_left = request.substance
    unread = words_left.typed.split() if words_left and words_left.unclassified else []
    name = after[0] if after and after[0] in unread else None
    return no_phases(caller.operation.code, name, refused.command)


async def _request(context: BotContext, caller: Caller, text: str, command: str) -> SummaryRequest:
    """The /summary or /chart words read against the operation: its date today, its phases."""
    op = caller.operation
    parse = parse_chart_args if command == "chart" else parse_summary_args
    # 'phase NAME', or a phase's name alone, is read only where it names one of the operation.
    named = [p.name for p in await phases(context.db, operation_id=op.id)] if text.strip() else None
    request = parse(
        text,
        find_substance=await substance_finder(context, op.id),
        today=op.local(context.clock.now()).date(),
        phase_names=named,
        form_of=context.bot_data.catalogue.narrowing_form,
    )
    found = await _agency_alone(context, op.id, request, text)
    if found is None:
        return request
    code, rest = found
    if rest is None:
        return replace(request, substance=None, agency_code=code)
    # 'KCS meth': the code narrows to the agency, the other words are read again as before.
    again = parse(
        rest,
        find_substance=await substance_finder(context, op.id),
        today=op.local(context.clock.now()).date(),
        phase_names=named,
        form_of=context.bot_data.catalogue.narrowing_form,
    )
    return replace(again, agency_code=code)


async def _agency_alone(
    context: BotContext, op_id: int, request: SummaryRequest, text: str
) -> tuple[str, str | None] | None:
    """An agency code among the substance words: '/summary TCD' as '/summary agency=TCD' and
    '/summary KCS meth' as '/summary meth agency=KCS', when it is one of the operation's
    agencies; with the code, the words left to read again (None: no others were typed).

    Before: "Nothing is recorded as 'TCD'" and "Nothing is recorded as 'KCS meth'". A substance
    wins over an agency code: one the catalogue or an alias knows, or words some report
    recorded as its (unclassified) substance.
    """
    words = request.substance
    if words is None or not words.unclassified or request.agency_code is not None:
        return None
    codes = {a.code.casefold(): a.code for a in await agencies(context.db, operation_id=op_id)}
    named = [w for w in words.typed.split() if w.casefold() in codes]
    if len(named) != 1 or await has_substance(context.db, operation_id=op_id, key=words.key):
        return None
    code = codes[named[0].casefold()]
    if len(words.typed.split()) == 1:
        return code, None
    typed = text.split()
    at = next((i for i, w in enumerate(typed) if w.casefold() == named[0].casefold()), None)
    return None if at is None else (code, " ".join(typed[:at] + typed[at + 1 :]))


async def _draw(
    update: Update, context: BotContext, caller: Caller, request: SummaryRequest
) -> None:
    """Read the totals, draw them in the worker process (bot.chart), send the photo."""
    from bot.chart import drawn_chart  # loaded by the first chart, not at start-up

    message = update.effective_message
    assert message is not None
    try:
        png, folded = await drawn_chart(
            context.db, operation_id=caller.operation.id, request=request, now=context.clock.now()
        )
    except SummaryRefused as refused:
        raise UsageError(await _refusal(context, caller, refused, request, message.text)) from None
    await outbox.send_photo(
        context.bot,
        message.chat_id,
        png,
        chart_caption(caller.operation.code, request, folded),
        operation=caller.operation,
        reply_to=message.message_id if is_group(message.chat) else None,
        filename="chart.png",
    )


@guarded("export")
async def export(update: Update, context: BotContext, caller: Caller) -> None:
    """/export [csv|xlsx]: every report with every field, as a file built off the loop."""
    # Loaded by the first export, not at start-up.
    from bot import exporting
    from bot.render.export import exporting as exporting_text
    from bot.render.export import too_large
    from bot.render.workbook_sheet import SHEET_ROWS

    message = update.effective_message
    assert message is not None
    words = command_text(message.text or "").split()
    fmt = (words[0].lower() if words else "csv").lstrip(".")
    given = fmt in ("csv", "xlsx")
    fmt, extra = (fmt, words[1:]) if given else ("csv", words)
    if [w for w in extra if w.casefold() != "all"]:  # 'all' is what /export sends anyway
        _refuse_extra(fmt, extra, context, given=given)
    op, bot, settings = caller.operation, context.bot, context.config.export
    await claim_first(update, context)
    target = personal_chat(update, caller)
    key = heavy.job_key(context, target, caller, "export", fmt)
    if heavy.running(key):
        await outbox.send(bot, target, export_busy(fmt, op.code), operation=op)
        return
    limit = int(settings.upload_limit_mb * 1_000_000)
    # Counted and sized first: a file Telegram would refuse is never built for it.
    size = await exporting.size_of(context.db.path, op.id)
    plan = exporting.plan_export(size, fmt, limit)
    if not plan.fits:
        rows = size.items if size.items >= SHEET_ROWS - 1 and fmt == "xlsx" else 0
        text = too_large(op.code, fmt, _mb(plan.estimated), _mb(limit), rows=rows)
        await outbox.send(bot, target, text, operation=op)
        return
    await delivery.show_action(bot, target, ChatAction.UPLOAD_DOCUMENT)
    shown: Message | None = None
    if size.items >= settings.progress_from_rows:
        shown = (await outbox.send(bot, target, exporting_text(0), operation=op))[0]
    # Built after this update's turn: the chat's next command does not wait for the file.
    work = _export(context, op, plan, target, shown, limit)
    heavy.start(update, context, caller, key, work, command="export")


def _refuse_extra(fmt: str, extra: list[str], context: BotContext, *, given: bool) -> None:
    """Words after /export besides its format: a period gets /summary's, the rest its usage."""
    from bot.render.export import export_takes_a_format_only, export_takes_no_period

    typed = " ".join(extra)
    try:
        period = parse_summary_args(typed, find_substance=context.bot_data.catalogue.lookup)
    except UsageError:
        period = None
    if period is not None and period.period.kind != "all" and period.substance is None:
        raise UsageError(export_takes_no_period(fmt, typed))
    if not given:  # '/export pdf': a format it does not make
        raise UsageError(_("Export as csv or xlsx.") + "\n" + usage("export"))
    raise UsageError(export_takes_a_format_only(typed) + "\n" + usage("export"))


async def _export(
    context: BotContext, op: Operation, plan: Plan, target: int, shown: Message | None, limit: int
) -> None:
    """Build the export in the worker process, showing progress, then send its files."""
    from bot import exporting
    from bot.render.export import (
        export_caption,
        export_ready,
        export_stopped,
        too_large,
        workbook_caption,
    )
    from bot.render.export import exporting as exporting_text

    bot, fmt = context.bot, plan.fmt
    with tempfile.TemporaryDirectory(prefix="ocu-export-") as folder:
        # The worker process counts rows into a file of the folder; the loop reads it.
        progress = exporting.Progress(plan.total, path=Path(folder) / "progress")
        work = asyncio.ensure_future(
            exporting.off_loop(
                exporting.build_files, context.db.path, op, plan, Path(folder),
                context.clock.now(), progress, limit=limit,
            )
        )  # fmt: skip
        percent = 0
        while not work.done():
            await asyncio.wait({work}, timeout=_PROGRESS_SECONDS)
            progress.refresh()
            if shown is not None and not work.done() and progress.percent >= percent + 5:
                percent = progress.percent
                await edit_progress(bot, shown, exporting_text(percent), op)
        try:
            files = work.result()
        except worker.Abandoned:  # the bot is stopping; the folder goes with what was written
            await _stopped(bot, target, shown, exporting_text(percent), op, export_stopped(fmt))
            return
        except worker.TimedOut as late:
            failed = too_long(f"/export {fmt}", late.seconds, "/export csv" if fmt != "csv" else "")
            await _stopped(bot, target, shown, exporting_text(percent), op, failed)
            return
        except worker.WorkerLost:  # the progress line says so, not only a line below it
            log.warning("the export could not be prepared", exc_info=True)
            failed = not_prepared(f"/export {fmt}")
            await _stopped(bot, target, shown, exporting_text(percent), op, failed)
            return
        progress.refresh()
        done = export_ready(progress.done, len(files))
        if shown is not None:
            await edit_progress(bot, shown, done, op)
        for file in files:
            if file.path.stat().st_size > limit:  # estimated wrong: say so, send nothing broken
                text = too_large(op.code, fmt, _mb(file.path.stat().st_size), _mb(limit))
                await outbox.send(bot, target, text, operation=op)
                return
        for sent, file in enumerate(files):
            if worker.stopping():  # an upload is not cut; the stop waits for no more of them
                stopped = export_stopped(fmt, sent=sent, parts=len(files))
                await _stopped(bot, target, shown, done, op, stopped)
                return
            caption = (
                workbook_caption(op.code)
                if file.filename.endswith(".xlsx")
                else export_caption(op.code, part=file.part, parts=file.parts, zipped=file.zipped)
            )
            await outbox.send_file(
                bot, target, file.path, filename=file.filename, caption=caption, operation=op
            )


# How often the progress message may be edited: well inside Telegram's limits for one chat.
_PROGRESS_SECONDS = 3.0


async def _stopped(
    bot: Bot, target: int, shown: Message | None, before: str, op: Operation, line: str
) -> None:
    """End the progress message with why the export stopped (or say it, if none was shown)."""
    if shown is not None:
        await edit_progress(bot, shown, f"{before}\n{line}", op)
    else:
        await outbox.send(bot, target, line, operation=op)


def _mb(size: int) -> int:
    return max(1, round(size / 1_000_000))


async def edit_progress(bot: Bot, shown: Message, text: str, op: Operation) -> None:
    try:
        await bot.edit_message_text(
            outbox.fit_edit(text, op), chat_id=shown.chat_id, message_id=shown.message_id
        )
    except BadRequest as exc:  # the progress line deleted by its reader: the files still go
        if "message to edit not found" not in exc.message.lower():
            raise
        log.info("progress message %s is gone: %s", shown.message_id, exc)


async def claim_first(update: Update, context: BotContext) -> None:
    """Claim this update before minutes of work: a redelivery is answered 'Already answered'.

    A file sent twice is a double effect like any other; Repeated, raised here, is answered by
    the application's error handler with the one 'Already answered' every command gives.
    """
    await context.db.write(
        lambda conn: None, update_id=update.update_id, now=context.clock.now(), inline=True
    )
