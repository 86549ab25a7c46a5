"""A summary by phase, its spans each read once and shared by the phases that add or take them
off (storage.summary_phases.phase_totals), equals a recount of the reports by their days."""

from __future__ import annotations

import asyncio
import tempfile
from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.domain.summary import Dimension, Period, SummaryRequest
from bot.domain.units import substance_key
from bot.render.summary import group_label
from storage.database import Database
from storage.summary import load_summary
from storage.summary_phases import phase_of_day
from tests.examples import examples
from tests.storage.seed import NOW, Seed
from tests.storage.test_totals import items

FIRST = date(2026, 9, 20)
DAYS = 80  # across three month ends
SEOUL = ZoneInfo("Asia/Seoul")
day_of = st.integers(0, DAYS - 1).map(lambda n: FIRST + timedelta(days=n))
reports = st.tuples(st.lists(items, min_size=1, max_size=3), st.sampled_from([None, 0, 1]), day_of)
phases = st.lists(st.tuples(day_of, st.integers(1, 45)), min_size=1, max_size=3)
edges = st.one_of(st.none(), st.integers(-3, DAYS + 3).map(lambda n: FIRST + timedelta(days=n)))


def _utc(day: date) -> str:
    return datetime.combine(day, time(), SEOUL).astimezone(UTC).isoformat()


async def _play(path: Path, made: list, spans: list, voids: list[int], ranges: list) -> None:
    db = await Database.open(path)
    seed = await Seed.create(db)
    agency_ids = [await seed.agency("KCS", "Korea"), await seed.agency("TCD", "Thailand")]
    for n, (start, length) in enumerate(spans):
        await seed.phase(f"P{n}", _utc(start), _utc(start + timedelta(days=length)))
    ids = []
    for its, agency, day in made:
        who = None if agency is None else agency_ids[agency]
        ids.append(await seed.report(*its, officer=501, agency=who, day=day.isoformat()))
    for n in voids:
        sid = ids[n % len(ids)]
        row = await db.fetchone("SELECT voided_at FROM seizure WHERE id = ?", (sid,))
        if row is not None and row[0] is None:
            await seed.void(sid)
    for first, last in ranges:
        if first is not None and last is not None and first > last:
            first, last = last, first
        period = Period("range", first, last) if first or last else Period("all")
        dates = period.resolve(NOW.date(), None)
        relabel, labels, _ = await phase_of_day(
            db, operation_id=seed.operation_id, tz="Asia/Seoul", dates=dates
        )
        for agency in (None, agency_ids[1]):
            code = None if agency is None else "TCD"
            request = SummaryRequest(period=period, dimension=Dimension.PHASE, agency_code=code)
            summary = await load_summary(
                db, operation_id=seed.operation_id, request=request, now=NOW, label=group_label
            )
            got = {
                g.label: (g.cases, {(t.substance_key, t.unit, t.form or ""): (t.amount, t.cases)
                                    for t in g.totals})
                for g in summary.groups
            }  # fmt: skip
            rows = await db.fetchall(
                "SELECT s.id, s.day, i.substance, i.substance_text, i.unit, i.form, i.amount"
                " FROM seizure s JOIN seizure_item i ON i.seizure_id = s.id"
                " WHERE s.operation_id = ? AND s.voided_at IS NULL AND s.day BETWEEN ? AND ?"
                " AND (? IS NULL OR s.agency_id = ?)",
                (seed.operation_id, *dates.bounds(), agency, agency),
            )
            found: dict = defaultdict(lambda: defaultdict(lambda: defaultdict(Decimal)))
            reported: dict[str, set[int]] = defaultdict(set)
            for r in rows:
                value = relabel(r["day"])
                sub = (
                    substance_key(r["substance"], r["substance_text"]),
                    r["unit"],
                    r["form"] or "",
                )
                found[value][sub][r["id"]] += Decimal(r["amount"])
                reported[value].add(r["id"])
            expected = {
                group_label(Dimension.PHASE, value, labels): (
                    len(reported[value]),
                    {sub: (sum(per.values()), len(per)) for sub, per in subs.items()},
                )
                for value, subs in found.items()
            }
            assert got == expected, (dates, agency)
    await db.close()


@settings(max_examples=examples(30), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    made=st.lists(reports, min_size=1, max_size=15),
    spans=phases,
    voids=st.lists(st.integers(0, 20), max_size=3),
    ranges=st.lists(st.tuples(edges, edges), min_size=1, max_size=3),
)
def test_a_summary_by_phase_equals_a_recount_by_day(made, spans, voids, ranges):
    with tempfile.TemporaryDirectory() as folder:
        asyncio.run(_play(Path(folder) / "ocu.sqlite3", made, spans, voids, ranges))
