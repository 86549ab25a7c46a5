"""/start's welcome: what the bot is, how a report looks, where help and languages are."""

from __future__ import annotations

from html import escape

from bot.domain.unit import Caller, Operation
from bot.render.i18n import N_, _
from bot.render.replies import EXERCISE_LABEL
from bot.render.replies import _example_command as example_command
from bot.render.replies import _role_phrase as role_phrase

# /start's examples, read by the parser as shown (tests/unit/test_welcome_examples.py). Each
# language's translation is an example in its own words that reads as the English one does.
WELCOME_EXAMPLES = (
    N_("/seizure 2kg meth at ICN T1"),
    N_("/seizure 500 tablets yaba from Laos in luggage"),
)
# Each language named in itself, whatever the reader's: a Korean or Thai officer finds theirs.
LANGUAGE_LINES = "/language ko — 한국어\n/language th — ภาษาไทย\n/language en — English"


def welcome(caller: Caller | None, place: str = "private", reports: bool = False) -> str:
    """The /start answer: what the bot is, how a report looks, where help and languages are."""
    if caller is None:
        return (
            _(
                "<b>OCU bot</b> keeps the seizures, totals and schedule of a joint customs "
                "operation.\nTo join, open the invite link your coordinator sent you."
            )
            + "\n\n"
            + LANGUAGE_LINES
        )
    op = caller.operation
    parts = [
        _("<b>OCU bot</b> for <b>{title}</b> ({code}).\nYou are {role}.").format(
            title=escape(op.title), code=escape(op.code), role=role_phrase(caller)
        )
    ]
    if reports:
        examples = "\n".join(f"<code>{escape(_(e))}</code>" for e in WELCOME_EXAMPLES)
        parts.append(_("Report a seizure in one line, e.g.") + "\n" + examples)
        if place == "private":
            parts.append(_("Or press New report below to be asked step by step."))
    parts.append(
        _("/help lists your commands; /help {command} shows how to type one.").format(
            command=example_command(caller.role, place)
        )
    )
    parts.append(LANGUAGE_LINES)
    text = "\n\n".join(parts)
    # On a line of its own: glued to the first line it read as part of the bot's name.
    return f"{_(EXERCISE_LABEL)}\n{text}" if op.exercise else text


def private_now_in(joined: Operation, others: list[Operation]) -> str:
    """After joining a second operation: where private messages go now, and the way back.

    A live officer who joined a workshop's exercise sent their next real seizure to the drill,
    labelled only by its prefix (a newcomer's review, session 16)."""
    now = (
        _("Your private messages now go to {code}, an exercise.")
        if joined.exercise
        else _("Your private messages now go to {code}.")
    ).format(code=escape(joined.code))
    back = ", ".join(f"/use {escape(o.code)}" for o in others)
    return (
        now
        + " "
        + _("To report to another of your operations, send {commands} first.").format(commands=back)
    )
