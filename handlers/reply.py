"""Answering people: in the chat they asked in, or privately, through the one reply path."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from telegram import Bot, Chat, InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatType

from bot import outbox
from bot.context import BotContext
from bot.domain.unit import Caller, Operation


def replied_to(message: Message) -> Message | None:
    """The message a person replied to; None for none, and for a forum topic's first message,
    which Telegram gives as replied to by every message of the topic that replies to nothing."""
    target = message.reply_to_message
    if target is None or target.forum_topic_created is not None:
        return None
    if message.is_topic_message and target.message_id == message.message_thread_id:
        return None
    return target


def forwarded(message: Message) -> bool:
    """Whether a message was forwarded: whoever forwards a report did not make the seizure."""
    return message.forward_origin is not None or "forward_date" in message.api_kwargs


def is_group(chat: Chat) -> bool:
    """Group and supergroup chats, where a binding decides the operation."""
    return chat.type in (ChatType.GROUP, ChatType.SUPERGROUP)


async def answer(
    update: Update,
    text: str | Sequence[str],
    caller: Caller | None = None,
    *,
    reply_markup: InlineKeyboardMarkup | None = None,
    filename: str = "answer.txt",
    long: bool = False,
    operation: Operation | None = None,
    whole: str | None = None,
) -> Message | None:
    """Reply in the chat the update came from, fitted and labelled by the outbox; its message.

    One message, shortened if need be (a refusal quoting a pasted wall stays one clear
    message); a `long` answer, or one in parts, goes as up to three messages or a file.
    """
    chat = update.effective_chat
    if chat is None:
        return None
    message = update.effective_message
    # In a group the answer quotes its question, if that is still there (bot.outbox).
    reply_to = message.message_id if message is not None and is_group(chat) else None
    sent = await outbox.send(
        update.get_bot(),
        chat.id,
        text,
        operation=operation or (caller.operation if caller else None),
        reply_to=reply_to,
        reply_markup=reply_markup,
        filename=filename,
        long=long or not isinstance(text, str),
        whole=whole,
    )
    return sent[0] if sent else None


async def to_the_group(update: Update, make: Callable[[], str], operation: Operation) -> None:
    """A command's outcome that concerns everyone in a group, in the group's language(s).

    The rule: an answer to the asker (an acknowledgement, a refusal, a summary they asked for)
    is in the asker's language; what changes the group for everyone (its languages, its
    binding) is said in the group's languages, as the clock's messages are.
    """
    chat, message = update.effective_chat, update.effective_message
    if chat is None:
        return
    await outbox.send_in(
        update.get_bot(),
        chat.id,
        make,
        operation.languages,
        operation=operation,
        reply_to=message.message_id if message is not None else None,
    )


async def personal(
    update: Update, context: BotContext, caller: Caller, text: str, **kwargs: object
) -> None:
    """A labelled answer for the caller's eyes only: their private chat when asked in a group.

    A list, so in up to three parts or a file when long, wherever it goes (not cut)."""
    kwargs.setdefault("long", True)
    if caller.private_chat_id is None:
        await answer(update, text, caller, **kwargs)  # type: ignore[arg-type]
        return
    await outbox.send(
        context.bot,
        caller.private_chat_id,
        text,
        operation=caller.operation,
        **kwargs,  # type: ignore[arg-type]
    )


async def edit(
    bot: Bot,
    chat_id: int,
    message_id: int,
    text: str,
    operation: Operation | None,
    *,
    reply_markup: InlineKeyboardMarkup | None = None,
) -> None:
    """A message the bot sent, changed to `text`: labelled and fitted by the outbox, as an
    answer is."""
    await bot.edit_message_text(
        outbox.fit_edit(text, operation),
        chat_id=chat_id,
        message_id=message_id,
        reply_markup=reply_markup,
    )


def personal_chat(update: Update, caller: Caller) -> int:
    """The chat a personal file goes to: the private chat when asked in a group."""
    if caller.private_chat_id is not None:
        return caller.private_chat_id
    assert update.effective_chat is not None
    return update.effective_chat.id
