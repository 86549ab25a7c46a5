"""/alias place: words for a place counted as one place, for past and future reports; listed;
removed. Reached through /alias (handlers.aliases), whose forms it follows."""

from __future__ import annotations

import re

from telegram import Update

from bot.context import BotContext
from bot.domain.places import place_key, tidy
from bot.domain.unit import Caller
from bot.parsing.args import UsageError
from bot.render import places as texts
from handlers.reply import answer
from storage import places as place_store

REMOVE = ("rm", "remove", "delete")  # as /alias rm
# Both sides are free text, so the '=' (or an arrow) says where the words end.
_ARROW = re.compile(r"\s*(?:=>|->|→|=)\s*")
_QUOTES = "\"'“”‘’«»「」"
PLACE_MAX = 100  # a place as officers write it after 'at'; longer is not a place


async def place_alias(update: Update, context: BotContext, caller: Caller, text: str) -> None:
    """/alias place [list] | /alias place WORDS = PLACE | /alias place rm WORDS."""
    words = text.split()
    operation_id = caller.operation.id
    if [w.lower() for w in words] in ([], ["list"]):
        listed = await place_store.listed_place_aliases(context.db, operation_id=operation_id)
        await answer(update, texts.place_list(caller.operation, listed), caller, long=True)
        return
    if words[0].lower() in REMOVE:
        await _remove(update, context, caller, " ".join(words[1:]))
        return
    typed, place = _sides(text)
    aliases = await place_store.place_aliases(context.db, operation_id=operation_id)
    key = place_key(typed)
    if key == place_key(place):
        raise UsageError(texts.same_place(typed))
    named = {k: p for k, p in aliases.items() if place_key(p) == key and k != key}
    if named:  # the words are a place other words count as: no alias of an alias
        raise UsageError(texts.is_a_place(typed, sorted(named), place))
    if place_key(place) in aliases:  # the place is itself words that count as a place
        raise UsageError(texts.place_is_alias(typed, place, aliases[place_key(place)]))
    done = await place_store.add_place_alias(
        context.db,
        operation_id=operation_id,
        words=typed,
        place=place,
        actor_id=caller.user_id,
        now=context.clock.now(),
        update_id=update.update_id,
    )
    await answer(update, texts.place_set(typed, done.place or place, done), caller)


def _sides(text: str) -> tuple[str, str]:
    """The words and the place they count as, either side of the one '='; refusals with an
    example that keeps what was typed."""
    parts = [tidy(part.strip(_QUOTES + " ")) for part in _ARROW.split(text)]
    if len(parts) == 1:
        raise UsageError(texts.no_equals(tidy(text)))
    if len(parts) > 2:
        words = " ".join(part for part in parts[:-1] if part) or "인천공항"
        raise UsageError(texts.two_equals(words, parts[-1] or "ICN"))
    words, place = parts
    if not words or not place:
        raise UsageError(texts.side_missing(words, place))
    names = [tidy(name.strip(_QUOTES + " ")) for name in words.split(",")]
    if len([name for name in names if name]) > 1:  # stored as one name before: say so
        raise UsageError(texts.several_names([name for name in names if name], place))
    for side in (words, place):
        if not place_key(side) or "<" in side or ">" in side:
            raise UsageError(texts.not_a_place(side))
        if len(side) > PLACE_MAX:
            raise UsageError(texts.too_long(PLACE_MAX, len(side)))
    return words, place


async def _remove(update: Update, context: BotContext, caller: Caller, words: str) -> None:
    """/alias place rm WORDS: the words count as themselves again, in past reports too."""
    words = tidy(words.strip(_QUOTES + " "))
    if not words:
        raise UsageError(texts.which_place())
    removed = await place_store.remove_place_alias(
        context.db,
        operation_id=caller.operation.id,
        words=words,
        actor_id=caller.user_id,
        now=context.clock.now(),
        update_id=update.update_id,
    )
    if removed is None:
        await answer(update, texts.no_such_place_alias(words), caller)
        return
    await answer(update, texts.place_removed(words, *removed), caller)
