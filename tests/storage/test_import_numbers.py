"""An import's report numbers: taken all at once when it begins, so the numbers officers get
while it runs go on one by one and never show its progress, and given back if it fails before
anyone has been numbered after them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot.domain.catalogue import Catalogue
from bot.parsing import parse_seizure
from storage import import_removal, imports
from storage.database import Database
from storage.operations import get_operation
from storage.seizures import Recorded, record_seizure
from tests.storage.seed import NOW, Seed

CATALOGUE = Catalogue.load()
IMPORTED = 600  # the file's reports, written in slices of SLICE
SLICE = 100


def _report(n: int, *, own_number: int) -> tuple[Any, ...]:
    """A file's report as `imports.write` takes it: id, agency, then the stored fields."""
    return (
        10_000 + n, None, 7000, "2025-03-01T01:00:00+00:00", "2025-03-01", None, "ICN",
        None, None, None, None, None, None, "[]", None, f"/seizure {n} g meth", -500,
        n, None, None, None, None, None, None, None, own_number,
    )  # fmt: skip


def _item(n: int) -> tuple[Any, ...]:
    """Its item, as seizure_item's columns."""
    return (
        10_000 + n, 1, "methamphetamine", None, str(n), n * 10**9, "g", None, f"{n} g",
        None, 0, 0, None, None,
    )  # fmt: skip


async def _live(db: Database, operation_id: int, message_id: int) -> int:
    """An officer's report recorded now; the number his acknowledgement quotes."""
    operation = await get_operation(db, operation_id=operation_id)
    assert operation is not None
    text = "/seizure 2kg cocaine at ICN"
    recorded = await record_seizure(
        db, operation=operation, agency_id=None, officer_id=42, chat_id=42,
        message_id=message_id, update_id=None, text=text, now=NOW,
        report=parse_seizure(text, catalogue=CATALOGUE, today=NOW.date()),
    )  # fmt: skip
    assert isinstance(recorded, Recorded)
    return recorded.seizure.number


async def _begin(db: Database, operation_id: int, *, own_numbers: bool) -> imports.Batch:
    """`begin` for a file of IMPORTED reports, numbered 1, 2 ... in the file (taken) or not."""
    last = _report(IMPORTED, own_number=IMPORTED if own_numbers else 0)
    batch, _ = await imports.begin(
        db, operation_id=operation_id, new_agencies=[], first_source_id=10_001,
        first_number=1 if own_numbers else 0, reports=IMPORTED,
        last_report=(last[0], *last[2:]), last_agency=None, last_person=(7000, "Officer"),
        last_items=[_item(IMPORTED)[1:]], now=NOW,
    )  # fmt: skip
    return batch


async def _write_with_live_reports_between(
    db: Database, operation_id: int, batch: imports.Batch
) -> list[int]:
    """Every report but the last (`begin` wrote it), a slice at a time, an officer reporting
    after each slice; the numbers the officer was given."""
    given = []
    for start in range(1, IMPORTED, SLICE):
        ns = range(start, min(start + SLICE, IMPORTED))
        await imports.write(
            db, batch, people=[(7000, "Officer")],
            seizures=[_report(n, own_number=batch.number(n - 1, n)) for n in ns],
            items=[_item(n) for n in ns],
        )  # fmt: skip
        given.append(await _live(db, operation_id, message_id=start))
    return given


@pytest.fixture
async def operation(tmp_path: Path):
    db = await Database.open(tmp_path / "ocu.sqlite3")
    seed = await Seed.create(db)
    yield db, seed.operation_id
    await db.close()


async def test_live_reports_during_an_import_are_numbered_one_by_one_after_its_range(
    operation,
) -> None:
    # The reviewer's officer got #16, #17, #719, #1834 ... while a 60,000-report import ran:
    # his numbers showed how far the hidden import had got.
    db, operation_id = operation
    assert [await _live(db, operation_id, message_id=m) for m in (-1, -2)] == [1, 2]
    batch = await _begin(db, operation_id, own_numbers=False)
    end = 2 + IMPORTED  # the import's range is #3 .. #602, taken at once
    given = await _write_with_live_reports_between(db, operation_id, batch)
    assert given == list(range(end + 1, end + 1 + len(given)))
    # The imported reports fill the range in the file's order.
    rows = await db.fetchall(
        "SELECT message_id, number FROM seizure WHERE import_id = ? ORDER BY message_id",
        (batch.id,),
    )
    assert [(r["message_id"], r["number"]) for r in rows] == [
        (n, 2 + n) for n in range(1, IMPORTED + 1)
    ]


async def test_an_import_keeping_the_files_numbers_numbers_live_reports_after_them(
    operation,
) -> None:
    db, operation_id = operation
    batch = await _begin(db, operation_id, own_numbers=True)
    assert batch.numbered
    given = await _write_with_live_reports_between(db, operation_id, batch)
    assert given == list(range(IMPORTED + 1, IMPORTED + 1 + len(given)))


async def test_a_failed_import_gives_its_numbers_back_when_nobody_was_numbered_after_them(
    operation,
) -> None:
    db, operation_id = operation
    assert [await _live(db, operation_id, message_id=m) for m in (-1, -2)] == [1, 2]
    batch = await _begin(db, operation_id, own_numbers=False)
    ns = range(1, 200)
    await imports.write(
        db, batch, people=[(7000, "Officer")],
        seizures=[_report(n, own_number=batch.number(n - 1, n)) for n in ns],
        items=[_item(n) for n in ns],
    )  # fmt: skip
    # Killed here; the bot's next start takes the batch away, and its numbers with it.
    assert await import_removal.clean_up(db) == 200
    assert await _live(db, operation_id, message_id=-3) == 3


async def test_a_failed_import_leaves_a_gap_once_an_officer_was_numbered_after_it(
    operation,
) -> None:
    # A number an officer has been given is his report's for good: the range stays unused.
    db, operation_id = operation
    await _begin(db, operation_id, own_numbers=False)
    assert await _live(db, operation_id, message_id=-1) == IMPORTED + 1
    assert await import_removal.clean_up(db) == 1
    assert await _live(db, operation_id, message_id=-2) == IMPORTED + 2
    rows = await db.fetchall("SELECT number FROM seizure ORDER BY number")
    assert [r["number"] for r in rows] == [IMPORTED + 1, IMPORTED + 2]
