"""The language a text is written in: gettext lookups under the reader's locale.

Every piece of text a person reads is written as `_("...")` (or `ngettext` for counts, and
`N_` for a constant translated where it is shown), with `{named}` placeholders filled by
`.format()` after the lookup, so that a translation may move them. The locale is a context
variable set once per update for the person being answered (`using`), and around each
language of a group's message.

The catalogues are gettext `.po` files under bot/locale, managed with Babel (`pybabel
extract/update/compile`). They are compiled when first used, so a fresh clone needs no build
step and a `.po` edited by a translator takes effect at the next start; plural rules come from
each catalogue's header, which Babel fills from CLDR. The compiled `.mo` is kept beside the `.po`,
named for the `.po`'s content (git-ignored), because parsing the `.po` took a quarter of the
bot's start-up; where that folder is read-only it is compiled in memory each time. Babel's
formatting modules are imported where first used, not at start-up (#16): the bot polls before any
date or number is written.
"""

from __future__ import annotations

import functools
import gettext
import hashlib
import os
import tempfile
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime
from decimal import Decimal
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from bot.render.particles import translated

if TYPE_CHECKING:
    from babel import Locale
    from babel.numbers import NumberPattern

DEFAULT_LOCALE = "en"
LOCALES = ("en", "ko", "th")
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "messages"
# Thai readers expect years of the Buddhist era (2569 for 2026); set from the config.
BUDDHIST_ERA_OFFSET = 543
_buddhist_era = {"th": True}

_locale: ContextVar[str] = ContextVar("locale", default=DEFAULT_LOCALE)
T = TypeVar("T")


def current_locale() -> str:
    """The locale texts are being written in now."""
    return _locale.get()


def known(locale: str | None) -> str | None:
    """A locale we speak from a Telegram language_code ('ko', 'th-TH', 'en-GB'), else None."""
    if not locale:
        return None
    base = locale.replace("_", "-").split("-", 1)[0].lower()
    return base if base in LOCALES else None


@contextmanager
def using(locale: str | None) -> Iterator[str]:
    """Write texts in `locale` (a known one, else the default) within the block."""
    chosen = known(locale) or DEFAULT_LOCALE
    token = _locale.set(chosen)
    try:
        yield chosen
    finally:
        _locale.reset(token)


def catalogue_path(locale: str) -> Path:
    """Where a locale's .po file lives."""
    return LOCALE_DIR / locale / "LC_MESSAGES" / f"{DOMAIN}.po"


@functools.cache
def translations(locale: str) -> gettext.NullTranslations:
    """The compiled catalogue of a locale (English is the source text itself)."""
    path = catalogue_path(locale)
    if locale == DEFAULT_LOCALE or not path.exists():
        return gettext.NullTranslations()
    source = path.read_bytes()
    compiled = path.with_name(f"{DOMAIN}-{hashlib.sha256(source).hexdigest()[:16]}.mo")
    try:
        return gettext.GNUTranslations(BytesIO(compiled.read_bytes()))
    except OSError:
        pass
    mo = _compile(source, locale)
    _keep(compiled, mo)
    return gettext.GNUTranslations(BytesIO(mo))


def _compile(po: bytes, locale: str) -> bytes:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    catalog = read_po(BytesIO(po), locale=locale, domain=DOMAIN)
    compiled = BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    return compiled.getvalue()


def _keep(path: Path, mo: bytes) -> None:
    """Write the compiled catalogue whole (or not at all); older ones of the locale go."""
    try:
        fd, name = tempfile.mkstemp(dir=path.parent, suffix=".mo-partial")
    except OSError:  # a read-only installation: compiled in memory at every start
        return
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(mo)
        os.replace(name, path)
    except OSError:
        Path(name).unlink(missing_ok=True)
        return
    for old in path.parent.glob(f"{DOMAIN}-*.mo"):
        if old != path:
            old.unlink(missing_ok=True)


def _(message: str) -> str:
    """`message` in the current locale."""
    locale = _locale.get()
    text = translations(locale).gettext(message)
    # Korean particles written in both forms are chosen as the text is filled, never in values.
    return translated(text) if locale == "ko" else text


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural of a message for `n`, in the current locale."""
    locale = _locale.get()
    text = translations(locale).ngettext(singular, plural, n)
    return translated(text) if locale == "ko" else text


def N_(message: str) -> str:
    """Mark a constant for extraction; it is translated by `_` where it is shown."""
    return message


def set_buddhist_era(thai: bool) -> None:
    """Whether Thai texts show Buddhist-era years (the config's choice)."""
    _buddhist_era["th"] = thai


def carried() -> tuple[str, bool]:
    """What another process needs to write texts as this one does now: locale and Thai era."""
    return _locale.get(), _buddhist_era["th"]


def carrying(setting: tuple[str, bool], work: Callable[[], T]) -> T:
    """`work()` in another process (bot.worker), written as `carried()` said where it was asked."""
    # A worker process starts in English with the default era: a ko coordinator's workbook
    # came back with English sheet names and headings.
    set_buddhist_era(setting[1])
    with using(setting[0]):
        return work()


def buddhist_era() -> bool:
    """Whether dates written now show Buddhist-era years."""
    return _buddhist_era.get(_locale.get(), False)


def number(value: int | Decimal) -> str:
    """A number as the reader writes it, every digit of an exact amount kept."""
    # babel's format_decimal, less its parsing of the locale and pattern at every call (most
    # of the time a long summary took to write its counts); a whole number in a locale that
    # groups by threes is written by Python, with the locale's symbols (the same text).
    locale, pattern, symbols = _decimal_format(_locale.get())
    if symbols is not None and type(value) is int:
        group, minus = symbols
        text = f"{abs(value):,}".replace(",", group)
        return minus + text if value < 0 else text
    written: str = pattern.apply(value, locale, decimal_quantization=False)
    return written


@functools.cache
def _decimal_format(locale: str) -> tuple[Locale, NumberPattern, tuple[str, str] | None]:
    from babel import Locale
    from babel.numbers import get_group_symbol, get_minus_sign_symbol, parse_pattern

    parsed = Locale.parse(locale)
    pattern = parse_pattern(parsed.decimal_formats[None])
    plain = (
        pattern.grouping == (3, 3)
        and pattern.int_prec[0] == 1
        and pattern.prefix == ("", "-")
        and pattern.suffix == ("", "")
    )
    symbols = (get_group_symbol(parsed), get_minus_sign_symbol(parsed)) if plain else None
    return parsed, pattern, symbols


def day(value: date) -> str:
    """A date for the reader: ISO in English, the locale's medium form elsewhere (BE for Thai)."""
    from babel.dates import format_date

    locale = _locale.get()
    if locale == DEFAULT_LOCALE:
        return value.isoformat()
    if buddhist_era():
        return f"{format_date(value, 'd MMM', locale=locale)} {value.year + BUDDHIST_ERA_OFFSET}"
    return format_date(value, "medium", locale=locale)


def clock(value: datetime) -> str:
    """A time of day (24 h) for the reader."""
    from babel.dates import format_time

    return format_time(value, "HH:mm", locale=_locale.get())


def weekday(value: date) -> str:
    """The day of the week, abbreviated: 'Tue', '화', 'อ.'."""
    from babel.dates import format_date

    locale = _locale.get()
    if locale == DEFAULT_LOCALE:
        return f"{value:%a}"
    return format_date(value, "EEE", locale=locale)


def weekday_date(value: date, *, year: bool = False) -> str:
    """'Tue 01 Dec' ('Tue 01 Dec 2026'); '12월 1일 (화)'; 'อ. 1 ธ.ค.' (with 2569 in BE)."""
    from babel.dates import format_skeleton

    locale = _locale.get()
    if locale == DEFAULT_LOCALE:
        return f"{value:%a %d %b %Y}" if year else f"{value:%a %d %b}"
    if year and buddhist_era():
        shown = format_skeleton("MMMEd", value, locale=locale)
        return f"{shown} {value.year + BUDDHIST_ERA_OFFSET}"
    return format_skeleton("yMMMEd" if year else "MMMEd", value, locale=locale)


def moment(value: datetime, *, year: bool = False) -> str:
    """A local date and time for the reader: 'Tue 01 Dec 09:00', '12월 1일 (화) 09:00'."""
    return f"{weekday_date(value.date(), year=year)} {clock(value)}"


def width(text: str) -> int:
    """Columns a monospace font gives `text`: Hangul two, Thai marks none."""
    if text.isascii():
        return len(text)  # every amount and most names: no character looked at
    columns = 0
    for char in text:
        if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
            continue
        columns += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return columns


def ljust(text: str, columns: int) -> str:
    """`text` padded on the right to `columns` as a monospace font shows it."""
    return text + " " * max(0, columns - width(text))


def rjust(text: str, columns: int) -> str:
    """`text` padded on the left to `columns` as a monospace font shows it."""
    return " " * max(0, columns - width(text)) + text


def month_year(value: date) -> str:
    """'December 2026', 'ธันวาคม 2569': a month named as the reader names it."""
    from babel.dates import format_date, format_skeleton

    locale = _locale.get()
    if locale == DEFAULT_LOCALE:
        return f"{value:%B %Y}"
    if buddhist_era():
        return f"{format_date(value, 'LLLL', locale=locale)} {value.year + BUDDHIST_ERA_OFFSET}"
    return format_skeleton("yMMMM", value, locale=locale)


def either(words: list[str]) -> str:
    """'agency, day or phase'; 'agency, day 또는 phase'; 'agency, day หรือ phase'."""
    from babel.lists import format_list

    locale = _locale.get()
    if locale == DEFAULT_LOCALE or len(words) < 2:
        return ", ".join(words[:-1]) + (f" or {words[-1]}" if len(words) > 1 else "".join(words))
    return format_list(words, style="or", locale=locale)


def both(words: list[str]) -> str:
    """'coordinators and officers', as the reader joins a list."""
    from babel.lists import format_list

    locale = _locale.get()
    if locale == DEFAULT_LOCALE or len(words) < 2:
        return ", ".join(words[:-1]) + (f" and {words[-1]}" if len(words) > 1 else "".join(words))
    return format_list(words, locale=locale)


def city(tz: str) -> str:
    """The place of a time zone as the reader names it: 'Bangkok', '방콕', 'กรุงเทพ'."""
    from babel.dates import get_timezone_location

    locale = _locale.get()
    place = tz.rsplit("/", 1)[-1].replace("_", " ")
    if locale == DEFAULT_LOCALE:
        return place
    try:
        return get_timezone_location(tz, locale=locale, return_city=True)
    except LookupError:  # a zone CLDR does not name
        return place


def language_names(codes: tuple[str, ...] | list[str]) -> str:
    """Languages named in the language being written: 'Korean and Thai', 'ภาษาเกาหลีและภาษาไทย'."""
    from babel import Locale
    from babel.lists import format_list

    here = current_locale()
    # A name alone in English and Korean ('Korean', '한국어'); Thai says ภาษา before it.
    names = [_("{language}").format(language=Locale(c).get_display_name(here)) for c in codes]
    return format_list(names, locale=here)
