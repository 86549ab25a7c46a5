"""The summary's reads from the reports themselves: case counts the running totals do not keep
(by substance), and linked cases.

A linked case (storage.cases) counts once: in each group it appears in, its amount of a
substance is its largest report's, and its reports are one case. Every query here reads only
counted reports (not voided, not in an unfinished import) through the seizure_counted index.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Collection
from dataclasses import dataclass, field, replace
from datetime import date

from bot.domain.summary import DateRange, Dimension, SubstanceTotal
from bot.domain.units import from_nano, substance_key
from storage.database import Database
from storage.pending import counted_visible, visible
from storage.totals_query import COUNTED_DIMENSIONS, group_reports

# A route is its two ends; this character never occurs in what an officer can type.
ROUTE_SEPARATOR = "\x1f"
# The value each dimension groups a report by; '' (or 0) is "not stated". A phase is read by
# day and named afterwards (storage.summary), since its dates are local and may change.
GROUP_EXPR = {
    None: "''",
    Dimension.AGENCY: "coalesce(s.agency_id, 0)",
    Dimension.DAY: "s.day",
    Dimension.PHASE: "s.day",
    Dimension.LOCATION: "coalesce(s.location, '')",
    Dimension.TRANSPORT: "coalesce(s.transport, '')",
    Dimension.OFFICER: "s.officer_id",
    Dimension.ORIGIN: "coalesce(s.origin, '')",
    Dimension.DESTINATION: "coalesce(s.destination, '')",
    Dimension.ROUTE: f"coalesce(s.origin, '') || char({ord(ROUTE_SEPARATOR)})"
    " || coalesce(s.destination, '')",
    # Free text: 'Suitcase' and 'suitcase ' are one concealment.
    Dimension.CONCEALMENT: "lower(trim(coalesce(s.concealment, '')))",
    Dimension.DETECTION: "coalesce(s.detection, '')",
}
Relabel = Callable[[str], str]


@dataclass(frozen=True)
class Scope:
    """Which counted reports a read covers."""

    operation_id: int
    dates: DateRange
    agency_id: int | None = None
    substance_key: str | None = None
    substance_form: str | None = None  # of that substance, only this form ('yaba': tablet)


@dataclass
class LinkedExcess:
    """What linked reports would add twice: to take off totals and case counts."""

    cases: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    rows: dict[tuple[str, str, str, str], list[int]] = field(
        default_factory=lambda: defaultdict(lambda: [0, 0])
    )  # (group, key, unit, form) -> [nano, cases]
    linked_cases: int = 0


async def _where(db: Database, scope: Scope) -> tuple[str, list[object]]:
    first, last = scope.dates.bounds()
    # 'voided_at IS NULL' as written lets SQLite read the partial index seizure_counted.
    where = "s.operation_id = ? AND s.voided_at IS NULL AND s.day BETWEEN ? AND ?"
    params: list[object] = [scope.operation_id, first, last]
    row = await db.fetchone(
        "SELECT (SELECT max(id) FROM import_batch),"
        " EXISTS (SELECT 1 FROM import_batch WHERE finished_at IS NULL)"
    )
    if row is not None and row[1]:
        where += f" AND {visible('s')}"
    else:
        # No import running: every batch so far is finished, and one started after this read
        # has a larger id. A comparison costs half what the pending list does per report.
        where += " AND coalesce(s.import_id, 0) <= ?"
        params.append(int(row[0] or 0) if row is not None else 0)
    if scope.agency_id is not None:
        where += " AND s.agency_id = ?"
        params.append(scope.agency_id)
    return where, params


async def _item_condition(
    db: Database, key: str | None, form: str | None = None
) -> tuple[str, list[object]]:
    """SQL on items `i` for one substance key, of one form when given ('' without a key)."""
    if key is None:
        return "", []
    if not key.startswith("?"):
        if form is not None:
            return " AND i.substance = ? AND i.form = ?", [key, form]
        return " AND i.substance = ?", [key]
    # Unclassified words are keyed as Python normalises them; find the spellings that match.
    texts = [
        r[0]
        for r in await db.fetchall(
            "SELECT DISTINCT substance_text FROM seizure_item WHERE substance IS NULL"
        )
        if substance_key(None, r[0]) == key
    ]
    return (
        " AND i.substance IS NULL AND i.substance_text IN (SELECT value FROM json_each(?))",
        [json.dumps(texts)],
    )


async def case_counts(
    db: Database,
    *,
    scope: Scope,
    dimension: Dimension | None,
    relabel: Relabel | None = None,
    only: Collection[str] | None = None,
) -> dict[str, int]:
    """Counted reports per group value (before linked reports are taken as one); of the
    groups `only` at least, when given (the ones a cut answer shows)."""
    if scope.substance_key is None and dimension in _KEPT_COUNTS:
        if dimension is Dimension.DAY and only:
            # A cut answer's days, the latest few: not every day of a long operation (10 ms).
            days = DateRange(date.fromisoformat(min(only)), date.fromisoformat(max(only)))
            scope = replace(scope, dates=days)
        return await _kept_counts(db, scope=scope, dimension=dimension, relabel=relabel)
    if scope.substance_key is None and dimension in COUNTED_DIMENSIONS:
        assert dimension is not None
        # From the running totals: reading every report of a long operation cost 85 ms.
        return await group_reports(
            db,
            operation_id=scope.operation_id,
            dates=scope.dates,
            dimension=dimension,
            agency_id=scope.agency_id,
            only=only,
        )
    where, params = await _where(db, scope)
    item_sql, item_params = await _item_condition(db, scope.substance_key, scope.substance_form)
    if item_sql:
        where += (
            f" AND EXISTS (SELECT 1 FROM seizure_item AS i WHERE i.seizure_id = s.id{item_sql})"
        )
    # The whole count needs no grouping (a GROUP BY '' still sorts every report).
    group, grouped = (GROUP_EXPR[dimension], " GROUP BY grp") if dimension else ("''", "")
    rows = await db.fetchall(
        f"SELECT {group} AS grp, count(*) AS n FROM seizure AS s WHERE {where}{grouped}",
        [*params, *item_params],
    )
    counts: dict[str, int] = defaultdict(int)
    for r in rows:
        grp = str(r["grp"])
        counts[relabel(grp) if relabel else grp] += int(r["n"])
    return dict(counts)


# Counts the report_count table keeps (migration 0011): by day and agency, not by substance.
_KEPT_COUNTS = (None, Dimension.AGENCY, Dimension.DAY, Dimension.PHASE)


async def _kept_counts(
    db: Database, *, scope: Scope, dimension: Dimension | None, relabel: Relabel | None
) -> dict[str, int]:
    first, last = scope.dates.bounds()
    where = f"s.operation_id = ? AND s.day BETWEEN ? AND ? AND {counted_visible('s')}"
    params: list[object] = [scope.operation_id, first, last]
    if scope.agency_id is not None:
        where += " AND s.agency_id = ?"
        params.append(scope.agency_id)
    group, grouped = (GROUP_EXPR[dimension], " GROUP BY grp") if dimension else ("''", "")
    rows = await db.fetchall(
        f"SELECT {group} AS grp, sum(s.reports) AS n FROM report_count AS s WHERE {where}{grouped}",
        params,
    )
    counts: dict[str, int] = defaultdict(int)
    for r in rows:
        if r["n"] is None:
            continue  # the sum of no rows
        grp = str(r["grp"])
        counts[relabel(grp) if relabel else grp] += int(r["n"])
    return dict(counts)


async def linked_excess(
    db: Database, *, scope: Scope, dimension: Dimension | None, relabel: Relabel | None = None
) -> LinkedExcess:
    """What the linked reports in scope add beyond their cases, per group value.

    Within a group a case counts once, with the largest of its reports' amounts of each
    substance; reports of one case in different groups (KCS's part, TCD's part) stay in each.
    """
    return (await linked_excesses(db, scope=scope, dimension=dimension, relabel=relabel))[0]


async def linked_excesses(
    db: Database, *, scope: Scope, dimension: Dimension | None, relabel: Relabel | None = None
) -> tuple[LinkedExcess, LinkedExcess]:
    """linked_excess per group value and for the whole scope, from one read of the cases."""
    where, params = await _where(db, scope)
    item_sql, item_params = await _item_condition(db, scope.substance_key, scope.substance_form)
    rows = await db.fetchall(
        f"SELECT c.case_id, {GROUP_EXPR[dimension]} AS grp, s.id AS report, i.substance,"
        " i.substance_text, i.unit, coalesce(i.form, '') AS form, i.amount_nano AS nano"
        # CROSS JOIN keeps the linked reports (a few) the outer loop: with seizure_by_day (0019)
        # SQLite otherwise walked every report of the period to find them, 270 ms at 100,000.
        " FROM seizure_case AS c CROSS JOIN seizure AS s ON s.id = c.seizure_id"
        f" JOIN seizure_item AS i ON i.seizure_id = s.id WHERE c.operation_id = ? AND {where}"
        f"{item_sql}",
        [scope.operation_id, *params, *item_params],
    )
    # Read by position, each value once: the same rows make both answers. A day is named after
    # its phase once, not once per linked report (1,366 rows, a scan of the phases each).
    named: dict[str, str] = {}
    if relabel is not None:
        named = {v: relabel(v) for v in {str(r[1]) for r in rows}}
    found = [
        (
            int(r[0]),
            named[str(r[1])] if relabel else str(r[1]),
            int(r[2]),
            (substance_key(r[3], r[4]), r[5], r[6]),
            int(r[7]),
        )
        for r in rows
    ]
    grouped, whole = _excesses(found)
    return (grouped, grouped) if dimension is None else (grouped, whole)


_Found = tuple[int, str, int, tuple[str, str, str], int]  # case, group, report, substance, nano


def _excesses(found: list[_Found]) -> tuple[LinkedExcess, LinkedExcess]:
    """The excess per group and for the whole scope, in one pass over the linked rows.

    A report has one group value, so its amount of a substance is the same in its group and in
    the whole scope: both answers come from one sum per (case, group, substance, report). Flat
    tuple-keyed dicts, not two passes with a dict and set per case.
    """
    amounts: dict[tuple[int, str, tuple[str, str, str], int], int] = {}
    for case, grp, report, sub, nano in found:
        at = (case, grp, sub, report)
        amounts[at] = amounts.get(at, 0) + nano
    # (case, group) and case -> its reports; (case, group, substance) and (case, substance)
    # -> [sum, largest, reports].
    in_group: dict[tuple[int, str], set[int]] = {}
    in_case: dict[int, set[int]] = {}
    part: dict[tuple[int, str, tuple[str, str, str]], list[int]] = {}
    whole_part: dict[tuple[int, tuple[str, str, str]], list[int]] = {}
    # Each [sum, largest, reports] kept inline: a call per row was a third of this loop.
    for (case, grp, sub, report), nano in amounts.items():
        in_group.setdefault((case, grp), set()).add(report)
        in_case.setdefault(case, set()).add(report)
        acc = part.get((case, grp, sub))
        if acc is None:
            part[(case, grp, sub)] = [nano, nano, 1]
        else:
            acc[0] += nano
            if nano > acc[1]:
                acc[1] = nano
            acc[2] += 1
        acc = whole_part.get((case, sub))
        if acc is None:
            whole_part[(case, sub)] = [nano, nano, 1]
        else:
            acc[0] += nano
            if nano > acc[1]:
                acc[1] = nano
            acc[2] += 1
    grouped, whole = LinkedExcess(), LinkedExcess()
    grouped.linked_cases = whole.linked_cases = sum(1 for r in in_case.values() if len(r) > 1)
    for (_, grp), members in in_group.items():
        if len(members) > 1:
            grouped.cases[grp] += len(members) - 1
    for members in in_case.values():
        if len(members) > 1:
            whole.cases[""] += len(members) - 1
    for (_, grp, (key, unit, form)), (total, largest, n) in part.items():
        if n > 1:
            row = grouped.rows[(grp, key, unit, form)]
            row[0] += total - largest
            row[1] += n - 1
    for (_, (key, unit, form)), (total, largest, n) in whole_part.items():
        if n > 1:
            row = whole.rows[("", key, unit, form)]
            row[0] += total - largest
            row[1] += n - 1
    return grouped, whole


def counted_once(
    rows: list[tuple[str, SubstanceTotal]], excess: LinkedExcess
) -> list[tuple[str, SubstanceTotal]]:
    """The rows with what linked reports added twice taken off."""
    if not excess.rows:
        return rows
    touched = {grp for grp, _, _, _ in excess.rows}
    out = []
    for grp, total in rows:
        if grp not in touched:  # most groups hold no linked report
            out.append((grp, total))
            continue
        nano, cases = excess.rows.get(
            (grp, total.substance_key, total.unit, total.form or ""), (0, 0)
        )
        if nano or cases:
            total = SubstanceTotal(
                total.substance_key,
                total.unit,
                total.form,
                total.amount - from_nano(nano),
                total.cases - cases,
            )
        out.append((grp, total))
    return out
