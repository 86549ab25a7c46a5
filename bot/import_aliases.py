"""An imported report's items, numbered and classified by the target operation's /alias words."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from bot.domain.units import normalise_words


def classified_items(
    items: Sequence[Sequence[Any]], aliases: Mapping[str, str]
) -> list[tuple[Any, ...]]:
    """The items numbered 1, 2 ... in the file's order (older exports began at 0), each with
    typed words read through `aliases` (the operation's, normalised words -> canonical id).

    Aliases are an operation's own: an item another operation's alias classified keeps its words
    beside the id (storage.aliases), and here counts as this operation's alias for those words
    says, or stays unclassified under them; so re-pointing the alias here moves it too.
    """
    out = []
    for n, item in enumerate(items, start=1):
        # (position, substance, words, amount, ...): bot/import_checks.py's _item
        words = item[2]
        substance = aliases.get(normalise_words(words)) if words else item[1]
        out.append((n, substance, *item[2:]))
    return out
