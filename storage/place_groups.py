"""/summary by location with one name per place: the spellings of a place and the words a
coordinator made one place (/alias place) are one group, read from the totals as written."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from bot.domain.places import Places
from bot.domain.summary import Dimension, SubstanceTotal
from storage.database import Database
from storage.dimensions import Relabel, Scope
from storage.places import place_aliases
from storage.totals_query import _totals

Rows = list[tuple[str, SubstanceTotal]]


async def named(
    db: Database,
    scope: Scope,
    rows: Rows,
    truncated: bool,
    reports: dict[str, int] | None,
    limit: int,
) -> tuple[Rows, bool, dict[str, int] | None, Relabel]:
    """The rows and reports per place, whether a limit cut places off, and the place of a
    spelling (for the linked cases' and the case counts' groups)."""
    aliases = await place_aliases(db, operation_id=scope.operation_id)
    if truncated:
        # A place's spellings may fall either side of a cut made in the order of the words:
        # read them all, and cut whole places below.
        rows, _, reports = await _totals(
            db, scope.operation_id, scope.dates, Dimension.LOCATION, scope.agency_id,
            scope.substance_key, None, scope.substance_form,
        )  # fmt: skip
    weights: dict[str, int] = defaultdict(int)
    if reports is not None:
        weights.update(reports)
    else:  # of one substance: its cases
        for grp, total in rows:
            weights[grp] += total.cases
    places = Places(aliases, weights.items())
    names = {grp: places.name(grp) for grp in {*weights, *(grp for grp, _ in rows)}}
    if all(name == grp for grp, name in names.items()):
        # The common case, one spelling a place and no alias: the rows as they are.
        return rows, truncated, reports, places.name
    spellings: dict[str, int] = defaultdict(int)
    for name in names.values():
        spellings[name] += 1
    merged: Rows = []
    amounts: dict[tuple[str, str, str, str | None], Decimal] = defaultdict(Decimal)
    cases: dict[tuple[str, str, str, str | None], int] = defaultdict(int)
    for grp, total in rows:
        name = names[grp]
        if spellings[name] == 1:  # a place read under one spelling: renamed at most
            merged.append((name, total))
            continue
        at = (name, total.substance_key, total.unit, total.form)
        amounts[at] += total.amount
        cases[at] += total.cases
    merged += [
        (name, SubstanceTotal(key, unit, form, amount, cases[(name, key, unit, form)]))
        for (name, key, unit, form), amount in amounts.items()
    ]
    by_place: dict[str, int] | None = None
    if reports is not None:
        by_place = defaultdict(int)
        for grp, n in reports.items():
            by_place[names[grp]] += n
        by_place = dict(by_place)
    if truncated:
        merged, by_place = _cut(merged, by_place, limit)
    return merged, truncated, by_place, places.name


def _cut(
    rows: Rows, reports: dict[str, int] | None, limit: int
) -> tuple[Rows, dict[str, int] | None]:
    """At most `limit` rows, whole places, in the order of their names."""
    kept: set[str] = set()
    count: dict[str, int] = defaultdict(int)
    for grp, _ in rows:
        count[grp] += 1
    used = 0
    for name in sorted(count, key=lambda n: (n == "", n.casefold())):
        if used + count[name] > limit:
            break
        kept.add(name)
        used += count[name]
    shown = [(grp, total) for grp, total in rows if grp in kept]
    return shown, None if reports is None else {g: n for g, n in reports.items() if g in kept}
