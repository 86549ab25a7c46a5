"""Answers for what no other handler took: an old button, an unknown command."""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape

from telegram import Update

from bot.context import BotContext
from bot.domain.commands import BY_NAME, usable
from bot.domain.unit import Caller
from bot.parsing import ParseError, parse_seizure
from bot.parsing.args import UsageError
from bot.parsing.listing import parse_reports_args
from bot.parsing.summary import parse_chart_args, parse_summary_args
from bot.render.asked import did_you_mean_command, did_you_mean_refused, did_you_mean_usage
from bot.render.help import TRAINING_COMMANDS, training_meant
from bot.render.i18n import _
from handlers.guard import command_name, resolve_caller, spoken
from handlers.reply import answer
from handlers.seizures import _read
from handlers.unanswered import meant_command, offered


@spoken
async def old_button(update: Update, context: BotContext) -> None:
    """A press on a button this bot no longer knows."""
    query = update.callback_query
    if query is not None:
        await query.answer(_("This button is no longer active."), show_alert=True)


@spoken
async def unknown_command(update: Update, context: BotContext) -> None:
    """A command the bot does not have: answered in private; in a group only a slip of ours."""
    chat, message = update.effective_chat, update.effective_message
    if chat is None:
        return
    name = command_name(message)
    text = message.text if message is not None and message.text else ""
    # A slip of one of ours ('/seizur', '/seizure2kg') is answered with the message corrected.
    meant = meant_command(text.strip()) if text.strip() else None
    user = update.effective_user
    # Another bot's command: in a group not ours, so left alone; in private, where a person
    # waits for an answer, they are told whom it was for, and how to ask this bot.
    addressed = text.split(maxsplit=1)[0].partition("@")[2] if text.startswith("/") else ""
    elsewhere = addressed.lower() not in ("", context.bot.username.lower())
    # A trainer's guess at a training mode (/training, /workshop) is pointed to exercises.
    training = name.lstrip("/").lower() in TRAINING_COMMANDS and not elsewhere
    if chat.type != "private" and (meant is None or elsewhere) and not training:
        # '/2kg meth at ICN': the command's name lost, the report whole.
        if not elsewhere and await offered(update, context, text.strip()[1:], whole=True):
            return
        return
    resolved = await resolve_caller(context, user_id=user.id, chat=chat) if user else None
    caller = resolved if isinstance(resolved, Caller) else None  # an exercise's is labelled
    if meant is not None:
        # Only a command of the person's own is offered: an officer's '/exprt' is no /export,
        # which would then be refused; nor a coordinator's '/seizur' a report they cannot make.
        meant = meant_command(text.strip(), usable(caller.role if caller else None))
        if meant is None and chat.type != "private":
            return
    if elsewhere:
        await answer(update, _other_bots(text.strip(), addressed, context.bot.username), caller)
        return
    if training:
        await answer(update, training_meant(name.lstrip("/")), caller)
        return
    if meant is not None:
        await answer(update, await _suggested(context, caller, *meant), caller)
        return
    await answer(
        update,
        _("I do not know {command}. /help lists what you can do.").format(command=escape(name)),
        caller,
    )


def _other_bots(text: str, addressed: str, ours: str) -> str:
    """For a command addressed to another bot: whom it was for, and what this one takes."""
    first, *rest = text.split(maxsplit=1)
    name = first.split("@", 1)[0]
    said = _("{command} is addressed to @{bot}, not to me (@{me}).").format(
        command=escape(first), bot=escape(addressed), me=escape(ours)
    )
    if name[1:] in BY_NAME:
        mended = " ".join([name, *rest])
        return said + " " + _("To ask me, send: {command}").format(command=escape(mended))
    return said + " " + _("/help lists what you can do.")


async def _suggested(context: BotContext, caller: Caller | None, name: str, line: str) -> str:
    """A slip of /`name`: `line` (the message with the command mended) if the bot takes it;
    else why not and a line it does take, or the command's own example where its words are
    not read here. Never a mended line the command would refuse in turn."""
    rest = line.split(maxsplit=1)[1] if len(line.split(maxsplit=1)) > 1 else ""
    now = context.clock.now()
    try:
        if name in ("seizure", "s"):  # alone, it starts a report step by step
            if rest and caller is not None:
                await _read(line, context, caller, now)  # with the operation's aliases
            elif rest:
                parse_seizure(line, catalogue=context.bot_data.catalogue, today=now.date())
        elif name in _READERS and rest:
            _READERS[name](rest, find_substance=context.bot_data.catalogue.lookup)
        elif rest or not _alone(name):
            return did_you_mean_usage(name, _(BY_NAME[name].example))
    except ParseError as refused:
        example = refused.examples[0][0] if refused.examples else "2kg meth at ICN"
        return did_you_mean_refused(name, refused.reason, f"/{name} {example}")
    except UsageError:
        return did_you_mean_usage(name, _(BY_NAME[name].example))
    return did_you_mean_command(name, line)


_READERS: dict[str, Callable[..., object]] = {
    "summary": parse_summary_args,
    "chart": parse_chart_args,
    "reports": parse_reports_args,
}


def _alone(name: str) -> bool:
    """Whether the command is taken with nothing after it (its syntax's words all optional)."""
    for form in _ALTERNATIVE.split(BY_NAME[name].syntax):  # '/alias WORDS CANONICAL | /alias'
        words = form.split(maxsplit=1)[1:]
        if not words or not _OPTIONAL.sub("", words[0]).strip():
            return True
    return False


_ALTERNATIVE = re.compile(r"\s\|\s(?=/)")
_OPTIONAL = re.compile(r"\[[^\[\]]*\]|\([^()]*\)")  # [optional], (an explanation)
