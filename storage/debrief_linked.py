"""The debriefing pack's linked cases: counted once, as /summary counts them.

Within any group of a breakdown (and in the whole operation's totals) a case made by /link is one
case, and its amount of each substance is its largest report's, never the sum; reports of one
case in different groups keep their part in each (storage.dimensions does the same for
/summary). The pack reads its figures as every report counts, then takes off what the linked
reports would add twice: `Excess` per group. Linked reports are few (a coordinator links
them), so they are read one row per item.
"""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any

from bot.domain.debrief import Amount, LinkedCase, LinkedReport
from bot.domain.units import substance_key
from storage.debrief_checks import LIVE
from storage.totals import DETAIL_VALUES

Key = tuple[str, str, str]  # substance key, unit, form ('' when none)
# The report's columns the breakdowns group by, in the order read below.
COLUMNS = ("transport", "concealment", "detection", "location", "origin", "destination")
# What each breakdown groups by: the column, and concealment as /summary groups it ('Suitcase'
# and ' suitcase' are one); NULL stays 'not stated'.
GROUPED = {column: f"s.{column}" for column in COLUMNS} | {
    "concealment": f"nullif({DETAIL_VALUES['concealment']}, '')"
}
SELECTED = ", ".join(GROUPED[column] for column in COLUMNS)


@dataclass(frozen=True)
class LinkedRow:
    """A live report of a linked case, with what the breakdowns group it by."""

    case: int
    number: int
    day: str
    agency_id: int  # 0: no administration
    columns: dict[str, str | None]
    amounts: dict[Key, int]  # nano-units per substance, unit and form


@dataclass
class Excess:
    """What the linked reports of each group add beyond their cases."""

    cases: Counter[Any] = field(default_factory=Counter)
    amounts: dict[Any, Counter[Key]] = field(default_factory=lambda: defaultdict(Counter))
    key_cases: Counter[tuple[Any, Key]] = field(default_factory=Counter)


def read_linked(conn: sqlite3.Connection, op_id: int) -> list[LinkedRow]:
    """The live reports of every linked case (a case with one live report counts as any)."""
    reports: dict[int, LinkedRow] = {}
    for row in conn.execute(
        f"SELECT c.case_id, s.id, s.number, s.day, coalesce(s.agency_id, 0), {SELECTED},"
        " i.substance, i.substance_text, i.unit, coalesce(i.form, ''), i.amount_nano"
        " FROM seizure_case AS c JOIN seizure AS s ON s.id = c.seizure_id"
        f" JOIN seizure_item AS i ON i.seizure_id = s.id WHERE c.operation_id = ? AND {LIVE}"
        " ORDER BY c.case_id, s.number, i.position",
        (op_id, op_id),
    ):
        case, sid, number, day, agency_id = row[:5]
        values = row[5 : 5 + len(COLUMNS)]
        substance, words, unit, form, nano = row[5 + len(COLUMNS) :]
        report = reports.get(int(sid))
        if report is None:
            report = reports[int(sid)] = LinkedRow(
                int(case), int(number), str(day), int(agency_id),
                dict(zip(COLUMNS, values, strict=True)), {},
            )  # fmt: skip
        key = (substance_key(substance, words), str(unit), str(form))
        report.amounts[key] = report.amounts.get(key, 0) + int(nano)
    return list(reports.values())


def excess_by(rows: Iterable[LinkedRow], group: Callable[[LinkedRow], Hashable]) -> Excess:
    """Per group: the reports beyond one per case, the amounts beyond each case's largest."""
    members: dict[tuple[int, Hashable], set[int]] = defaultdict(set)
    parts: dict[tuple[int, Hashable, Key], list[int]] = defaultdict(list)
    for row in rows:
        value = group(row)
        members[(row.case, value)].add(row.number)
        for key, nano in row.amounts.items():
            parts[(row.case, value, key)].append(nano)
    excess = Excess()
    for (_, value), numbers in members.items():
        if len(numbers) > 1:
            excess.cases[value] += len(numbers) - 1
    for (_, value, key), amounts in parts.items():
        if len(amounts) > 1:
            excess.amounts[value][key] += sum(amounts) - max(amounts)
            excess.key_cases[(value, key)] += len(amounts) - 1
    return excess


def take_off(cases: Counter[Any], amounts: dict[Any, Counter[Key]], excess: Excess) -> None:
    """Count each linked case once in a breakdown's case counts and amounts (in place)."""
    for value, extra in excess.cases.items():
        cases[value] -= extra
    for value, extras in excess.amounts.items():
        amounts[value].subtract(extras)


def linked_cases(
    rows: Iterable[LinkedRow], agencies: dict[int, tuple[str, str]]
) -> tuple[LinkedCase, ...]:
    """The cases /link made, their live reports and each substance's amount counted once."""
    members: dict[int, list[LinkedRow]] = defaultdict(list)
    for row in rows:
        members[row.case].append(row)
    cases = []
    for reports in members.values():
        if len(reports) < 2:
            continue
        largest: dict[Key, int] = {}
        for report in reports:
            for key, nano in report.amounts.items():
                largest[key] = max(largest.get(key, 0), nano)
        cases.append(
            LinkedCase(
                number=min(r.number for r in reports),
                reports=tuple(
                    LinkedReport(
                        r.number,
                        agencies[r.agency_id][0] if r.agency_id in agencies else None,
                        tuple(Amount(*key, nano) for key, nano in sorted(r.amounts.items())),
                    )
                    for r in sorted(reports, key=lambda r: r.number)
                ),
                counted=tuple(Amount(*key, nano) for key, nano in sorted(largest.items())),
            )
        )
    return tuple(sorted(cases, key=lambda c: c.number))
