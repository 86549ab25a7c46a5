"""Databases of any size, built fast with plain sqlite3 executemany, then the real rebuild."""

from __future__ import annotations

import json
import random
import shutil
import sqlite3
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from bot.domain.units import to_nano
from storage.migrate import apply_migrations
from storage.totals import rebuild_totals

AGENCIES = 25
DAYS = 60  # a short operation; LONG_DAYS is one that has run for years
LONG_DAYS = 1000
LAST_DAY = date(2026, 11, 29)  # every shape ends the day before the bench's "now"
VOID_SHARE = 0.02
NIL_PER_DAY = 8
TRANSPORTS = (
    "air_passenger", "air_cargo", "express_courier", "postal", "sea_container",
    "sea_vessel", "land_vehicle", "rail", "pedestrian", None,
)  # fmt: skip
# (substance, unit, form, weight): what a regional operation sees most.
SUBSTANCES = (
    ("methamphetamine", "g", None, 30), ("methamphetamine", "unit", "tablet", 12),
    ("cannabis", "g", None, 14), ("cocaine", "g", None, 8), ("heroin", "g", None, 5),
    ("mdma", "unit", "tablet", 6), ("mdma", "g", None, 2), ("ketamine", "g", None, 5),
    ("amphetamine", "unit", "tablet", 3), ("cannabis_resin", "g", None, 2),
    ("synthetic_cathinones", "g", None, 2), ("synthetic_cannabinoids", "g", None, 2),
    ("ghb", "ml", None, 1), ("lsd", "unit", "blotter", 1), ("opium", "g", None, 1),
    ("tramadol", "unit", "tablet", 2), ("kratom", "g", None, 2), ("khat", "g", None, 1),
    ("fentanyl", "g", None, 1), ("psilocybin", "g", None, 1), ("ephedrine", "g", None, 1),
    ("nps", "unit", "capsule", 1), (None, "g", None, 3),
)  # fmt: skip
UNCLASSIFIED = tuple(f"unknown powder {n}" for n in range(60))
ITEMS_PER_REPORT = (1, 1, 1, 1, 1, 1, 1, 2, 2, 3)


def _day(n: int, days: int = DAYS) -> str:
    return (LAST_DAY - timedelta(days=days - 1 - n)).isoformat()


def _amount(rng: random.Random, unit: str) -> str:
    if unit == "unit":
        return str(rng.choice((1, 5, 12, 50, 100, 300, 479, 1000, 29000)))
    grams = rng.randint(1, 50_000)
    if rng.random() < 0.3:
        return f"{grams // 10}.{rng.randint(1, 9)}"  # kilos typed as 1.5 kg, grams as 0.5 g
    return str(grams)


def build(path: Path, reports: int, *, days: int = DAYS, seed: int = 7) -> int:
    """A fresh database at path: one operation of `reports` reports over `days` days; its id."""
    path.unlink(missing_ok=True)
    apply_migrations(path)
    rng = random.Random(seed)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("BEGIN")
    conn.execute(
        "INSERT INTO operation (id, code, title, tz, created_at)"
        " VALUES (1, 'SIREN', 'Operation Siren', 'Asia/Seoul', '2026-10-01T00:00:00+00:00')"
    )
    conn.executemany(
        "INSERT INTO agency (id, operation_id, code, name, tz) VALUES (?, 1, ?, ?, 'Asia/Seoul')",
        [(a, f"A{a:02d}", f"Agency {a}") for a in range(1, AGENCIES + 1)],
    )
    officers = max(50, min(2000, reports // 500))
    officer_agency = {10_000 + o: 1 + o % AGENCIES for o in range(officers)}
    conn.executemany(
        "INSERT INTO person (user_id, full_name) VALUES (?, ?)",
        [(user, f"Officer {user}") for user in officer_agency],
    )
    conn.executemany(
        "INSERT INTO membership (operation_id, user_id, role, agency_id, joined_at)"
        " VALUES (1, ?, 'officer', ?, '2026-10-01T00:00:00+00:00')",
        list(officer_agency.items()),
    )
    conn.executemany(
        "INSERT INTO seizure (id, operation_id, agency_id, officer_id, chat_id, message_id,"
        " update_id, text, reported_at, day, location, transport, tags, voided_at, voided_by,"
        " void_reason) VALUES (?, 1, ?, ?, -1001, ?, ?, ?, ?, ?, ?, ?, '[]', ?, ?, ?)",
        _seizures(rng, reports, officer_agency, days),
    )
    conn.executemany(
        "INSERT INTO seizure_item (seizure_id, position, substance, substance_text, amount,"
        " amount_nano, unit, form, as_written) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        _items(random.Random(seed + 1), reports),
    )
    conn.executemany(
        "INSERT INTO nil_return (operation_id, agency_id, officer_id, day, reported_at)"
        " VALUES (1, ?, ?, ?, ?)",
        [
            (1 + (d * 7 + k) % AGENCIES, 10_000 + k, day, f"{day}T09:00:00+00:00")
            for d, day in ((d, _day(d, days)) for d in range(days))
            for k in range(NIL_PER_DAY)
        ],
    )
    # The baseline's own index: the best plain GROUP BY reads the reports of a period and their
    # items from covering indexes, never the tables (this is not kept in the bot's schema).
    conn.execute(
        "CREATE INDEX bench_seizure_day ON seizure"
        " (operation_id, day, voided_at, import_id, id, agency_id)"
    )
    conn.execute(
        "CREATE INDEX bench_item_cover ON seizure_item"
        " (seizure_id, substance, substance_text, unit, form, amount_nano)"
    )
    conn.execute("COMMIT")
    conn.close()
    _rebuild(path)
    return 1


def _seizures(
    rng: random.Random, reports: int, officer_agency: dict[int, int], days: int
) -> Iterator[tuple]:
    officers = list(officer_agency)
    for sid in range(1, reports + 1):
        officer = rng.choice(officers)
        agency = officer_agency[officer]
        day = _day(rng.randrange(days), days)
        voided = rng.random() < VOID_SHARE
        yield (
            sid, agency, officer, sid, sid, "/seizure 2kg meth", f"{day}T03:00:00+00:00", day,
            f"POST-{agency}-{rng.randrange(5)}", rng.choice(TRANSPORTS),
            f"{day}T04:00:00+00:00" if voided else None, officer if voided else None,
            "duplicate" if voided else None,
        )  # fmt: skip


def _items(rng: random.Random, reports: int) -> Iterator[tuple]:
    weights = [s[3] for s in SUBSTANCES]
    for sid in range(1, reports + 1):
        count = rng.choice(ITEMS_PER_REPORT)
        for position, (substance, unit, form, _) in enumerate(
            rng.choices(SUBSTANCES, weights, k=count), start=1
        ):
            text = rng.choice(UNCLASSIFIED) if substance is None else None
            amount = _amount(rng, unit)
            yield (
                sid, position, substance, text, amount, to_nano(Decimal(amount)), unit, form,
                f"{amount}{unit} {substance or text}",
            )  # fmt: skip


def _rebuild(path: Path) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("BEGIN")
        rebuild_totals(conn, 1)
        conn.execute("COMMIT")
    finally:
        conn.close()


def counts(path: Path) -> dict[str, int]:
    """How many rows each table of interest holds."""
    conn = sqlite3.connect(path)
    try:
        return {
            table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("seizure", "seizure_item", "seizure_total", "seizure_dim_total")
        }
    finally:
        conn.close()


def megabytes(path: Path) -> dict[str, float]:
    """Each table's own pages on disk (dbstat), indexes apart; "reports": seizure and its items."""
    # The totals are WITHOUT ROWID tables (their key is the table), while the reports' indexes
    # are left out: the comparison leans against the totals.
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        sizes = dict(
            conn.execute("SELECT name, sum(pgsize) / 1e6 FROM dbstat GROUP BY name").fetchall()
        )
    finally:
        conn.close()
    wanted = ("seizure", "seizure_item", "seizure_total", "seizure_dim_total")
    found = {table: float(sizes.get(table, 0.0)) for table in wanted}
    found["reports"] = found["seizure"] + found["seizure_item"]
    return found


if __name__ == "__main__":
    import sys
    import time

    started = time.perf_counter()
    target = Path(sys.argv[1])
    build(target, int(sys.argv[2]), days=int(sys.argv[3]) if len(sys.argv) > 3 else DAYS)
    print(json.dumps(counts(target)), f"{time.perf_counter() - started:.1f}s")


def copy_with_coordinator(
    source: Path, target: Path, user_id: int, *more: tuple[str, tuple[object, ...]]
) -> None:
    """A copy of a bench database where `user_id` (the demo's Kim) coordinates operation 1.

    `more`: further (statement, parameters) run on the copy, as a bench needs.
    """
    for left in (Path(f"{target}-wal"), Path(f"{target}-shm")):
        # A run killed mid-write leaves its WAL: beside a fresh copy it reads as corruption.
        left.unlink(missing_ok=True)
    shutil.copyfile(source, target)
    conn = sqlite3.connect(target, isolation_level=None)
    try:
        conn.execute(
            "INSERT OR IGNORE INTO person (user_id, full_name) VALUES (?, 'Kim Min-jun')",
            (user_id,),
        )
        conn.execute(
            "INSERT OR REPLACE INTO membership (operation_id, user_id, role, joined_at)"
            " VALUES (1, ?, 'coordinator', '2026-10-01T00:00:00+00:00')",
            (user_id,),
        )
        for sql, params in more:
            conn.execute(sql, params)
    finally:
        conn.close()
