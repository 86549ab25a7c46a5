"""The language a text is written in: gettext lookups under the reader's locale.

Every piece of text a person reads is written as `_("...")` (or `ngettext` for counts, and
`N_` for a constant translated where it is shown), with `{named}` placeholders filled by
`.format()` after the lookup, so that a translation may move them. The locale is a context
variable set once per update for the person being answered (`using`), and around each
language of a group's message.

For now every locale reads the English text; the catalogues (Babel) come with the languages
issue, which replaces the lookups below and nothing else.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

DEFAULT_LOCALE = "en"
LOCALES = ("en", "ko", "th")

_locale: ContextVar[str] = ContextVar("locale", default=DEFAULT_LOCALE)


def current_locale() -> str:
    """The locale texts are being written in now."""
    return _locale.get()


@contextmanager
def using(locale: str | None) -> Iterator[str]:
    """Write texts in `locale` (a known one, else the default) within the block."""
    chosen = locale if locale in LOCALES else DEFAULT_LOCALE
    token = _locale.set(chosen)
    try:
        yield chosen
    finally:
        _locale.reset(token)


def _(message: str) -> str:
    """`message` in the current locale."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural of a message for `n`, in the current locale."""
    return singular if n == 1 else plural


def N_(message: str) -> str:
    """Mark a constant for extraction; it is translated by `_` where it is shown."""
    return message
