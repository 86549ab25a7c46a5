"""/language: the language a person reads, and (a coordinator, in a group) the group's."""

from __future__ import annotations

from dataclasses import replace
from html import escape

from telegram import Chat, InlineKeyboardButton, InlineKeyboardMarkup, Message, Update

from bot import outbox
from bot.context import BotContext
from bot.domain.access import Permission, allows
from bot.domain.unit import Caller
from bot.render.i18n import LOCALES, _, current_locale, language_names, using
from handlers.guard import (
    on_its_message,
    placed,
    reader_language,
    refuse_unresolved,
    remember,
    resolve_caller,
)
from handlers.menus import publish_person_menu
from handlers.reply import answer, is_group, to_the_group
from storage import members as member_store
from storage import operations as operation_store

# What people type for a language besides its code: its own name and its English one.
NAMES = {
    "en": "en",
    "english": "en",
    "ko": "ko",
    "korean": "ko",
    "한국어": "ko",
    "th": "th",
    "thai": "th",
    "ไทย": "th",
    "ภาษาไทย": "th",
    # ISO 639-2 codes and the country code people mistake for Korean's ('kr').
    "eng": "en",
    "kr": "ko",
    "kor": "ko",
    "tha": "th",
}
# Each language named in itself, so anyone finds their own in the list.
SHOWN = {"en": "English (en)", "ko": "한국어 (ko)", "th": "ไทย (th)"}
# /language alone in private: one button a language, each named in itself.
BUTTONS = InlineKeyboardMarkup(
    [
        [
            InlineKeyboardButton(name, callback_data=f"lang:{code}")
            for code, name in (("en", "English"), ("ko", "한국어"), ("th", "ภาษาไทย"))
        ]
    ]
)
BUTTON_PATTERN = r"^lang:"


def _code(word: str) -> str:
    """The language a word names ('ko', 'kr', 'Korean', 'en-US', 'th_TH'); '' when none."""
    word = word.casefold()
    # A tag's region ('en-US', 'ko_KR') does not change the language.
    return NAMES.get(word) or NAMES.get(word.replace("_", "-").split("-")[0], "")


def _languages(words: list[str]) -> tuple[str, ...] | None:
    chosen = tuple(_code(w) for w in words)
    if not chosen or "" in chosen or len(set(chosen)) != len(chosen) or len(chosen) > 2:
        return None
    return chosen


def _refusal(words: list[str], *, group: bool) -> str:
    """What is wrong with the languages named, with the command as it would work."""
    command = "/language group" if group else "/language"
    chosen = [_code(w) for w in words]
    unknown = next((w for w, code in zip(words, chosen, strict=True) if not code), None)
    known = list(dict.fromkeys(code for code in chosen if code))
    listed = ", ".join(SHOWN[code] for code in LOCALES)
    if unknown is not None:
        example = " ".join(known[: 2 if group else 1]) or ("ko th" if group else "ko")
        return _(
            "I do not know the language {word}. I write in {languages}, e.g. {command} {example}"
        ).format(word=escape(unknown), languages=escape(listed), command=command, example=example)
    if len(known) != len(chosen):
        twice = next(code for code in known if chosen.count(code) > 1)
        return _(
            "{language} is named twice: name each language once, e.g. {command} {example}"
        ).format(
            language=escape(SHOWN[twice]),
            command=command,
            example=" ".join(known[: 2 if group else 1]),
        )
    if group:
        return _(
            "A group has one or two languages, not {count}: e.g. /language group {example}"
        ).format(count=len(known), example=" ".join(known[:2]))
    return _(
        "You read one language: e.g. /language {code}. A coordinator sets the group's, one "
        "or two: /language group {codes}"
    ).format(code=known[0], codes=" ".join(known[:2]))


def _usage() -> str:
    listed = ", ".join(SHOWN[code] for code in LOCALES)
    return _(
        "Choose a language: /language ko, /language th or /language en ({languages}).\n"
        "A coordinator sets the group's, one or two: /language group ko th"
    ).format(languages=escape(listed))


@placed("language")
async def language(update: Update, context: BotContext) -> None:
    """/language ko|th|en, or /language group LANG [LANG] in a group."""
    user, chat, message = update.effective_user, update.effective_chat, update.effective_message
    if user is None or chat is None or message is None:
        return
    words = (message.text or "").split()[1:]
    if words and words[0].lower() == "group":
        await _group_language(update, context, words[1:])
        return
    resolved = await resolve_caller(context, user_id=user.id, chat=chat)
    # Answered as every reply is: an exercise's labelled (the caller's operation).
    caller = resolved if isinstance(resolved, Caller) else None
    chosen = _languages(words)
    if not words:
        # Alone: what is in use now, and a button a language, in a group too (for the presser).
        said = f"{_current(chat, caller)}\n{_usage()}"
        await answer(update, said, caller, reply_markup=BUTTONS)
        return
    if chosen is None or len(chosen) != 1:
        await answer(update, _refusal(words, group=False), caller)
        return
    await _choose(update, context, chosen[0])
    with using(chosen[0]):
        await answer(update, _said_here(update, caller, chosen[0]), caller)
        await _menu(update, context)


def _current(chat: Chat, caller: Caller | None) -> str:
    """'You: English (en). This group: Korean and Thai (ko, th).' (the group's where it has one)."""
    said = _("You: {language}.").format(language=escape(SHOWN[current_locale()]))
    if is_group(chat) and caller is not None and caller.operation.languages:
        codes = caller.operation.languages
        said += " " + _("This group: {languages} ({codes}).").format(
            languages=escape(language_names(codes)), codes=", ".join(codes)
        )
    return said


def _chosen() -> str:
    return _(
        "I will write to you in English, in a group too when I answer you. The group's "
        "digest, reminders and announcements come in the group's language."
    )


def _said_here(update: Update, resolved: Caller | None, code: str) -> str:
    """What /language changed, said where it was sent: in a group, whose language it was, that
    the group's own stays as it is, and (to a coordinator) how to change that one."""
    user, chat = update.effective_user, update.effective_chat
    assert user is not None and chat is not None
    if not is_group(chat) or resolved is None:
        return _chosen()
    said = _(
        "{name}: only your language changed. I will write to you in English, here when I "
        "answer you and in our private chat. This group's digest, reminders and announcements "
        "stay in {languages}."
    ).format(
        name=escape(user.full_name), languages=escape(language_names(resolved.operation.languages))
    )
    if allows(resolved.role, Permission.MANAGE):
        said += "\n" + _(
            "To change the group's language (one or two): /language group {code}, "
            "e.g. /language group ko th"
        ).format(code=code)
    return said


async def _choose(update: Update, context: BotContext, code: str) -> None:
    """Keep the person's language, once for an update delivered twice."""
    assert update.effective_user is not None
    user_id = update.effective_user.id
    await member_store.set_language(
        context.db,
        user_id=user_id,
        language=code,
        update_id=update.update_id,
        now=context.clock.now(),
    )
    context.bot_data.languages[user_id] = code


async def _menu(update: Update, context: BotContext) -> Caller | None:
    """The private chat's command menu, in the language just chosen; the caller, if a member."""
    user, chat = update.effective_user, update.effective_chat
    assert user is not None and chat is not None
    if is_group(chat):
        return None
    resolved = await resolve_caller(context, user_id=user.id, chat=chat)
    if not isinstance(resolved, Caller):
        return None
    await publish_person_menu(context, user_id=user.id, chat_id=chat.id, role=resolved.role)
    return resolved


async def pressed(update: Update, context: BotContext) -> None:
    """A language button: switch to it and say so in it, under the very message it was on."""
    query = update.callback_query
    if query is None or query.data is None or not isinstance(query.message, Message):
        return
    await remember(update, context)
    code = query.data.removeprefix("lang:")
    if code not in LOCALES or not on_its_message(query):
        # Forged, or under a message that no longer offers it: nothing changes.
        with using(await reader_language(update, context)):
            await query.answer(
                _("This button no longer works. Send /language to choose again."), show_alert=True
            )
        return
    await _choose(update, context, code)  # Repeated (said "Already answered") if pressed twice
    if is_group(query.message.chat):
        # The message stays for the others to press: the presser alone is told, in theirs.
        with using(code):
            await query.answer(
                _(
                    "Only your language changed: I will write to you in English. The group's "
                    "digest, reminders and announcements stay in its language."
                ),
                show_alert=True,
            )
        return
    await query.answer()
    with using(code):
        caller = await _menu(update, context)
        # Labelled as the question it replaces was (EXERCISE), in the language just chosen.
        await query.edit_message_text(
            outbox.fit_edit(_chosen(), caller.operation if caller else None)
        )


async def _group_language(update: Update, context: BotContext, words: list[str]) -> None:
    user, chat = update.effective_user, update.effective_chat
    assert user is not None and chat is not None
    resolved = await resolve_caller(context, user_id=user.id, chat=chat)
    if not is_group(chat):
        await answer(
            update,
            _("Send /language group in the group it is for, e.g. /language group ko th"),
            resolved if isinstance(resolved, Caller) else None,
        )
        return
    if isinstance(resolved, tuple):
        await refuse_unresolved(update, context, *resolved)
        return
    if not allows(resolved.role, Permission.MANAGE):
        await answer(update, _("Only a coordinator of this operation can do that."), resolved)
        return
    chosen = _languages(words)
    if chosen is None:
        await answer(update, _refusal(words, group=True) if words else _usage(), resolved)
        return
    await operation_store.set_languages(
        context.db,
        operation_id=resolved.operation.id,
        languages=chosen,
        actor_id=user.id,
        now=context.clock.now(),
        update_id=update.update_id,
    )
    # Said to everyone, in the languages just chosen, each naming them in its own words.
    await to_the_group(
        update,
        lambda: _(
            "This group's digest, reminders and announcements now come in {languages}."
        ).format(languages=escape(language_names(chosen))),
        replace(resolved.operation, languages=chosen),
    )
