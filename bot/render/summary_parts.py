"""A summary's lines cut into Telegram messages at line boundaries, each line counted once."""

from __future__ import annotations

from html import escape

_PART_RESERVE = len(" (99/99)")


def size(text: str) -> int:
    """Characters as Telegram counts them (UTF-16 code units)."""
    # Telegram counts UTF-16 code units; an emoji counts twice.
    return len(text) if text.isascii() else len(text.encode("utf-16-le")) // 2


def budget(header: list[str], limit: int) -> int:
    """Room for the table's lines in a message under this header."""
    return limit - size("\n".join(header)) - _PART_RESERVE - size("\n<pre></pre>")


def split(
    header: list[str],
    body: list[str],
    total: int,
    *,
    repeat: str | None,
    repeat_until: int,
    limit: int,
    most: int | None = None,
) -> list[str]:
    """The header and body as messages of at most `limit`, the heading repeated on parts.

    `total` is what the body's lines take together (total_cost). Given `most`, the cutting
    stops at the part after that many: the caller only needs to know that there are more (a
    summary that long goes as a file of its whole text).
    """
    head = "\n".join(header)
    room = budget(header, limit)
    if total <= room:
        # All in one message (a short summary, or the whole text for a file): no line's cost
        # looked at; the loop below would keep every line but the blank ones at the start.
        start = 0
        while start < len(body) and not body[start]:
            start += 1
        return [_message(head, body[start:])]
    # Each line's cost counted once, as it is reached, and carried with it: given `most`, the
    # lines past the last part made are never measured (a long summary has thousands).
    chunks: list[list[str]] = [[]]
    costs: list[list[int]] = [[]]
    used = 0
    for index, line in enumerate(body):
        if not line and not chunks[-1]:
            continue
        cost = line_cost(line)
        if used + cost > room and chunks[-1]:
            if most is not None and len(chunks) > most:
                break
            # The column heading again on a part that continues the table, not on the footer.
            again = repeat if index < repeat_until else None
            moved, moved_costs = _continuation(chunks[-1], costs[-1], again, line, cost, room)
            chunks.append(moved)
            costs.append(moved_costs)
            used = sum(moved_costs)
            continue
        chunks[-1].append(line)
        costs[-1].append(cost)
        used += cost
    if len(chunks) == 1:
        return [_message(head, chunks[0])]
    total = len(chunks)
    first, _, rest = head.partition("\n")
    return [
        _message(f"{first} ({n}/{total})" + (f"\n{rest}" if rest else ""), chunk)
        for n, chunk in enumerate(chunks, start=1)
    ]


def total_cost(lines: list[str]) -> int:
    """What the lines take of a message together: the sum of their line_cost, counted at once."""
    if not lines:
        return 0
    # One text for them all: its size, each line's break, and what escaping adds.
    text = "\n".join(lines)
    return size(text) + 1 + 4 * text.count("&") + 3 * (text.count("<") + text.count(">"))


def line_cost(line: str) -> int:
    """What a line takes of a message, escaped, with its line break."""
    # escape() makes & five characters and < > four: counted without building the text, and
    # only looked for at all when there is one (most lines are letters, digits and spaces).
    cost = len(line) + 1
    if not line.isascii():
        cost = size(line) + 1  # beyond the BMP a character is two UTF-16 code units
    if "&" in line:
        cost += 4 * line.count("&")
    if "<" in line:
        cost += 3 * line.count("<")
    if ">" in line:
        cost += 3 * line.count(">")
    return cost


def _continuation(
    previous: list[str], costs: list[int], repeat: str | None, line: str, cost: int, budget: int
) -> tuple[list[str], list[int]]:
    # Break at the last blank line when that leaves most of the message in place, so that a
    # group's heading travels with its lines; otherwise break right here.
    # The repeated column heading stands apart from the table's first group, as on part one.
    start: list[str] = [repeat, ""] if repeat else []
    start_costs = [line_cost(repeat), 1] if repeat else []
    for index in range(len(previous) - 1, len(previous) // 2, -1):
        if previous[index] == "":
            moved_costs = [*start_costs, *costs[index + 1 :], cost]
            if sum(moved_costs) <= budget:
                moved = [*start, *previous[index + 1 :], line]
                del previous[index:]
                del costs[index:]
                return moved, moved_costs
            break
    return ([*start, line], [*start_costs, cost]) if line else (start, start_costs)


def _message(head: str, lines: list[str]) -> str:
    while lines and not lines[-1]:
        lines.pop()
    # One escape of the whole body: it leaves line breaks alone, so it is each line's escape.
    body = escape("\n".join(lines), quote=False)
    return f"{head}\n<pre>{body}</pre>"
