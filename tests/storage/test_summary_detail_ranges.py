"""A range of most of an operation broken down by a detail is read as the whole operation's
rows less the reported days outside it, each span a period at a time: the answer equals a
recount of the reports, cut or not, with voids, edits and a linked case."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import storage.summary
from bot.domain.summary import DateRange, Dimension, Period, SummaryRequest
from bot.render.summary import group_label
from storage.cases import link_reports
from storage.database import Database
from storage.grains import less_outside
from storage.operations import get_operation
from storage.summary import load_summary
from storage.totals_query import _less_outside, _spans_of
from tests.storage.seed import NOW, Item, Seed, meth
from tests.storage.test_summary_details import _recount

FIRST = date(2026, 10, 1)  # a Thursday: the days before a range from Monday 5 October
DAYS = 52  # to Saturday 21 November
# The six breakdowns by a detail of the report, each value reported by several agencies.
DETAILS = (
    Dimension.TRANSPORT,
    Dimension.ORIGIN,
    Dimension.DESTINATION,
    Dimension.ROUTE,
    Dimension.CONCEALMENT,
    Dimension.DETECTION,
)


async def _operation(db: Database) -> tuple[Seed, int]:
    """Three reports a day for 52 days by two agencies and one with none; one voided, one
    edited, two linked as one case. The seed and KCS's id."""
    seed = await Seed.create(db)
    kcs, tcd = await seed.agency("KCS", "Korea"), await seed.agency("TCD", "Thailand")
    made = []
    for n in range(DAYS):
        day = (FIRST + timedelta(days=n)).isoformat()
        for k, agency in enumerate((kcs, tcd, None)):
            extra = [Item("ghb", "2", "ml")] if (n + k) % 4 == 0 else []
            made.append(
                await seed.report(
                    meth(f"{n + 1}.{k}"),
                    *extra,
                    officer=501 + k,
                    agency=agency,
                    day=day,
                    transport=("air_cargo", "sea_cargo", None)[(n + k) % 3],
                    origin=("Bangkok", "Seoul", None, "Manila")[(n * 2 + k) % 4],
                    destination=("Seoul", "Incheon")[(n + 2 * k) % 2],
                    concealment=("Suitcase", "suitcase ", "false bottom", None)[(n + k) % 4],
                    detection=("x-ray", "dog", None)[(2 * n + k) % 3],
                )
            )
    await seed.void(made[40])
    await seed.edit(made[70], meth("9.5"), Item("ghb", "1", "ml"))
    operation = await get_operation(db, operation_id=seed.operation_id)
    assert operation is not None
    numbers = [
        int((await db.fetchone("SELECT number FROM seizure WHERE id = ?", (i,)))[0])
        for i in (made[60], made[61])
    ]
    await link_reports(
        db, operation=operation, numbers=(numbers[0], numbers[1]), update_id=None, actor_id=1,
        now=NOW,
    )  # fmt: skip
    return seed, kcs


def test_the_days_taken_off_reach_past_the_reported_ones_to_whole_weeks_and_months():
    dates = DateRange(date(2026, 10, 5), date(2026, 11, 20))
    # Reported 1 October to 29 November: 1-4 October is the week of 28 September, and 23-29
    # November a week after two days.
    assert less_outside(
        dates, DateRange(date(2026, 10, 1), date(2026, 11, 29)), month_cost=5, week_cost=3,
        whole_cost=5,
    ) == (
        [
            (1, ("a", "", "")),
            (-1, ("w", "2026-09-28", "2026-09-28")),
            (-1, ("w", "2026-11-23", "2026-11-23")),
            (-1, ("d", "2026-11-21", "2026-11-22")),
        ],
        13,
    )  # fmt: skip
    # Reported to 28 December: the whole of December taken off, not its 28 days.
    got = less_outside(
        DateRange(date(2026, 10, 5), date(2026, 11, 30)),
        DateRange(date(2026, 10, 1), date(2026, 12, 28)), month_cost=5, week_cost=3,
        whole_cost=5,
    )  # fmt: skip
    assert got == ([(1, ("a", "", "")), (-1, ("w", "2026-09-28", "2026-09-28")),
                    (-1, ("m", "2026-12", "2026-12"))], 13)  # fmt: skip
    # Without weeks (the plain totals) only the reported days are taken off, as before.
    assert less_outside(dates, DateRange(date(2026, 10, 1), date(2026, 11, 29))) == (
        [(1, ("a", "", "")), (-1, ("d", "2026-10-01", "2026-10-04")),
         (-1, ("d", "2026-11-21", "2026-11-29"))],
        2 + 4 + 9,
    )  # fmt: skip


async def test_a_range_by_a_detail_is_the_whole_operation_less_the_days_outside(tmp_path: Path):
    db = await Database.open(tmp_path / "ocu.sqlite3")
    seed, _ = await _operation(db)
    dates = DateRange(date(2026, 10, 5), date(2026, 11, 18))
    parts = _spans_of("seizure_dim_total", dates, by_day=False, detail=True)
    chosen = await db.read(lambda conn: _less_outside(conn, seed.operation_id, dates, parts, True))
    # 1-4 October read as their ISO week (nothing reported in its September days); 19-21
    # November as days: 10 days' rows where six weeks and three days were 15.
    assert chosen == [
        (1, ("a", "", "")),
        (-1, ("w", "2026-09-28", "2026-09-28")),
        (-1, ("d", "2026-11-19", "2026-11-21")),
    ]
    await db.close()


async def test_a_range_by_each_detail_equals_a_recount_of_the_reports(tmp_path: Path):
    db = await Database.open(tmp_path / "ocu.sqlite3")
    seed, kcs = await _operation(db)
    ranges = (
        DateRange(date(2026, 10, 5), date(2026, 11, 18)),  # less the days outside
        DateRange(date(2026, 10, 2), date(2026, 11, 20)),  # a day off either end
        DateRange(date(2026, 10, 5), date(2026, 11, 1)),  # weeks and days
        DateRange(date(2026, 9, 20), date(2026, 11, 30)),  # past both reported ends
    )
    for dates in ranges:
        period = Period("range", dates.first, dates.last)
        for dimension in DETAILS:
            for agency in (None, kcs):
                expected = await _recount(db, seed.operation_id, dates, dimension, agency)
                for cut in (2, 1000):
                    request = SummaryRequest(
                        period=period, dimension=dimension, agency_code="KCS" if agency else None
                    )
                    storage.summary.MAX_ROWS = cut
                    try:
                        summary = await load_summary(
                            db, operation_id=seed.operation_id, request=request, now=NOW,
                            label=group_label,
                        )  # fmt: skip
                    finally:
                        storage.summary.MAX_ROWS = 1000
                    got = {
                        g.label: (
                            g.cases,
                            {(t.substance_key, t.unit, t.form or ""): (t.amount, t.cases)
                             for t in g.totals},
                        )
                        for g in summary.groups
                    }  # fmt: skip
                    where = (dates, dimension, agency, cut)
                    # Every group shown is whole; a cut answer leaves some out, and says so.
                    assert {label: expected[label] for label in got} == got, where
                    assert summary.truncated or got.keys() == expected.keys(), where
    await db.close()
