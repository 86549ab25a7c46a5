"""The summary from the running totals equals a GROUP BY over the reports, for any dates."""

from __future__ import annotations

import asyncio
import tempfile
from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.domain.summary import DateRange, Dimension
from bot.domain.units import substance_key
from storage.database import Database
from storage.grains import spans
from storage.totals_query import substance_totals
from tests.examples import examples
from tests.storage.seed import Seed
from tests.storage.test_totals import items

FIRST = date(2026, 10, 27)  # the reports cross two month ends
DAYS = 40
days = st.integers(0, DAYS - 1).map(lambda n: (FIRST + timedelta(days=n)).isoformat())
reports = st.fixed_dictionaries(
    {
        "items": st.lists(items, min_size=1, max_size=3),
        "officer": st.sampled_from([501, 502]),
        "agency": st.sampled_from([None, 0, 1]),
        "day": days,
        "location": st.sampled_from([None, "ICN", "BKK"]),
        "transport": st.sampled_from([None, "air_cargo"]),
        "origin": st.sampled_from([None, "Bangkok", "Seoul"]),
        "destination": st.sampled_from([None, "Seoul", "Incheon"]),
        # Free text: 'Suitcase' and 'suitcase ' are one concealment.
        "concealment": st.sampled_from([None, "Suitcase", "suitcase ", "false bottom", ""]),
        "detection": st.sampled_from([None, "x-ray", "dog"]),
    }
)
actions = st.lists(
    st.one_of(
        st.tuples(st.just("report"), reports),
        st.tuples(st.just("void"), st.integers(0, 30)),
        st.tuples(st.just("edit"), st.integers(0, 30), st.lists(items, min_size=1, max_size=3)),
    ),
    min_size=1,
    max_size=20,
)
edges = st.one_of(st.none(), st.integers(-3, DAYS + 3).map(lambda n: FIRST + timedelta(days=n)))
ranges = st.lists(st.tuples(edges, edges), min_size=1, max_size=6)
# Every breakdown the running totals keep: all but phase, which is read by day and renamed.
DIMENSIONS = (None, *(d for d in Dimension if d is not Dimension.PHASE))
COLUMN = {
    None: lambda r: "",
    Dimension.AGENCY: lambda r: str(r["agency_id"] or 0),
    Dimension.DAY: lambda r: r["day"],
    Dimension.LOCATION: lambda r: r["location"] or "",
    Dimension.TRANSPORT: lambda r: r["transport"] or "",
    Dimension.OFFICER: lambda r: str(r["officer_id"]),
    Dimension.ORIGIN: lambda r: r["origin"] or "",
    Dimension.DESTINATION: lambda r: r["destination"] or "",
    Dimension.ROUTE: lambda r: f"{r['origin'] or ''}\x1f{r['destination'] or ''}",
    Dimension.CONCEALMENT: lambda r: (r["concealment"] or "").strip(" ").lower(),
    Dimension.DETECTION: lambda r: r["detection"] or "",
}


async def _group_by(db: Database, operation_id: int, dates: DateRange, dimension, agency):
    """The same totals straight from seizure and seizure_item, added up in Python."""
    first, last = dates.bounds()
    rows = await db.fetchall(
        "SELECT s.id, s.day, s.agency_id, s.officer_id, s.location, s.transport, s.origin,"
        " s.destination, s.concealment, s.detection,"
        " i.substance, i.substance_text, i.unit, i.form, i.amount"
        " FROM seizure s JOIN seizure_item i ON i.seizure_id = s.id"
        " WHERE s.operation_id = ? AND s.voided_at IS NULL AND s.day BETWEEN ? AND ?",
        (operation_id, first, last),
    )
    amounts: dict[tuple, Decimal] = defaultdict(Decimal)
    cases: dict[tuple, set[int]] = defaultdict(set)
    for r in rows:
        if agency is not None and (r["agency_id"] or 0) != agency:
            continue
        key = (
            COLUMN[dimension](r),
            substance_key(r["substance"], r["substance_text"]),
            r["unit"],
            r["form"] or "",
        )
        amounts[key] += Decimal(r["amount"])
        cases[key].add(r["id"])
    return {k: (amounts[k], len(cases[k])) for k in amounts}


async def _play(path: Path, script: list, dates: list) -> None:
    db = await Database.open(path)
    seed = await Seed.create(db)
    agency_ids = [await seed.agency("KCS", "Korea"), await seed.agency("TCD", "Thailand")]
    live: list[int] = []
    for action in script:
        if action[0] == "report":
            r = action[1]
            agency = None if r["agency"] is None else agency_ids[r["agency"]]
            live.append(
                await seed.report(
                    *r["items"],
                    officer=r["officer"],
                    agency=agency,
                    day=r["day"],
                    location=r["location"],
                    transport=r["transport"],
                    origin=r["origin"],
                    destination=r["destination"],
                    concealment=r["concealment"],
                    detection=r["detection"],
                )
            )
        elif action[0] == "void" and live:
            await seed.void(live.pop(action[1] % len(live)))
        elif action[0] == "edit" and live:
            await seed.edit(live[action[1] % len(live)], *action[2])
    for first, last in dates:
        if first is not None and last is not None and first > last:
            first, last = last, first
        period = DateRange(first, last)
        for dimension in DIMENSIONS:
            for agency in (None, agency_ids[0], 0):
                got = await substance_totals(
                    db,
                    operation_id=seed.operation_id,
                    dates=period,
                    dimension=dimension,
                    agency_id=agency,
                )
                found = {
                    (grp, t.substance_key, t.unit, t.form or ""): (t.amount, t.cases)
                    for grp, t in got
                }
                assert len(found) == len(got), (period, dimension, agency)
                expected = await _group_by(db, seed.operation_id, period, dimension, agency)
                assert found == expected, (period, dimension, agency)
                # Cut to three rows: the first whole groups of the same answer, in its order.
                cut = await substance_totals(
                    db,
                    operation_id=seed.operation_id,
                    dates=period,
                    dimension=dimension,
                    agency_id=agency,
                    limit=3,
                )
                first = got
                if len(got) > 3:
                    first = [(g, t) for g, t in got[:3] if g != got[3][0]]
                assert cut == first, (period, dimension, agency)
    await db.close()


@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(script=actions, dates=ranges)
def test_summary_from_the_totals_equals_a_group_by_for_any_dates_and_filters(script, dates):
    with tempfile.TemporaryDirectory() as folder:
        asyncio.run(_play(Path(folder) / "ocu.sqlite3", script, dates))


def test_a_range_is_whole_months_and_its_ragged_ends():
    assert spans(DateRange(date(2026, 10, 5), date(2027, 1, 10)), months=True, whole=True) == [
        ("m", "2026-11", "2026-12"),
        ("d", "2026-10-05", "2026-10-31"),
        ("d", "2027-01-01", "2027-01-10"),
    ]
    assert spans(DateRange(date(2026, 11, 1), date(2026, 11, 30)), months=True, whole=True) == [
        ("m", "2026-11", "2026-11")
    ]
    assert spans(DateRange(date(2026, 11, 2), date(2026, 11, 30)), months=True, whole=True) == [
        ("d", "2026-11-02", "2026-11-30")
    ]
    assert spans(DateRange(), months=True, whole=True) == [("a", "", "")]
    assert spans(DateRange(), months=True, whole=False) == [("d", "0000-00-00", "9999-99-99")]


def test_a_breakdown_reads_whole_months_then_whole_weeks_then_ragged_days():
    def weekly(dates: DateRange) -> list[tuple[str, str, str]]:
        return spans(dates, months=True, whole=True, weeks=True)

    # 2026-10-05 is a Monday, 2026-11-20 a Friday: no whole month, six ISO weeks, five days.
    got = weekly(DateRange(date(2026, 10, 5), date(2026, 11, 20)))
    assert got == [("w", "2026-10-05", "2026-11-09"), ("d", "2026-11-16", "2026-11-20")]
    # Months in the middle, weeks and days either side of them.
    got = weekly(DateRange(date(2026, 9, 20), date(2027, 1, 20)))
    assert got == [
        ("m", "2026-10", "2026-12"),
        ("w", "2026-09-21", "2026-09-21"),
        ("d", "2026-09-20", "2026-09-20"),
        ("d", "2026-09-28", "2026-09-30"),
        ("w", "2027-01-04", "2027-01-11"),
        ("d", "2027-01-01", "2027-01-03"),
        ("d", "2027-01-18", "2027-01-20"),
    ]
    # Shorter than a week from Monday to Sunday: days only.
    assert weekly(DateRange(date(2026, 11, 24), date(2026, 11, 29))) == [
        ("d", "2026-11-24", "2026-11-29")
    ]
    assert weekly(DateRange(date(2026, 11, 23), date(2026, 11, 29))) == [
        ("w", "2026-11-23", "2026-11-23")
    ]
