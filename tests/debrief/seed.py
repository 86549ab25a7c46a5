"""An operation shaped like SIREN, written straight into the file: a few hundred reports."""

from __future__ import annotations

import io
import json
import random
import sqlite3
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from PIL import Image

from bot.domain.units import to_nano
from storage.totals import rebuild_totals

PHASES = (
    ("preparation", "2026-11-19T15:00:00+00:00", "2026-11-24T15:00:00+00:00"),
    ("operational", "2026-11-24T15:00:00+00:00", "2026-12-08T15:00:00+00:00"),
    ("follow-up", "2026-12-08T15:00:00+00:00", "2026-12-12T15:00:00+00:00"),
)
# substance, unit, form, low, high (base units)
KINDS = (
    ("methamphetamine", "g", None, 5, 4000),
    ("methamphetamine", "unit", "tablet", 200, 30000),
    ("mdma", "unit", "tablet", 10, 500),
    ("cocaine", "g", None, 1, 2500),
    ("cannabis", "g", None, 50, 9000),
    ("ketamine", "g", None, 3, 800),
    ("methamphetamine", "ml", None, 100, 5000),
    ("tramadol", "unit", "tablet", 100, 10000),
)
# Days on which the last administration (TCD) sends neither a report nor a nil return.
SILENT = frozenset(date(2026, 11, 29) + timedelta(days=n) for n in range(4))
PLACES = (
    "ICN cargo terminal",
    "Incheon airport T1",
    "Busan port",
    "Suvarnabhumi airport",
    "Laem Chabang port",
    "Sadao border",
)
COUNTRIES = ("TH", "KR", "LA", "MM", "US", "CA", "MX", "NL", "DE", None)
TRANSPORT = (
    "air_passenger",
    "air_cargo",
    "express_courier",
    "postal",
    "sea_container",
    "land_vehicle",
    None,
)
CONCEALMENT = ("suitcase false bottom", "body", "machinery", "tea packets", "clothing", None)
DETECTION = ("risk_profiling", "x_ray", "canine", "intelligence", "random_check", None)


def jpeg(n: int) -> bytes:
    """A small photo: a coloured block, different for each n."""
    image = Image.new("RGB", (320, 240), ((n * 53) % 256, (n * 97) % 256, (n * 31) % 256))
    out = io.BytesIO()
    image.save(out, format="JPEG")
    return out.getvalue()


def seed_siren(path: Path, *, code: str = "SIREN", reports: int = 320, seed: int = 15) -> None:
    """Phases, reports (with photos, routes, voids, corrections), nil returns; by plain SQL."""
    rng = random.Random(seed)
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("BEGIN")
        (op_id,) = conn.execute("SELECT id FROM operation WHERE code = ?", (code,)).fetchone()
        agencies = [
            r[0]
            for r in conn.execute(
                "SELECT id FROM agency WHERE operation_id = ? ORDER BY code", (op_id,)
            )
        ]
        officers = [
            r[0]
            for r in conn.execute("SELECT user_id FROM membership WHERE operation_id = ?", (op_id,))
        ] or [1]
        for name, start, end in PHASES:
            conn.execute(
                "INSERT INTO phase (operation_id, name, starts_at, ends_at) VALUES (?,?,?,?)",
                (op_id, name, start, end),
            )
        first = date(2026, 11, 20)
        for n in range(reports):
            agency = agencies[n % len(agencies)] if n % 41 else None
            day = first + timedelta(days=rng.randrange(22))
            if agency == agencies[-1] and day in SILENT:
                day += timedelta(days=5)  # the last administration says nothing on SILENT days
            late = rng.choice((0, 0, 0, 1, 2))
            if agency == agencies[-1] and day + timedelta(days=late) in SILENT:
                late = 0  # nor a late report on a SILENT day
            reported = datetime(day.year, day.month, day.day, 2, tzinfo=UTC) + timedelta(
                days=late, minutes=rng.randrange(600)
            )
            origin = rng.choice(COUNTRIES)
            cursor = conn.execute(
                "INSERT INTO seizure (operation_id, agency_id, officer_id, chat_id, message_id,"
                " text, reported_at, day, occurred_on, location, origin, destination, transport,"
                " concealment, detection, tags) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    op_id,
                    agency,
                    rng.choice(officers),
                    -5,
                    10_000 + n,
                    f"/seizure seeded {n}",
                    reported.isoformat(),
                    day.isoformat(),
                    day.isoformat() if late else None,
                    rng.choice(PLACES),
                    origin,
                    rng.choice(("KR", "TH", "JP", None)),
                    rng.choice(TRANSPORT),
                    rng.choice(CONCEALMENT),
                    rng.choice(DETECTION),
                    json.dumps([]),
                ),
            )
            seizure_id = cursor.lastrowid
            count = 2 if n % 7 == 0 else 1
            for position, kind in enumerate(rng.sample(KINDS, count), start=1):
                substance, unit, form, low, high = kind
                amount = Decimal(rng.randrange(low * 10, high * 10)) / 10
                if unit == "unit":
                    amount = amount.to_integral_value()
                words = None
                if n % 37 == 5:
                    substance, words = (
                        None,
                        rng.choice(("blue powder", "Blue Powder", "herbal mix")),
                    )
                conn.execute(
                    "INSERT INTO seizure_item (seizure_id, position, substance, substance_text,"
                    " amount, amount_nano, unit, form, as_written, approximate, provisional)"
                    " VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                    (
                        seizure_id,
                        position,
                        substance,
                        words,
                        str(amount),
                        to_nano(amount),
                        unit,
                        form,
                        f"{amount}{unit}",
                        int(n % 11 == 3),
                        int(n % 13 == 4),
                    ),
                )
            if n % 9 == 0:
                for k in range(1 + n % 2):
                    conn.execute(
                        "INSERT INTO seizure_media (seizure_id, kind, file_id, file_unique_id,"
                        " mime_type, size, content, kept, chat_id, message_id, added_by,"
                        " added_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                        (
                            seizure_id,
                            "photo",
                            f"f{n}-{k}",
                            f"u{n}-{k}",
                            "image/jpeg",
                            0,
                            jpeg(n + k),
                            "kept",
                            -5,
                            10_000 + n,
                            1,
                            reported.isoformat(),
                        ),
                    )
            if n % 29 == 7:
                conn.execute(
                    "UPDATE seizure SET voided_at = ?, voided_by = 1, void_reason = 'duplicate'"
                    " WHERE id = ?",
                    (reported.isoformat(), seizure_id),
                )
            elif n % 23 == 2:
                conn.execute(
                    "UPDATE seizure SET edited_at = ? WHERE id = ?",
                    ((reported + timedelta(hours=1)).isoformat(), seizure_id),
                )
        # A controlled delivery reported by two administrations, made one case by /link.
        pair = [
            conn.execute(
                "SELECT id FROM seizure WHERE operation_id = ? AND agency_id = ?"
                " AND voided_at IS NULL ORDER BY id LIMIT 1",
                (op_id, agency),
            ).fetchone()[0]
            for agency in agencies[:2]
        ]
        # The second report tells the same seizure as the first (day, route, transport, the
        # first's substance at 90 %), from its own place: one case in every group but location.
        conn.execute(
            "UPDATE seizure SET (day, origin, destination, transport, concealment, detection) ="
            " (SELECT day, origin, destination, transport, concealment, detection FROM seizure"
            " WHERE id = ?) WHERE id = ?",
            (pair[0], pair[1]),
        )
        substance, words, amount, unit, form = conn.execute(
            "SELECT substance, substance_text, amount, unit, form FROM seizure_item"
            " WHERE seizure_id = ? ORDER BY position LIMIT 1",
            (pair[0],),
        ).fetchone()
        told = Decimal(amount) * Decimal("0.9")
        if unit == "unit":
            told = told.to_integral_value()
        conn.execute("DELETE FROM seizure_item WHERE seizure_id = ?", (pair[1],))
        conn.execute(
            "INSERT INTO seizure_item (seizure_id, position, substance, substance_text, amount,"
            " amount_nano, unit, form, as_written) VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?)",
            (pair[1], substance, words, str(told), to_nano(told), unit, form, f"{told}{unit}"),
        )
        for seizure_id in pair:
            conn.execute(
                "INSERT INTO seizure_case (seizure_id, operation_id, case_id, linked_at,"
                " linked_by) VALUES (?, ?, ?, ?, 1)",
                (seizure_id, op_id, min(pair), f"{first.isoformat()}T12:00:00+00:00"),
            )
        for n in range(40):
            day = first + timedelta(days=rng.randrange(22))
            if agencies[n % len(agencies)] == agencies[-1] and day in SILENT:
                continue
            conn.execute(
                "INSERT INTO nil_return (operation_id, agency_id, officer_id, day, reported_at)"
                " VALUES (?,?,?,?,?)",
                (
                    op_id,
                    agencies[n % len(agencies)],
                    officers[0],
                    day.isoformat(),
                    f"{day.isoformat()}T09:00:00+00:00",
                ),
            )
        # The running totals as the bot keeps them beside its reports (the pack reads its
        # breakdowns by the reports' columns from them).
        rebuild_totals(conn, op_id)
        conn.execute("COMMIT")
    finally:
        conn.close()
