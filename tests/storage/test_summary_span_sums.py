"""A range read as several spans, each summed apart before they are put together, and a cut
breakdown's windows read period by period: the answer equals a recount of the reports."""

from __future__ import annotations

import asyncio
import tempfile
from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import storage.summary
from bot.domain.summary import DateRange, Dimension, Period, SummaryRequest
from bot.domain.units import substance_key
from bot.render.summary import group_label
from storage.database import Database
from storage.summary import load_summary
from storage.totals_source import _periods
from tests.examples import examples
from tests.storage.seed import NOW, Item, Seed, meth
from tests.storage.test_summary_details import _recount, act, actions, edges


def test_a_spans_periods_are_listed_one_by_one_unless_open_or_long():
    assert _periods("w", "2026-10-26", "2026-11-09") == ["2026-10-26", "2026-11-02", "2026-11-09"]
    assert _periods("m", "2026-11", "2027-02") == ["2026-11", "2026-12", "2027-01", "2027-02"]
    assert _periods("d", "2026-10-30", "2026-11-01") == ["2026-10-30", "2026-10-31", "2026-11-01"]
    assert _periods("d", "2026-10-05", "9999-99-99") is None  # open: a range
    assert _periods("d", "2024-01-01", "2026-11-01") is None  # years of days: a range


async def _play(path: Path, script: list, ranges: list, cut: int) -> None:
    db = await Database.open(path)
    seed = await Seed.create(db)
    agency_ids = await act(db, seed, script)
    for first, last in ranges:
        if first is not None and last is not None and first > last:
            first, last = last, first
        period = Period("range", first, last) if first or last else Period("all")
        dates = period.resolve(NOW.date(), None)
        for dimension in (None, Dimension.ORIGIN, Dimension.ROUTE, Dimension.CONCEALMENT):
            for agency in (None, agency_ids[0]):
                code = None if agency is None else "KCS"
                request = SummaryRequest(period=period, dimension=dimension, agency_code=code)
                storage.summary.MAX_ROWS = cut
                try:
                    summary = await load_summary(
                        db, operation_id=seed.operation_id, request=request, now=NOW,
                        label=group_label,
                    )  # fmt: skip
                finally:
                    storage.summary.MAX_ROWS = 1000
                got = {
                    g.label: {
                        (t.substance_key, t.unit, t.form or ""): (t.amount, t.cases)
                        for t in g.totals
                    }
                    for g in summary.groups
                }
                expected = {
                    label: totals
                    for label, (_, totals) in (
                        await _recounted(db, seed.operation_id, dates, dimension, agency)
                    ).items()
                }
                # Every group shown is whole; a cut answer leaves some out, and says so.
                assert {k: expected[k] for k in got} == got, (dates, dimension, agency)
                assert summary.truncated or got.keys() == expected.keys()
    await db.close()


async def _recounted(
    db: Database, operation_id: int, dates: DateRange, dimension: Dimension | None, agency
):
    if dimension is not None:
        return await _recount(db, operation_id, dates, dimension, agency)
    # The plain totals: every report in one group, a linked case once in it.
    first, last = dates.bounds()
    rows = await db.fetchall(
        "SELECT s.id, coalesce(c.case_id, s.id) AS case_id, i.substance, i.substance_text,"
        " i.unit, i.form, i.amount FROM seizure s JOIN seizure_item i ON i.seizure_id = s.id"
        " LEFT JOIN seizure_case c ON c.seizure_id = s.id WHERE s.operation_id = ?"
        " AND s.voided_at IS NULL AND s.day BETWEEN ? AND ? AND (? IS NULL OR s.agency_id = ?)",
        (operation_id, first, last, agency, agency),
    )
    found: dict = defaultdict(lambda: defaultdict(lambda: defaultdict(Decimal)))
    for r in rows:
        sub = (substance_key(r["substance"], r["substance_text"]), r["unit"], r["form"] or "")
        found[sub][r["case_id"]][r["id"]] += Decimal(r["amount"])
    totals = {
        sub: (sum(max(per.values()) for per in cases.values()), len(cases))
        for sub, cases in found.items()
    }
    return {group_label(None, "", {}): (0, totals)} if totals else {}


@settings(max_examples=examples(30), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    script=actions,
    ranges=st.lists(st.tuples(edges, edges), min_size=1, max_size=3),
    cut=st.sampled_from([1, 2, 3, 1000]),
)
def test_a_range_summed_span_by_span_and_window_by_window_equals_a_recount(script, ranges, cut):
    with tempfile.TemporaryDirectory() as folder:
        asyncio.run(_play(Path(folder) / "ocu.sqlite3", script, ranges, cut))


async def test_a_cut_range_by_location_reads_its_weeks_and_days_window_by_window(tmp_path: Path):
    # Ten locations reporting on every day of seven weeks: 2026-10-05..2026-11-20 is read as
    # whole weeks and ragged days, a window of locations at a time when cut to a few rows.
    db = await Database.open(tmp_path / "ocu.sqlite3")
    seed = await Seed.create(db)
    kcs = await seed.agency("KCS", "Korea Customs Service")
    start = date(2026, 9, 28)
    for n in range(56):
        day = (start + timedelta(days=n)).isoformat()
        for place in range(10):
            if (n + place) % 3:
                await seed.report(
                    meth(f"{n + 1}.{place}"), Item("ghb", "1", "ml"), officer=501,
                    agency=kcs if place % 2 else None, day=day, location=f"POST-{place}",
                )  # fmt: skip
    dates = DateRange(date(2026, 10, 5), date(2026, 11, 20))
    expected = await _recount(db, seed.operation_id, dates, Dimension.LOCATION, None)
    period = Period("range", dates.first, dates.last)
    for cut in (3, 5, 8, 1000):
        storage.summary.MAX_ROWS = cut
        try:
            summary = await load_summary(
                db, operation_id=seed.operation_id,
                request=SummaryRequest(period=period, dimension=Dimension.LOCATION), now=NOW,
                label=group_label,
            )  # fmt: skip
        finally:
            storage.summary.MAX_ROWS = 1000
        got = {
            g.label: (
                g.cases,
                {(t.substance_key, t.unit, t.form or ""): (t.amount, t.cases) for t in g.totals},
            )
            for g in summary.groups
        }
        # Two rows a location: the cut shows the first locations whole, and no more.
        assert len(got) == min(cut // 2, 10)
        assert got == {k: expected[k] for k in got}, cut
        assert summary.truncated == (cut < 20)
    await db.close()
