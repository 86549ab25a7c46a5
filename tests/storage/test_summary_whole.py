"""A summary's whole count (its cases, linked cases and their reports) is the same whatever it
is broken down by, cut at MAX_ROWS or not: the groups of an answer not cut give it without a
second read of the reports (storage.summary._counted)."""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import storage.summary
from bot.domain.cases import LinkRefused
from bot.domain.summary import Dimension, Period, SummaryRequest
from bot.render.summary import group_label
from storage.cases import link_reports
from storage.database import Database
from storage.operations import get_operation
from storage.summary import load_summary
from tests.examples import examples
from tests.storage.seed import NOW, Seed
from tests.storage.test_summary_details import actions, edges

BREAKDOWNS = (
    Dimension.DAY,
    Dimension.AGENCY,
    Dimension.PHASE,
    Dimension.LOCATION,
    Dimension.OFFICER,
    Dimension.ORIGIN,
    Dimension.ROUTE,
)


async def _distinct_cases(db: Database, operation_id: int, first: str, last: str, agency) -> int:
    """The counted reports in scope, a linked case once: worked out without the totals."""
    row = await db.fetchone(
        "SELECT count(DISTINCT coalesce(c.case_id, -s.id)) FROM seizure s"
        " LEFT JOIN seizure_case c ON c.seizure_id = s.id"
        " WHERE s.operation_id = ? AND s.voided_at IS NULL AND s.day BETWEEN ? AND ?"
        " AND (? IS NULL OR s.agency_id = ?)",
        (operation_id, first, last, agency, agency),
    )
    assert row is not None
    return int(row[0])


async def _play(path: Path, script: list, ranges: list) -> None:
    db = await Database.open(path)
    seed = await Seed.create(db)
    agency_ids = [await seed.agency("KCS", "Korea"), await seed.agency("TCD", "Thailand")]
    await seed.phase("strike", "2026-10-30T00:00:00+00:00", "2026-11-10T00:00:00+00:00")
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
            numbers = []
            for i in ids:
                row = await db.fetchone("SELECT number FROM seizure WHERE id = ?", (i,))
                assert row is not None
                numbers.append(int(row[0]))
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
                pass
    for first, last in ranges:
        if first is not None and last is not None and first > last:
            first, last = last, first
        period = Period("range", first, last) if first or last else Period("all")
        bounds = period.resolve(NOW.date(), None).bounds()
        for agency in (None, agency_ids[0]):
            code = None if agency is None else "KCS"
            whole = await load_summary(
                db,
                operation_id=seed.operation_id,
                request=SummaryRequest(period=period, agency_code=code),
                now=NOW,
                label=group_label,
            )
            expected = await _distinct_cases(db, seed.operation_id, *bounds, agency)
            assert whole.cases == expected
            for dimension in BREAKDOWNS:
                request = SummaryRequest(period=period, dimension=dimension, agency_code=code)
                summary = await load_summary(
                    db, operation_id=seed.operation_id, request=request, now=NOW, label=group_label
                )
                got = (summary.cases, summary.linked, summary.linked_reports)
                assert got == (whole.cases, whole.linked, whole.linked_reports), dimension
    await db.close()


@pytest.mark.parametrize("max_rows", [1000, 2])
@settings(max_examples=examples(25), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(script=actions, ranges=st.lists(st.tuples(edges, edges), min_size=1, max_size=2))
def test_the_whole_count_is_the_same_for_every_breakdown_cut_or_not(max_rows, script, ranges):
    with pytest.MonkeyPatch.context() as patch, tempfile.TemporaryDirectory() as folder:
        patch.setattr(storage.summary, "MAX_ROWS", max_rows)
        asyncio.run(_play(Path(folder) / "ocu.sqlite3", script, ranges))
