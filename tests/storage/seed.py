"""Reports stored the way storage/seizures.py does: rows and running totals, one transaction."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

from storage.database import Database
from storage.totals import count_seizure, to_nano

NOW = datetime(2026, 11, 22, 3, 0, tzinfo=UTC)  # 12:00 in Seoul


@dataclass(frozen=True)
class Item:
    """An item as the parser returns it."""

    substance: str | None
    amount: str
    unit: str = "g"
    form: str | None = None
    substance_text: str | None = None


def meth(amount: str) -> Item:
    return Item("methamphetamine", amount)


def unclassified(words: str, amount: str, unit: str = "g") -> Item:
    return Item(None, amount, unit, None, words)


class Seed:
    """An operation with agencies and officers, and helpers to report, void and edit."""

    def __init__(self, db: Database, operation_id: int):
        self.db = db
        self.operation_id = operation_id
        self._message = 0

    @classmethod
    async def create(
        cls,
        db: Database,
        *,
        code: str = "SIREN",
        title: str = "Operation Siren",
        tz: str = "Asia/Seoul",
        exercise: bool = False,
    ) -> Seed:
        def work(conn: sqlite3.Connection) -> Seed:
            cursor = conn.execute(
                "INSERT INTO operation (code, title, tz, exercise, created_at) VALUES (?,?,?,?,?)",
                (code, title, tz, int(exercise), NOW.isoformat()),
            )
            assert cursor.lastrowid is not None
            return cls(db, cursor.lastrowid)

        return await db.write(work)

    async def agency(self, code: str, name: str, tz: str = "Asia/Seoul") -> int:
        def work(conn: sqlite3.Connection) -> int:
            cursor = conn.execute(
                "INSERT INTO agency (operation_id, code, name, tz) VALUES (?,?,?,?)",
                (self.operation_id, code, name, tz),
            )
            assert cursor.lastrowid is not None
            return cursor.lastrowid

        return await self.db.write(work)

    async def officer(self, user_id: int, name: str, agency_id: int | None) -> int:
        def work(conn: sqlite3.Connection) -> None:
            conn.execute(
                "INSERT OR IGNORE INTO person (user_id, full_name) VALUES (?, ?)", (user_id, name)
            )
            conn.execute(
                "INSERT INTO membership (operation_id, user_id, role, agency_id, joined_at)"
                " VALUES (?, ?, 'officer', ?, ?)",
                (self.operation_id, user_id, agency_id, NOW.isoformat()),
            )

        await self.db.write(work)
        return user_id

    async def report(
        self,
        *items: Item,
        officer: int,
        agency: int | None,
        day: str = "2026-11-22",
        location: str | None = None,
        transport: str | None = None,
        text: str | None = None,
        **fields: str | None,
    ) -> int:
        self._message += 1

        def work(conn: sqlite3.Connection) -> int:
            cursor = conn.execute(
                "INSERT INTO seizure (operation_id, agency_id, officer_id, chat_id, message_id,"
                " update_id, text, reported_at, day, location, transport, origin, destination,"
                " concealment, detection, reference, note, occurred_on, tags)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    self.operation_id,
                    agency,
                    officer,
                    -100,
                    self._message,
                    self._message + 1000 * self.operation_id,
                    text or "/seizure " + " + ".join(f"{i.amount}{i.unit}" for i in items),
                    fields.get("reported_at") or f"{day}T01:00:00+00:00",
                    day,
                    location,
                    transport,
                    fields.get("origin"),
                    fields.get("destination"),
                    fields.get("concealment"),
                    fields.get("detection"),
                    fields.get("reference"),
                    fields.get("note"),
                    fields.get("occurred_on"),
                    fields.get("tags") or json.dumps([]),
                ),
            )
            seizure_id = cursor.lastrowid
            assert seizure_id is not None
            _insert_items(conn, seizure_id, items)
            count_seizure(conn, seizure_id, +1)
            return seizure_id

        seizure_id = await self.db.write(work)
        return seizure_id

    async def void(self, seizure_id: int, *, by: int = 1, reason: str = "duplicate") -> None:
        def work(conn: sqlite3.Connection) -> None:
            conn.execute(
                "UPDATE seizure SET voided_at = ?, voided_by = ?, void_reason = ? WHERE id = ?",
                (NOW.isoformat(), by, reason, seizure_id),
            )
            count_seizure(conn, seizure_id, -1)

        await self.db.write(work)

    async def edit(self, seizure_id: int, *items: Item) -> None:
        def work(conn: sqlite3.Connection) -> None:
            count_seizure(conn, seizure_id, -1)
            conn.execute("DELETE FROM seizure_item WHERE seizure_id = ?", (seizure_id,))
            _insert_items(conn, seizure_id, items)
            conn.execute(
                "UPDATE seizure SET edited_at = ? WHERE id = ?", (NOW.isoformat(), seizure_id)
            )
            count_seizure(conn, seizure_id, +1)

        await self.db.write(work)

    async def nil(self, *, officer: int, agency: int | None, day: str = "2026-11-22") -> None:
        def work(conn: sqlite3.Connection) -> None:
            conn.execute(
                "INSERT INTO nil_return (operation_id, agency_id, officer_id, day, reported_at)"
                " VALUES (?,?,?,?,?)",
                (self.operation_id, agency, officer, day, f"{day}T09:00:00+00:00"),
            )

        await self.db.write(work)

    async def phase(self, name: str, starts_at: str, ends_at: str) -> None:
        def work(conn: sqlite3.Connection) -> None:
            conn.execute(
                "INSERT INTO phase (operation_id, name, starts_at, ends_at) VALUES (?,?,?,?)",
                (self.operation_id, name, starts_at, ends_at),
            )

        await self.db.write(work)


def _insert_items(conn: sqlite3.Connection, seizure_id: int, items: tuple[Item, ...]) -> None:
    conn.executemany(
        "INSERT INTO seizure_item (seizure_id, position, substance, substance_text, amount,"
        " amount_nano, unit, form, as_written) VALUES (?,?,?,?,?,?,?,?,?)",
        [
            (
                seizure_id,
                position,
                i.substance,
                i.substance_text,
                i.amount,
                to_nano(Decimal(i.amount)),
                i.unit,
                i.form,
                f"{i.amount}{i.unit} {i.substance or i.substance_text}",
            )
            for position, i in enumerate(items, start=1)
        ],
    )
