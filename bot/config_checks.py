"""The config's checks beyond a type and a range, shared by bot.config and its schema."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from itertools import product
from pathlib import Path
from urllib.parse import urlsplit

_EXAMPLE_URL = "e.g. url = 'https://ocu.example.org/telegram'"
_LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
# "1kg", "2.5", "3x": a word that starts with a number is read as an amount.


# Where Telegram will deliver a webhook's updates (None: the scheme's own, 443).
_TELEGRAM_PORTS = (None, 443, 80, 88, 8443)


def url_problem(url: str) -> str | None:
    """Why Telegram would not post updates to this webhook url, or None."""
    if not url.strip():
        return f"telegram.webhook.url is required when telegram.mode = 'webhook'; {_EXAMPLE_URL}"
    try:
        parts = urlsplit(url)
        # http to this machine only: a local Bot API server's own tests (Telegram's needs https).
        local = parts.scheme == "http" and parts.hostname in _LOOPBACK
        https = (parts.scheme == "https" and bool(parts.hostname)) or local
        port = parts.port  # a ValueError past 65535
    except ValueError:
        https, port = False, None
    if not https or any(char.isspace() for char in url):
        return (
            f"telegram.webhook.url: {url!r} is not an https:// address; Telegram sends "
            f"updates only over HTTPS, {_EXAMPLE_URL}"
        )
    if not local and port not in _TELEGRAM_PORTS:
        return (
            f"telegram.webhook.url: port {port} is not one Telegram posts to (443, 80, 88 or "
            f"8443); put the bot behind one of them, {_EXAMPLE_URL}"
        )
    return None


def title_problem(title: str) -> str | None:
    """What is wrong with an operation's title, or None."""
    if not title.strip():
        return "blank; name the operation, e.g. title = 'Operation Siren'"
    if len(title) > 120:
        return "longer than 120 characters; shorten it, e.g. title = 'Operation Siren'"
    return None


def twice_declared(codes: Iterable[str]) -> tuple[int, str] | None:
    """The index and code of the first [[operation]] whose code an earlier one has, or None."""
    seen: set[str] = set()
    for index, code in enumerate(codes):
        if code in seen:
            return index, code
        seen.add(code)
    return None


def _grammar_word(name: str) -> str | None:
    from bot.parsing.alias_clash import grammar_word

    return grammar_word(name)


def _summary_word(name: str) -> str | None:
    from bot.parsing.alias_clash import summary_word

    return summary_word(name)


def _description_words(name: str) -> str | None:
    from bot.parsing.alias_clash import description_only

    return name if description_only(name) else None


# What an alias may not be: each finder's word, and why it cannot be a substance's name.
_ALIAS_CLASHES: tuple[tuple[Callable[[str], str | None], str], ...] = (
    (
        _grammar_word,
        "a word seizure reports use for an amount, a unit or a detail, so the alias would "
        "never be read",
    ),
    (
        _summary_word,
        "what /summary, /chart and /reports read as a period, a breakdown, an agency or a "
        "flag, so the alias would turn that request into a filter",
    ),
    (
        _description_words,
        "only words that describe what was found (a colour, or a form such as powder), which "
        "reports record as a provisional unclassified description awaiting the lab",
    ),
)


def alias_problem(aliases: dict[str, tuple[str, ...]]) -> str | None:
    """Why an alias could never be read as a substance (a unit, an amount, a keyword), or None."""
    for substance, names in aliases.items():
        # A new id is a name too ('/s 2kg zz' reads "2 kg yesterday"; /summary yesterday
        # would never name it): the same words are refused as an id as a name.
        for find, why in _ALIAS_CLASHES:
            word = find(substance)
            if word is not None:
                return (
                    f'substance id "{substance}": "{word}" is {why}; '
                    'choose another, e.g. nps = ["tusi"]'
                )
        for name, (find, why) in product(names, _ALIAS_CLASHES):
            word = find(name)
            if word is not None:
                what = f'"{word}"' if word != name else "it"
                return (
                    f'alias "{name}" of "{substance}": {what} is {why}; '
                    'choose another, e.g. methamphetamine = ["bingdu"]'
                )
    return None


def unreadable(path: Path, exc: OSError | UnicodeDecodeError) -> str:
    """The config error line for a config file that cannot be read as text."""
    if isinstance(exc, UnicodeDecodeError):
        return f"{path}: not UTF-8 text (byte {exc.start}); save the file as UTF-8"
    if isinstance(exc, IsADirectoryError):
        return f"{path}: a folder, not a config file; name the file, e.g. --config config.toml"
    if isinstance(exc, PermissionError):
        return f"{path}: this user may not read it; let it (chmod o+r {path}) or run as its owner"
    return f"{path}: cannot be read ({exc.strerror}); check the file, e.g. --config config.toml"
