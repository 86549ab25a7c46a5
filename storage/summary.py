"""The summary: a request resolved to its scope, its totals counted once and grouped, named."""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.domain.clock import from_utc_text, utc_text
from bot.domain.summary import (
    DateRange,
    Dimension,
    Heading,
    SubstanceTotal,
    Summary,
    SummaryGroup,
    SummaryRefusal,
    SummaryRefused,
    SummaryRequest,
)
from bot.domain.unit import Operation
from storage import dimensions, place_groups
from storage.agency_status import agencies, agency_statuses
from storage.database import Database
from storage.operations import get_operation
from storage.summary_phases import Segment, phase_of_day, phase_reports, phase_totals
from storage.totals_query import _totals, has_substance, reported_days

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
    return str(row["name"]), _local_span(row, ZoneInfo(tz))


async def named_phase(
    db: Database, *, operation_id: int, name: str, tz: str, command: str = "summary"
) -> tuple[str, DateRange]:
    """A phase by name (any case), with the local dates it spans; SummaryRefused if none."""
    rows = await db.fetchall(
        "SELECT name, starts_at, ends_at FROM phase WHERE operation_id = ? AND removed_at IS NULL"
        " ORDER BY starts_at",
        (operation_id,),
    )
    row = next((r for r in rows if str(r["name"]).casefold() == name.casefold()), None)
    if row is None:  # removed since the words were read
        known = tuple(str(r["name"]) for r in rows)
        raise SummaryRefused(SummaryRefusal.UNKNOWN_PHASE, command=command, asked=name, known=known)
    return str(row["name"]), _local_span(row, ZoneInfo(tz))


def _local_span(row: sqlite3.Row, zone: ZoneInfo) -> DateRange:
    first = from_utc_text(row["starts_at"]).astimezone(zone).date()
    # The end is exclusive: a phase ending at midnight does not take in the next day.
    last = (from_utc_text(row["ends_at"]) - timedelta(seconds=1)).astimezone(zone).date()
    return DateRange(first, max(first, last))


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


@dataclass(frozen=True)
class Scope:
    """A request resolved against the operation: its dates, agency and what it covers."""

    operation: Operation
    dates: DateRange
    heading: Heading
    agency_id: int | None
    agency_rows: list[sqlite3.Row]


async def resolve_scope(
    db: Database, *, operation_id: int, request: SummaryRequest, now: datetime, command: str
) -> Scope:
    """Dates, agency and what it covers for a request; SummaryRefused for an unknown agency."""
    op = await operation(db, operation_id=operation_id)
    phase = None
    if request.period.kind == "phase" and request.period.name is not None:
        phase = await named_phase(
            db, operation_id=operation_id, name=request.period.name, tz=op.tz, command=command
        )
    elif request.period.kind == "phase":
        phase = await current_phase(db, operation_id=operation_id, now=now, tz=op.tz)
    dates = request.period.resolve(now.astimezone(op.zone).date(), phase[1] if phase else None)
    agency_id, agency_rows = None, await agencies(db, operation_id=operation_id)
    if request.agency_code is not None:
        agency_id = next((a["id"] for a in agency_rows if a["code"] == request.agency_code), None)
        if agency_id is None:
            raise SummaryRefused(
                SummaryRefusal.UNKNOWN_AGENCY,
                command=command,
                asked=request.agency_code,
                known=tuple(a["code"] for a in agency_rows),
            )
    shown = dates  # the whole operation: from its beginning, or an earlier report
    if dates == DateRange():
        shown = await reported_days(db, operation_id=operation_id)
        if shown.first is not None and shown.last is not None and op.began is not None:
            # Reports all dated before it began still span to its first day (not '2026-11-18').
            shown = DateRange(min(op.began, shown.first), max(op.began, shown.last))
    heading = Heading(
        request.period,
        shown,
        phase[0] if phase else None,
        request.substance.key if request.substance else None,
        request.agency_code,
        request.substance.form if request.substance else None,
    )
    return Scope(op, dates, heading, agency_id, agency_rows)


async def scoped_totals(
    db: Database,
    *,
    scope: Scope,
    request: SummaryRequest,
    dimension: Dimension | None,
    command: str,
    limit: int | None = None,
) -> tuple[list[tuple[str, SubstanceTotal]], bool, dict[str, int] | None]:
    """Totals for a resolved request, whether `limit` cut some groups off and, where the rows
    keep them, each group's counted reports; SummaryRefused for unclassified words never
    recorded."""
    substance = request.substance
    key = substance.key if substance else None
    form = substance.form if substance else None
    rows, truncated, reports = await _totals(
        db, scope.operation.id, scope.dates, dimension, scope.agency_id, key, limit, form
    )
    await _recorded(db, scope, request, rows, command)
    return rows, truncated, reports


async def _recorded(
    db: Database,
    scope: Scope,
    request: SummaryRequest,
    rows: list[tuple[str, SubstanceTotal]],
    command: str = "summary",
) -> None:
    """SummaryRefused when no rows answer unclassified words that no report ever had."""
    substance = request.substance
    if (
        not rows
        and substance is not None
        and substance.unclassified
        and not await has_substance(db, operation_id=scope.operation.id, key=substance.key)
    ):
        raise SummaryRefused(SummaryRefusal.NOT_RECORDED, command=command, asked=substance.typed)


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
    # Each group named once, not once per row (a day's name is two Babel calls in Korean, Thai).
    labels = {
        grp: label(request.dimension, grp, names) for grp in dict.fromkeys(g for g, _ in rows)
    }
    op = scope.operation
    today = now.astimezone(op.zone).date()
    dates = scope.dates
    upcoming = dates.first is not None and dates.first > today
    began = None if rows else await _began_after(db, op, dates)
    so_far = dates
    if dates.last is not None and dates.last > today:
        so_far = DateRange(dates.first, today)
    return Summary(
        operation_code=op.code,
        operation_title=op.title,
        exercise=op.exercise,
        tz=op.tz,
        heading=scope.heading,
        request=request,
        groups=_groups(rows, labels, request.dimension, counted.group_cases),
        # Silence is counted up to today: the days to come are nobody's silence yet.
        agencies=()
        if upcoming or began
        else tuple(
            await agency_statuses(
                db, operation_id=operation_id, dates=so_far, agency_id=scope.agency_id
            )
        ),
        truncated=truncated,
        cases=counted.cases,
        linked=counted.linked,
        linked_reports=counted.linked_reports,
        upcoming=upcoming,
        began=began,
        counted_to=None if upcoming or so_far is dates else today,
    )


async def _began_after(db: Database, op: Operation, dates: DateRange) -> date | None:
    """The day it began as every answer says it, if the period ends before its first day."""
    if dates.last is None:
        return None
    reported = (await reported_days(db, operation_id=op.id)).first
    first = min((d for d in (op.began, reported) if d is not None), default=None)
    return (op.began or first) if first is not None and dates.last < first else None


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

    # Each substance line's place worked out once: a breakdown's groups share most substances.
    one = {(t.substance_key, t.unit, t.form): t for _, t in rows}
    places = {at: t.sort_key() for at, t in one.items()}

    return tuple(
        SummaryGroup(
            labels[v],
            tuple(sorted(by_group[v], key=lambda t: places[(t.substance_key, t.unit, t.form)])),
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
    linked_reports: int
    names: dict[str, str]  # what the groups' values stand for, for render to word


async def _counted(db: Database, scope: Scope, request: SummaryRequest) -> _Counted:
    """Rows from the running totals or, for what they do not keep, from the reports."""
    dimension = request.dimension
    relabel: dimensions.Relabel | None = None
    labels: dict[str, str] = {}
    segments: list[Segment] = []
    whole: dict[str, int] | None = None  # the scope's counted reports, when read
    if dimension is Dimension.PHASE:
        relabel, labels, segments = await phase_of_day(
            db, operation_id=scope.operation.id, tz=scope.operation.tz, dates=scope.dates
        )
    where = dimensions.Scope(
        scope.operation.id,
        scope.dates,
        scope.agency_id,
        request.substance.key if request.substance else None,
        request.substance.form if request.substance else None,
    )
    if dimension is Dimension.PHASE:
        # Each phase's dates as a range: reading every day and renaming it read the whole
        # operation's days (or, cut at MAX_ROWS, only its last few).
        rows = await phase_totals(
            db,
            scope=where,
            segments=segments,
            reported=await reported_days(db, operation_id=scope.operation.id)
            if scope.dates.first is None or scope.dates.last is None
            else None,
        )
        truncated, reports = False, None
        if where.substance_key is None:
            whole = await dimensions.case_counts(db, scope=where, dimension=None)
            reports = await phase_reports(
                db, scope=where, segments=segments, total=sum(whole.values())
            )
        await _recorded(db, scope, request, rows)
    else:
        rows, truncated, reports = await scoped_totals(
            db, scope=scope, request=request, dimension=dimension, command="summary",
            limit=MAX_ROWS,
        )  # fmt: skip
        if dimension is Dimension.LOCATION:  # one place, one name
            rows, truncated, reports, relabel = await place_groups.named(
                db, where, rows, truncated, reports
            )
    # The linked cases read once for the groups and the whole answer.
    excess, overall = await dimensions.linked_excesses(
        db, scope=where, dimension=dimension, relabel=relabel
    )
    rows = dimensions.counted_once(rows, excess)
    # The totals' rows keep the reports of a location, a transport...: a second read of them
    # (case_counts) cost 10-20 ms of CPU at 1,000,000 reports.
    group_cases = (
        reports
        if reports is not None
        else await dimensions.case_counts(
            db,
            scope=where,
            dimension=dimension,
            relabel=relabel,
            only={grp for grp, _ in rows} if truncated else None,
        )
    )
    # Every counted report is in one group: the groups of an answer not cut (by agency, cut or
    # not: every agency's count is read) add up to the scope's reports, which a second read
    # over a long operation's days cost 4-7 ms of CPU.
    complete = not truncated or dimension is Dimension.AGENCY
    counted = sum(group_cases.values()) if complete else None
    for grp, extra in excess.cases.items():
        group_cases[grp] = group_cases.get(grp, 0) - extra
    if dimension is None:
        cases = sum(group_cases.values())
    else:
        if whole is None and counted is None:
            whole = await dimensions.case_counts(db, scope=where, dimension=None)
        if whole is not None:
            counted = sum(whole.values())
        assert counted is not None
        cases = counted - sum(overall.cases.values())
    # Each linked case's reports beyond its first, and the cases: the reports they hold.
    linked_reports = sum(overall.cases.values()) + overall.linked_cases
    return _Counted(
        rows, truncated, group_cases, cases, overall.linked_cases, linked_reports, labels
    )
