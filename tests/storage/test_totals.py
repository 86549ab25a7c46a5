"""The running totals always equal a recount of the reports: the summary's key invariant."""

from __future__ import annotations

import asyncio
import sqlite3
import tempfile
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storage.aliases import add_alias, apply_alias, remove_alias
from storage.database import Database
from storage.migrate import apply_migrations, shipped_migrations
from storage.totals import (
    TotalsError,
    count_seizure,
    rebuild_totals,
    substance_key,
    to_nano,
)
from tests.examples import examples
from tests.storage.seed import Item, Seed, meth, unclassified


async def stored_totals(db: Database, operation_id: int) -> dict[tuple, tuple[int, int]]:
    rows = await db.fetchall(
        "SELECT '', '', grain, period, agency_id, substance_key, unit, form, amount_nano, cases"
        " FROM seizure_total WHERE operation_id = ? UNION ALL"
        " SELECT dim, dim_value, grain, period, agency_id, substance_key, unit, form,"
        " amount_nano, cases FROM seizure_dim_total WHERE operation_id = ?",
        (operation_id, operation_id),
    )
    return {tuple(r)[:8]: (r[8], r[9]) for r in rows}


async def stored_reports(db: Database, operation_id: int) -> dict[tuple, int]:
    """Each breakdown group's reports as the running totals add them up (0018's column)."""
    rows = await db.fetchall(
        "SELECT dim, dim_value, grain, period, agency_id, sum(reports) FROM seizure_dim_total"
        " WHERE operation_id = ? GROUP BY 1, 2, 3, 4, 5",
        (operation_id,),
    )
    return {tuple(r)[:5]: r[5] for r in rows}


def dim_values(r) -> dict[str, str]:
    """A report's value in each breakdown the totals keep, worked out in Python."""
    origin, destination = r["origin"] or "", r["destination"] or ""
    return {
        "location": r["location"] or "",
        "transport": r["transport"] or "",
        "officer": str(r["officer_id"]),
        "origin": origin,
        "destination": destination,
        "route": f"{origin}\x1f{destination}",
        "concealment": (r["concealment"] or "").strip(" ").lower(),
        "detection": r["detection"] or "",
    }


def dim_periods(day: str) -> tuple[tuple[str, str], ...]:
    """The (grain, period) rows a breakdown counts a report of this day in (0023)."""
    monday = date.fromisoformat(day) - timedelta(days=date.fromisoformat(day).weekday())
    return (("d", day), ("w", monday.isoformat()), ("m", day[:7]), ("a", ""))


async def recounted_reports(db: Database, operation_id: int) -> dict[tuple, int]:
    """Each breakdown group's counted reports, counted from the reports."""
    rows = await db.fetchall(
        "SELECT day, agency_id, officer_id, location, transport, origin, destination,"
        " concealment, detection FROM seizure WHERE operation_id = ? AND voided_at IS NULL",
        (operation_id,),
    )
    counts: dict[tuple, int] = defaultdict(int)
    for r in rows:
        for dim, value in dim_values(r).items():
            for grain, period in dim_periods(r["day"]):
                counts[(dim, value, grain, period, r["agency_id"] or 0)] += 1
    return dict(counts)


async def recounted_totals(db: Database, operation_id: int) -> dict[tuple, tuple[int, int]]:
    """The totals computed in Python from seizure and seizure_item, with Decimal amounts."""
    rows = await db.fetchall(
        "SELECT s.id, s.day, s.agency_id, s.officer_id, s.location, s.transport, s.origin,"
        " s.destination, s.concealment, s.detection,"
        " i.substance, i.substance_text, i.unit, i.form, i.amount"
        " FROM seizure s JOIN seizure_item i ON i.seizure_id = s.id"
        " WHERE s.operation_id = ? AND s.voided_at IS NULL",
        (operation_id,),
    )
    per_report: dict[tuple, Decimal] = defaultdict(Decimal)
    for r in rows:
        key = substance_key(r["substance"], r["substance_text"])
        dims = (("", ""), *dim_values(r).items())
        day = r["day"]
        for dim, value in dims:
            # Days, months and the whole operation; ISO weeks for the breakdowns too.
            grains = dim_periods(day) if dim else (("d", day), ("m", day[:7]), ("a", ""))
            for grain, period in grains:
                group = (dim, value, grain, period, r["agency_id"] or 0, key, r["unit"])
                per_report[(r["id"], *group, r["form"] or "")] += Decimal(r["amount"])
    totals: dict[tuple, list] = defaultdict(lambda: [Decimal(0), 0])
    for (_, *group), amount in per_report.items():
        totals[tuple(group)][0] += amount
        totals[tuple(group)][1] += 1
    return {k: (to_nano(v[0]), v[1]) for k, v in totals.items()}


async def test_a_report_counts_one_case_per_substance_in_every_dimension(tmp_path: Path):
    db = await Database.open(tmp_path / "ocu.sqlite3")
    seed = await Seed.create(db)
    kcs = await seed.agency("KCS", "Korea Customs Service")
    kim = await seed.officer(501, "Kim", kcs)
    await seed.report(
        meth("1000"), meth("0.1"), Item("mdma", "300", "unit", "tablet"),
        officer=kim, agency=kcs, location="ICN", transport="air_cargo",
    )  # fmt: skip
    totals = await stored_totals(db, seed.operation_id)
    for grain, period in (("d", "2026-11-22"), ("m", "2026-11"), ("a", "")):
        assert totals[("", "", grain, period, kcs, "methamphetamine", "g", "")] == (
            1000_100_000_000,
            1,
        )
    for grain, period in (("d", "2026-11-22"), ("w", "2026-11-16"), ("m", "2026-11"), ("a", "")):
        assert totals[("location", "ICN", grain, period, kcs, "mdma", "unit", "tablet")] == (
            300_000_000_000,
            1,
        )
        assert totals[("officer", "501", grain, period, kcs, "methamphetamine", "g", "")][1] == 1
        assert (
            totals[("transport", "air_cargo", grain, period, kcs, "mdma", "unit", "tablet")][1] == 1
        )
    # Two substances, each by day, month and in all (6), and in eight breakdowns (location,
    # transport, officer and the five details) by day, ISO week, month and in all (64): a
    # report's rows do not grow with the days the operation has run.
    assert len(totals) == 70
    await db.close()


async def test_voiding_the_last_report_leaves_no_rows(tmp_path: Path):
    db = await Database.open(tmp_path / "ocu.sqlite3")
    seed = await Seed.create(db)
    sid = await seed.report(meth("5"), officer=1, agency=None, location=None)
    await seed.void(sid)
    assert await stored_totals(db, seed.operation_id) == {}
    await db.close()


async def test_removing_what_was_never_added_is_refused(tmp_path: Path):
    db = await Database.open(tmp_path / "ocu.sqlite3")
    seed = await Seed.create(db)
    sid = await seed.report(meth("5"), officer=1, agency=None, location=None)
    await seed.void(sid)
    with pytest.raises(TotalsError):
        # Counted out twice: the second would leave the totals below zero.
        await db.write(lambda conn: count_seizure(conn, sid, -1))
    assert await stored_totals(db, seed.operation_id) == {}
    await db.close()


async def test_alias_moves_past_reports_without_counting_a_case_twice(tmp_path: Path):
    db = await Database.open(tmp_path / "ocu.sqlite3")
    seed = await Seed.create(db)
    await seed.report(meth("100"), unclassified("Bingdu", "50"), officer=1, agency=None)
    await seed.report(unclassified(" bingdu. ", "25"), officer=1, agency=None)
    voided = await seed.report(unclassified("BINGDU", "7"), officer=1, agency=None)
    await seed.void(voided)
    moved = await db.write(
        lambda conn: apply_alias(
            conn,
            operation_id=seed.operation_id,
            words="bingdu",
            substance="methamphetamine",
            previous=None,
        )
    )
    assert moved == (3, 0)
    totals = await stored_totals(db, seed.operation_id)
    assert totals[("", "", "d", "2026-11-22", 0, "methamphetamine", "g", "")] == (
        175 * 10**9,
        2,
    )
    assert not any(key[5].startswith("?") for key in totals)
    assert totals == await recounted_totals(db, seed.operation_id)
    await db.close()


def test_to_nano_is_exact_and_refuses_what_it_cannot_hold():
    assert to_nano(Decimal("0.1")) + to_nano(Decimal("0.2")) == to_nano(Decimal("0.3"))
    assert to_nano(Decimal("28.349523125")) == 28_349_523_125
    assert to_nano(Decimal("2E+3")) == 2_000 * 10**9
    with pytest.raises(ValueError):
        to_nano(Decimal("0.0000000001"))
    with pytest.raises(ValueError):
        to_nano(Decimal("NaN"))


SUBSTANCES = [
    ("methamphetamine", None),
    ("cocaine", None),
    ("mdma", None),
    (None, "blue powder"),
    (None, "Blue  Powder!"),
    (None, "ยาอี สีชมพู"),
]
amounts = st.builds(
    lambda whole, frac, places: str(Decimal(whole) + Decimal(frac).scaleb(-places)),
    st.integers(0, 50_000),
    st.integers(1, 999_999_999),
    st.integers(1, 9),
)
units = st.sampled_from([("g", None), ("ml", None), ("unit", "tablet"), ("unit", None)])
items = st.builds(
    lambda s, amount, u: Item(s[0], amount, u[0], u[1], s[1]),
    st.sampled_from(SUBSTANCES),
    amounts,
    units,
)
reports = st.fixed_dictionaries(
    {
        "items": st.lists(items, min_size=1, max_size=4),
        "agency": st.sampled_from([0, 1, None]),
        "officer": st.sampled_from([501, 502]),
        "day": st.sampled_from(["2026-11-20", "2026-11-21", "2026-11-22"]),
        "location": st.sampled_from([None, "ICN", "BKK"]),
        "transport": st.sampled_from([None, "air_cargo", "postal"]),
        "origin": st.sampled_from([None, "Bangkok", "Seoul"]),
        "destination": st.sampled_from([None, "Seoul"]),
        "concealment": st.sampled_from([None, "Suitcase", " suitcase ", "", "false bottom"]),
        "detection": st.sampled_from([None, "x-ray", "dog"]),
    }
)
NOW = datetime(2026, 11, 20, tzinfo=UTC)
actions = st.lists(
    st.one_of(
        st.tuples(st.just("report"), reports),
        st.tuples(st.just("void"), st.integers(0, 30)),
        st.tuples(st.just("edit"), st.integers(0, 30), st.lists(items, min_size=1, max_size=3)),
        st.tuples(
            st.just("alias"),
            st.sampled_from(["blue powder", "ยาอี สีชมพู"]),
            st.sampled_from(["mdma", "cocaine"]),  # the second time, re-pointed
        ),
        st.tuples(st.just("unalias"), st.sampled_from(["blue powder", "ยาอี สีชมพู"])),
    ),
    min_size=1,
    max_size=25,
)


async def _play(path: Path, script: list) -> None:
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
        elif action[0] == "alias":  # the second time, re-pointed: its items move along
            await add_alias(
                db, operation_id=seed.operation_id, words=action[1], substance=action[2],
                actor_id=1, now=NOW,
            )  # fmt: skip
        elif action[0] == "unalias":  # its items unclassified again, their totals moved back
            await remove_alias(
                db, operation_id=seed.operation_id, words=action[1], reads_as=None, actor_id=1,
                now=NOW,
            )  # fmt: skip
    stored = await stored_totals(db, seed.operation_id)
    assert stored == await recounted_totals(db, seed.operation_id)
    assert all(cases > 0 for _, cases in stored.values())
    reports = await stored_reports(db, seed.operation_id)
    assert reports == await recounted_reports(db, seed.operation_id)
    await db.write(lambda conn: rebuild_totals(conn, seed.operation_id))
    assert await stored_totals(db, seed.operation_id) == stored
    assert await stored_reports(db, seed.operation_id) == reports
    await db.close()


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(script=actions)
def test_totals_equal_a_recount_after_any_reports_voids_edits_and_aliases(script):
    with tempfile.TemporaryDirectory() as folder:
        asyncio.run(_play(Path(folder) / "ocu.sqlite3", script))


async def test_a_file_from_before_the_grains_keeps_its_totals(tmp_path: Path):
    # Reports written by the previous code, with its seizure_total (one row a day and
    # dimension), then the grains migration: the totals equal a recount of the reports.
    path = tmp_path / "ocu.sqlite3"
    migrations = shipped_migrations()
    grains = next(m for m in migrations if m.name.endswith("_totals_by_grain.sql"))
    apply_migrations(path, migrations[: grains.version - 1])
    conn = sqlite3.connect(path, isolation_level=None)
    conn.executescript(
        "INSERT INTO operation (id, code, title, tz, created_at)"
        " VALUES (1, 'SIREN', 'Siren', 'Asia/Seoul', '2026-10-01T00:00:00+00:00');"
        "INSERT INTO seizure (id, operation_id, agency_id, officer_id, chat_id, message_id,"
        " text, reported_at, day, location, tags) VALUES"
        " (1, 1, NULL, 501, -1, 1, 't', '2026-10-31T01:00:00+00:00', '2026-10-31', 'ICN', '[]'),"
        " (2, 1, NULL, 501, -1, 2, 't', '2026-11-01T01:00:00+00:00', '2026-11-01', 'ICN', '[]'),"
        " (3, 1, NULL, 502, -1, 3, 't', '2026-11-02T01:00:00+00:00', '2026-11-02', NULL, '[]'),"
        " (4, 1, NULL, 502, -1, 4, 't', '2026-11-02T02:00:00+00:00', '2026-11-02', 'BKK', '[]');"
        "INSERT INTO seizure_item (seizure_id, position, substance, substance_text, amount,"
        " amount_nano, unit, as_written) VALUES"
        " (1, 1, 'cocaine', NULL, '2', 2000000000, 'g', '2g'),"
        " (2, 1, 'cocaine', NULL, '3', 3000000000, 'g', '3g'),"
        " (3, 1, 'cocaine', NULL, '4', 4000000000, 'g', '4g'),"
        " (4, 1, NULL, 'Blue  Powder!', '5', 5000000000, 'g', '5g blue powder'),"
        " (4, 2, 'cocaine', NULL, '1', 1000000000, 'g', '1g');"
    )
    old = (
        "INSERT INTO seizure_total (operation_id, dim, dim_value, day, agency_id, substance_key,"
        " unit, form, amount_nano, cases) VALUES (1, ?, ?, ?, 0, ?, 'g', '', ?, ?)"
        " ON CONFLICT DO UPDATE SET amount_nano = amount_nano + excluded.amount_nano,"
        " cases = cases + 1"
    )
    for day, officer, location, key, nano in (
        ("2026-10-31", "501", "ICN", "cocaine", 2 * 10**9),
        ("2026-11-01", "501", "ICN", "cocaine", 3 * 10**9),
        ("2026-11-02", "502", "", "cocaine", 4 * 10**9),
        ("2026-11-02", "502", "BKK", substance_key(None, "Blue  Powder!"), 5 * 10**9),
        ("2026-11-02", "502", "BKK", "cocaine", 1 * 10**9),
    ):
        for dim, value in (
            ("", ""),
            ("location", location),
            ("transport", ""),
            ("officer", officer),
        ):
            conn.execute(old, (dim, value, day, key, nano, 1))
    conn.close()
    db = await Database.open(path)  # brings the file to the newest schema
    totals = await stored_totals(db, 1)
    assert totals == await recounted_totals(db, 1)
    assert totals[("", "", "m", "2026-11", 0, "cocaine", "g", "")] == (8 * 10**9, 3)
    assert totals[("officer", "501", "a", "", 0, "cocaine", "g", "")] == (5 * 10**9, 2)
    # 0018: each group's reports, a report of two substances counted once (no new rows).
    assert await stored_reports(db, 1) == await recounted_reports(db, 1)
    reports = await stored_reports(db, 1)
    assert reports[("officer", "502", "a", "", 0)] == 2
    assert reports[("location", "BKK", "d", "2026-11-02", 0)] == 1
    await db.close()


async def test_a_file_from_before_the_detail_totals_gets_them_from_its_reports(tmp_path: Path):
    # Reports written before 0021 (no totals by origin, destination, route, concealment or
    # detection), one voided and one in an unfinished import: the migration counts the others.
    path = tmp_path / "ocu.sqlite3"
    migrations = shipped_migrations()
    details = next(m for m in migrations if m.name.endswith("_detail_totals.sql"))
    apply_migrations(path, migrations[: details.version - 1])
    conn = sqlite3.connect(path, isolation_level=None)
    conn.executescript(
        "INSERT INTO operation (id, code, title, tz, created_at)"
        " VALUES (1, 'SIREN', 'Siren', 'Asia/Seoul', '2026-10-01T00:00:00+00:00');"
        "INSERT INTO import_batch (id, operation_id, started_at) VALUES"
        " (7, 1, '2026-11-03T00:00:00+00:00');"
        "INSERT INTO seizure (id, operation_id, agency_id, officer_id, chat_id, message_id,"
        " text, reported_at, day, origin, destination, concealment, detection, voided_at,"
        " import_id, tags) VALUES"
        " (1, 1, NULL, 501, -1, 1, 't', '2026-10-31T01:00:00+00:00', '2026-10-31', 'Bangkok',"
        "  'Seoul', 'Suitcase', 'x-ray', NULL, NULL, '[]'),"
        " (2, 1, 3, 501, -1, 2, 't', '2026-11-01T01:00:00+00:00', '2026-11-01', 'Bangkok',"
        "  NULL, ' suitcase ', NULL, NULL, NULL, '[]'),"
        " (3, 1, NULL, 502, -1, 3, 't', '2026-11-02T01:00:00+00:00', '2026-11-02', 'Seoul',"
        "  NULL, NULL, 'dog', '2026-11-02T02:00:00+00:00', NULL, '[]'),"
        " (4, 1, NULL, 502, -1, 4, 't', '2026-11-02T02:00:00+00:00', '2026-11-02', 'Seoul',"
        "  NULL, NULL, 'dog', NULL, 7, '[]');"
        "INSERT INTO seizure_item (seizure_id, position, substance, substance_text, amount,"
        " amount_nano, unit, as_written) VALUES"
        " (1, 1, 'cocaine', NULL, '2', 2000000000, 'g', '2g'),"
        " (1, 2, NULL, 'Blue  Powder!', '5', 5000000000, 'g', '5g blue powder'),"
        " (2, 1, 'cocaine', NULL, '3', 3000000000, 'g', '3g'),"
        " (2, 2, 'cocaine', NULL, '1', 1000000000, 'g', '1g'),"
        " (3, 1, 'cocaine', NULL, '4', 4000000000, 'g', '4g'),"
        " (4, 1, 'cocaine', NULL, '6', 6000000000, 'g', '6g');"
    )
    conn.close()
    db = await Database.open(path)  # brings the file to the newest schema
    detail = {"origin", "destination", "route", "concealment", "detection"}
    stored = {k: v for k, v in (await stored_totals(db, 1)).items() if k[0] in detail}
    # The recount reads every unvoided report: the unfinished import's is not counted yet.
    await db.write(lambda c: c.execute("UPDATE seizure SET voided_at = 'x' WHERE id = 4"))
    recount = {k: v for k, v in (await recounted_totals(db, 1)).items() if k[0] in detail}
    assert stored == recount
    # 'Suitcase' and ' suitcase ' are one concealment.
    assert stored[("concealment", "suitcase", "a", "", 0, "cocaine", "g", "")] == (2 * 10**9, 1)
    assert stored[("concealment", "suitcase", "a", "", 3, "cocaine", "g", "")] == (4 * 10**9, 1)
    assert stored[("route", "Bangkok\x1f", "d", "2026-11-01", 3, "cocaine", "g", "")] == (
        4 * 10**9,
        1,
    )
    reports = {k: v for k, v in (await stored_reports(db, 1)).items() if k[0] in detail}
    assert reports == {k: v for k, v in (await recounted_reports(db, 1)).items() if k[0] in detail}
    assert reports[("origin", "Bangkok", "a", "", 0)] == 1  # two substances, one report
    await db.close()
