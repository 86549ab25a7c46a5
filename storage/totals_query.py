"""Reading the running totals: per dimension and period, each span a seek on the key."""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Collection
from datetime import date

from bot.domain.summary import DateRange, Dimension, SubstanceTotal
from bot.domain.units import from_nano
from storage.database import Database
from storage.grains import Signed, less_outside, next_window, signed_spans, span_cost
from storage.import_totals import shown_batches
from storage.pending import SHOWN
from storage.totals_source import rows_of

_DIM_GROUP = "dim_value, substance_key, unit, form"
# Per dimension: the table, the dim its rows live under, the column that splits them, and a
# GROUP BY in the order of that table's key (0011), so that SQLite sums without sorting.
_GROUPING: dict[Dimension | None, tuple[str, str, str, str]] = {
    None: ("seizure_total", "", "''", "substance_key, unit, form"),
    Dimension.AGENCY: ("seizure_total", "", "agency_id", "agency_id, substance_key, unit, form"),
    Dimension.DAY: ("seizure_total", "", "period", "period, substance_key, unit, form"),
    Dimension.LOCATION: ("seizure_dim_total", "location", "dim_value", _DIM_GROUP),
    Dimension.TRANSPORT: ("seizure_dim_total", "transport", "dim_value", _DIM_GROUP),
    Dimension.OFFICER: ("seizure_dim_total", "officer", "dim_value", _DIM_GROUP),
    # The reports' details (0021), under the dim of their name.
    **{
        d: ("seizure_dim_total", d.value, "dim_value", _DIM_GROUP)
        for d in (
            Dimension.ORIGIN,
            Dimension.DESTINATION,
            Dimension.ROUTE,
            Dimension.CONCEALMENT,
            Dimension.DETECTION,
        )
    },
}


async def substance_totals(
    db: Database,
    *,
    operation_id: int,
    dates: DateRange,
    dimension: Dimension | None = None,
    agency_id: int | None = None,
    substance_key: str | None = None,
    limit: int | None = None,
) -> list[tuple[str, SubstanceTotal]]:
    """(group value, total) per substance, unit and form; at most `limit` rows, whole groups."""
    rows, _, _ = await _totals(db, operation_id, dates, dimension, agency_id, substance_key, limit)
    return rows


async def _totals(
    db: Database,
    operation_id: int,
    dates: DateRange,
    dimension: Dimension | None,
    agency_id: int | None,
    substance_key: str | None,
    limit: int | None,
    form: str | None = None,
    only: Collection[str] | None = None,
) -> tuple[list[tuple[str, SubstanceTotal]], bool, dict[str, int] | None]:
    """The totals, whether `limit` cut groups off, and the counted reports of each group shown
    when the rows keep them (seizure_dim_total, every substance): group_reports' answer from
    the same rows, without reading them a second time. `form`: of the substance's, that one;
    `only`: of a breakdown kept in seizure_dim_total, these groups."""
    table, dim, column, group_by = _GROUPING[dimension]
    # A report is counted on one row of its group (0018), so a group's rows add up to its
    # reports; of one substance they do not.
    counted = table == "seizure_dim_total" and substance_key is None
    reports = "reports" if counted else "0"
    detail = dimension in _DETAILS
    parts = _spans_of(table, dates, by_day=dimension is Dimension.DAY, detail=detail)
    # The plain totals of a range, and a breakdown by a detail, may be the whole operation's
    # less the reported days outside.
    outside = (table == "seizure_total" and dimension is not Dimension.DAY) or detail
    # In one span the key hands groups over in order, so a LIMIT ends the scan early too.
    bound = "" if limit is None else f" LIMIT {int(limit) + 1}"
    # Days newest first, the key read backwards (no sort): a cut keeps the latest days, not an
    # operation's first weeks of years ago.
    order = (
        " ORDER BY " + ", ".join(f"{c.strip()} DESC" for c in group_by.split(","))
        if dimension is Dimension.DAY
        else ""
    )

    def query(conn: sqlite3.Connection) -> tuple[list[sqlite3.Row], bool]:
        # One snapshot: a finished import's staged totals are read in the state they were in
        # when the batches that count them were listed (storage/import_totals.py).
        conn.execute("BEGIN")
        try:
            staged = ", ".join(str(n) for n in shown_batches(conn, operation_id))
            chosen = _less_outside(conn, operation_id, dates, parts, detail) if outside else parts
            source, params = rows_of(
                table,
                operation_id,
                dim,
                chosen,
                agency_id,
                substance_key,
                staged=staged,
                form=form,
                only=only,
            )
            # Groups that a span taken off leaves with no case are none of the answer's.
            having = " HAVING sum(cases) <> 0" if any(sign < 0 for sign, _ in chosen) else ""
            sql = (
                f"SELECT {column} AS grp, substance_key, unit, form, sum(amount_nano) AS nano,"
                f" sum(cases) AS cases, sum({reports}) AS reports FROM {{source}}"
                f" GROUP BY {group_by}{having}{order}{bound}"
            )
            try:
                if limit is not None and len(chosen) > 1 and table == "seizure_dim_total":
                    return _windowed(
                        conn, sql, limit, table, operation_id, dim, chosen, agency_id,
                        substance_key, staged, form, group_by,
                    ), True  # fmt: skip
                # Each span summed apart, then the spans' sums together (totals_source).
                grouped, more = rows_of(
                    table, operation_id, dim, chosen, agency_id, substance_key, staged=staged,
                    form=form, grouped=group_by, only=only,
                )  # fmt: skip
                return conn.execute(sql.format(source=grouped), more).fetchall(), True
            except sqlite3.OperationalError as exc:
                if "overflow" not in str(exc):
                    raise
            # SQLite integers stop at 9.2e18 nano-units (9,200 tonnes); Python's do not.
            every = conn.execute(
                f"SELECT {column} AS grp, substance_key, unit, form, amount_nano AS nano, cases,"
                f" {reports} AS reports FROM {source}",
                params,
            ).fetchall()
            return every, False
        finally:
            conn.execute("COMMIT")

    rows, summed = await db.read(query)
    if summed:
        truncated = False
        if limit is not None and len(rows) > limit:
            # Drop the group the limit cut through, so every group shown is whole.
            truncated, cut = True, rows[limit]["grp"]
            rows = [r for r in rows[:limit] if r["grp"] != cut]
        # By position, inline: a call and six lookups by name a row were a quarter of the Python.
        return (
            [
                (str(g), SubstanceTotal(key, unit, form or None, from_nano(int(n)), int(cases)))
                for g, key, unit, form, n, cases, _ in rows
            ],
            truncated,
            _reports(rows) if counted else None,
        )
    sums: dict[tuple[str, str, str, str], list[int]] = defaultdict(lambda: [0, 0])
    for r in rows:
        acc = sums[(str(r["grp"]), r["substance_key"], r["unit"], r["form"])]
        acc[0] += int(r["nano"])
        acc[1] += int(r["cases"])
    totals = [
        (grp, SubstanceTotal(key, unit, form or None, from_nano(nano), cases))
        for (grp, key, unit, form), (nano, cases) in sums.items()
        if cases
    ]
    return totals, False, _reports(rows) if counted else None


def _reports(rows: list[sqlite3.Row]) -> dict[str, int]:
    """Counted reports per group, as group_reports answers (groups with none left out)."""
    found: dict[str, int] = defaultdict(int)
    for r in rows:
        found[str(r["grp"])] += int(r["reports"])
    return {grp: n for grp, n in found.items() if n}


# The breakdowns whose reports per group the running totals keep (0018's `reports`).
COUNTED_DIMENSIONS = tuple(d for d, g in _GROUPING.items() if d and g[0] == "seizure_dim_total")


async def group_reports(
    db: Database,
    *,
    operation_id: int,
    dates: DateRange,
    dimension: Dimension,
    agency_id: int | None,
    only: Collection[str] | None = None,
) -> dict[str, int]:
    """Counted reports per group of a breakdown kept in seizure_dim_total (location, etc.);
    of the groups `only`, when given: a cut answer's officers, not all 2,000 of them."""
    _table, dim, _column, _group_by = _GROUPING[dimension]
    parts = _spans_of("seizure_dim_total", dates, by_day=False)
    # A finished import's staged rows count too (one statement, so one snapshot of them).
    source, params = rows_of(
        "seizure_dim_total", operation_id, dim, parts, agency_id, staged=SHOWN, only=only
    )
    rows = await db.fetchall(
        f"SELECT dim_value AS grp, sum(reports) AS n FROM {source} GROUP BY dim_value", params
    )
    return {str(r["grp"]): int(r["n"]) for r in rows if r["n"]}


# About how many days' rows a month's and a week's rows are (1,000,000 reports: the plain
# totals' month 2-3.5 days, a breakdown's week 3-8 and month 15-24).
_COSTS = {"seizure_total": (3, 3), "seizure_dim_total": (15, 5)}
# The breakdowns by a detail of the report: a few hundred to a few thousand values, most
# reported on most days by most agencies, so a week's rows are 1.9-3.4 days' and a month's
# 3.3-6.1 (transport, 1,000,000 reports over 60 and 1,000 days; route 3.2-6.2 and 5.7-19),
# and the whole operation's about its reported days to the power 0.4 (3.9 days' of 60 days,
# 19 of 1,000). 3 and 5 put the spans in the order of the rows they read at both lengths:
# 2026-10-05..2026-11-20 over 1,000 days is October and November less 13 days (22,700 rows
# by transport, 13.3 ms), not six weeks and five days (25,700, 15.8 ms).
_DETAILS = frozenset(
    {
        Dimension.TRANSPORT,
        Dimension.ORIGIN,
        Dimension.DESTINATION,
        Dimension.ROUTE,
        Dimension.CONCEALMENT,
        Dimension.DETECTION,
    }
)
_DETAIL_COSTS = (5, 3)


def _spans_of(table: str, dates: DateRange, *, by_day: bool, detail: bool = False) -> list[Signed]:
    """The spans of this table that add up to the dates (by day: days alone)."""
    month_cost, week_cost = _DETAIL_COSTS if detail else _COSTS[table]
    return signed_spans(
        dates,
        months=not by_day,
        whole=not by_day,
        weeks=table == "seizure_dim_total",
        month_cost=month_cost,
        week_cost=week_cost,
    )


def _windowed(
    conn: sqlite3.Connection,
    sql: str,
    limit: int,
    table: str,
    operation_id: int,
    dim: str,
    parts: list[Signed],
    agency_id: int | None,
    substance_key: str | None,
    staged: str,
    form: str | None,
    grouped: str,
) -> list[sqlite3.Row]:
    """A cut breakdown of several spans, summed a window of its values at a time until more
    than `limit` rows are found: only those windows' rows enter the sort.

    The first window ends where the whole operation's first `limit` rows end, each next one
    twice as far on; a range has fewer groups than the whole operation, hence several windows
    (one sort of every row of a range cost 17 ms at 1,000,000 reports; the first window alone
    found 478 groups of 1,000).
    """
    found: list[sqlite3.Row] = []
    after: str | None = None
    size, covered = limit, 0
    while True:
        upto = _last_shown(
            conn, operation_id, dim, agency_id, substance_key, staged, size, form, after
        )
        source, params = rows_of(
            table, operation_id, dim, parts, agency_id, substance_key,
            staged=staged, after=after, upto=upto, form=form, grouped=grouped,
        )  # fmt: skip
        found += conn.execute(sql.format(source=source), params).fetchall()
        if len(found) > limit or upto is None:
            return found
        covered += size
        after, size = upto, next_window(size, covered, len(found), limit + 1 - len(found))


def _last_shown(
    conn: sqlite3.Connection,
    operation_id: int,
    dim: str,
    agency_id: int | None,
    substance_key: str | None,
    staged: str,
    limit: int,
    form: str | None = None,
    after: str | None = None,
) -> str | None:
    """The breakdown's value at which a cut to `limit` rows (of the values after `after`) falls
    for the whole operation.

    Any dates have at most the whole operation's groups, so the cut of a range falls there or
    later: None when the whole operation has no more than `limit` (nothing to leave out).
    """
    source, params = rows_of(
        "seizure_dim_total", operation_id, dim, [(1, ("a", "", ""))], agency_id, substance_key,
        staged=staged, form=form, after=after,
    )  # fmt: skip
    row = conn.execute(
        f"SELECT dim_value FROM {source} GROUP BY dim_value, substance_key, unit, form"
        " LIMIT 1 OFFSET ?",
        [*params, limit],
    ).fetchone()
    return None if row is None else str(row[0])


# The first and last local day with a counted report (seeks on the totals' key); a finished
# import's totals may still wait apart (storage/import_totals.py).
_REPORTED_DAYS = (
    "SELECT min(first), max(last) FROM (SELECT"
    " (SELECT min(period) FROM seizure_total WHERE operation_id = ?1 AND grain = 'd') AS first,"
    " (SELECT max(period) FROM seizure_total WHERE operation_id = ?1 AND grain = 'd') AS last"
    " UNION ALL SELECT min(period), max(period) FROM import_total"
    f" WHERE operation_id = ?1 AND grain = 'd' AND import_id IN ({SHOWN}))"
)


async def reported_days(db: Database, *, operation_id: int) -> DateRange:
    """The first and last local day with a counted report (seeks on the totals' key)."""
    return _days_of(await db.fetchone(_REPORTED_DAYS, (operation_id,)))


def _days_of(row: sqlite3.Row | None) -> DateRange:
    if row is None or row[0] is None:
        return DateRange()
    return DateRange(date.fromisoformat(row[0]), date.fromisoformat(row[1]))


def _less_outside(
    conn: sqlite3.Connection,
    operation_id: int,
    dates: DateRange,
    parts: list[Signed],
    detail: bool = False,
) -> list[Signed]:
    """The spans, or the whole operation's less its reported days outside the dates where that
    reads fewer rows (in the caller's snapshot: a day reported meanwhile is in both reads or
    neither). `detail`: of a breakdown by a detail, whose table keeps weeks too."""
    if dates.first is None or dates.last is None:
        return parts
    reported = _days_of(conn.execute(_REPORTED_DAYS, (operation_id,)).fetchone())
    if detail:
        month_cost, week_cost = _DETAIL_COSTS
        days = 0
        if reported.first is not None and reported.last is not None:
            days = (reported.last - reported.first).days + 1
        option = less_outside(
            dates, reported, month_cost=month_cost, week_cost=week_cost,
            whole_cost=round(days**0.4),
        )  # fmt: skip
    else:
        month_cost, week_cost = _COSTS["seizure_total"]
        option = less_outside(dates, reported, month_cost=month_cost)
    if option is None or option[1] >= span_cost(parts, month_cost, week_cost):
        return parts
    return option[0]


async def has_substance(db: Database, *, operation_id: int, key: str) -> bool:
    """Whether any report of the operation counts this substance key."""
    row = await db.fetchone(
        "SELECT 1 FROM seizure_total WHERE operation_id = ?1 AND grain = 'a' AND period = ''"
        " AND substance_key = ?2 UNION ALL SELECT 1 FROM import_total WHERE operation_id = ?1"
        f" AND grain = 'a' AND period = '' AND substance_key = ?2 AND import_id IN ({SHOWN})"
        " LIMIT 1",
        (operation_id, key),
    )
    return row is not None
