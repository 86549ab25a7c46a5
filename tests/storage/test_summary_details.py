"""A summary by a report's detail, from the running totals, equals a recount of the reports,
for any dates, voids, edits and linked cases (each case once, at its largest report's amount).
"""

from __future__ import annotations

import asyncio
import tempfile
from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.domain.cases import LinkRefused
from bot.domain.summary import DateRange, Dimension, Period, SummaryRequest
from bot.domain.units import substance_key
from bot.render.summary import group_label
from storage.cases import link_reports
from storage.database import Database
from storage.operations import get_operation
from storage.summary import load_summary
from tests.examples import examples
from tests.storage.seed import NOW, Seed
from tests.storage.test_totals import dim_values, items

FIRST = date(2026, 10, 27)
DAYS = 40
DETAILS = (
    Dimension.ORIGIN,
    Dimension.DESTINATION,
    Dimension.ROUTE,
    Dimension.CONCEALMENT,
    Dimension.DETECTION,
)
reports = st.fixed_dictionaries(
    {
        "items": st.lists(items, min_size=1, max_size=3),
        "agency": st.sampled_from([None, 0, 1]),
        "day": st.integers(0, DAYS - 1).map(lambda n: (FIRST + timedelta(days=n)).isoformat()),
        "origin": st.sampled_from([None, "Bangkok", "Seoul"]),
        "destination": st.sampled_from([None, "Seoul"]),
        "concealment": st.sampled_from([None, "Suitcase", "suitcase ", "false bottom"]),
        "detection": st.sampled_from([None, "x-ray", "dog"]),
    }
)
actions = st.lists(
    st.one_of(
        st.tuples(st.just("report"), reports),
        st.tuples(st.just("report"), reports),
        st.tuples(st.just("void"), st.integers(0, 30)),
        st.tuples(st.just("edit"), st.integers(0, 30), st.lists(items, min_size=1, max_size=3)),
        st.tuples(st.just("link"), st.integers(0, 30), st.integers(0, 30)),
    ),
    min_size=1,
    max_size=20,
)
edges = st.one_of(st.none(), st.integers(-3, DAYS + 3).map(lambda n: FIRST + timedelta(days=n)))


async def _recount(
    db: Database, operation_id: int, dates: DateRange, dimension: Dimension, agency: int | None
):
    """label -> (cases, {(key, unit, form): (amount, cases)}), worked out in Python."""
    first, last = dates.bounds()
    rows = await db.fetchall(
        "SELECT s.id, coalesce(c.case_id, s.id) AS case_id, s.day, s.agency_id, s.officer_id,"
        " s.location, s.transport, s.origin, s.destination, s.concealment, s.detection,"
        " i.substance, i.substance_text, i.unit, i.form, i.amount"
        " FROM seizure s JOIN seizure_item i ON i.seizure_id = s.id"
        " LEFT JOIN seizure_case c ON c.seizure_id = s.id"
        " WHERE s.operation_id = ? AND s.voided_at IS NULL AND s.day BETWEEN ? AND ?"
        " AND (? IS NULL OR s.agency_id = ?)",
        (operation_id, first, last, agency, agency),
    )
    # group -> substance -> case -> report -> amount
    found: dict = defaultdict(lambda: defaultdict(lambda: defaultdict(lambda: defaultdict(int))))
    group_cases: dict[str, set[int]] = defaultdict(set)
    for r in rows:
        value = dim_values(r)[dimension.value]
        sub = (substance_key(r["substance"], r["substance_text"]), r["unit"], r["form"] or "")
        found[value][sub][r["case_id"]][r["id"]] += Decimal(r["amount"])
        group_cases[value].add(r["case_id"])
    return {
        group_label(dimension, value, {}): (
            len(group_cases[value]),
            {
                sub: (sum(max(per.values()) for per in cases.values()), len(cases))
                for sub, cases in subs.items()
            },
        )
        for value, subs in found.items()
    }


async def act(db: Database, seed: Seed, script: list) -> list[int]:
    """Play a script of reports, voids, edits and links into the seed's operation (two agencies,
    KCS and TCD); the agencies' ids."""
    agency_ids = [await seed.agency("KCS", "Korea"), await seed.agency("TCD", "Thailand")]
    operation = await get_operation(db, operation_id=seed.operation_id)
    assert operation is not None
    made: list[int] = []
    for action in script:
        if action[0] == "report":
            r = action[1]
            agency = None if r["agency"] is None else agency_ids[r["agency"]]
            fields = {k: r[k] for k in ("origin", "destination", "concealment", "detection")}
            made.append(
                await seed.report(*r["items"], officer=501, agency=agency, day=r["day"], **fields)
            )
        elif action[0] == "void" and made:
            sid = made[action[1] % len(made)]
            row = await db.fetchone("SELECT voided_at FROM seizure WHERE id = ?", (sid,))
            if row is not None and row[0] is None:
                await seed.void(sid)
        elif action[0] == "edit" and made:
            sid = made[action[1] % len(made)]
            row = await db.fetchone("SELECT voided_at FROM seizure WHERE id = ?", (sid,))
            if row is not None and row[0] is None:
                await seed.edit(sid, *action[2])
        elif action[0] == "link" and made:
            ids = (made[action[1] % len(made)], made[action[2] % len(made)])
            numbers = [
                int((await db.fetchone("SELECT number FROM seizure WHERE id = ?", (i,)))[0])
                for i in ids
            ]
            try:
                await link_reports(
                    db,
                    operation=operation,
                    numbers=(numbers[0], numbers[1]),
                    update_id=None,
                    actor_id=1,
                    now=NOW,
                )
            except LinkRefused:
                pass  # the same report, or a voided one
    return agency_ids


async def _play(path: Path, script: list, ranges: list) -> None:
    db = await Database.open(path)
    seed = await Seed.create(db)
    agency_ids = await act(db, seed, script)
    for first, last in ranges:
        if first is not None and last is not None and first > last:
            first, last = last, first
        period = Period("range", first, last) if first or last else Period("all")
        dates = period.resolve(NOW.date(), None)
        for dimension in DETAILS:
            for agency in (None, agency_ids[0]):
                code = None if agency is None else "KCS"
                request = SummaryRequest(period=period, dimension=dimension, agency_code=code)
                summary = await load_summary(
                    db, operation_id=seed.operation_id, request=request, now=NOW, label=group_label
                )
                got = {
                    g.label: (
                        g.cases,
                        {(t.substance_key, t.unit, t.form or ""): (t.amount, t.cases)
                         for t in g.totals},
                    )
                    for g in summary.groups
                }  # fmt: skip
                expected = await _recount(db, seed.operation_id, dates, dimension, agency)
                assert got == expected, (dates, dimension, agency)
    await db.close()


@settings(max_examples=examples(30), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(script=actions, ranges=st.lists(st.tuples(edges, edges), min_size=1, max_size=3))
def test_a_summary_by_each_detail_equals_a_recount_with_links_voids_and_edits(script, ranges):
    with tempfile.TemporaryDirectory() as folder:
        asyncio.run(_play(Path(folder) / "ocu.sqlite3", script, ranges))
