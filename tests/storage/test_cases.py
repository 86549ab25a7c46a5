"""Linked reports on a real database: each case once, at its largest report's amounts."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.domain.cases import LinkRefused
from bot.domain.catalogue import Catalogue
from bot.domain.summary import Summary
from bot.parsing.summary import parse_summary_args
from bot.render.summary import group_label
from storage.cases import link_reports, may_suggest, suggest_links, unlink_reports
from storage.database import Database
from storage.operations import get_operation
from storage.seizure_rows import _load
from storage.summary import load_summary
from tests.storage.seed import NOW, Item, Seed, meth

find = Catalogue.load().lookup


@pytest.fixture
async def siren(tmp_path: Path):
    db = await Database.open(tmp_path / "ocu.sqlite3")
    seed = await Seed.create(db)
    yield db, seed
    await db.close()


async def _summary(db: Database, seed: Seed, args: str) -> Summary:
    request = parse_summary_args(args, find_substance=find)
    return await load_summary(
        db, operation_id=seed.operation_id, request=request, now=NOW, label=group_label
    )


def _rows(summary: Summary) -> dict[str, list[tuple[str, str, int]]]:
    return {
        g.label: [(t.substance_key, str(t.amount), t.cases) for t in g.totals]
        for g in summary.groups
    }


async def _link(db: Database, seed: Seed, *numbers: int, update_id: int | None = None) -> None:
    operation = await get_operation(db, operation_id=seed.operation_id)
    assert operation is not None
    a, b = numbers
    await link_reports(
        db, operation=operation, numbers=(a, b), update_id=update_id, actor_id=1, now=NOW
    )


async def test_a_linked_case_counts_once_with_each_agencys_part_in_its_group(siren) -> None:
    db, seed = siren
    kcs, tcd = await seed.agency("KCS", "Korea Customs"), await seed.agency("TCD", "Thai Customs")
    await seed.report(meth("2000"), officer=1, agency=kcs, origin="TH", destination="KR")
    await seed.report(
        meth("1500"), Item("cocaine", "1000"), officer=2, agency=tcd, origin="TH",
        destination="KR", day="2026-11-21",
    )  # fmt: skip
    await seed.report(meth("100"), officer=1, agency=kcs)
    await _link(db, seed, 1, 2)
    whole = await _summary(db, seed, "")
    assert _rows(whole)[""] == [("cocaine", "1000", 1), ("methamphetamine", "2100", 2)]
    assert (whole.cases, whole.linked) == (2, 1)
    by_agency = await _summary(db, seed, "by agency")
    assert _rows(by_agency) == {
        "KCS — Korea Customs": [("methamphetamine", "2100", 2)],
        "TCD — Thai Customs": [("cocaine", "1000", 1), ("methamphetamine", "1500", 1)],
    }
    assert [g.cases for g in by_agency.groups] == [2, 1]
    by_route = await _summary(db, seed, "by route")
    assert _rows(by_route)["Thailand (TH) → South Korea (KR)"] == [
        ("cocaine", "1000", 1),
        ("methamphetamine", "2000", 1),
    ]
    assert [g.cases for g in by_route.groups] == [1, 1]
    # Only the part inside the period counts.
    today = await _summary(db, seed, "today")
    assert _rows(today)[""] == [("methamphetamine", "2100", 2)]
    assert (today.cases, today.linked) == (2, 0)
    meth_only = await _summary(db, seed, "meth by route")
    assert _rows(meth_only)["Thailand (TH) → South Korea (KR)"] == [("methamphetamine", "2000", 1)]


async def test_a_voided_report_leaves_its_case_and_its_partner_counts_in_full(siren) -> None:
    db, seed = siren
    kcs, tcd = await seed.agency("KCS", "Korea Customs"), await seed.agency("TCD", "Thai Customs")
    await seed.report(meth("2000"), officer=1, agency=kcs)
    second = await seed.report(meth("1500"), officer=2, agency=tcd)
    await _link(db, seed, 1, 2)
    await seed.void(second)
    summary = await _summary(db, seed, "")
    assert _rows(summary)[""] == [("methamphetamine", "2000", 1)]
    assert (summary.cases, summary.linked) == (1, 0)


async def test_three_reports_one_case_and_unlinking_one_keeps_the_others(siren) -> None:
    db, seed = siren
    kcs = await seed.agency("KCS", "Korea Customs")
    for amount in ("1000", "3000", "2000"):
        await seed.report(meth(amount), officer=1, agency=kcs)
    await _link(db, seed, 1, 2)
    await _link(db, seed, 3, 2)
    summary = await _summary(db, seed, "")
    assert (_rows(summary)[""], summary.cases) == ([("methamphetamine", "3000", 1)], 1)
    operation = await get_operation(db, operation_id=seed.operation_id)
    assert operation is not None
    await unlink_reports(
        db,
        operation=operation,
        numbers=(1,),
        update_id=None,
        actor_id=1,
        now=NOW,
    )
    summary = await _summary(db, seed, "")
    assert (_rows(summary)[""], summary.cases) == ([("methamphetamine", "4000", 2)], 2)
    with pytest.raises(LinkRefused):
        await unlink_reports(
            db, operation=operation, numbers=(1,), update_id=None, actor_id=1, now=NOW
        )


async def test_by_phase_a_case_over_two_days_of_one_phase_counts_once(siren) -> None:
    db, seed = siren
    kcs, tcd = await seed.agency("KCS", "Korea Customs"), await seed.agency("TCD", "Thai Customs")
    await seed.phase("operational", "2026-11-19T15:00:00+00:00", "2026-11-23T15:00:00+00:00")
    await seed.report(meth("2000"), officer=1, agency=kcs, day="2026-11-21")
    await seed.report(meth("2000"), officer=2, agency=tcd, day="2026-11-22")
    await seed.report(meth("5"), officer=2, agency=tcd, day="2026-11-01")
    await _link(db, seed, 1, 2)
    summary = await _summary(db, seed, "by phase")
    assert _rows(summary) == {
        "Phase operational, 2026-11-20 – 2026-11-23": [("methamphetamine", "2000", 1)],
        "Not in a phase": [("methamphetamine", "5", 1)],
    }
    assert [g.cases for g in summary.groups] == [1, 1]


async def test_suggestions_need_two_agencies_the_route_close_days_and_amounts(siren) -> None:
    db, seed = siren
    kcs, tcd = await seed.agency("KCS", "Korea Customs"), await seed.agency("TCD", "Thai Customs")
    route = {"origin": "TH", "destination": "KR"}
    first = await seed.report(meth("2000"), officer=1, agency=kcs, day="2026-11-18", **route)
    far = await seed.report(meth("2000"), officer=2, agency=tcd, day="2026-11-10", **route)
    more = await seed.report(meth("2300"), officer=2, agency=tcd, day="2026-11-19", **route)
    close = await seed.report(meth("1850"), officer=2, agency=tcd, day="2026-11-21", **route)
    for report in (far, more):
        found = await suggest_links(db, operation_id=seed.operation_id, seizure_id=report, now=NOW)
        assert found == []
    [suggestion] = await suggest_links(
        db, operation_id=seed.operation_id, seizure_id=close, now=NOW
    )
    assert (suggestion.first.number, suggestion.second.number) == (1, 4)
    assert first < close
    # Asked once per pair.
    assert await suggest_links(db, operation_id=seed.operation_id, seizure_id=close, now=NOW) == []


async def test_a_report_that_may_not_suggest_finds_nothing_where_all_else_matches(siren) -> None:
    # may_suggest lets the handler skip suggest_links' transaction: it must never skip a find.
    db, seed = siren
    kcs, tcd = await seed.agency("KCS", "Korea Customs"), await seed.agency("TCD", "Thai Customs")
    await seed.report(meth("2000"), officer=1, agency=kcs, origin="TH", destination="KR")
    await seed.report(meth("2000"), officer=1, agency=kcs)
    cases = {
        "no route end": dict(agency=tcd),
        "no agency": dict(agency=None, origin="TH", destination="KR"),
        "a route": dict(agency=tcd, origin="TH", destination="KR"),
        "one end": dict(agency=tcd, origin="TH"),
    }
    seen = {}
    for name, fields in cases.items():
        report = await seed.report(meth("2000"), officer=2, **fields)  # type: ignore[arg-type]
        stored = await db.read(lambda conn, report=report: _load(conn, report))
        found = await suggest_links(db, operation_id=seed.operation_id, seizure_id=report, now=NOW)
        seen[name] = (may_suggest(stored), len(found))
    assert seen == {
        "no route end": (False, 0),
        "no agency": (False, 0),
        "a route": (True, 1),
        "one end": (True, 0),
    }


async def test_unlinking_two_of_a_three_report_case_leaves_no_case_of_one(siren) -> None:
    db, seed = siren
    kcs = await seed.agency("KCS", "Korea Customs")
    for amount in ("1000", "3000", "2000"):
        await seed.report(meth(amount), officer=1, agency=kcs)
    await _link(db, seed, 1, 2)
    await _link(db, seed, 2, 3)
    operation = await get_operation(db, operation_id=seed.operation_id)
    assert operation is not None
    await unlink_reports(
        db, operation=operation, numbers=(1, 2), update_id=None, actor_id=1, now=NOW
    )
    # Report 3 is alone: no longer a linked case, and every report counts on its own.
    assert await db.fetchall("SELECT * FROM seizure_case") == []
    summary = await _summary(db, seed, "")
    assert (_rows(summary)[""], summary.cases) == ([("methamphetamine", "6000", 3)], 3)
    with pytest.raises(LinkRefused):
        await unlink_reports(
            db, operation=operation, numbers=(3,), update_id=None, actor_id=1, now=NOW
        )
