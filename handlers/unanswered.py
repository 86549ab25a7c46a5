"""Text that no command took: every private message gets an answer, and group messages to us.

A busy officer who gets no answer assumes it worked; so a private message that reads as a report
is offered as one, a reply to an acknowledgement is told how to correct, and anything else gets
a pointer to /help. In a group only what is addressed to the bot is answered, and an officer's
report whose command was lost or mistyped ('2kg meth at ICN', 's 2kg meth', '/ s 2kg meth'):
silence there read as "sent", and the seizure never reached the totals. Chatter that only
mentions an amount ('we seized 2kg meth yesterday') is not a report and stays unanswered.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from telegram import Update

from bot.context import BotContext
from bot.domain.commands import BY_NAME
from bot.domain.unit import Caller
from bot.parsing import ParseError, parse_seizure
from bot.render import asked as render_asked
from bot.render import seizure as render_seizure
from bot.render.i18n import N_, _
from handlers import asked
from handlers.guard import refusal_for, remember, resolve_caller, spoken
from handlers.reply import answer, forwarded, is_group, replied_to
from storage import checks


@spoken
async def plain_text(update: Update, context: BotContext) -> None:
    """A text message without a command."""
    message, user, chat = update.effective_message, update.effective_user, update.effective_chat
    if message is None or message.text is None or user is None or chat is None or user.is_bot:
        return
    replied = replied_to(message)
    to_bot = (
        replied is not None
        and replied.from_user is not None
        and replied.from_user.id == context.bot.id
    )
    mention = f"@{context.bot.username}"
    group = is_group(chat)
    if group and not (to_bot or mention.lower() in message.text.lower()):
        # Group chatter is not for us; a report sent without its command is.
        unmarked, marked = report_words(message.text)
        await offered(update, context, unmarked, whole=not marked)
        return
    await remember(update, context)
    if to_bot and replied is not None:
        number = await checks.number_by_reply(
            context.db, chat_id=chat.id, message_id=replied.message_id
        )
        if number is not None:
            found = await resolve_caller(context, user_id=user.id, chat=chat)  # its label
            said = render_asked.how_to_correct(number)
            await answer(update, said, found if isinstance(found, Caller) else None)
            return
    text = report_words(_without(message.text, mention))[0]
    if await offered(update, context, text):
        return
    resolved = await resolve_caller(context, user_id=user.id, chat=chat)
    caller = resolved if isinstance(resolved, Caller) else None
    await answer(
        update,
        render_asked.addressed_in_group() if group else _(render_asked.HELP_POINTER),
        caller,
    )


# What the bot can read: text, and a photo, document or location beside a report.
MEDIA_NOT_READ = N_(
    "I read text, photos, documents and locations, not this kind of message. Send your report "
    "as text, e.g. <code>/seizure 2kg meth at ICN</code>, and a picture of it as a photo."
)


@spoken
async def other_media(update: Update, context: BotContext) -> None:
    """A voice note, video, sticker or contact: in private, or captioned as a report anywhere.

    Silence read as "sent": a video captioned '/seizure 2kg meth at ICN' was never recorded."""
    chat = update.effective_chat
    if chat is None or update.effective_user is None or update.effective_user.is_bot:
        return
    await remember(update, context)
    resolved = await resolve_caller(context, user_id=update.effective_user.id, chat=chat)
    await answer(update, _(MEDIA_NOT_READ), resolved if isinstance(resolved, Caller) else None)


# What an officer in a hurry types in place of /seizure: 's 2kg meth', 'seizure 2kg meth',
# '/ s 2kg meth' (a phone keyboard's space after the slash).
# And '/2kg meth' (the command's name lost), for an edit of one: the slash before an amount.
_MARKER = re.compile(r"^\s*(?:(?:/\s*)?(?:s|seizure)(?:\s+|$)|/(?=[0-9]))", re.IGNORECASE)


def report_words(text: str) -> tuple[str, bool]:
    """`text` without a mistyped /seizure before it, and whether it had one."""
    found = _MARKER.match(text)
    return (text[found.end() :].strip(), True) if found else (text.strip(), False)


async def offered(update: Update, context: BotContext, text: str, *, whole: bool = False) -> bool:
    """Text (or a caption) that reads as a report: offered as a /seizure; True if offered.

    whole=True (a group's message with no sign of a command): only if all of it reads as the
    report, a note left over meaning it is talk about one."""
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None or not text.strip():
        return False
    resolved = await resolve_caller(context, user_id=user.id, chat=chat)
    caller = resolved if isinstance(resolved, Caller) else None
    if caller is None or refusal_for(caller, BY_NAME["seizure"]) is not None:
        return False
    text = text.strip()
    today = caller.local(context.clock.now()).date()
    try:
        report = parse_seizure(text, catalogue=context.bot_data.catalogue, today=today)
    except ParseError:
        return False
    # Only a named substance makes it a report: "sorry it was 3kg" is not one.
    if not any(i.substance for i in report.items) or (whole and not _only_reporting(report.note)):
        return False
    message = update.effective_message
    if message is not None and forwarded(message):
        # Offered, a forwarded report became the forwarder's own ("Record it"): one agency's
        # seizure counted for another, and twice once its officer reported it too.
        await answer(update, _(render_seizure.FORWARDED), caller)
        return True
    typed = f"/seizure {text}"
    await asked.ask(update, context, caller, asked.TYPED, typed, render_asked.did_you_mean(text))
    return True


# A report's own verb, all a group's report may hold beside what the parser read: 'seized 2kg
# meth at ICN today' is a report with its command lost; 'we seized 2kg meth yesterday' is talk.
_REPORTING = frozenset(
    {"seized", "seizure", "found", "intercepted", "caught", "detected"}
    | {"압수", "압수함", "적발", "적발함", "검거"}
    | {"ยึด", "ยึดได้", "ตรวจยึด", "จับได้", "ตรวจพบ"}
)


def _only_reporting(note: str | None) -> bool:
    """Whether a report's note is nothing, or only a report's own verb."""
    return not note or all(w.strip(".,:;!-").casefold() in _REPORTING for w in note.split())


def _without(text: str, mention: str) -> str:
    at = text.lower().find(mention.lower())
    return text if at < 0 else text[:at] + text[at + len(mention) :]


def meant_command(text: str, among: Iterable[str] = BY_NAME) -> tuple[str, str] | None:
    """The command a mistyped one meant and the message as it should have been sent:
    '/seizur 1kg ice' (a slip), '/seizure2kg meth' (a command glued to what follows).

    `among`: the commands it may be (the person's own, bot.domain.commands.usable)."""
    head, *after = text.split(maxsplit=1)
    rest = after[0] if after else ""
    typed, _at, bot = head.partition("@")
    name = typed.lstrip("/").lower()
    # First the longest command the typed name starts with, an amount glued after it: in
    # '/seizure2 kg meth' the 2 is the amount, not a slip of one letter to drop.
    glued = [c for c in among if name.startswith(c) and name[len(c) : len(c) + 1].isdigit()]
    close = max(glued, key=len) if glued else closest_command(name, among)
    if close is None:
        return None
    if glued:
        rest = " ".join(part for part in (typed[len(close) + 1 :], rest) if part)
    command = f"/{close}@{bot}" if bot else f"/{close}"
    return close, " ".join(part for part in (command, rest) if part)


def closest_command(name: str, among: Iterable[str] = BY_NAME) -> str | None:
    """One of our commands (of `among`) a typed name is a slip of (edit distance 1, or 2 for
    long names; its plural counts as 1)."""
    typed = name.lstrip("/").lower()
    best: tuple[int, str] | None = None
    for command in among:
        if len(command) < 3:
            continue  # '/s' is one letter from too much
        # A plural is one slip: '/aliases' (before: two letters from /alias, silence in a group).
        plural = typed in (f"{command}s", f"{command}es")
        distance = 1 if plural else _distance(typed, command)
        allowed = 1 if len(command) <= 5 else 2
        if 0 < distance <= allowed and (best is None or distance < best[0]):
            best = (distance, command)
    return best[1] if best else None


def _distance(a: str, b: str) -> int:
    """Levenshtein distance, with a swap of two neighbours counted as one slip."""
    rows = [list(range(len(b) + 1))]
    for i, ca in enumerate(a, 1):
        row = [i]
        for j, cb in enumerate(b, 1):
            cost = min(rows[-1][j] + 1, row[j - 1] + 1, rows[-1][j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, rows[-2][j - 2] + 1)
            row.append(cost)
        rows.append(row)
    return rows[-1][-1]
