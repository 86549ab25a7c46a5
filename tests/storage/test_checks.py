"""The questions asked before a write: the operation's largest item of a substance."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from storage.checks import HISTORY, LARGEST_SQL, largest_in
from storage.database import Database
from tests.storage.seed import Seed, meth


@pytest.fixture
async def db(tmp_path: Path):
    database = await Database.open(tmp_path / "ocu.sqlite3")
    yield database
    await database.close()


async def largest_item(
    db: Database, *, operation_id: int, substance: str, unit: str
) -> Decimal | None:
    return await db.read(
        lambda conn: largest_in(conn, operation_id=operation_id, substance=substance, unit=unit)
    )


async def test_the_largest_counts_only_this_operations_live_items(db: Database) -> None:
    siren = await Seed.create(db)
    other = await Seed.create(db, code="TUNDRA", title="Operation Tundra")
    for amount in ("2000", "500", "40", "30", "20"):
        await siren.report(meth(amount), officer=1, agency=None)
    voided = await siren.report(meth("90000"), officer=1, agency=None)
    await siren.void(voided)
    await other.report(meth("70000"), officer=2, agency=None)
    largest = await largest_item(
        db, operation_id=siren.operation_id, substance="methamphetamine", unit="g"
    )
    assert largest == Decimal(2000)
    assert (
        await largest_item(db, operation_id=siren.operation_id, substance="heroin", unit="g")
        is None
    )


async def test_the_largest_is_found_without_reading_every_item_of_the_substance(
    db: Database,
) -> None:
    # Before: a max() over every item of the substance on every /seizure (150-270 ms at
    # 100,000 reports). Now a walk down an index in amount order, stopping at the first.
    plan = await db.fetchall(
        "EXPLAIN QUERY PLAN " + LARGEST_SQL, ("methamphetamine", "g", 1, HISTORY)
    )
    details = [str(row[3]) for row in plan]
    assert any("USING INDEX seizure_item_largest" in d for d in details), details
    assert not any("TEMP B-TREE" in d for d in details), details


async def test_an_operation_with_few_reports_of_a_substance_has_no_usual_yet(
    db: Database,
) -> None:
    # Newcomer review: after one report of 2 tablets, every later 300 tablets was "far more
    # than usual". The largest counts once the operation has HISTORY reports of it.
    siren = await Seed.create(db)
    for amount in ("2", "3", "4", "5")[: HISTORY - 1]:
        await siren.report(meth(amount), officer=1, agency=None)
    ask = {"db": db, "operation_id": siren.operation_id, "substance": "methamphetamine"}
    assert await largest_item(**ask, unit="g") is None
    await siren.report(meth("1"), officer=1, agency=None)
    assert await largest_item(**ask, unit="g") == Decimal(5)
