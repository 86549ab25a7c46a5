"""The plain GROUP BY over the reports: the bench's baseline and the tests' oracle for the
running totals (storage/totals_query.py)."""

from __future__ import annotations

from collections import defaultdict

from bot.domain.summary import REPORT_DIMENSIONS, DateRange, Dimension, SubstanceTotal
from bot.domain.units import from_nano, substance_key
from storage.database import Database
from storage.dimensions import GROUP_EXPR
from storage.pending import visible

# What the plain GROUP BY groups the reports by, per dimension (the baseline's own columns).
_PLAIN_GROUP: dict[Dimension | None, str] = {
    None: "''",
    Dimension.AGENCY: "coalesce(s.agency_id, 0)",
    Dimension.DAY: "s.day",
    Dimension.LOCATION: "coalesce(s.location, '')",
    Dimension.TRANSPORT: "coalesce(s.transport, '')",
    Dimension.OFFICER: "CAST(s.officer_id AS TEXT)",
    # A phase is days named afterwards: the plain SQL reads the same rows by day.
    Dimension.PHASE: "s.day",
    **{d: GROUP_EXPR[d] for d in REPORT_DIMENSIONS},
}


def plain_group_by_sql(
    operation_id: int,
    dates: DateRange,
    dimension: Dimension | None = None,
    agency_id: int | None = None,
) -> tuple[str, list[object]]:
    """The plain GROUP BY over the reports and their items, as SQL and parameters."""
    first, last = dates.bounds()
    params: list[object] = [operation_id, first, last]
    agency = ""
    if agency_id is not None:
        agency, params = " AND coalesce(s.agency_id, 0) = ?", [*params, agency_id]
    column = _PLAIN_GROUP[dimension]
    sql = (
        f"SELECT {column} AS grp, i.substance, i.substance_text, i.unit,"
        " coalesce(i.form, '') AS form, sum(i.amount_nano) AS nano,"
        " count(DISTINCT s.id) AS cases"
        " FROM seizure AS s JOIN seizure_item AS i ON i.seizure_id = s.id"
        " WHERE s.operation_id = ? AND s.day BETWEEN ? AND ? AND s.voided_at IS NULL"
        f" AND {visible('s')}{agency}"
        f" GROUP BY grp, i.substance, i.substance_text, i.unit, coalesce(i.form, '')"
    )
    return sql, params


async def plain_group_by(
    db: Database,
    *,
    operation_id: int,
    dates: DateRange,
    dimension: Dimension | None = None,
    agency_id: int | None = None,
) -> list[SubstanceTotal]:
    """The same totals straight from the reports: the benchmark's baseline and tests' oracle."""
    rows = await plain_group_by_rows(
        db, operation_id=operation_id, dates=dates, dimension=dimension, agency_id=agency_id
    )
    return [total for _, total in rows]


async def plain_group_by_rows(
    db: Database,
    *,
    operation_id: int,
    dates: DateRange,
    dimension: Dimension | None = None,
    agency_id: int | None = None,
) -> list[tuple[str, SubstanceTotal]]:
    """(group value, total) straight from the reports, as substance_totals gives them."""
    sql, params = plain_group_by_sql(operation_id, dates, dimension, agency_id)
    rows = await db.fetchall(sql, params)
    # Spellings of one unclassified name meet here; SQL cannot normalise them as Python does.
    sums: dict[tuple[str, str, str, str], list[int]] = defaultdict(lambda: [0, 0])
    for r in rows:
        key = substance_key(r["substance"], r["substance_text"])
        acc = sums[(str(r["grp"]), key, r["unit"], r["form"])]
        acc[0] += int(r["nano"])
        acc[1] += int(r["cases"])
    return [
        (grp, SubstanceTotal(key, unit, form or None, from_nano(nano), cases))
        for (grp, key, unit, form), (nano, cases) in sums.items()
    ]
