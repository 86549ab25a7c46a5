"""Running totals (seizure_total), kept in the same transaction as each report, void and edit."""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from bot.domain.units import normalise_words as normalise_words
from bot.domain.units import substance_key as substance_key
from bot.domain.units import to_nano as to_nano
from storage.grains import week_of
from storage.many_rows import upsert_rows
from storage.pending import SHOWN, visible

# The breakdowns by the reports' details, each with the SQL (over `s`, a seizure row) that
# gives a report's value: '' is "not stated"; a route is its two ends joined by char(31), a
# character no officer can type; concealment is free text, 'Suitcase' and 'suitcase ' one.
# SQLite computes them on every path (write, rebuild, import, 0021) so that they cannot differ.
DETAIL_VALUES = {
    "origin": "coalesce(s.origin, '')",
    "destination": "coalesce(s.destination, '')",
    "route": "coalesce(s.origin, '') || char(31) || coalesce(s.destination, '')",
    "concealment": "lower(trim(coalesce(s.concealment, '')))",
    "detection": "coalesce(s.detection, '')",
}
# The breakdowns kept in seizure_dim_total, each with the report's value for it.
DIMENSIONS = ("location", "transport", "officer", *DETAIL_VALUES)


class TotalsError(RuntimeError):
    """The running totals disagree with the reports; rebuild_totals puts them right."""


@dataclass(frozen=True)
class TotalItem:
    """One seizure item as the totals see it."""

    substance_key: str
    unit: str
    form: str | None
    amount_nano: int


_KEY = "operation_id, grain, period, substance_key, unit, form, agency_id"
_DIM_KEY = "operation_id, dim, grain, period, dim_value, substance_key, unit, form, agency_id"
_UPSERT = f"""
INSERT INTO seizure_total ({_KEY}, amount_nano, cases) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT ({_KEY})
DO UPDATE SET amount_nano = amount_nano + excluded.amount_nano, cases = cases + excluded.cases
"""
# `reports`: a report counts once in a breakdown's group whatever its substances, on the row
# of its first (substance key, unit, form); summing it gives a group's reports (0018).
_DIM_UPSERT = f"""
INSERT INTO seizure_dim_total ({_DIM_KEY}, amount_nano, cases, reports)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT ({_DIM_KEY})
DO UPDATE SET amount_nano = amount_nano + excluded.amount_nano, cases = cases + excluded.cases,
    reports = reports + excluded.reports
"""
_RETURNING = " RETURNING amount_nano, cases"
_DELETE = f"DELETE FROM seizure_total WHERE ({_KEY}) = (?, ?, ?, ?, ?, ?, ?) AND cases = 0"
_DIM_DELETE = (
    f"DELETE FROM seizure_dim_total WHERE ({_DIM_KEY}) = (?, ?, ?, ?, ?, ?, ?, ?, ?) AND cases = 0"
)

# (running totals, an import's staged totals (0020), the temp table gather_import fills, key,
# the counts beside the amount: a breakdown's rows also carry `reports` (0018), staged or not)
_TABLES = (
    ("seizure_total", "import_total", "ocu_gathered", _KEY, "cases"),
    ("seizure_dim_total", "import_dim_total", "ocu_dim_gathered", _DIM_KEY, "cases, reports"),
)
_UPSERTS = {"seizure_total": _UPSERT, "seizure_dim_total": _DIM_UPSERT}

# A cell of the plain totals: grain, period, substance key, unit, form, agency; of a breakdown:
# dim, grain, period, dim value, substance key, unit, form, agency.
Cell = tuple[str, str, str, str, str, int]
DimCell = tuple[str, str, str, str, str, str, str, int]


def _add(
    conn: sqlite3.Connection,
    operation_id: int,
    cells: list[tuple[Cell, int]],
    dim_cells: list[tuple[DimCell, int, int]],
    sign: int,
) -> None:
    """Add (sign +1) or remove (sign -1) one report's cells; one case in each."""
    if sign > 0:
        upsert_rows(conn, _UPSERT, [(operation_id, *c, nano, 1) for c, nano in cells])
        dims = [(operation_id, *c, nano, 1, first) for c, nano, first in dim_cells]
        upsert_rows(conn, _DIM_UPSERT, dims)
        return
    _claim_staged(conn, operation_id, [c for c, _ in cells], [c for c, _, _ in dim_cells])
    found: list[tuple[str, str, tuple[object, ...], tuple[int, ...]]] = [
        (_UPSERT, _DELETE, (operation_id, *cell), (-nano, -1)) for cell, nano in cells
    ]
    found += [
        (_DIM_UPSERT, _DIM_DELETE, (operation_id, *cell), (-nano, -1, -first))
        for cell, nano, first in dim_cells
    ]
    for upsert, delete, key, change in found:
        amount, cases = conn.execute(upsert + _RETURNING, (*key, *change)).fetchone()
        if cases < 0 or (cases == 0 and amount != 0):
            # Removing more than was added means a caller skipped count_seizure somewhere.
            raise TotalsError(
                f"running totals of operation {operation_id} went below zero at {key[1:]}"
            )
        if cases == 0:
            conn.execute(delete, key)


def move_staged(
    conn: sqlite3.Connection,
    running: str,
    staged: str,
    key: str,
    import_id: int,
    rows: Sequence[Sequence[object]],
) -> None:
    """Add these staged rows (key, amount, counts) to the running totals and unstage them."""
    conn.executemany(_UPSERTS[running], rows)
    width = key.count(",") + 1
    marks = ", ".join("?" * width)
    conn.executemany(
        f"DELETE FROM {staged} WHERE ({key}, import_id) = ({marks}, ?)",
        [(*row[:width], import_id) for row in rows],
    )


def _claim_staged(
    conn: sqlite3.Connection,
    operation_id: int,
    cells: Sequence[Sequence[object]],
    dim_cells: Sequence[Sequence[object]],
) -> None:
    """Move the staged rows of these cells into the running totals first, before a removal.

    A report of a finished import may be voided or corrected before its totals have all moved:
    what it takes away must be there to take.
    """
    batches = [int(r[0]) for r in conn.execute(SHOWN + " AND operation_id = ?", (operation_id,))]
    for import_id in batches:
        for (running, staged, _, key, counts), found in zip(
            _TABLES, (cells, dim_cells), strict=True
        ):
            marks = ", ".join("?" * (key.count(",") + 1))
            for cell in found:
                rows = conn.execute(
                    f"SELECT {key}, amount_nano, {counts} FROM {staged}"
                    f" WHERE ({key}, import_id) = ({marks}, ?)",
                    (operation_id, *cell, import_id),
                ).fetchall()
                move_staged(conn, running, staged, key, import_id, rows)


def _cells(
    day: str,
    agency: int,
    values: dict[str, str],
    items: Sequence[TotalItem],
) -> tuple[list[tuple[Cell, int]], list[tuple[DimCell, int, int]]]:
    """A report's cells of the totals, each with its amount; the report is one case in each.

    A breakdown's cells also say whether the report is counted there (1 on its first
    substance's cell, 0 on the others), so that a group's reports add up without the reports.
    """
    per_substance: dict[tuple[str, str, str], int] = defaultdict(int)
    for item in items:
        per_substance[(item.substance_key, item.unit, item.form or "")] += item.amount_nano
    periods = (("d", day), ("m", day[:7]), ("a", ""))
    cells = [
        ((grain, period, key, unit, form, agency), nano)
        for grain, period in periods
        for (key, unit, form), nano in per_substance.items()
    ]
    first = min(per_substance)
    # A breakdown also keeps ISO weeks (0023): a range by location read every day's rows.
    dim_periods = (*periods, ("w", week_of(date.fromisoformat(day)).isoformat()))
    dim_cells = [
        ((dim, grain, period, values[dim], key, unit, form, agency), nano, int(sub == first))
        for dim in DIMENSIONS
        for grain, period in dim_periods
        for sub, nano in per_substance.items()
        for key, unit, form in (sub,)
    ]
    return cells, dim_cells


def _key_sql(substance: str | None, substance_text: str | None) -> str:
    return substance_key(substance, substance_text)


# One row per report and substance/unit/form: the unit a case is counted in. The reports are
# walked by id within the operation's id range ('+operation_id' keeps SQLite off the
# operation index), so they arrive already grouped by report and need no sort. `first` marks
# each report's first (key, unit, form), where a breakdown counts the report (_cells).
_SUBSTANCE_KEY = (
    "CASE WHEN i.substance IS NOT NULL AND i.substance <> '' THEN i.substance"
    " ELSE ocu_substance_key(NULL, i.substance_text) END"
)
_DETAILS = ", ".join(f"{sql} AS {dim}" for dim, sql in DETAIL_VALUES.items())
_PER_REPORT = f"""
CREATE TEMP TABLE ocu_case AS
SELECT s.day AS day, coalesce(s.agency_id, 0) AS agency_id,
       coalesce(s.location, '') AS location, coalesce(s.transport, '') AS transport,
       CAST(s.officer_id AS TEXT) AS officer, {_DETAILS},
       {_SUBSTANCE_KEY} AS substance_key,
       i.unit AS unit, coalesce(i.form, '') AS form, sum(i.amount_nano) AS amount_nano,
       row_number() OVER (PARTITION BY s.id ORDER BY {_SUBSTANCE_KEY}, i.unit,
                          coalesce(i.form, '')) = 1 AS first
FROM seizure AS s JOIN seizure_item AS i ON i.seizure_id = s.id
WHERE s.id BETWEEN ? AND ? AND +s.operation_id = ? AND s.voided_at IS NULL
  AND {{visible}}
GROUP BY s.id, substance_key, i.unit, coalesce(i.form, '')
"""


def rebuild_totals(conn: sqlite3.Connection, operation_id: int) -> None:
    """Recompute an operation's running totals from its reports; call inside a transaction."""
    conn.create_function("ocu_substance_key", 2, _key_sql, deterministic=True)
    first, last = conn.execute(
        "SELECT coalesce(min(id), 0), coalesce(max(id), -1) FROM seizure WHERE operation_id = ?",
        (operation_id,),
    ).fetchone() or (0, -1)
    indexes = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index'"
        " AND tbl_name IN ('seizure_total', 'seizure_dim_total') AND sql IS NOT NULL"
    ).fetchall()
    # Filling the table and then indexing it is twice as fast as keeping the index up to date
    # row by row; the definitions come from the schema so that they cannot drift.
    for name, _ in indexes:
        conn.execute(f'DROP INDEX "{name}"')
    conn.execute("DROP TABLE IF EXISTS temp.ocu_case")
    conn.execute(_PER_REPORT.format(visible=visible("s")), (first, last, operation_id))
    for table, staged, _, _, _ in _TABLES:
        conn.execute(f"DELETE FROM {table} WHERE operation_id = ?", (operation_id,))
        # The finished imports' staged rows are counted from their reports now.
        conn.execute(
            f"DELETE FROM {staged} WHERE operation_id = ? AND import_id IN ({SHOWN})",
            (operation_id,),
        )
    conn.execute(
        "UPDATE import_batch SET staged = 0 WHERE operation_id = ? AND finished_at IS NOT NULL",
        (operation_id,),
    )
    _group_cases(conn, operation_id, "seizure_total", "seizure_dim_total")
    for _, sql in indexes:
        conn.execute(sql)


# The Monday of a day row's ISO week in SQL, as grains.week_of gives it (the next Sunday, or the
# day itself, less six days).
_WEEK = "date(period, 'weekday 0', '-6 days')"


def _group_cases(conn: sqlite3.Connection, operation_id: int, total: str, dim_total: str) -> None:
    """Sum temp.ocu_case into the two tables of totals at every grain; drop ocu_case."""
    # Only the days come from the cases (9 sorts of them, not 35: issue #16); weeks and months
    # are sums of the days' rows, the whole operation of the months' (a report is on one day).
    rest = "substance_key, unit, form, agency_id"
    conn.execute(
        f"INSERT INTO {total} ({_KEY}, amount_nano, cases) SELECT ?, 'd', day, {rest},"
        f" sum(amount_nano), count(*) FROM temp.ocu_case GROUP BY day, {rest}",
        (operation_id,),
    )
    for dim in DIMENSIONS:  # the temp table has a column named after each dimension
        conn.execute(
            f"INSERT INTO {dim_total} ({_DIM_KEY}, amount_nano, cases, reports)"
            f" SELECT ?, ?, 'd', day, {dim}, {rest}, sum(amount_nano), count(*), sum(first)"
            f" FROM temp.ocu_case GROUP BY day, {dim}, {rest}",
            (operation_id, dim),
        )
    conn.execute("DROP TABLE temp.ocu_case")
    derived = (("w", _WEEK, "d"), ("m", "substr(period, 1, 7)", "d"), ("a", "''", "m"))
    for grain, period, source in derived:
        if grain != "w":  # the plain totals keep no weeks
            conn.execute(
                f"INSERT INTO {total} ({_KEY}, amount_nano, cases)"
                f" SELECT operation_id, ?, {period}, {rest}, sum(amount_nano), sum(cases)"
                f" FROM {total} WHERE operation_id = ? AND grain = ? GROUP BY {period}, {rest}",
                (grain, operation_id, source),
            )
        conn.execute(
            f"INSERT INTO {dim_total} ({_DIM_KEY}, amount_nano, cases, reports)"
            f" SELECT operation_id, dim, ?, {period}, dim_value, {rest}, sum(amount_nano),"
            f" sum(cases), sum(reports) FROM {dim_total} WHERE operation_id = ? AND grain = ?"
            f" GROUP BY dim, {period}, dim_value, {rest}",
            (grain, operation_id, source),
        )


def gather_import(
    conn: sqlite3.Connection, operation_id: int, import_id: int, first: int, last: int
) -> None:
    """Count an import's reports (ids first..last) into temp tables, for import_totals.stage_some.

    Only temp tables are written: run it outside a transaction, and the running totals and the
    live bot's writes are left alone while it works.
    """
    conn.create_function("ocu_substance_key", 2, _key_sql, deterministic=True)
    for table in ("ocu_case", "ocu_gathered", "ocu_dim_gathered"):
        conn.execute(f"DROP TABLE IF EXISTS temp.{table}")
    only = f"s.import_id = {int(import_id)}"
    conn.execute(_PER_REPORT.format(visible=only), (first, last, operation_id))
    conn.execute(f"CREATE TEMP TABLE ocu_gathered AS SELECT {_KEY}, amount_nano, cases"
                 " FROM seizure_total LIMIT 0")  # fmt: skip
    conn.execute(f"CREATE TEMP TABLE ocu_dim_gathered AS SELECT {_DIM_KEY}, amount_nano, cases,"
                 " reports FROM seizure_dim_total LIMIT 0")  # fmt: skip
    _group_cases(conn, operation_id, "temp.ocu_gathered", "temp.ocu_dim_gathered")


def report_items(conn: sqlite3.Connection, seizure_id: int) -> list[TotalItem]:
    """A stored report's items as the totals count them."""
    rows = conn.execute(
        "SELECT substance, substance_text, unit, form, amount_nano FROM seizure_item"
        " WHERE seizure_id = ? ORDER BY position",
        (seizure_id,),
    ).fetchall()
    return [TotalItem(substance_key(r[0], r[1]), r[2], r[3], int(r[4])) for r in rows]


def _report_row(conn: sqlite3.Connection, seizure_id: int) -> _Report:
    row = conn.execute(
        "SELECT id, operation_id, day, agency_id, officer_id, location, transport, voided_at,"
        f" {', '.join(DETAIL_VALUES.values())} FROM seizure AS s WHERE id = ?",
        (seizure_id,),
    ).fetchone()
    if row is None:
        raise LookupError(f"no report {seizure_id}")
    r = tuple(row)
    return _Report(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], tuple(str(v) for v in r[8:]))


@dataclass(frozen=True)
class _Report:
    id: int
    operation_id: int
    day: str
    agency_id: int | None
    officer_id: int
    location: str | None
    transport: str | None
    voided_at: str | None
    details: tuple[str, ...]  # DETAIL_VALUES' values, in its order


def count_seizure(conn: sqlite3.Connection, seizure_id: int, sign: int) -> None:
    """Add (+1) or remove (-1) a stored report, as it stands now, in the running totals.

    The one way a report, correction, void, restore or alias moves the totals: it reads the
    report back, so what is counted is what is stored. Plain sqlite3, in a Database.write.
    """
    _count_report(conn, _report_row(conn, seizure_id), sign)


def _count_report(conn: sqlite3.Connection, report: _Report, sign: int) -> None:
    if sign not in (1, -1):
        raise ValueError("sign is +1 (report) or -1 (void)")
    values = {
        "location": report.location or "",
        "transport": report.transport or "",
        "officer": str(report.officer_id),
        **dict(zip(DETAIL_VALUES, report.details, strict=True)),
    }
    cells, dim_cells = _cells(
        report.day, report.agency_id or 0, values, report_items(conn, report.id)
    )
    _add(conn, report.operation_id, cells, dim_cells, sign)
