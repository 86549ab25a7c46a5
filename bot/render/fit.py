"""A message that would be too long for Telegram, made to fit; pure, no Telegram here.

Answers quote what people typed ("'xxxx…' is not a time of day"), and people paste anything, up
to Telegram's own 4,096 characters. Quoted back with a few words around it, that no longer fits,
and Telegram refuses the whole answer. So an answer that is too long has its over-long words
shortened, and if that is not enough, its text cut, never inside an HTML tag or entity, and
with every tag kept so that the markup stays balanced.
"""

from __future__ import annotations

import html
import re

TELEGRAM_LIMIT = 4096
LONG_WORD = 40
_TOKEN = re.compile(r"(<[^>]*>|&(?:#\d+|#x[0-9a-fA-F]+|\w+);)")
_EMPTY = re.compile(r"<(\w+)[^>]*></\1>")
_WORD = re.compile(rf"\S{{{LONG_WORD + 1},}}")


def _visible(piece: str) -> int:
    """Length as Telegram counts it (UTF-16 code units) of a piece of text without tags."""
    return len(html.unescape(piece).encode("utf-16-le")) // 2


def fit_message(text: str, limit: int = TELEGRAM_LIMIT) -> str:
    """`text` (Telegram HTML) as it is sent, shortened to fit `limit`."""
    # Korean particles are chosen where a translation is filled (bot.render.particles), never
    # here: the whole message holds what people typed, which is sent as typed.
    if len(text.encode("utf-16-le")) // 2 <= limit:
        return text  # tags and entities only make the markup longer than what is shown
    tokens = _TOKEN.split(text)
    # Odd positions are tags and entities; even ones plain text.
    for i in range(0, len(tokens), 2):
        tokens[i] = _WORD.sub(lambda m: m.group()[: LONG_WORD - 1] + "…", tokens[i])
    if sum(_visible(t) for t in tokens if not t.startswith("<")) <= limit:
        return "".join(tokens)
    room = limit - 1  # for the closing ellipsis
    out: list[str] = []
    for token in tokens:
        if token.startswith("<"):
            out.append(token)
            continue
        size = _visible(token)
        if size <= room:
            out.append(token)
            room -= size
        elif room > 0 and not token.startswith("&"):
            cut = token[:room]
            while _visible(cut) > room:
                cut = cut[:-1]
            out.append(cut)
            room = 0
    # Tags kept whole after the cut enclose nothing now ('<i></i>'): they go.
    cut = "".join(out)
    while (emptied := _EMPTY.sub("", cut)) != cut:
        cut = emptied
    return cut + "…"
