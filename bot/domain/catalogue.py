"""The substance catalogue: canonical ids, the names officers use for them, default forms."""

from __future__ import annotations

import functools
import re
import tomllib
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from importlib import resources
from types import MappingProxyType

FORMS = frozenset({"tablet", "capsule", "blotter", "vial"})

# Words the spec tells matching to ignore around a substance name.
# "liquid" too: "liquid meth" is meth (and "liquid ecstasy" is an alias of GHB of its own).
_FILLERS = frozenset({"of", "pure", "powder", "liquid"})
# Of those, the ones that may follow the name too ("heroin powder", "heroin pure").
_TRAILING_FILLERS = frozenset({"pure", "powder"})
# "crystal" is itself a meth alias, so it is only a filler in front of another meth name.
_METH_FILLERS = frozenset({"crystal", "crystals"})
_METH = "methamphetamine"
# A description instead of a substance ("white powder", "unknown pills"): never a typo, and
# recorded unclassified and provisional, awaiting the lab.
COLOURS = frozenset("white brown yellow pink blue green black grey gray clear".split())
DESCRIPTION_WORDS = COLOURS | frozenset(
    "unknown unidentified suspicious powder powders pill pills tablet tablets capsule capsules "
    "liquid liquids crystals substance substances residue residues paste leaves leaf plants "
    "plant".split()
    # The same in Korean and Thai: "흰색 가루" is white powder, "ผงสีขาว" / "ผง สีขาว" too.
    + "흰색 흰 하얀 하얀색 백색 갈색 노란색 분홍색 파란색 녹색 초록색 검은색 검정색 회색 투명 "
    "가루 분말 알약 캡슐 액체 결정 결정체 물질 잔여물 잎 식물 미상 미확인 불명 "
    "สีขาว สีน้ำตาล สีเหลือง สีชมพู สีฟ้า สีน้ำเงิน สีเขียว สีดำ สีเทา ผง ผงขาว ผงสีขาว "
    "ของเหลว ผลึก สาร ไม่ทราบชนิด".split()
)
_ID = re.compile(r"[a-z][a-z0-9_]*")
# Hyphens, dashes and underscores join the parts of one name: "jwh-018" = "jwh 018".
_JOINERS = re.compile(r"[-_\u2010-\u2015\u2212/]+")


def _edge_trimmed(text: str) -> str:
    """Drop punctuation and symbols at both ends, keeping letters, digits and marks."""
    start, end = 0, len(text)
    while start < end and not _is_wordlike(text[start]):
        start += 1
    while end > start and not _is_wordlike(text[end - 1]):
        end -= 1
    return text[start:end]


def _is_wordlike(char: str) -> bool:
    return unicodedata.category(char)[0] in "LNM"


@functools.lru_cache(maxsize=4096)
def alias_words(text: str) -> tuple[str, ...]:
    """Split text into the normalised words used to compare names."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    pieces = (_edge_trimmed(piece) for piece in _JOINERS.sub(" ", folded).split())
    return tuple(piece for piece in pieces if piece)


def normalise_substance_text(text: str) -> str:
    """Key for an unclassified name: lowercase, edge punctuation gone, spaces collapsed."""
    folded = " ".join(unicodedata.normalize("NFKC", text).casefold().split())
    return _edge_trimmed(folded)


@dataclass(frozen=True)
class SubstanceMatch:
    """An alias found at the start of some words; `length` counts the words it used."""

    substance: str
    alias: str
    length: int


@dataclass(frozen=True, eq=False)
class Catalogue:
    """Canonical substance ids and their aliases, matched the way officers type them."""

    ids: tuple[str, ...]
    _aliases: Mapping[tuple[str, ...], tuple[str, str]]
    _forms: Mapping[tuple[str, ...], str]
    _longest: int
    _never_typos: frozenset[str] = frozenset()
    _operation_names: frozenset[str] = frozenset()  # with_names' /alias words

    @classmethod
    def load(cls, extra: Mapping[str, Sequence[str]] | None = None) -> Catalogue:
        """The shipped catalogue, plus `extra` aliases per canonical id (ids may be new)."""
        ids: list[str] = []
        aliases: dict[tuple[str, ...], tuple[str, str]] = {}
        forms: dict[tuple[str, ...], str] = {}
        substance_forms: dict[str, str] = {}
        for entry in _shipped():
            ids.append(entry.substance)
            if entry.form is not None:
                substance_forms[entry.substance] = entry.form
            for name in (*entry.aliases, entry.substance):
                _add(aliases, entry.substance, name)
                form = entry.alias_forms.get(name, entry.form)
                if form is not None:
                    forms[alias_words(name)] = form
        for substance, names in (extra or {}).items():
            if not _ID.fullmatch(substance):
                raise ValueError(f'substance id "{substance}" must be lowercase letters, digits, _')
            if isinstance(names, str):
                raise ValueError(f'aliases of "{substance}" must be a list of names')
            if substance not in ids:
                ids.append(substance)
                _add(aliases, substance, substance)
            for name in names:
                _add(aliases, substance, name)
                if substance in substance_forms:
                    forms.setdefault(alias_words(name), substance_forms[substance])
        return cls(
            ids=tuple(ids),
            _aliases=MappingProxyType(aliases),
            _forms=MappingProxyType(forms),
            _longest=max(len(key) for key in aliases),
            _never_typos=_never_typos(),
        )

    def with_names(self, extra: Mapping[str, str]) -> Catalogue:
        """This catalogue that also reads an operation's /alias words as their substances."""
        aliases = dict(self._aliases)
        added = set()
        for name, substance in extra.items():
            key = alias_words(name)
            # A description ("white powder") stays one, provisional, as the rules read it.
            if key and not set(key) <= DESCRIPTION_WORDS and substance in self.ids:
                if aliases.setdefault(key, (substance, name)) == (substance, name):
                    added.add(name)
        if not added:
            return self
        longest = max(self._longest, *(len(key) for key in aliases))
        return replace(
            self,
            _aliases=MappingProxyType(aliases),
            _longest=longest,
            _operation_names=frozenset(added),
        )

    def reading(self, match: SubstanceMatch | None, typed: str) -> tuple[str | None, str | None]:
        """An item's (substance id, words): the id for a name of the catalogue's own; the
        words for an unknown name, and for one of an operation's /alias words, which
        storage.aliases classifies keeping them, so that re-pointing the alias finds it again."""
        if match is None:
            return None, typed
        if match.alias in self._operation_names:
            return None, match.alias
        return match.substance, None

    def match(self, words: Sequence[str]) -> SubstanceMatch | None:
        """The longest alias at the start of `words`, skipping filler words, or None."""
        fillers = 0
        while fillers < len(words) and _is_filler(alias_words(words[fillers])):
            fillers += 1
        # Only as many words as the longest alias can use (plus trailing fillers) matter.
        keys = [_key(word) for word in words[: fillers + self._longest + 4]]
        best: SubstanceMatch | None = None
        start = 0
        while start < len(keys):
            found = self._longest_at(keys, start)
            if found is not None and (start == 0 or _fillers_allow(keys[:start], found)):
                length = _with_trailing_fillers(keys, start + found.length, found.substance)
                if best is None or length > best.length:
                    best = SubstanceMatch(found.substance, found.alias, length)
            if not _is_filler(keys[start]):
                break
            start += 1
        if best is None and fillers < len(words) and "/" in words[fillers]:
            best = self._one_of_slashed(words[fillers], fillers + 1)
        return best

    def _one_of_slashed(self, word: str, length: int) -> SubstanceMatch | None:
        """'meth/ice', 'ghb/gbl': names of one substance written as alternatives are it;
        'heroin/cocaine' names two, and stays the officer's words."""
        found = [self._aliases.get(alias_words(part)) for part in word.split("/")]
        substances = {entry[0] for entry in found if entry is not None}
        if None in found or len(substances) != 1:
            return None
        first = found[0]
        assert first is not None
        return SubstanceMatch(first[0], first[1], length)

    def kept_as_written(self, word: str) -> bool:
        """Whether the word names a substance kept unclassified as written: a cutting agent or
        a medicine the catalogue lists ('caffeine', 'procaine'), never read as a typo."""
        key = alias_words(word)
        return len(key) == 1 and key not in self._aliases and key[0] in self._never_typos

    def near(self, word: str) -> SubstanceMatch | None:
        """The alias a one-word typo stands for ("canabis" -> cannabis), or None.

        Only single-word Latin aliases of five letters or more are reached: within one edit
        of five or six letters, two of seven or more; a tie between substances reads nothing.
        """
        key = alias_words(word)
        if len(key) != 1 or key in self._aliases or key[0] in self._never_typos:
            return None
        if key[0] in DESCRIPTION_WORDS:
            return None
        typed = key[0]
        best: dict[int, set[tuple[str, str]]] = {}
        for alias_key, (substance, alias) in self._aliases.items():
            if len(alias_key) != 1 or not _LATIN.fullmatch(alias_key[0]):
                continue
            target = alias_key[0]
            allowed = 1 if len(target) <= 6 else 2
            if abs(len(target) - len(typed)) > allowed:
                continue
            distance = edit_distance(typed, target)
            if distance <= allowed:
                best.setdefault(distance, set()).add((substance, alias))
        if not best:
            return None
        found = best[min(best)]
        if len({substance for substance, _ in found}) > 1:
            return None
        substance, alias = min(found)
        return SubstanceMatch(substance, alias, 1)

    def lookup(self, text: str) -> str | None:
        """The canonical id when the whole of `text` is one alias (or id), else None."""
        entry = self._aliases.get(alias_words(text))
        return entry[0] if entry else None

    def default_form(self, alias: str) -> str | None:
        """How a bare number of this alias is counted (tablet, blotter...), or None."""
        return self._forms.get(alias_words(alias))

    def narrowing_form(self, text: str) -> str | None:
        """The form `text` names apart from its substance ('yaba': tablet; 'meth', 'lsd': None)."""
        substance = self.lookup(text)
        form = self.default_form(text)
        # A form every name of the substance shares (lsd: blotter) narrows nothing.
        if substance is None or form == self.default_form(substance):
            return None
        return form

    def aliases(self, substance: str) -> tuple[str, ...]:
        """Every alias of a canonical id, as written in the catalogue."""
        return tuple(alias for key, (sid, alias) in self._aliases.items() if sid == substance)

    def _longest_at(self, keys: Sequence[tuple[str, ...]], start: int) -> SubstanceMatch | None:
        # A word may hold several alias words ("jwh-018") or none ("-"), so spans are
        # tried by words typed, up to a few more than the longest alias.
        last = min(len(keys), start + self._longest + 2)
        for end in range(last, start, -1):
            key = tuple(part for word in keys[start:end] for part in word)
            entry = self._aliases.get(key) if key else None
            if entry is not None:
                return SubstanceMatch(entry[0], entry[1], end - start)
        return None


_LATIN = re.compile(r"[a-z]{5,}")


def edit_distance(one: str, two: str) -> int:
    """Edits (insert, delete, substitute, swap two neighbours) from one word to another."""
    rows = [list(range(len(two) + 1))]
    for i, a in enumerate(one, 1):
        row = [i] + [0] * len(two)
        for j, b in enumerate(two, 1):
            row[j] = min(rows[-1][j] + 1, row[j - 1] + 1, rows[-1][j - 1] + (a != b))
            if i > 1 and j > 1 and a == two[j - 2] and one[i - 2] == b:
                row[j] = min(row[j], rows[-2][j - 2] + 1)
        rows.append(row)
    return rows[-1][-1]


def _add(aliases: dict[tuple[str, ...], tuple[str, str]], substance: str, name: str) -> None:
    key = alias_words(name)
    if not key:
        raise ValueError(f'alias "{name}" of "{substance}" has no letters or digits')
    known = aliases.get(key)
    if known is not None and known[0] != substance:
        raise ValueError(f'alias "{name}" is given to both "{known[0]}" and "{substance}"')
    if known is None:
        aliases[key] = (substance, name)


# What a word of emoji or other symbols is keyed as: no alias, so never part of a name
# ('1kg meth 😅' is meth, and the 😅 the note's, not swallowed as punctuation is).
_SYMBOLS_ONLY = ("\x00",)


def _key(word: str) -> tuple[str, ...]:
    key = alias_words(word)
    if not key and any(unicodedata.category(char) == "So" for char in word):
        return _SYMBOLS_ONLY
    return key


def _is_filler(key: tuple[str, ...]) -> bool:
    if key == _SYMBOLS_ONLY:
        return True  # skipped before a name, as "of" is: '2kg 😅 meth' is meth
    return len(key) == 1 and (key[0] in _FILLERS or key[0] in _METH_FILLERS)


def _fillers_allow(skipped: Sequence[tuple[str, ...]], found: SubstanceMatch) -> bool:
    if found.substance == _METH:
        return True
    return not any(key[0] in _METH_FILLERS for key in skipped)


def _with_trailing_fillers(keys: Sequence[tuple[str, ...]], end: int, substance: str) -> int:
    # "cocaine powder", "meth crystals", "heroin pure": the filler after a name belongs to it.
    while end < len(keys) and len(keys[end]) == 1:
        word = keys[end][0]
        if word in _TRAILING_FILLERS or (word in _METH_FILLERS and substance == _METH):
            end += 1
        else:
            break
    return end


@dataclass(frozen=True)
class _Entry:
    substance: str
    aliases: tuple[str, ...]
    form: str | None
    alias_forms: Mapping[str, str]


@functools.cache
def _never_typos() -> frozenset[str]:
    text = resources.files("bot").joinpath("data/substances.toml").read_text(encoding="utf-8")
    return frozenset(word.casefold() for word in tomllib.loads(text).get("never_typos", []))


@functools.cache
def _shipped() -> tuple[_Entry, ...]:
    text = resources.files("bot").joinpath("data/substances.toml").read_text(encoding="utf-8")
    entries = []
    for raw in tomllib.loads(text)["substance"]:
        default = raw.get("default_form")
        form = default if isinstance(default, str) else None
        alias_forms = dict(default) if isinstance(default, dict) else {}
        if not {form, *alias_forms.values()} - {None} <= FORMS:
            raise ValueError(f"substances.toml: unknown default form for {raw['id']}")
        entries.append(_Entry(str(raw["id"]), tuple(raw["aliases"]), form, alias_forms))
    return tuple(entries)
