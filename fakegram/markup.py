"""Telegram's `parse_mode` handling for the Bot API emulation: markup in, plain text + entities out.

The point is to refuse what Telegram refuses (unescaped `<` in HTML, reserved characters in
MarkdownV2), so formatting bugs surface in the sandbox and in tests rather than in production.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from fakegram.types import ApiError, JSONDict, bad_request, utf16_len

_HTML_TAG_RE = re.compile(
    r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)"
    r"((?:\s+[a-zA-Z-]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>\"']+))?)*)\s*>"
)
_HTML_ATTR_RE = re.compile(r"([a-zA-Z-]+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>\"']+)))?")
_HTML_ENTITY_RE = re.compile(r"&(lt|gt|amp|quot|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});")
_HTML_TAGS = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}
_MDV2_RESERVED = set("_*[]()~`>#+-=|{}.!")
_MDV2_MARKERS = {
    "*": "bold",
    "_": "italic",
    "__": "underline",
    "~": "strikethrough",
    "||": "spoiler",
}


def _parse_error(detail: str) -> ApiError:
    return bad_request(f"can't parse entities: {detail}")


def _byte_offset(text: str, index: int) -> int:
    return len(text[:index].encode("utf-8"))


def apply_parse_mode(text: str, parse_mode: str | None) -> tuple[str, list[JSONDict] | None]:
    """Return (plain text, entities) for `text` under `parse_mode`; entities None when no mode."""
    if not parse_mode:
        return text, None
    mode = parse_mode.lower()
    if mode == "html":
        return parse_html(text)
    if mode == "markdownv2":
        return parse_markdown_v2(text)
    if mode == "markdown":
        return parse_markdown(text)
    raise bad_request(f"unsupported parse_mode {parse_mode!r}")


_HTML_PLAIN_RE = re.compile(r"[^<&]+")


def parse_html(source: str) -> tuple[str, list[JSONDict]]:
    """Parse Telegram-flavoured HTML the way the Bot API does."""
    out: list[str] = []
    offset = 0  # UTF-16 offset of the plain text produced so far
    stack: list[tuple[str, int, dict[str, str]]] = []
    entities: list[JSONDict] = []
    i = 0
    while i < len(source):
        plain = _HTML_PLAIN_RE.match(source, i)
        if plain is not None:  # a run of plain text, taken whole
            out.append(plain.group())
            offset += utf16_len(plain.group())
            i = plain.end()
            continue
        char = source[i]
        if char == "<":
            match = _HTML_TAG_RE.match(source, i)
            if match is None:
                raise _parse_error(
                    f'Unsupported start tag "" at byte offset {_byte_offset(source, i)}'
                )
            closing, name, raw_attrs = match.group(1), match.group(2).lower(), match.group(3)
            if not closing:
                if name not in _HTML_TAGS:
                    raise _parse_error(
                        f'Unsupported start tag "{name}" at byte offset {_byte_offset(source, i)}'
                    )
                attrs = {
                    m.group(1).lower(): html.unescape(m.group(2) or m.group(3) or m.group(4) or "")
                    for m in _HTML_ATTR_RE.finditer(raw_attrs)
                }
                if name == "span" and attrs.get("class") != "tg-spoiler":
                    raise _parse_error('Tag "span" must have class "tg-spoiler"')
                stack.append((name, offset, attrs))
            else:
                if not stack:
                    raise _parse_error(
                        f"Unexpected end tag at byte offset {_byte_offset(source, i)}"
                    )
                open_name, start, attrs = stack.pop()
                if open_name != name:
                    raise _parse_error(
                        f'Can\'t find end tag corresponding to start tag "{open_name}"'
                    )
                _close_html_entity(entities, stack, open_name, start, offset - start, attrs)
            i = match.end()
            continue
        if char == "&":
            entity_match = _HTML_ENTITY_RE.match(source, i)
            if entity_match is not None:
                char = html.unescape(entity_match.group(0))
                i = entity_match.end()
            else:
                i += 1
        else:
            i += 1
        out.append(char)
        offset += utf16_len(char)
    if stack:
        raise _parse_error(f'Can\'t find end tag corresponding to start tag "{stack[-1][0]}"')
    entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return "".join(out), entities


def _close_html_entity(
    entities: list[JSONDict],
    stack: list[tuple[str, int, dict[str, str]]],
    name: str,
    start: int,
    length: int,
    attrs: dict[str, str],
) -> None:
    kind = _HTML_TAGS[name]
    language = attrs.get("class", "")
    if name == "code" and stack and stack[-1][0] == "pre":
        # <pre><code class="language-x"> is one `pre` entity carrying the language.
        if language.startswith("language-"):
            stack[-1][2]["language"] = language.removeprefix("language-")
        return
    if length <= 0:
        return
    entity: JSONDict = {"type": kind, "offset": start, "length": length}
    if kind == "text_link":
        url = attrs.get("href", "")
        if not url:
            return
        entity["url"] = url
    elif kind == "pre" and attrs.get("language"):
        entity["language"] = attrs["language"]
    elif kind == "blockquote" and "expandable" in attrs:
        entity["type"] = "expandable_blockquote"
    elif kind == "custom_emoji":
        entity["custom_emoji_id"] = attrs.get("emoji-id", "")
    entities.append(entity)


def parse_markdown_v2(source: str) -> tuple[str, list[JSONDict]]:
    """Parse MarkdownV2, refusing unescaped reserved characters as Telegram does."""
    out: list[str] = []
    offset = 0
    stack: list[tuple[str, int, int]] = []  # (marker, utf16 start, source index)
    entities: list[JSONDict] = []
    i = 0

    def emit(chunk: str) -> None:
        nonlocal offset
        out.append(chunk)
        offset += utf16_len(chunk)

    while i < len(source):
        char = source[i]
        if char == "\\":
            if i + 1 >= len(source) or not 1 <= ord(source[i + 1]) <= 126:
                raise _parse_error(
                    "Character '\\' is reserved and must be escaped with the preceding '\\'"
                )
            emit(source[i + 1])
            i += 2
            continue
        if char == "`":
            i = _mdv2_code(source, i, offset, entities, emit)
            continue
        marker = source[i : i + 2] if source[i : i + 2] in ("__", "||") else char
        if marker in _MDV2_MARKERS:
            if stack and stack[-1][0] == marker:
                _, start, _ = stack.pop()
                if offset > start:
                    entities.append(
                        {"type": _MDV2_MARKERS[marker], "offset": start, "length": offset - start}
                    )
            elif any(entry[0] == marker for entry in stack):
                raise _parse_error(
                    f"Can't find end of {_MDV2_MARKERS[stack[-1][0]].capitalize()} entity "
                    f"at byte offset {_byte_offset(source, stack[-1][2])}"
                )
            else:
                stack.append((marker, offset, i))
            i += len(marker)
            continue
        if char == "[":
            stack.append(("[", offset, i))
            i += 1
            continue
        if char == "]" and stack and stack[-1][0] == "[" and source[i + 1 : i + 2] == "(":
            _, start, _ = stack.pop()
            url, i = _mdv2_link_url(source, i + 2)
            if offset > start:
                entities.append(
                    {"type": "text_link", "offset": start, "length": offset - start, "url": url}
                )
            continue
        if char in _MDV2_RESERVED:
            raise _parse_error(
                f"Character '{char}' is reserved and must be escaped with the preceding '\\'"
            )
        emit(char)
        i += 1
    if stack:
        marker, _, index = stack[-1]
        name = "TextUrl" if marker == "[" else _MDV2_MARKERS[marker].capitalize()
        raise _parse_error(
            f"Can't find end of {name} entity at byte offset {_byte_offset(source, index)}"
        )
    entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return "".join(out), entities


def _mdv2_code(
    source: str, i: int, offset: int, entities: list[JSONDict], emit: Callable[[str], None]
) -> int:
    """Consume a `code` or ```pre``` span starting at `i`; return the index after it."""
    fence = "```" if source.startswith("```", i) else "`"
    j = i + len(fence)
    language = ""
    if fence == "```":
        newline = source.find("\n", j)
        first_line = source[j:newline] if newline != -1 else ""
        if newline != -1 and first_line and not any(c.isspace() for c in first_line):
            language, j = first_line, newline + 1
    chunk: list[str] = []
    while j < len(source) and not source.startswith(fence, j):
        if source[j] == "\\" and j + 1 < len(source):
            j += 1
        chunk.append(source[j])
        j += 1
    if j >= len(source):
        kind = "Pre" if fence == "```" else "Code"
        raise _parse_error(
            f"Can't find end of {kind} entity at byte offset {_byte_offset(source, i)}"
        )
    body = "".join(chunk)
    if body:
        entity: JSONDict = {
            "type": "pre" if fence == "```" else "code",
            "offset": offset,
            "length": utf16_len(body),
        }
        if language:
            entity["language"] = language
        entities.append(entity)
    emit(body)
    return j + len(fence)


def _mdv2_link_url(source: str, j: int) -> tuple[str, int]:
    """Read a link target after `](`; return (url, index after the closing parenthesis)."""
    url: list[str] = []
    while j < len(source) and source[j] != ")":
        if source[j] == "\\" and j + 1 < len(source):
            j += 1
        url.append(source[j])
        j += 1
    if j >= len(source):
        raise _parse_error("Can't find end of a URL")
    return "".join(url), j + 1


def parse_markdown(source: str) -> tuple[str, list[JSONDict]]:
    """Parse legacy Markdown (no nesting; `\\` escapes only the markup characters)."""
    out: list[str] = []
    offset = 0
    entities: list[JSONDict] = []
    kinds = {"*": "bold", "_": "italic", "`": "code"}
    i = 0
    while i < len(source):
        char = source[i]
        if char == "\\" and source[i + 1 : i + 2] in ("*", "_", "`", "["):
            out.append(source[i + 1])
            offset += 1
            i += 2
            continue
        fence = "```" if source.startswith("```", i) else char
        if fence in kinds or fence == "```" or char == "[":
            closer = "]" if char == "[" else fence
            end = source.find(closer, i + len(fence))
            if end == -1:
                raise _parse_error(
                    "Can't find end of the entity starting at byte offset "
                    f"{_byte_offset(source, i)}"
                )
            body = source[i + len(fence) : end]
            entity: JSONDict = {"type": kinds.get(fence, "pre"), "offset": offset}
            next_i = end + len(closer)
            if char == "[":
                entity["type"] = "text_link"
                if source[next_i : next_i + 1] == "(" and ")" in source[next_i:]:
                    close = source.index(")", next_i)
                    entity["url"] = source[next_i + 1 : close]
                    next_i = close + 1
            entity["length"] = utf16_len(body)
            if body and (entity["type"] != "text_link" or "url" in entity):
                entities.append(entity)
            out.append(body)
            offset += utf16_len(body)
            i = next_i
            continue
        out.append(char)
        offset += utf16_len(char)
        i += 1
    return "".join(out), entities
