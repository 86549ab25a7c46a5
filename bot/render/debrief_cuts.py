"""Which lines of a long breakdown and which rows and columns of the route matrix the pack shows.

No SQL and no Telegram: plain choices over a `Debrief`'s groups and routes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from decimal import Decimal

from bot.domain.debrief import Amount, Group, Route
from bot.domain.equivalents import kg_equivalent

# Breakdowns in the calendar's order: every line is shown, a cut would lump the newest.
ORDERED = frozenset({"day", "week", "phase"})
# The fewest values an 'other' line stands for, as the chart's "other" bucket (render.chart).
MIN_OTHER = 3


def kept_groups(
    dimension: str, groups: Sequence[Group], limit: int
) -> tuple[list[Group], list[Group], list[Group]]:
    """The lines shown, the lines added up as 'other' (shown before) and 'not stated' (after).

    'not stated' is never lumped with named values, nor fewer than MIN_OTHER values (the
    table then runs one line past `limit`). Past `limit` named lines, the half of the
    room goes to the most cases, then to the groups that hold some substance's largest amount
    (the largest kg-equivalent first: a 20 kg case at a place seen once is not lost), the rest
    again to the most cases; they keep the breakdown's order.
    """
    unstated = [g for g in groups if g.value is None]
    named = [g for g in groups if g.value is not None]
    # 'other' takes one of the lines: lumping fewer than MIN_OTHER values saves none (before:
    # 'other (2)' and a note naming the two, for two lines of one case each).
    if dimension in ORDERED or len(named) - (limit - 1) < MIN_OTHER:
        return named, [], unstated
    room = limit - 1  # one line is 'other'
    by_cases = sorted(named, key=lambda g: -g.cases)  # stable: the breakdown's order breaks ties
    chosen: list[str] = [str(g.value) for g in by_cases[: (room + 1) // 2]]
    for value in _leaders(named):
        if len(chosen) < room and value not in chosen:
            chosen.append(value)
    for g in by_cases:
        if len(chosen) < room and g.value not in chosen:
            chosen.append(str(g.value))
    shown = [g for g in named if g.value in chosen]
    return shown, [g for g in named if g.value not in chosen], unstated


def added_up(groups: Sequence[Group]) -> tuple[Amount, ...]:
    """The amounts of the lines lumped as 'other', added per substance, unit and form: masses
    largest first, then volumes and counts (the order of every breakdown's amounts)."""
    sums: Counter[tuple[str, str, str]] = Counter()
    for g in groups:
        for a in g.amounts:
            sums[a.key, a.unit, a.form] += a.nano
    ranked = sorted(sums.items(), key=lambda e: (-e[1] if e[0][1] == "g" else 0, e[0][1], *e[0]))
    return tuple(Amount(key, unit, form, nano) for (key, unit, form), nano in ranked)


def _leaders(groups: Sequence[Group]) -> list[str]:
    """Per substance (key, unit, form), the group with its largest amount; the largest first."""
    best: dict[tuple[str, str, str], tuple[Amount, str]] = {}
    for g in groups:
        for a in g.amounts:
            at = (a.key, a.unit, a.form)
            if at not in best or a.nano > best[at][0].nano:
                best[at] = (a, str(g.value))

    def weight(entry: tuple[Amount, str]) -> tuple[int, Decimal]:
        a = entry[0]
        kg = kg_equivalent(a.key, a.unit, a.form, a.value)
        return (0 if kg is not None else 1, -(kg or Decimal(0)))

    leaders: list[str] = []
    for _amount, value in sorted(best.values(), key=weight):
        if value not in leaders:
            leaders.append(value)
    return leaders


def matrix_ends(routes: Sequence[Route], limit: int) -> tuple[list[str | None], list[str | None]]:
    """The matrix's origins and destinations: every one holds a route that is shown.

    Routes naming both ends come first (they are what a matrix is for), then the most cases; a
    route is taken when its origin and destination both fit in `limit` rows and columns.
    """
    ranked = sorted(
        routes,
        key=lambda r: (
            r.origin is None or r.destination is None,
            -r.cases,
            r.origin or "",
            r.destination or "",
        ),
    )
    origins: list[str | None] = []
    destinations: list[str | None] = []
    for r in ranked:
        new_o, new_d = r.origin not in origins, r.destination not in destinations
        if len(origins) + new_o > limit or len(destinations) + new_d > limit:
            continue
        if new_o:
            origins.append(r.origin)
        if new_d:
            destinations.append(r.destination)
    return origins, destinations
