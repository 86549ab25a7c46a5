"""One place, one name: the officers' words for a place read as the name a breakdown shows.

Officers type places as they like ('ICN', 'icn ', '인천공항'). Words that differ only in case,
spacing or edge punctuation are one place; a coordinator's /alias place makes other words one
place too. The reports keep the words as written; the name is given when they are read.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from bot.domain.catalogue import normalise_substance_text
from bot.domain.listing import Person


def place_key(words: str) -> str:
    """Words for a place as one key: case, spacing and surrounding punctuation ignored."""
    # The substance names' rule (/alias), so that both kinds of alias read words alike.
    return normalise_substance_text(words)


def tidy(words: str) -> str:
    """The words as shown: trimmed, each run of spaces one space."""
    return " ".join(words.split())


class Places:
    """Names the places of some reports: an alias's place, or the spelling most reported.

    `aliases` maps a key (place_key) to the place it counts as; `spellings` gives each
    spelling read and its reports, from which a place without an alias takes the one used most
    (on a tie the first in order: 'ICN' before 'icn'). A spelling of an alias's place itself
    ('icn' where '인천공항' counts as 'ICN') is that place.
    """

    def __init__(self, aliases: Mapping[str, str], spellings: Iterable[tuple[str, int]] = ()):
        self._aliases = dict(aliases)
        self._seen: dict[str, str] = {}
        # One name a place: aliases set before their places were one spelling ('ICN', 'icn')
        # name it alike, the first in order.
        self._named: dict[str, str] = {}
        for place in sorted(tidy(p) for p in self._aliases.values()):
            self._named.setdefault(place_key(place), place)
        used: dict[str, dict[str, int]] = {}
        for words, reports in spellings:
            shown = tidy(words)
            if not shown:
                continue
            counts = used.setdefault(place_key(shown), {})
            counts[shown] = counts.get(shown, 0) + reports
        for key, counts in used.items():
            if key not in self._named:
                self._named[key] = min(counts, key=lambda s: (-counts[s], s))

    def name(self, words: str) -> str:
        """The place the words count as; '' (not stated) stays ''."""
        named = self._seen.get(words)
        if named is None:  # an export asks for each of a million reports: a few places
            named = self._seen[words] = self._name(words)
        return named

    def _name(self, words: str) -> str:
        shown = tidy(words)
        if not shown:
            return ""
        key = place_key(shown)
        place = self._aliases.get(key)
        if place is not None:
            return self._named[place_key(place)]
        return self._named.get(key, shown)

    def shown(self, words: str | None) -> str | None:
        """The place the words count as, with the officer's words after it in brackets where
        they are other words ('BKK (สนามบินสุวรรณภูมิ)'; 'icn' is 'ICN' alone)."""
        if not words:
            return words
        named = self.name(words)
        return named if place_key(named) == place_key(words) else f"{named} ({tidy(words)})"

    @property
    def any_alias(self) -> bool:
        """Whether any words count as another place."""
        return bool(self._aliases)


@dataclass(frozen=True)
class SetPlace:
    """An operation's place alias: its words (as a key), its place, who set it and when."""

    words: str
    place: str
    set_by: Person | None
    set_by_id: int
    set_at: datetime


@dataclass(frozen=True)
class PlaceAliasSet:
    """What /alias place changed: the past reports under the words, and what they counted as
    before (None: themselves); `place` as kept, in the spelling the place already had."""

    reports: int
    previous: str | None
    already: bool = False
    place: str = ""
