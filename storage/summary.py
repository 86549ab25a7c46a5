"""The summary's queries: running totals, agencies' activity, the current phase."""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.domain.clock import from_utc_text, utc_text
from bot.domain.summary import (
    REPORT_DIMENSIONS,
    AgencyStatus,
    DateRange,
    Dimension,
    SubstanceTotal,
    Summary,
    SummaryGroup,
    SummaryRefusal,
    SummaryRefused,
    SummaryRequest,
    describe_period,
)
from bot.domain.unit import Operation
from bot.domain.units import from_nano, substance_key, substance_name
from storage import dimensions
from storage.database import Database
from storage.grains import Span, spans
from storage.operations import get_operation
from storage.pending import visible
from storage.phases import phases as active_phases

_DIM_GROUP = "dim_value, substance_key, unit, form"
# Per dimension: the table, the dim its rows live under, the column that splits them, and a
# GROUP BY in the order of that table's key (0011), so that SQLite sums without sorting.
_GROUPING = {
    None: ("seizure_total", "", "''", "substance_key, unit, form"),
    Dimension.AGENCY: ("seizure_total", "", "agency_id", "agency_id, substance_key, unit, form"),
    Dimension.DAY: ("seizure_total", "", "period", "period, substance_key, unit, form"),
    Dimension.LOCATION: ("seizure_dim_total", "location", "dim_value", _DIM_GROUP),
    Dimension.TRANSPORT: ("seizure_dim_total", "transport", "dim_value", _DIM_GROUP),
    Dimension.OFFICER: ("seizure_dim_total", "officer", "dim_value", _DIM_GROUP),
}
# A thousand lines is a file already (beyond three messages the outbox sends one) and more
# than anyone reads in a chat; /export has every row. The cap keeps a breakdown of a long
# operation fast: the scan stops once enough groups are read, and turning rows into amounts
# and text costs far more than reading them (5,000 rows took 100-400 ms under load).
MAX_ROWS = 1000
# How a group is named for people: (dimension, the group's value, stored names) -> words. The
# words are bot.render.summary.group_label's; storage only hands over what it read.
GroupLabel = Callable[[Dimension | None, str, Mapping[str, str]], str]


async def operation(db: Database, *, operation_id: int) -> Operation:
    """The operation, or LookupError."""
    found = await get_operation(db, operation_id=operation_id)
    if found is None:
        raise LookupError(f"no operation {operation_id}")
    return found


async def current_phase(
    db: Database, *, operation_id: int, now: datetime, tz: str
) -> tuple[str, DateRange] | None:
    """The phase running now, with the local dates it spans, or None."""
    at = utc_text(now)
    row = await db.fetchone(
        "SELECT name, starts_at, ends_at FROM phase WHERE operation_id = ? AND removed_at IS NULL"
        " AND starts_at <= ? AND ends_at > ? ORDER BY starts_at DESC LIMIT 1",
        (operation_id, at, at),
    )
    if row is None:
        return None
    zone = ZoneInfo(tz)
    first = from_utc_text(row["starts_at"]).astimezone(zone).date()
    # The end is exclusive: a phase ending at midnight does not take in the next day.
    last = (from_utc_text(row["ends_at"]) - timedelta(seconds=1)).astimezone(zone).date()
    return str(row["name"]), DateRange(first, max(first, last))


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
    rows, _ = await _totals(db, operation_id, dates, dimension, agency_id, substance_key, limit)
    return rows


async def _totals(
    db: Database,
    operation_id: int,
    dates: DateRange,
    dimension: Dimension | None,
    agency_id: int | None,
    substance_key: str | None,
    limit: int | None,
) -> tuple[list[tuple[str, SubstanceTotal]], bool]:
    table, dim, column, group_by = _GROUPING[dimension]
    parts = spans(
        dates,
        months=table == "seizure_total" and dimension is not Dimension.DAY,
        whole=dimension is not Dimension.DAY,
    )
    source, params = _rows_of(table, operation_id, dim, parts, agency_id, substance_key)
    # In one span the key hands groups over in order, so a LIMIT ends the scan early too.
    bound = "" if limit is None else f" LIMIT {int(limit) + 1}"
    # Days newest first, the key read backwards (no sort): a cut keeps the latest days, not an
    # operation's first weeks of years ago.
    order = (
        " ORDER BY " + ", ".join(f"{c.strip()} DESC" for c in group_by.split(","))
        if dimension is Dimension.DAY
        else ""
    )
    try:
        rows = await db.fetchall(
            f"SELECT {column} AS grp, substance_key, unit, form, sum(amount_nano) AS nano,"
            f" sum(cases) AS cases FROM {source} GROUP BY {group_by}{order}{bound}",
            params,
        )
        truncated = False
        if limit is not None and len(rows) > limit:
            # Drop the group the limit cut through, so every group shown is whole.
            truncated, cut = True, rows[limit]["grp"]
            rows = [r for r in rows[:limit] if r["grp"] != cut]
        return [(str(r["grp"]), _total(r, int(r["nano"]))) for r in rows], truncated
    except sqlite3.OperationalError as exc:
        if "overflow" not in str(exc):
            raise
    # SQLite integers stop at 9.2e18 nano-units (9,200 tonnes); Python's do not.
    rows = await db.fetchall(
        f"SELECT {column} AS grp, substance_key, unit, form, amount_nano AS nano, cases"
        f" FROM {source}",
        params,
    )
    sums: dict[tuple[str, str, str, str], list[int]] = defaultdict(lambda: [0, 0])
    for r in rows:
        acc = sums[(str(r["grp"]), r["substance_key"], r["unit"], r["form"])]
        acc[0] += int(r["nano"])
        acc[1] += int(r["cases"])
    totals = [
        (grp, SubstanceTotal(key, unit, form or None, from_nano(nano), cases))
        for (grp, key, unit, form), (nano, cases) in sums.items()
    ]
    return totals, False


def _rows_of(
    table: str,
    operation_id: int,
    dim: str,
    parts: list[Span],
    agency_id: int | None = None,
    substance_key: str | None = None,
) -> tuple[str, list[object]]:
    """A FROM source of the rows of these spans, each a seek on the key (grain, period).

    One span is flattened into the outer query, which keeps the key's order for GROUP BY.
    """
    selects, params = [], []
    for part in parts:
        where = "operation_id = ?" + (" AND dim = ?" if dim else "")
        grain, first, last = part
        # One period is an equality, so the rest of the key (the groups) stays in order.
        where += " AND grain = ? AND " + (
            "period = ?" if first == last else "period BETWEEN ? AND ?"
        )
        params += [operation_id, *([dim] if dim else []), grain, first]
        if first != last:
            params.append(last)
        if agency_id is not None:
            where += " AND agency_id = ?"
            params.append(agency_id)
        if substance_key is not None:
            where += " AND substance_key = ?"
            params.append(substance_key)
        selects.append(f"SELECT * FROM {table} WHERE {where}")
    return f"({' UNION ALL '.join(selects)})", params


def _total(row: sqlite3.Row, nano: int) -> SubstanceTotal:
    return SubstanceTotal(
        substance_key=row["substance_key"],
        unit=row["unit"],
        form=row["form"] or None,
        amount=from_nano(nano),
        cases=int(row["cases"]),
    )


# What the plain GROUP BY groups the reports by, per dimension (the baseline's own columns).
_PLAIN_GROUP = {
    None: "''",
    Dimension.AGENCY: "coalesce(s.agency_id, 0)",
    Dimension.DAY: "s.day",
    Dimension.LOCATION: "coalesce(s.location, '')",
    Dimension.TRANSPORT: "coalesce(s.transport, '')",
    Dimension.OFFICER: "CAST(s.officer_id AS TEXT)",
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


async def agencies(db: Database, *, operation_id: int) -> list[sqlite3.Row]:
    """The operation's agencies (id, code, name, tz), by code."""
    return await db.fetchall(
        "SELECT id, code, name, tz FROM agency WHERE operation_id = ? ORDER BY code",
        (operation_id,),
    )


async def agency_statuses(
    db: Database, *, operation_id: int, dates: DateRange, agency_id: int | None = None
) -> list[AgencyStatus]:
    """Per agency: did it report seizures, how many nil returns, in the period."""
    first, last = dates.bounds()
    source, params = _rows_of(
        "seizure_total", operation_id, "", spans(dates, months=True, whole=True)
    )
    reported = {
        int(r[0]) for r in await db.fetchall(f"SELECT DISTINCT agency_id FROM {source}", params)
    }
    nil = {
        int(r[0] or 0): int(r[1])
        for r in await db.fetchall(
            "SELECT agency_id, count(*) FROM nil_return"
            " WHERE operation_id = ? AND day BETWEEN ? AND ? GROUP BY agency_id",
            (operation_id, first, last),
        )
    }
    return [
        AgencyStatus(a["code"], a["name"], a["id"] in reported, nil.get(a["id"], 0))
        for a in await agencies(db, operation_id=operation_id)
        if agency_id is None or a["id"] == agency_id
    ]


async def officer_labels(db: Database, *, operation_id: int, user_ids: list[int]) -> dict[int, str]:
    """How officers are named in a summary: 'Kim Min-jun (KCS)'."""
    rows = await db.fetchall(
        "SELECT p.user_id, p.full_name, p.username, a.code FROM person AS p"
        " LEFT JOIN membership AS m ON m.user_id = p.user_id AND m.operation_id = ?"
        " LEFT JOIN agency AS a ON a.id = m.agency_id"
        " WHERE p.user_id IN (SELECT value FROM json_each(?))",
        (operation_id, json.dumps(user_ids)),
    )
    labels = {}
    for r in rows:
        name = r["full_name"] or (f"@{r['username']}" if r["username"] else f"user {r['user_id']}")
        labels[int(r["user_id"])] = f"{name} ({r['code']})" if r["code"] else name
    return labels


async def reported_days(db: Database, *, operation_id: int) -> DateRange:
    """The first and last local day with a counted report (seeks on the totals' key)."""
    row = await db.fetchone(
        "SELECT (SELECT min(period) FROM seizure_total WHERE operation_id = ? AND grain = 'd'),"
        " (SELECT max(period) FROM seizure_total WHERE operation_id = ? AND grain = 'd')",
        (operation_id, operation_id),
    )
    if row is None or row[0] is None:
        return DateRange()
    return DateRange(date.fromisoformat(row[0]), date.fromisoformat(row[1]))


async def has_substance(db: Database, *, operation_id: int, key: str) -> bool:
    """Whether any report of the operation counts this substance key."""
    row = await db.fetchone(
        "SELECT 1 FROM seizure_total WHERE operation_id = ? AND grain = 'a' AND period = ''"
        " AND substance_key = ? LIMIT 1",
        (operation_id, key),
    )
    return row is not None


@dataclass(frozen=True)
class Scope:
    """A request resolved against the operation: its dates, agency and headings."""

    operation: Operation
    dates: DateRange
    period_label: str
    agency_id: int | None
    agency_rows: list[sqlite3.Row]
    filters: tuple[str, ...]


async def resolve_scope(
    db: Database, *, operation_id: int, request: SummaryRequest, now: datetime, command: str
) -> Scope:
    """Dates, agency and headings for a request; SummaryRefused for an unknown agency."""
    op = await operation(db, operation_id=operation_id)
    phase = None
    if request.period.kind == "phase":
        phase = await current_phase(db, operation_id=operation_id, now=now, tz=op.tz)
    dates = request.period.resolve(now.astimezone(op.zone).date(), phase[1] if phase else None)
    agency_id, agency_rows = None, await agencies(db, operation_id=operation_id)
    filters: list[str] = []
    if request.substance is not None:
        filters.append(substance_name(request.substance.key))
    if request.agency_code is not None:
        agency_id = next((a["id"] for a in agency_rows if a["code"] == request.agency_code), None)
        if agency_id is None:
            raise SummaryRefused(
                SummaryRefusal.UNKNOWN_AGENCY,
                command=command,
                asked=request.agency_code,
                known=tuple(a["code"] for a in agency_rows),
            )
        filters.append(f"agency {request.agency_code}")
    shown = await reported_days(db, operation_id=operation_id) if dates == DateRange() else dates
    label = describe_period(request.period, shown, phase[0] if phase else None)
    return Scope(op, dates, label, agency_id, agency_rows, tuple(filters))


async def scoped_totals(
    db: Database,
    *,
    scope: Scope,
    request: SummaryRequest,
    dimension: Dimension | None,
    command: str,
    limit: int | None = None,
) -> tuple[list[tuple[str, SubstanceTotal]], bool]:
    """Totals for a resolved request and whether `limit` cut some groups off; SummaryRefused
    for unclassified words never recorded."""
    substance = request.substance
    key = substance.key if substance else None
    rows, truncated = await _totals(
        db, scope.operation.id, scope.dates, dimension, scope.agency_id, key, limit
    )
    if (
        not rows
        and substance is not None
        and substance.unclassified
        and not await has_substance(db, operation_id=scope.operation.id, key=substance.key)
    ):
        raise SummaryRefused(SummaryRefusal.NOT_RECORDED, command=command, asked=substance.typed)
    return rows, truncated


async def load_summary(
    db: Database, *, operation_id: int, request: SummaryRequest, now: datetime, label: GroupLabel
) -> Summary:
    """The summary asked for, its groups named by `label`; SummaryRefused when it names what
    the operation lacks."""
    scope = await resolve_scope(
        db, operation_id=operation_id, request=request, now=now, command="summary"
    )
    counted = await _counted(db, scope, request)
    rows, truncated = counted.rows, counted.truncated
    names = await _group_names(db, operation_id, request.dimension, rows, scope.agency_rows)
    names.update(counted.names)
    labels = {grp: label(request.dimension, grp, names) for grp, _ in rows}
    op = scope.operation
    return Summary(
        operation_code=op.code,
        operation_title=op.title,
        exercise=op.exercise,
        tz=op.tz,
        period_label=scope.period_label,
        request=request,
        groups=_groups(rows, labels, request.dimension, counted.group_cases),
        agencies=tuple(
            await agency_statuses(
                db, operation_id=operation_id, dates=scope.dates, agency_id=scope.agency_id
            )
        ),
        filter_labels=scope.filters,
        truncated=truncated,
        cases=counted.cases,
        linked=counted.linked,
    )


async def _group_names(
    db: Database,
    operation_id: int,
    dimension: Dimension | None,
    rows: list[tuple[str, SubstanceTotal]],
    agency_rows: list[sqlite3.Row],
) -> dict[str, str]:
    """The names stored for the groups' values (agencies, officers); the words are render's."""
    if dimension is Dimension.AGENCY:
        return {str(a["id"]): f"{a['code']} — {a['name']}" for a in agency_rows}
    if dimension is Dimension.OFFICER:
        ids = [int(v) for v in {grp for grp, _ in rows}]
        found = await officer_labels(db, operation_id=operation_id, user_ids=ids)
        return {str(k): v for k, v in found.items()}
    return {}


def _groups(
    rows: list[tuple[str, SubstanceTotal]],
    labels: dict[str, str],
    dimension: Dimension | None,
    cases: dict[str, int] | None = None,
) -> tuple[SummaryGroup, ...]:
    by_group: dict[str, list[SubstanceTotal]] = defaultdict(list)
    for grp, total in rows:
        by_group[grp].append(total)

    def order(value: str) -> tuple[bool, str]:
        # Days and phases run in order; other groups by name, with the 'not given' group last.
        if dimension is Dimension.DAY:
            return (False, value)
        if dimension is Dimension.PHASE:
            return (value == "", value)
        return (value in ("", "0", dimensions.ROUTE_SEPARATOR), labels[value].casefold())

    return tuple(
        SummaryGroup(
            labels[v],
            tuple(sorted(by_group[v], key=SubstanceTotal.sort_key)),
            None if cases is None or not dimension else cases.get(v, 0),
        )
        for v in sorted(by_group, key=order)
    )


@dataclass(frozen=True)
class _Counted:
    """A summary's rows with linked reports counted once, and its case counts."""

    rows: list[tuple[str, SubstanceTotal]]
    truncated: bool
    group_cases: dict[str, int]
    cases: int
    linked: int
    names: dict[str, str]  # what the groups' values stand for, for render to word


async def _counted(db: Database, scope: Scope, request: SummaryRequest) -> _Counted:
    """Rows from the running totals or, for what they do not keep, from the reports."""
    dimension = request.dimension
    relabel: dimensions.Relabel | None = None
    labels: dict[str, str] = {}
    if dimension is Dimension.PHASE:
        relabel, labels = await _phase_of_day(db, scope)
    where = dimensions.Scope(
        scope.operation.id,
        scope.dates,
        scope.agency_id,
        request.substance.key if request.substance else None,
    )
    if dimension in REPORT_DIMENSIONS:
        assert dimension is not None
        rows = await dimensions.report_totals(db, scope=where, dimension=dimension)
        if not rows and request.substance is not None:
            # Unclassified words never recorded are refused as for every other breakdown.
            await scoped_totals(db, scope=scope, request=request, dimension=None, command="summary")
        truncated = False
    else:
        by = Dimension.DAY if dimension is Dimension.PHASE else dimension
        rows, truncated = await scoped_totals(
            db, scope=scope, request=request, dimension=by, command="summary", limit=MAX_ROWS
        )
        if relabel is not None:
            rows = _merged([(relabel(grp), total) for grp, total in rows])
    excess = await dimensions.linked_excess(db, scope=where, dimension=dimension, relabel=relabel)
    rows = dimensions.counted_once(rows, excess)
    group_cases = await dimensions.case_counts(
        db, scope=where, dimension=dimension, relabel=relabel
    )
    for grp, extra in excess.cases.items():
        group_cases[grp] = group_cases.get(grp, 0) - extra
    if dimension is None:
        cases = sum(group_cases.values())
        overall = excess
    else:
        whole = await dimensions.case_counts(db, scope=where, dimension=None)
        overall = await dimensions.linked_excess(db, scope=where, dimension=None)
        cases = sum(whole.values()) - sum(overall.cases.values())
    return _Counted(rows, truncated, group_cases, cases, overall.linked_cases, labels)


def _merged(rows: list[tuple[str, SubstanceTotal]]) -> list[tuple[str, SubstanceTotal]]:
    """Rows of days that fell into one phase, added up."""
    sums: dict[tuple[str, str, str, str], SubstanceTotal] = {}
    for grp, total in rows:
        key = (grp, total.substance_key, total.unit, total.form or "")
        old = sums.get(key)
        sums[key] = (
            total
            if old is None
            else replace(old, amount=old.amount + total.amount, cases=old.cases + total.cases)
        )
    return [(key[0], total) for key, total in sums.items()]


async def _phase_of_day(db: Database, scope: Scope) -> tuple[dimensions.Relabel, dict[str, str]]:
    """Each local day's phase (the latest to start, on a day two phases share), and names."""
    zone = ZoneInfo(scope.operation.tz)
    spans = []
    for index, phase in enumerate(await active_phases(db, operation_id=scope.operation.id)):
        first = phase.starts_at.astimezone(zone).date()
        last = (phase.ends_at - timedelta(seconds=1)).astimezone(zone).date()
        spans.append((f"{index:04d}", first.isoformat(), max(first, last).isoformat(), phase))
    labels: dict[str, str] = {}
    for value, start, end, phase in spans:
        labels[value] = phase.name
        labels[f"{value}:span"] = f"{start} – {end}"

    def relabel(day: str) -> str:
        found = [value for value, start, end, _ in spans if start <= day <= end]
        return found[-1] if found else ""

    return relabel, labels
