"""The rows of the running totals that add up to some spans, as one FROM source: each span a
seek on the key (grain, period), added or taken off, with a finished import's staged rows."""

from __future__ import annotations

import json
from collections.abc import Collection
from datetime import date, timedelta

from storage.grains import Signed

# The staged totals of an import (0020), with the running table's columns in its order.
_STAGED = {"seizure_total": "import_total", "seizure_dim_total": "import_dim_total"}
_COLUMNS = {
    "seizure_total": "operation_id, grain, period, substance_key, unit, form, agency_id,"
    " amount_nano, cases",
    "seizure_dim_total": "operation_id, dim, grain, period, dim_value, substance_key, unit, form,"
    " agency_id, amount_nano, cases, reports",
}
# The plain totals' groups, in the order of their key after the period.
PLAIN_GROUP = "substance_key, unit, form"
# A span's periods listed one by one (a seek each) only up to this many: an open end, or years
# of days, stay a range.
_LISTED = 100


def _negated(columns: str) -> str:
    """The column list with the counts taken off: the rows of a span subtracted."""
    for name in ("amount_nano", "cases", "reports"):
        columns = columns.replace(f" {name}", f" -{name} AS {name}")
    return columns


def _periods(grain: str, first: str, last: str) -> list[str] | None:
    """Every period of a span, or None when it is open or long (read as a range)."""
    try:
        if grain == "m":
            start, end = date.fromisoformat(f"{first}-01"), date.fromisoformat(f"{last}-01")
            months = (end.year - start.year) * 12 + end.month - start.month + 1
            if not 0 < months <= _LISTED:
                return None
            at = start.year * 12 + start.month - 1
            return [f"{(at + n) // 12:04d}-{(at + n) % 12 + 1:02d}" for n in range(months)]
        start, end = date.fromisoformat(first), date.fromisoformat(last)
    except ValueError:  # '0000-00-00'..'9999-99-99': open dates
        return None
    step = 7 if grain == "w" else 1
    count = (end - start).days // step + 1
    if grain not in ("d", "w") or not 0 < count <= _LISTED:
        return None
    return [(start + timedelta(days=step * n)).isoformat() for n in range(count)]


def rows_of(
    table: str,
    operation_id: int,
    dim: str,
    parts: list[Signed],
    agency_id: int | None = None,
    substance_key: str | None = None,
    *,
    staged: str = "",
    only: Collection[str] | None = None,
    upto: str | None = None,
    form: str | None = None,
    after: str | None = None,
    grouped: str | None = None,
) -> tuple[str, list[object]]:
    """A FROM source of the rows of these spans, each a seek on the key (grain, period).

    One span is flattened into the outer query, which keeps the key's order for GROUP BY.
    `staged`: finished imports whose totals still wait beside the running ones (their ids, or
    pending.SHOWN); their rows of the same spans are read too (storage/import_totals.py).
    `grouped`: columns each span's rows are summed by before they are put together (the outer
    query groups by these or fewer), so that the whole rows of every span do not pass through
    one sort: a range of 47 days less 13 read in 5.5 ms, not 13-18, at 1,000,000 reports.
    """
    selects: list[str] = []
    params: list[object] = []
    listed = after is not None or upto is not None or only is not None
    if grouped is not None and table == "seizure_dim_total" and not listed:
        parts = _each_period(parts)
    # One span: read in the key's order, no sort; but a range of the plain totals' periods is
    # summed a period at a time first (below).
    ranged = any(first != last for _, (_, first, last) in parts)
    summed = grouped if len(parts) > 1 or (ranged and _by_period(table, grouped)) else None
    # Windows of the breakdown's values: each period a seek to them, where a range of periods
    # read every value of every period (52,000 rows for the 5,500 of a 47-day range's window).
    for sign, (grain, first, last) in parts:
        start = len(params)
        where = "operation_id = ?" + (" AND dim = ?" if dim else "")
        periods = _periods(grain, first, last) if listed and first != last else None
        params += [operation_id, *([dim] if dim else []), grain]
        # One period is an equality, so the rest of the key (the groups) stays in order.
        if first == last:
            where += " AND grain = ? AND period = ?"
            params.append(first)
        elif periods is not None:
            where += " AND grain = ? AND period IN (SELECT value FROM json_each(?))"
            params.append(json.dumps(periods))
        else:
            where += " AND grain = ? AND period BETWEEN ? AND ?"
            params += [first, last]
        if agency_id is not None:
            where += " AND agency_id = ?"
            params.append(agency_id)
        if substance_key is not None:
            where += " AND substance_key = ?"
            params.append(substance_key)
            if form is not None:  # the next column of the key: still a seek
                where += " AND form = ?"
                params.append(form)
        if only is not None:
            # A seek per value on the key (… period, dim_value …) for one period.
            where += " AND dim_value IN (SELECT value FROM json_each(?))"
            params.append(json.dumps(sorted(only)))
        if after is not None:
            where += " AND dim_value > ?"
            params.append(after)
        if upto is not None:
            where += " AND dim_value <= ?"
            params.append(upto)
        sources = [(table, where)]
        if staged:
            sources.append((_STAGED[table], f"{where} AND import_id IN ({staged})"))
        for n, (source, condition) in enumerate(sources):
            if n:
                params += params[start:]
            selects.append(_select(table, source, condition, sign, summed, first != last))
    return f"({' UNION ALL '.join(selects)})", params


def _each_period(parts: list[Signed]) -> list[Signed]:
    """A breakdown's spans a period each, where they can be listed: one period is an equality on
    the key, whose rows come in the order of its groups (agency last), so each is summed as it
    is read; a range of periods was sorted whole first. The sort of 82,000 rows of six weeks
    and five days by transport was half of the 70 ms of CPU at 1,000,000 reports."""
    found: list[Signed] = []
    for sign, (grain, first, last) in parts:
        periods = _periods(grain, first, last) if first != last else None
        if periods is None:
            found.append((sign, (grain, first, last)))
        else:
            found += [(sign, (grain, period, period)) for period in periods]
    return found


def _by_period(table: str, grouped: str | None) -> bool:
    """Whether a range's rows are summed a period at a time, then across the periods: the plain
    totals by substance, whose key runs period, substance, unit, form, agency. Each period's
    agencies (a dozen rows a substance) are summed in the key's order, without a sort, and only
    those sums sorted: 2.9 ms, not 4.4, for 9 days of 1,000,000 reports."""
    return table == "seizure_total" and grouped == PLAIN_GROUP


def _select(
    table: str, source: str, where: str, sign: int, grouped: str | None, ranged: bool = False
) -> str:
    if grouped is None:
        columns = _COLUMNS[table] if sign > 0 else _negated(_COLUMNS[table])
        if source == table and sign > 0:
            columns = "*"
        return f"SELECT {columns} FROM {source} WHERE {where}"
    minus = "" if sign > 0 else "-"
    reports = "sum(reports)" if table == "seizure_dim_total" else "0"
    if ranged and _by_period(table, grouped):
        source = (
            f"(SELECT period, {grouped}, sum(amount_nano) AS amount_nano, sum(cases) AS cases"
            f" FROM {source} WHERE {where} GROUP BY period, {grouped})"
        )
        where = "1"
    return (
        f"SELECT {grouped}, {minus}sum(amount_nano) AS amount_nano, {minus}sum(cases) AS cases,"
        f" {minus}{reports} AS reports FROM {source} WHERE {where} GROUP BY {grouped}"
    )
