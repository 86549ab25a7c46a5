"""/summary on a real database: what the coordinator reads for a known set of reports."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

import storage.summary
from bot import outbox
from bot.domain.catalogue import Catalogue
from bot.domain.summary import (
    REPORT_DIMENSIONS,
    DateRange,
    Dimension,
    SubstanceTotal,
    SummaryRefused,
)
from bot.parsing.summary import parse_summary_args
from bot.render.summary import group_label, render_summary
from bot.render.summary_refusals import summary_refusal
from storage.baseline_totals import plain_group_by, plain_group_by_rows
from storage.database import Database
from storage.operations import get_operation
from storage.summary import load_summary
from storage.totals_query import substance_totals
from tests.storage.seed import NOW, Item, Seed, meth, unclassified

find = Catalogue.load().lookup


async def build_summary(db, *, operation_id, request, now) -> list[str]:
    """The /summary answer's messages, as the handler builds them."""
    summary = await load_summary(
        db, operation_id=operation_id, request=request, now=now, label=group_label
    )
    return render_summary(summary)


@pytest.fixture
async def siren(tmp_path: Path):
    """Two days of an operation: reports, a void, an unclassified name, nil returns, silence."""
    db = await Database.open(tmp_path / "ocu.sqlite3")
    seed = await Seed.create(db)
    kcs = await seed.agency("KCS", "Korea Customs Service")
    tcd = await seed.agency("TCD", "Thai Customs Department", "Asia/Bangkok")
    jpn = await seed.agency("JPN", "Japan Customs", "Asia/Tokyo")
    await seed.agency("LAO", "Lao Customs", "Asia/Vientiane")
    kim = await seed.officer(501, "Kim Min-jun", kcs)
    som = await seed.officer(502, "Somchai", tcd)
    await seed.report(
        meth("20000"), Item("mdma", "29000", "unit", "tablet"), officer=kim, agency=kcs,
        location="ICN", transport="air_cargo",
    )  # fmt: skip
    await seed.report(meth("0.1"), officer=kim, agency=kcs, location="ICN", transport="postal")
    await seed.report(
        meth("1999.9"), Item("mdma", "12", "unit", "capsule"), officer=som, agency=tcd,
        location="BKK", transport="air_cargo", day="2026-11-21",
    )  # fmt: skip
    await seed.report(
        Item("ghb", "3500", "ml"), unclassified("Blue  powder", "12"), officer=som, agency=tcd,
        location="BKK",
    )  # fmt: skip
    voided = await seed.report(meth("99000"), officer=kim, agency=kcs, location="ICN")
    await seed.void(voided)
    await seed.nil(officer=601, agency=jpn)
    await seed.nil(officer=601, agency=jpn, day="2026-11-21")
    await seed.phase("Operational", "2026-11-20T15:00:00+00:00", "2026-11-22T15:00:00+00:00")
    yield db, seed.operation_id
    await db.close()


async def summary_text(siren, args: str, now: datetime = NOW) -> list[str]:
    db, operation_id = siren
    request = parse_summary_args(args, find_substance=find)
    return await build_summary(db, operation_id=operation_id, request=request, now=now)


def table(message: str) -> list[str]:
    return re.search(r"<pre>(.*)</pre>", message, re.S).group(1).split("\n")


async def test_whole_operation(siren):
    [message] = await summary_text(siren, "")
    assert message.split("<pre>")[0] == (
        "<b>Summary · SIREN</b> — Operation Siren\n"
        "Whole operation, 2026-11-21 – 2026-11-22 (Asia/Seoul)\n"
        "By seizure date (the day it happened, or was reported if not said)\n"
        # Four reports, though the mixed ones appear in two substance rows each.
        "Reports: 4, cases: 4\n"
    )
    assert table(message) == [
        "Substance        Amount          Cases",
        "GHB                 3.5 L            1",
        "MDMA                 12 capsules     1",
        "                 29,000 tablets      1",
        "methamphetamine      22 kg           3",
        "",
        "Unclassified:",
        '"blue powder"        12 g            1',
        "",
        "Seizures reported: KCS, TCD",
        "Nil returns: JPN ×2",
        "Silent: LAO",
    ]


async def test_yesterday_by_agency_tells_nil_returns_from_silence(siren):
    [message] = await summary_text(siren, "yesterday by agency")
    assert "Yesterday, 2026-11-21 (Asia/Seoul)" in message
    assert table(message) == [
        "Substance        Amount          Cases",
        "",
        "▸ TCD — Thai Customs Department · 1 case",
        "MDMA                 12 capsules     1",
        "methamphetamine  1.9999 kg           1",
        "",
        "Seizures reported: TCD",
        "Nil returns: JPN",
        "Silent: KCS, LAO",
    ]


async def test_by_location_transport_officer_and_day(siren):
    [by_location] = await summary_text(siren, "meth by location")
    assert "Only: methamphetamine" in by_location
    assert [line for line in table(by_location) if line.startswith(("▸", "meth"))] == [
        "▸ BKK · 1 case",
        "methamphetamine   1.9999 kg     1",
        "▸ ICN · 2 cases",
        "methamphetamine  20.0001 kg     2",
    ]
    [by_transport] = await summary_text(siren, "by transport")
    assert [line for line in table(by_transport) if line.startswith("▸")] == [
        "▸ air cargo · 2 cases", "▸ postal · 1 case", "▸ Transport not stated · 1 case",
    ]  # fmt: skip
    [by_officer] = await summary_text(siren, "today by officer")
    assert [line for line in table(by_officer) if line.startswith("▸")] == [
        "▸ Kim Min-jun (KCS) · 2 cases", "▸ Somchai (TCD) · 1 case",
    ]  # fmt: skip
    [by_day] = await summary_text(siren, "week by day")
    assert [line for line in table(by_day) if line.startswith("▸")] == [
        "▸ 2026-11-21 Sat · 1 case", "▸ 2026-11-22 Sun · 3 cases",
    ]  # fmt: skip


async def test_a_breakdown_by_day_cut_short_keeps_the_latest_days(siren, monkeypatch):
    # A long operation's days outnumber what a summary shows: the latest are kept, not its
    # first weeks. Here 2026-11-22 has four lines and 2026-11-21 two; five fit.
    monkeypatch.setattr(storage.summary, "MAX_ROWS", 5)
    [by_day] = await summary_text(siren, "by day")
    assert [line for line in table(by_day) if line.startswith("▸")] == [
        "▸ 2026-11-22 Sun · 3 cases"
    ]
    assert "More groups. Narrow it down, e.g. /summary week agency=KCS" in by_day


async def test_a_breakdown_cut_short_counts_the_cases_of_the_groups_it_shows(siren, monkeypatch):
    # A cut answer counts only its groups' reports (not every officer's); each shown group's
    # count is the one the whole answer gives it.
    for form in ("by officer", "by location", "by origin", "by route"):
        [whole] = await summary_text(siren, form)
        heads = [line for line in table(whole) if line.startswith("▸")]
        cut_somewhere = False
        for limit in range(1, 12):
            monkeypatch.setattr(storage.summary, "MAX_ROWS", limit)
            [cut] = await summary_text(siren, form)
            monkeypatch.undo()
            shown = [line for line in table(cut) if line.startswith("▸")]
            assert set(shown) <= set(heads), (form, limit)
            cut_somewhere |= 0 < len(shown) < len(heads)
        assert cut_somewhere or len(heads) < 2, form


async def test_exact_decimals_add_up(siren):
    # 20000 g + 0.1 g on the 22nd: never 20000.100000000002.
    [message] = await summary_text(siren, "today meth agency=KCS")
    assert "methamphetamine  20.0001 kg     2" in table(message)
    # Under a substance filter the line says what it counts: any seizure, not only meth's.
    assert "Seizures reported (any kind): KCS" in table(message)
    assert "Silent: LAO" not in message  # the agency filter shows that agency alone


async def test_phase_and_a_date_range(siren):
    [phase] = await summary_text(siren, "phase")
    assert "Phase Operational, 2026-11-21 – 2026-11-22 (Asia/Seoul)" in phase
    # The day before the operation was created: nobody was silent then.
    [single_day] = await summary_text(siren, "2026-11-20")
    assert table(single_day)[0] == (
        "No reports dated 2026-11-20, before the operation began on 2026-11-21."
    )
    assert "Silent:" not in single_day
    with pytest.raises(SummaryRefused) as refused:
        await summary_text(siren, "phase", datetime(2026, 12, 25, tzinfo=UTC))
    assert summary_refusal(refused.value).startswith("No phase is running now")


async def test_unknown_agency_or_substance_is_answered_with_an_example(siren):
    with pytest.raises(SummaryRefused) as agency:
        await summary_text(siren, "agency=XYZ")
    assert re.search(r"No agency XYZ .*KCS, LAO, TCD.*agency=JPN", summary_refusal(agency.value))
    with pytest.raises(SummaryRefused) as substance:
        await summary_text(siren, "tody")
    assert "Nothing is recorded as 'tody'" in summary_refusal(substance.value)
    # A date mistyped ('28 Novv') is not taken for a substance nobody reported; '28 Nov' is a day.
    with pytest.raises(SummaryRefused) as day:
        await summary_text(siren, "28 Novv")
    said = summary_refusal(day.value)
    assert said.startswith("'28 Novv' is not a period I can read") and "/summary 20 Nov" in said
    [unclassified_only] = await summary_text(siren, "blue powder")
    # Short amounts: the counts stay under 'Cases' (round 11), not squeezed left of it.
    assert '"blue powder"  12 g       1' in table(unclassified_only)


async def test_an_exercise_says_so(tmp_path: Path):
    db = await Database.open(tmp_path / "ocu.sqlite3")
    seed = await Seed.create(db, code="DRILL", exercise=True)
    await seed.report(meth("5"), officer=1, agency=None)
    [message] = await build_summary(
        db, operation_id=seed.operation_id, request=parse_summary_args(""), now=NOW
    )
    # The renderer leaves the label to the one reply path, which adds it exactly once.
    assert message.startswith("<b>Summary · DRILL</b>")
    operation = await get_operation(db, operation_id=seed.operation_id)
    [sent] = outbox.fit([message], operation=operation).parts
    assert sent.startswith("🧪 <b>EXERCISE</b> · <b>Summary · DRILL</b>")
    assert sent.count("EXERCISE") == 1
    await db.close()


async def test_running_totals_agree_with_a_plain_group_by(siren):
    db, operation_id = siren
    for dates in (DateRange(), DateRange(NOW.date(), NOW.date())):
        fast = [t for _, t in await substance_totals(db, operation_id=operation_id, dates=dates)]
        slow = await plain_group_by(db, operation_id=operation_id, dates=dates)
        assert sorted(fast, key=lambda t: t.sort_key()) == sorted(slow, key=lambda t: t.sort_key())


async def test_the_benchs_baseline_agrees_for_every_breakdown_and_agency(siren):
    db, operation_id = siren
    [kcs] = [r["id"] for r in await db.fetchall("SELECT id FROM agency WHERE code = 'KCS'")]
    # The breakdowns the running totals keep (the others are read from the reports).
    kept = [d for d in Dimension if d not in REPORT_DIMENSIONS and d is not Dimension.PHASE]
    for dimension in (None, *kept):
        for agency_id in (None, kcs):
            for dates in (DateRange(), DateRange(NOW.date(), NOW.date())):
                fast = await substance_totals(
                    db,
                    operation_id=operation_id,
                    dates=dates,
                    dimension=dimension,
                    agency_id=agency_id,
                )
                slow = await plain_group_by_rows(
                    db,
                    operation_id=operation_id,
                    dates=dates,
                    dimension=dimension,
                    agency_id=agency_id,
                )
                assert sorted(fast, key=_by_group) == sorted(slow, key=_by_group)


def _by_group(row: tuple[str, SubstanceTotal]) -> tuple[object, ...]:
    return (row[0], *row[1].sort_key())
