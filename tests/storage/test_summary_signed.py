"""A range read as its outer months less the days either side: the same answer, fewer rows."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

import storage.summary
from bot.domain.summary import DateRange, Dimension
from bot.parsing.summary import parse_summary_args
from bot.render.summary import group_label
from storage.agency_status import agency_statuses
from storage.database import Database
from storage.grains import signed_spans, spans
from storage.summary import load_summary
from storage.totals_query import group_reports, substance_totals
from tests.storage.seed import NOW, Item, Seed, meth

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


@pytest.fixture
async def phased(tmp_path: Path):
    """Two overlapping phases across a month end, reports in, between and after them."""
    db = await Database.open(tmp_path / "ocu.sqlite3")
    seed = await Seed.create(db)
    kcs = await seed.agency("KCS", "Korea Customs Service")
    tcd = await seed.agency("TCD", "Thai Customs Department")
    await seed.phase("Prep", "2026-09-24T15:00:00+00:00", "2026-10-10T15:00:00+00:00")
    # Starts before Prep ends: the shared day (10-10) is Strike's, the later to start.
    await seed.phase("Strike", "2026-10-09T15:00:00+00:00", "2026-11-05T15:00:00+00:00")
    for n, day in enumerate(("2026-09-20", "2026-09-25", "2026-09-30", "2026-10-01",
                             "2026-10-10", "2026-10-31", "2026-11-01", "2026-11-05",
                             "2026-11-06", "2026-11-28")):  # fmt: skip
        agency = kcs if n % 2 else tcd
        await seed.report(meth(f"{n + 1}"), officer=501, agency=agency, day=day)
        await seed.report(Item("ghb", "1", "ml"), officer=502, agency=kcs, day=day)
    yield db, seed.operation_id, kcs
    await db.close()


def _expected(days: dict[str, str], dates: DateRange) -> dict[str, tuple[Decimal, int]]:
    """Each phase's methamphetamine: the reports' days named by hand."""
    meth_of = {d: Decimal(n + 1) for n, d in enumerate(days)}
    found: dict[str, tuple[Decimal, int]] = {}
    first, last = dates.bounds()
    for day, phase in days.items():
        if first <= day <= last:
            amount, cases = found.get(phase, (Decimal(0), 0))
            found[phase] = (amount + meth_of[day], cases + 1)
    return found


DAYS = {
    "2026-09-20": "Not in a phase", "2026-09-25": "Prep", "2026-09-30": "Prep",
    "2026-10-01": "Prep", "2026-10-10": "Strike", "2026-10-31": "Strike",
    "2026-11-01": "Strike", "2026-11-05": "Strike", "2026-11-06": "Not in a phase",
    "2026-11-28": "Not in a phase",
}  # fmt: skip


@pytest.mark.parametrize(
    "args, dates",
    [
        ("by phase", DateRange()),
        ("2026-09-26..2026-11-27 by phase", DateRange(date(2026, 9, 26), date(2026, 11, 27))),
        ("2026-10-01..2026-10-31 by phase", DateRange(date(2026, 10, 1), date(2026, 10, 31))),
    ],
)
async def test_a_summary_by_phase_reads_each_phases_dates_and_cuts_nothing(
    phased, monkeypatch, args, dates
):
    # Read by day and renamed, a cut at MAX_ROWS kept only the last days' rows: by phase the
    # groups are few and whole.
    monkeypatch.setattr(storage.summary, "MAX_ROWS", 3)
    db, operation_id, _ = phased
    request = parse_summary_args(args)
    summary = await load_summary(
        db, operation_id=operation_id, request=request, now=NOW, label=group_label
    )
    got = {
        g.label.split(",")[0].removeprefix("Phase "): (t.amount, t.cases)
        for g in summary.groups
        for t in g.totals
        if t.substance_key == "methamphetamine"
    }
    assert got == _expected(DAYS, dates)
    assert not summary.truncated
    # Every report is one case, ghb and meth alike: two a day.
    assert {g.label.split(",")[0].removeprefix("Phase "): g.cases for g in summary.groups} == {
        k: 2 * n for k, (_, n) in _expected(DAYS, dates).items()
    }


async def test_a_summary_by_phase_of_one_agency_counts_only_its_reports(phased):
    db, operation_id, _ = phased
    request = parse_summary_args("agency=KCS by phase")
    summary = await load_summary(
        db, operation_id=operation_id, request=request, now=NOW, label=group_label
    )
    got = {
        g.label.split(",")[0].removeprefix("Phase "): (t.amount, t.cases)
        for g in summary.groups
        for t in g.totals
        if t.substance_key == "methamphetamine"
    }
    # KCS sent the odd reports' meth (2, 4, ... by their order) and every ghb.
    kcs_days = {d: p for n, (d, p) in enumerate(DAYS.items()) if n % 2}
    expected: dict[str, tuple[Decimal, int]] = {}
    for n, (day, phase) in enumerate(DAYS.items()):
        if day in kcs_days:
            amount, cases = expected.get(phase, (Decimal(0), 0))
            expected[phase] = (amount + n + 1, cases + 1)
    assert got == expected
    counts = {g.label.split(",")[0].removeprefix("Phase "): g.cases for g in summary.groups}
    assert counts == {
        p: sum(1 for d in DAYS if DAYS[d] == p) + sum(1 for d in kcs_days if kcs_days[d] == p)
        for p in set(DAYS.values())
    }


async def test_a_cut_answer_by_day_counts_its_days_cases_from_those_days_alone(phased, monkeypatch):
    db, operation_id, _ = phased
    request = parse_summary_args("by day")
    whole = await load_summary(
        db, operation_id=operation_id, request=request, now=NOW, label=group_label
    )
    # Two rows a day (meth, ghb): five rows keep the last two days whole.
    monkeypatch.setattr(storage.summary, "MAX_ROWS", 5)
    cut = await load_summary(
        db, operation_id=operation_id, request=request, now=NOW, label=group_label
    )
    assert cut.truncated
    assert [(g.label, g.cases) for g in cut.groups] == [
        (g.label, g.cases) for g in whole.groups[-2:]
    ]
    assert [g.cases for g in cut.groups] == [2, 2]
    assert cut.cases == whole.cases == 20


async def test_a_cut_breakdown_of_a_range_reads_window_after_window_of_its_values(outside):
    # The whole operation's locations are BKK, ICN, PUS; the range has ICN alone. A cut to one
    # row reads up to ICN first (one row, not more than one), then the rest: nothing is cut.
    db, operation_id = outside
    got = await substance_totals(
        db, operation_id=operation_id, dates=RANGE, dimension=Dimension.LOCATION, limit=1
    )
    assert [(g, t.amount) for g, t in got] == [("ICN", Decimal("12.5"))]
    wide = DateRange(date(2026, 9, 28), date(2026, 11, 22))
    got = await substance_totals(
        db, operation_id=operation_id, dates=wide, dimension=Dimension.LOCATION, limit=2
    )
    # BKK (ghb), ICN (meth) and PUS (meth): two rows shown would cut PUS, so it is left out.
    assert [g for g, _ in got] == ["BKK", "ICN"]
