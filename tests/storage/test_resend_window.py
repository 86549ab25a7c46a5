"""The resend check on a real SQLite file: the same words from the same officer, minutes apart.

storage.checks reads the officer's newest reports within the window through two indexes
(_RECENT_TEXTS); these pin what it finds, whatever the plan.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.domain.catalogue import Catalogue
from bot.domain.unit import Operation
from bot.parsing import parse_seizure
from storage.database import Database
from storage.operations import create_operation
from storage.seizures import Recorded, SentBefore, record_seizure

T0 = datetime(2026, 11, 2, 1, 0, tzinfo=UTC)
CATALOGUE = Catalogue.load()
WINDOW = timedelta(minutes=5)


class _Officers:
    def __init__(self, db: Database, operation: Operation):
        self.db, self.operation, self.message = db, operation, 0

    async def send(self, officer: int, text: str, now: datetime) -> Recorded | SentBefore:
        self.message += 1
        outcome = await record_seizure(
            self.db, operation=self.operation, agency_id=None, officer_id=officer,
            chat_id=officer, message_id=self.message, update_id=self.message, text=text,
            report=parse_seizure(text, catalogue=CATALOGUE, today=now.date()), now=now,
            resent_since=now - WINDOW,
        )  # fmt: skip
        assert isinstance(outcome, Recorded | SentBefore)
        return outcome


async def test_the_same_words_within_the_window_are_asked_about_older_or_anothers_are_not(
    tmp_path: Path,
) -> None:
    db = await Database.open(tmp_path / "ocu.sqlite3")
    try:
        operation = await create_operation(
            db, code="SIREN", title="Siren", tz="Asia/Seoul", exercise=False, actor_id=1, now=T0
        )
        officers = _Officers(db, operation)
        old = await officers.send(7, "/seizure 2kg meth at ICN", T0 - timedelta(hours=1))
        assert isinstance(old, Recorded)
        # Only an hour-old copy: recorded.
        first = await officers.send(7, "/s   2KG Meth at icn", T0)
        assert isinstance(first, Recorded)
        for n in range(3):  # others after it, inside the window
            later = await officers.send(
                7, f"/seizure {n + 3}kg ketamine", T0 + timedelta(minutes=1)
            )
            assert isinstance(later, Recorded)
        again = await officers.send(7, "/seizure@OcuBot 2kg meth AT ICN", T0 + timedelta(minutes=4))
        assert isinstance(again, SentBefore)
        assert again.earlier.id == first.seizure.id
        # Another officer's same words, and the same officer once the window has passed.
        other = await officers.send(8, "/seizure 2kg meth at ICN", T0 + timedelta(minutes=4))
        assert isinstance(other, Recorded)
        past = await officers.send(7, "/seizure 2kg meth at ICN", T0 + timedelta(minutes=6))
        assert isinstance(past, Recorded)
    finally:
        await db.close()
