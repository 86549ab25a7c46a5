"""/summary by location with one name per place: the spellings of a place and the words a
coordinator made one place (/alias place) are one group, read from the totals as written."""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from decimal import Decimal

from bot.domain.places import Places
from bot.domain.summary import Dimension, SubstanceTotal
from storage.database import Database
from storage.dimensions import Relabel, Scope
from storage.places import aliases_of, place_aliases, spellings_of
from storage.totals_query import _totals

Rows = list[tuple[str, SubstanceTotal]]


async def named(
    db: Database,
    scope: Scope,
    rows: Rows,
    truncated: bool,
    reports: dict[str, int] | None,
) -> tuple[Rows, bool, dict[str, int] | None, Relabel]:
    """The rows and reports per place, whether a limit cut places off, and the place of a
    spelling (for the linked cases' and the case counts' groups). A cut answer's places are
    whole: their names beyond the cut are read too."""
    if truncated:
        # A cut falls in the order of the words: another name of a place shown may lie beyond
        # it ('인천공항' after 'Sadao', where ICN is shown). Those names' rows are read too.
        places, spellings = await db.read(lambda conn: _whole(conn, scope.operation_id))
        shown = {places.name(grp) for grp, _ in rows}
        seen = {grp for grp, _ in rows}
        beyond = [v for v in spellings if v not in seen and places.name(v) in shown]
        if beyond:
            more, _, more_reports = await _totals(
                db, scope.operation_id, scope.dates, Dimension.LOCATION, scope.agency_id,
                scope.substance_key, None, scope.substance_form, only=beyond,
            )  # fmt: skip
            rows = rows + more
            if reports is not None and more_reports is not None:
                reports = {**reports, **more_reports}
    else:
        aliases = await place_aliases(db, operation_id=scope.operation_id)
        weights: dict[str, int] = defaultdict(int)
        if reports is not None:
            weights.update(reports)
        else:  # of one substance: its cases
            for grp, total in rows:
                weights[grp] += total.cases
        places = Places(aliases, weights.items())
    rows, reports = _merged(places, rows, reports)
    return rows, truncated, reports, places.name


def _whole(conn: sqlite3.Connection, operation_id: int) -> tuple[Places, list[str]]:
    """The operation's places named from every spelling, and the spellings."""
    spellings = spellings_of(conn, operation_id)
    return Places(aliases_of(conn, operation_id), spellings), [v for v, _ in spellings]


def _merged(
    places: Places, rows: Rows, reports: dict[str, int] | None
) -> tuple[Rows, dict[str, int] | None]:
    """The rows and reports summed per place."""
    names = {grp: places.name(grp) for grp in {*(reports or ()), *(grp for grp, _ in rows)}}
    if all(name == grp for grp, name in names.items()):
        # The common case, one spelling a place and no alias: the rows as they are.
        return rows, reports
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
    return merged, by_place
