"""The summary's reads of the counted reports per day (report_count) and of the nil returns:
cheap while no import runs, and still blind to an unfinished import's reports."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from bot.domain.summary import DateRange, Dimension
from bot.parsing.summary import parse_summary_args
from bot.render.summary import group_label
from storage.agency_status import agency_statuses
from storage.database import Database
from storage.dimensions import Scope, case_counts
from storage.grains import next_window
from storage.summary import load_summary
from storage.summary_phases import phase_reports
from storage.totals_query import _less_outside, _spans_of, substance_totals
from tests.storage.seed import NOW, Seed, meth

RANGE = DateRange(date(2026, 11, 20), date(2026, 11, 22))


@pytest.fixture
async def counted(tmp_path: Path):
    """One live report by KCS; an import by TCD, counted per day but not finished."""
    db = await Database.open(tmp_path / "ocu.sqlite3")
    seed = await Seed.create(db)
    kcs = await seed.agency("KCS", "Korea Customs Service")
    tcd = await seed.agency("TCD", "Thai Customs Department")
    await seed.officer(7, "Kim", kcs)
    await seed.report(meth("2"), officer=7, agency=kcs, day="2026-11-22")

    def imported(conn):
        conn.execute(
            "INSERT INTO import_batch (id, operation_id, started_at) VALUES (5, ?, ?)",
            (seed.operation_id, NOW.isoformat()),
        )
        # What an import's reports leave in the per-day counts while it runs.
        conn.execute(
            "INSERT INTO report_count (operation_id, day, agency_id, import_id, reports)"
            " VALUES (?, '2026-11-21', ?, 5, 3)",
            (seed.operation_id, tcd),
        )
        # Nil returns: TCD's in the range twice and once before it, one of no agency.
        for agency, day in ((tcd, "2026-11-20"), (tcd, "2026-11-22"), (tcd, "2026-11-19"),
                            (None, "2026-11-21")):  # fmt: skip
            conn.execute(
                "INSERT INTO nil_return (operation_id, agency_id, officer_id, day, reported_at)"
                " VALUES (?, ?, 7, ?, ?)",
                (seed.operation_id, agency, day, NOW.isoformat()),
            )

    await db.write(imported)
    yield db, seed.operation_id, kcs, tcd
    await db.close()


async def _finish(db: Database) -> None:
    await db.write(
        lambda conn: conn.execute("UPDATE import_batch SET finished_at = ?", (NOW.isoformat(),))
    )


async def _reads(db: Database, operation_id: int, kcs: int, tcd: int) -> dict[str, object]:
    scope = Scope(operation_id, RANGE)
    statuses = await agency_statuses(db, operation_id=operation_id, dates=RANGE)
    whole = await case_counts(db, scope=scope, dimension=None)
    return {
        "whole": whole,
        "by day": await case_counts(db, scope=scope, dimension=Dimension.DAY),
        "by agency": await case_counts(db, scope=scope, dimension=Dimension.AGENCY),
        "phase": await phase_reports(db, scope=scope, segments=[("0000", RANGE)], total=whole[""]),
        "reported": [s.code for s in statuses if s.reported],
        "nil": {s.code: s.nil_returns for s in statuses},
    }


async def test_an_unfinished_imports_counts_stay_out_and_come_in_when_it_finishes(counted):
    db, operation_id, kcs, tcd = counted
    assert await _reads(db, operation_id, kcs, tcd) == {
        "whole": {"": 1},
        "by day": {"2026-11-22": 1},
        "by agency": {str(kcs): 1},
        "phase": {"0000": 1},
        "reported": ["KCS"],
        "nil": {"KCS": 0, "TCD": 2},
    }
    await _finish(db)
    assert await _reads(db, operation_id, kcs, tcd) == {
        "whole": {"": 4},
        "by day": {"2026-11-21": 3, "2026-11-22": 1},
        "by agency": {str(kcs): 1, str(tcd): 3},
        "phase": {"0000": 4},
        "reported": ["KCS", "TCD"],
        "nil": {"KCS": 0, "TCD": 2},
    }


async def test_the_summary_counts_the_finished_imports_reports_alone(counted):
    db, operation_id, _kcs, _tcd = counted
    request = parse_summary_args("2026-11-20..2026-11-22")

    async def cases() -> tuple[int | None, list[str]]:
        summary = await load_summary(
            db, operation_id=operation_id, request=request, now=NOW, label=group_label
        )
        return summary.cases, [a.code for a in summary.agencies if a.reported]

    assert await cases() == (1, ["KCS"])
    await _finish(db)
    assert await cases() == (4, ["KCS", "TCD"])


async def test_a_periods_nil_returns_are_counted_from_the_index_alone(counted):
    db, operation_id, _kcs, _tcd = counted
    plan = await db.fetchall(
        "EXPLAIN QUERY PLAN SELECT count(*) FROM nil_return"
        " WHERE operation_id = ? AND agency_id = ? AND day BETWEEN ? AND ?",
        (operation_id, 1, "0000-00-00", "9999-99-99"),
    )
    assert any("COVERING INDEX" in str(r[3]) for r in plan), [str(r[3]) for r in plan]


def test_a_cut_range_that_nearly_filled_its_window_reads_a_short_one_more():
    # 950 of the first 1,000 rows' groups were in the range: the last 51 rows need about 67
    # more of the operation's rows, not the 2,000 that doubling read.
    assert next_window(1000, 1000, 950, 51) == 67 + 64
    # None found yet (a sparse range of a long operation): twice the last, as before.
    assert next_window(1000, 3000, 0, 1001) == 2000
    # Never less than what is still wanted.
    assert next_window(10, 10, 10, 1) == 1 + 64


async def test_most_of_an_operation_is_its_whole_totals_less_the_days_outside(tmp_path: Path):
    db = await Database.open(tmp_path / "ocu.sqlite3")
    try:
        seed = await Seed.create(db)
        kcs = await seed.agency("KCS", "Korea Customs Service")
        await seed.officer(7, "Kim", kcs)
        days = ("2026-10-01", "2026-10-03", "2026-10-10", "2026-11-20", "2026-11-25", "2026-11-29")
        for day, grams in zip(days, ("1", "2", "4", "8", "16", "32"), strict=True):
            await seed.report(meth(grams), officer=7, agency=kcs, day=day)
        dates = DateRange(date(2026, 10, 3), date(2026, 11, 20))
        parts = _spans_of("seizure_total", dates, by_day=False)
        chosen = await db.read(lambda conn: _less_outside(conn, seed.operation_id, dates, parts))
        # Two days taken off the whole, where the months read October and November less 12.
        assert chosen == [
            (1, ("a", "", "")),
            (-1, ("d", "2026-10-01", "2026-10-02")),
            (-1, ("d", "2026-11-21", "2026-11-29")),
        ]
        for dimension in (None, Dimension.AGENCY):
            got = await substance_totals(
                db, operation_id=seed.operation_id, dates=dates, dimension=dimension
            )
            assert [(t.amount, t.cases) for _, t in got] == [(Decimal("14"), 3)]
        # A range with nothing reported outside it, and one of a single day: as before.
        whole = DateRange(date(2026, 10, 1), date(2026, 11, 29))
        assert await db.read(lambda conn: _less_outside(conn, seed.operation_id, whole, parts)) in (
            parts, [(1, ("a", "", ""))])  # fmt: skip
        got = await substance_totals(db, operation_id=seed.operation_id, dates=whole)
        assert [(t.amount, t.cases) for _, t in got] == [(Decimal("63"), 6)]
    finally:
        await db.close()
