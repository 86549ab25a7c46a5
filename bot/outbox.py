"""Every message the bot sends, made to fit Telegram's limits on its way out: one rule, one place.

Telegram refuses a text over 4,096 characters and a caption over 1,024, and refuses it whole: a
digest that grew with the operation would simply never arrive. So nothing is sent as it was
written; it goes through `fit`, which keeps a message that fits, otherwise shortens over-long
words, then splits it at line breaks into up to three numbered parts, and beyond that sends it
as a file with a short caption. A split never falls inside a tag or an entity, and prefers the
lines between blocks: a `<pre>` table is split only when it alone is longer than a message, and
then closed at the end of one part and opened again at the start of the next, so that every
part is valid markup.

Handlers answer through `send` (handlers.reply.answer), pictures through `send_photo`, the
clock through bot.delivery.send_with_retry; all send what `fit` made. An answer to bad input is
the one exception to parts: it quotes what was typed, and stays one message, cut to fit.
Exercise messages are labelled here, on every part; each goes to its forum topic (bot.topics).
"""

from __future__ import annotations

import html
import re
from collections.abc import Awaitable, Callable, Sequence
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path

from telegram import Bot, InlineKeyboardMarkup, InputFile, Message

from bot import topics
from bot.domain.unit import Operation
from bot.limiter import bulk
from bot.render import replies as render
from bot.render.fit import LONG_WORD, fit_message
from bot.render.i18n import N_, _, using

TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024
MAX_PARTS = 3
_TOKEN = re.compile(r"(<[^>]*>|&(?:#\d+|#x[0-9a-fA-F]+|\w+);)")
_RUN = re.compile(r"(?:&(?:#\d+|#x[0-9a-fA-F]+|\w+);|[^\s<])+")
_TAG_NAME = re.compile(r"</?\s*([a-zA-Z0-9-]+)")
# Room on each part for "(3/3) " and the EXERCISE label, which are added after the split.
_PART_RESERVE = 8 + len("🧪 EXERCISE · ") + 2
_PART_MARK = re.compile(r" \(\d+/\d+\)$")
_TOO_LONG = N_("Too long for {parts} messages: the whole text is in the file.")
# Between the languages of a bilingual group message.
BETWEEN_LANGUAGES = "\n\n──────────\n\n"


@dataclass(frozen=True)
class Fitted:
    """A message made to fit: its text parts, or a file with a caption when it is too long."""

    parts: tuple[str, ...]
    document: bytes | None = None
    filename: str | None = None

    @property
    def as_file(self) -> bool:
        """Whether it goes as a document (then parts holds the one caption)."""
        return self.document is not None


def size(text: str) -> int:
    """What Telegram counts of an HTML text: UTF-16 code units of what is shown."""
    shown = html.unescape(_TOKEN.sub(lambda m: m.group() if m.group()[0] == "&" else "", text))
    return len(shown.encode("utf-16-le")) // 2


def plain(text: str) -> str:
    """The text of an HTML message without its markup, for a file."""
    return html.unescape(re.sub(r"<[^>]*>", "", text))


def fit(
    text: str | Sequence[str],
    *,
    operation: Operation | None = None,
    filename: str = "message.txt",
    limit: int = TEXT_LIMIT,
    long: bool = True,
    whole: str | None = None,
) -> Fitted:
    """`text` (or parts a renderer already made) as at most three messages, or else a file.

    Each part is labelled when the operation is an exercise; several parts are numbered.
    Not `long` (an answer to bad input, which quotes what was typed), it is one message, cut.
    `whole`, when given, is what the file holds (the text unsplit) instead of the parts joined.
    """
    given = ([text] if isinstance(text, str) else [t for t in text if t.strip()]) or [""]
    parts = given
    if len(given) == 1 and size(render.labelled(operation, given[0])) > limit:
        # Pasted walls shortened when that keeps one message; in parts, every word whole.
        short = [shorten_words(given[0])]
        if not long or size(render.labelled(operation, short[0])) <= limit:
            parts = given = short
        elif len(parts := split(given[0], limit - _PART_RESERVE)) > 1:
            parts = [_numbered(p, n, len(parts)) for n, p in enumerate(parts, 1)]
    if len(parts) <= MAX_PARTS:
        # A renderer's own parts are numbered already; fit_message only guards the limit.
        return Fitted(tuple(fit_message(render.labelled(operation, p), limit) for p in parts))
    document = plain(whole) if whole is not None else "\n\n".join(plain(p) for p in given)
    first = _PART_MARK.sub("", plain(given[0]).strip().split("\n", 1)[0])[:200]
    caption = f"{html.escape(first)}\n{_(_TOO_LONG).format(parts=MAX_PARTS)}"
    caption = fit_message(render.labelled(operation, caption), CAPTION_LIMIT)
    # A text file ends with a line break, as editors and `cat` expect.
    return Fitted((caption,), (document.rstrip("\n") + "\n").encode("utf-8"), filename)


def fit_edit(text: str, operation: Operation | None = None) -> str:
    """A new text for a message already sent: labelled, one message, shortened if need be."""
    return fit_message(render.labelled(operation, text), TEXT_LIMIT)


def fit_caption(caption: str) -> str:
    """A caption shortened to Telegram's 1,024 characters."""
    return fit_message(caption, CAPTION_LIMIT)


def _numbered(part: str, n: int, total: int) -> str:
    return f"({n}/{total}) {part}"


def shorten_words(text: str) -> str:
    """Over-long words shortened as shown (a word runs across entities: '&quot;')."""
    pieces = re.split(r"(<[^>]*>)", text)
    for i in range(0, len(pieces), 2):  # even positions are text, odd ones tags
        pieces[i] = _RUN.sub(_shorter, pieces[i])
    return "".join(pieces)


def _shorter(match: re.Match[str]) -> str:
    word = match.group()
    if size(word) <= LONG_WORD:
        return word
    kept, used = [], 0
    for atom in _atoms(word):
        if used + atom.cost > LONG_WORD - 1:
            break
        kept.append(atom.text)
        used += atom.cost
    return "".join(kept) + "…"


def _name(tag: str) -> str:
    match = _TAG_NAME.match(tag)
    return match.group(1).lower() if match else ""


@dataclass
class _Atom:
    text: str
    cost: int  # what Telegram counts of it: 0 for a tag
    tag: bool = False


def _atoms(text: str) -> list[_Atom]:
    atoms: list[_Atom] = []
    for i, token in enumerate(_TOKEN.split(text)):
        if not token:
            continue
        if i % 2:
            atoms.append(_Atom(token, 0 if token[0] == "<" else 1, token[0] == "<"))
        else:
            atoms += [_Atom(c, len(c.encode("utf-16-le")) // 2) for c in token]
    return atoms


def split(text: str, room: int) -> list[str]:
    """HTML text cut into pieces of at most `room` shown characters, each valid markup.

    Cut at the last line break outside every tag when that keeps at least half a piece, else at
    the last line break, else at the last space; open tags are closed and opened again.
    """
    atoms = _atoms(text)
    pieces: list[str] = []
    # reopen: the opening tags to repeat at the start of the next piece
    start, reopen = 0, list[str]()
    while start < len(atoms):
        stack = list(reopen)
        used = 0
        best_outside = best_line = best_space = -1
        cut_stack: dict[int, list[str]] = {}
        i = start
        while i < len(atoms) and used + atoms[i].cost <= room:
            atom = atoms[i]
            used += atom.cost
            if atom.tag:
                if atom.text.startswith("</"):
                    name = _name(atom.text)
                    for j in range(len(stack) - 1, -1, -1):
                        if _name(stack[j]) == name:
                            del stack[j]
                            break
                elif not atom.text.endswith("/>"):
                    stack.append(atom.text)
            elif atom.text == "\n":
                cut_stack[i + 1] = list(stack)
                best_line = i + 1
                if not stack and used * 2 >= room:
                    best_outside = i + 1
            elif atom.text == " ":
                cut_stack[i + 1] = list(stack)
                best_space = i + 1
            i += 1
        if i >= len(atoms):
            end, after = len(atoms), stack
        else:
            end = next((c for c in (best_outside, best_line, best_space) if c > start), i)
            after = cut_stack.get(end, stack)
            if end == i and end == start:  # one atom larger than a piece: never here
                end, after = start + 1, stack
        body = "".join(a.text for a in atoms[start:end])
        closing = "".join(f"</{_name(tag)}>" for tag in reversed(after))
        piece = "".join(reopen) + body.rstrip("\n") + closing
        if size(piece) > 0:
            pieces.append(piece)
        start, reopen = end, after
        while start < len(atoms) and atoms[start].text == "\n" and not reopen:
            start += 1
    return pieces


# -- sending -------------------------------------------------------------------------------------

Send = Callable[[], Awaitable[Message]]


def senders(
    bot: Bot,
    chat_id: int,
    fitted: Fitted,
    *,
    reply_to: int | None = None,
    reply_markup: InlineKeyboardMarkup | None = None,
    wait: float | None = None,
) -> list[Send]:
    """One call per message of `fitted`: the buttons under the last, the first quoting; `wait`
    is how long Telegram's answer is waited for (PTB's read timeout), if not PTB's own."""
    quote = topics.quote(reply_to)
    patience: dict[str, object] = {} if wait is None else {"read_timeout": wait}
    if fitted.as_file:
        document, filename, caption = fitted.document, fitted.filename, fitted.parts[0]

        async def send_file() -> Message:
            return await topics.posted(
                bot.send_document,
                chat_id,
                InputFile(document or b"", filename=filename),
                caption=caption,
                reply_parameters=quote,
                reply_markup=reply_markup,
                **patience,
            )

        return [send_file]
    calls: list[Send] = []
    last = len(fitted.parts) - 1
    for n, part in enumerate(fitted.parts):
        extra: dict[str, object] = dict(patience)
        if reply_markup is not None and n == last:
            extra["reply_markup"] = reply_markup

        async def send_part(
            part: str = part, extra: dict[str, object] = extra, first: bool = n == 0
        ) -> Message:
            return await topics.posted(
                bot.send_message, chat_id, part, reply_parameters=quote if first else None, **extra
            )

        calls.append(send_part)
    return calls


async def send(
    bot: Bot,
    chat_id: int,
    text: str | Sequence[str],
    *,
    operation: Operation | None = None,
    reply_to: int | None = None,
    reply_markup: InlineKeyboardMarkup | None = None,
    filename: str = "message.txt",
    long: bool = True,
    whole: str | None = None,
) -> list[Message]:
    """Fit `text` and send it (a file holds `whole` if given); the messages Telegram made."""
    fitted = fit(text, operation=operation, filename=filename, long=long, whole=whole)
    calls = senders(bot, chat_id, fitted, reply_to=reply_to, reply_markup=reply_markup)
    # A long answer (parts, or a file) gives way to acknowledgements when the bot is busy.
    with bulk() if len(calls) > 1 or fitted.as_file else nullcontext():
        return [await call() for call in calls]


def in_languages(
    make: Callable[[], str], languages: Sequence[str], *, operation: Operation | None = None
) -> list[str]:
    """A group's message in each of its languages: one text where both fit, else one each.

    `make` is called once under each locale, so every text in it is looked up for that reader,
    the exercise label too (for one language, `fit` adds it in the locale it writes under).
    """
    texts = []
    for language in languages or ("en",):
        with using(language):
            # Each half of an exercise's message says so in its own language; `fit` then
            # leaves a labelled text as it is.
            text = make()
            texts.append(render.labelled(operation, text) if len(languages) > 1 else text)
    joined = BETWEEN_LANGUAGES.join(texts)
    if len(texts) == 1 or size(render.labelled(operation, joined)) <= TEXT_LIMIT - _PART_RESERVE:
        return [joined]
    return texts


async def send_in(
    bot: Bot,
    chat_id: int,
    make: Callable[[], str],
    languages: Sequence[str],
    *,
    operation: Operation | None = None,
    reply_markup: InlineKeyboardMarkup | None = None,
    filename: str = "message.txt",
    reply_to: int | None = None,
) -> list[Message]:
    """Send a group's message in its language(s) (`in_languages`), each text fitted."""
    sent: list[Message] = []
    with using(languages[0] if languages else None):
        for text in in_languages(make, languages, operation=operation):
            sent += await send(
                bot,
                chat_id,
                text,
                operation=operation,
                reply_markup=reply_markup,
                filename=filename,
                reply_to=None if sent else reply_to,
            )
    return sent


async def send_file(
    bot: Bot,
    chat_id: int,
    content: bytes | Path,
    *,
    filename: str,
    caption: str,
    operation: Operation | None = None,
) -> Message:
    """A document (bytes, or a file on disk) with its caption labelled and fitted."""
    caption = fit_caption(render.labelled(operation, caption))
    if isinstance(content, Path):
        with content.open("rb") as file:
            # Streamed from the disk as it is uploaded: read whole, a 50 MB export part would
            # sit in the bot's memory (and a copy of it in the request) until Telegram took it.
            upload = InputFile(file, filename=filename, read_file_handle=False)
            return await topics.posted(bot.send_document, chat_id, upload, caption=caption)
    upload = InputFile(content, filename=filename)
    return await topics.posted(bot.send_document, chat_id, upload, caption=caption)


async def send_photo(
    bot: Bot,
    chat_id: int,
    photo: bytes,
    caption: str,
    *,
    operation: Operation | None = None,
    reply_to: int | None = None,
    filename: str = "photo.png",
) -> Message:
    """A picture with its caption labelled and fitted to 1,024 characters; quoting if it can."""
    return await topics.posted(
        bot.send_photo,
        chat_id,
        InputFile(photo, filename=filename),
        caption=fit_caption(render.labelled(operation, caption)),
        reply_parameters=topics.quote(reply_to),
    )


async def send_kept(
    bot: Bot,
    chat_id: int,
    kind: str,
    media: str | bytes,
    caption: str,
    *,
    operation: Operation | None = None,
    filename: str = "file",
) -> Message:
    """A photo or document sent again, by Telegram's file_id or from kept bytes; caption fitted."""
    payload: str | InputFile = (
        media if isinstance(media, str) else InputFile(media, filename=filename)
    )
    fitted = fit_caption(render.labelled(operation, caption))
    send = bot.send_photo if kind == "photo" else bot.send_document
    return await topics.posted(send, chat_id, payload, caption=fitted)
