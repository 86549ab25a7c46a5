"""A range read as its outer months less the days either side: the same answer, fewer rows."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from bot.domain.summary import DateRange, Dimension
from storage.agency_status import agency_statuses
from storage.database import Database
from storage.grains import signed_spans, spans
from storage.totals_query import group_reports, substance_totals
from tests.storage.seed import Item, Seed, meth

RANGE = DateRange(date(2026, 10, 5), date(2026, 11, 20))


def test_a_range_with_long_ragged_ends_is_its_months_less_the_days_outside():
    # 47 days of rows, or October and November less 4 + 10 days.
    assert signed_spans(RANGE, months=True, whole=True) == [
        (1, ("m", "2026-10", "2026-11")),
        (-1, ("d", "2026-10-01", "2026-10-04")),
        (-1, ("d", "2026-11-21", "2026-11-30")),
    ]
    # Short ragged ends are cheaper read as they are: only spans that add.
    short = DateRange(date(2026, 10, 29), date(2026, 12, 2))
    assert signed_spans(short, months=True, whole=True) == [
        (1, s) for s in spans(short, months=True, whole=True)
    ]
    # One end long, one short: the month around the long one only.
    mixed = DateRange(date(2026, 10, 29), date(2026, 11, 27))
    assert signed_spans(mixed, months=True, whole=True) == [
        (1, ("m", "2026-11", "2026-11")),
        (1, ("d", "2026-10-29", "2026-10-31")),
        (-1, ("d", "2026-11-28", "2026-11-30")),
    ]
    # A breakdown's months are dear (its weeks cheaper): weeks and days as before.
    assert signed_spans(RANGE, months=True, whole=True, weeks=True, month_cost=15) == [
        (1, s) for s in spans(RANGE, months=True, whole=True, weeks=True)
    ]
    # By day, or open-ended: days alone.
    assert signed_spans(RANGE, months=False, whole=False) == [
        (1, ("d", "2026-10-05", "2026-11-20"))
    ]
    assert signed_spans(DateRange(date(2026, 10, 5), None), months=True, whole=True) == [
        (1, ("d", "2026-10-05", "9999-99-99"))
    ]


@pytest.fixture
async def outside(tmp_path: Path):
    """Reports inside the range and in the days a signed read takes off, some only there."""
    db = await Database.open(tmp_path / "ocu.sqlite3")
    seed = await Seed.create(db)
    kcs = await seed.agency("KCS", "Korea Customs Service")
    tcd = await seed.agency("TCD", "Thai Customs Department")
    await seed.officer(501, "Kim", kcs)
    await seed.officer(502, "Somchai", tcd)
    await seed.report(meth("10"), officer=501, agency=kcs, day="2026-10-05", location="ICN")
    await seed.report(meth("2.5"), officer=501, agency=kcs, day="2026-11-20", location="ICN")
    # Outside the range: TCD reported nothing else, and ghb nowhere else.
    await seed.report(meth("7"), officer=501, agency=kcs, day="2026-10-04", location="ICN")
    await seed.report(
        Item("ghb", "3", "ml"), officer=502, agency=tcd, day="2026-11-21", location="BKK"
    )
    await seed.report(meth("1"), officer=502, agency=tcd, day="2026-10-01", location="PUS")
    yield db, seed.operation_id
    await db.close()


async def test_a_signed_read_leaves_out_what_only_the_days_taken_off_hold(outside):
    db, operation_id = outside
    got = await substance_totals(db, operation_id=operation_id, dates=RANGE)
    assert [(g, t.substance_key, t.amount, t.cases) for g, t in got] == [
        ("", "methamphetamine", Decimal("12.5"), 2)
    ]
    by_location = await substance_totals(
        db, operation_id=operation_id, dates=RANGE, dimension=Dimension.LOCATION
    )
    assert [(g, t.amount, t.cases) for g, t in by_location] == [("ICN", Decimal("12.5"), 2)]
    reports = await group_reports(
        db, operation_id=operation_id, dates=RANGE, dimension=Dimension.LOCATION, agency_id=None
    )
    assert reports == {"ICN": 2}


async def test_an_agency_that_reported_only_outside_the_range_did_not_report_in_it(outside):
    db, operation_id = outside
    statuses = await agency_statuses(db, operation_id=operation_id, dates=RANGE)
    assert [(s.code, s.reported) for s in statuses] == [("KCS", True), ("TCD", False)]
    whole = await agency_statuses(db, operation_id=operation_id, dates=DateRange())
    assert [(s.code, s.reported) for s in whole] == [("KCS", True), ("TCD", True)]
