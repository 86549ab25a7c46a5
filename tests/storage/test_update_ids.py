"""Update ids on real SQLite files: a repeat is recorded once, a recycled id is a new report.

Telegram delivers an update again for up to 24 hours; after a week without updates it may
choose the next ids at random, so an id seen long ago can come back on a different message.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.domain.catalogue import Catalogue
from bot.domain.unit import Operation
from bot.parsing import parse_seizure
from storage.checks import HISTORY
from storage.database import Database
from storage.operations import create_operation
from storage.seizures import Recorded, record_nil, record_seizure

T0 = datetime(2026, 11, 2, 1, 0, tzinfo=UTC)
CATALOGUE = Catalogue.load()


async def _report(
    db: Database, operation: Operation, *, message_id: int, update_id: int, now: datetime
) -> Recorded:
    text = f"/seizure {message_id}kg meth"
    outcome = await record_seizure(
        db,
        operation=operation,
        agency_id=None,
        officer_id=7,
        chat_id=7,
        message_id=message_id,
        update_id=update_id,
        text=text,
        report=parse_seizure(text, catalogue=CATALOGUE, today=now.date()),
        now=now,
        resent_since=now - timedelta(minutes=5),
    )
    assert isinstance(outcome, Recorded)
    return outcome


async def test_repeat_within_a_day_is_one_report_a_recycled_id_weeks_later_is_new(
    tmp_path: Path,
) -> None:
    db = await Database.open(tmp_path / "ocu.sqlite3")
    try:
        operation = await create_operation(
            db, code="SIREN", title="Siren", tz="Asia/Seoul", exercise=False, actor_id=1, now=T0
        )
        first = await _report(db, operation, message_id=1, update_id=500, now=T0)
        next_day = T0 + timedelta(hours=23)
        again = await _report(db, operation, message_id=1, update_id=500, now=next_day)
        assert again.duplicate_update and again.seizure.id == first.seizure.id
        # A week and more of silence later, Telegram hands out 500 again, on a new message.
        later = T0 + timedelta(days=9)
        new = await _report(db, operation, message_id=2, update_id=500, now=later)
        assert not new.duplicate_update and new.seizure.id != first.seizure.id
        rows = await db.fetchall("SELECT id, message_id, update_id, text FROM seizure ORDER BY id")
        assert [tuple(r) for r in rows] == [
            (first.seizure.id, 1, None, "/seizure 1kg meth"),
            (new.seizure.id, 2, 500, "/seizure 2kg meth"),
        ]
        totals = await db.fetchall(
            "SELECT cases FROM seizure_total WHERE grain = 'd' ORDER BY period"
        )
        assert [r["cases"] for r in totals] == [1, 1]
        # The new report's own repeat is still recognised.
        repeat = await _report(db, operation, message_id=2, update_id=500, now=later)
        assert repeat.duplicate_update and repeat.seizure.id == new.seizure.id
        # Nil returns follow the same rule.
        await record_nil(db, operation=operation, agency_id=None, officer_id=7, update_id=600,
                         note=None, now=T0)  # fmt: skip
        await record_nil(db, operation=operation, agency_id=None, officer_id=7, update_id=600,
                         note=None, now=later)  # fmt: skip
        nils = await db.fetchall("SELECT day, update_id FROM nil_return ORDER BY day")
        assert [tuple(r) for r in nils] == [("2026-11-02", None), ("2026-11-11", 600)]
        # Old ids are forgotten, not kept for ever.
        kept = await db.fetchall("SELECT update_id FROM processed_update ORDER BY update_id")
        assert [r["update_id"] for r in kept] == [500, 600]
    finally:
        await db.close()


async def test_an_amount_far_outside_the_usual_comes_back_unrecorded_and_unclaimed(
    tmp_path: Path,
) -> None:
    # The "far outside the usual?" question is asked inside the report's own transaction (no
    # read on the reader's thread first): found so, nothing is written, the update not claimed.
    from decimal import Decimal

    from handlers.asked import too_large
    from storage.seizures import Unusual

    db = await Database.open(tmp_path / "ocu.sqlite3")
    try:
        operation = await create_operation(
            db, code="SIREN", title="Siren", tz="Asia/Seoul", exercise=False, actor_id=1, now=T0
        )
        for kg in range(1, HISTORY + 1):  # 1..5 kg: enough to say what is usual, 5 kg largest
            await _report(db, operation, message_id=kg, update_id=500 + kg, now=T0)
        text = "/seizure 600kg meth"
        outcome = await record_seizure(
            db, operation=operation, agency_id=None, officer_id=7, chat_id=7, message_id=99,
            update_id=600, text=text, now=T0,
            report=parse_seizure(text, catalogue=CATALOGUE, today=T0.date()),
            resent_since=T0 - timedelta(minutes=5), too_large=too_large,
        )  # fmt: skip
        assert isinstance(outcome, Unusual)
        assert outcome.largest == Decimal(5000) and outcome.item.amount == Decimal(600_000)
        rows = await db.fetchall("SELECT message_id FROM seizure")
        assert [r["message_id"] for r in rows] == list(range(1, HISTORY + 1))
        assert not await db.carried_out(600)
    finally:
        await db.close()
