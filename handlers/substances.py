"""The substance names a filter reads: the catalogue's, then the operation's own /alias words."""

from __future__ import annotations

from collections.abc import Callable

from bot.context import BotContext
from bot.domain.units import normalise_words
from storage.aliases import operation_aliases


async def substance_finder(context: BotContext, operation_id: int) -> Callable[[str], str | None]:
    """Typed words' canonical id: the catalogue's, else what the operation's /alias maps them to."""
    catalogue = context.bot_data.catalogue
    aliases = await operation_aliases(context.db, operation_id=operation_id)
    if not aliases:
        return catalogue.lookup
    return lambda words: catalogue.lookup(words) or aliases.get(normalise_words(words))
