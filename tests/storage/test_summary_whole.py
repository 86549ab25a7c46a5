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
from bot.domain.summary import Dimension, Period, SummaryRequest
from bot.render.summary import group_label
from storage.database import Database
from storage.summary import load_summary
from tests.examples import examples
from tests.storage.seed import NOW, Seed
from tests.storage.test_summary_details import act, actions, edges

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
    await seed.phase("strike", "2026-10-30T00:00:00+00:00", "2026-11-10T00:00:00+00:00")
    agency_ids = await act(db, seed, script)
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
