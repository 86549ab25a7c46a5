"""`python -m bench.dimensions_bench [REPORTS]`: /summary's breakdowns read from the reports.

Builds an operation with bench.generate, gives its reports origins, destinations,
concealments and detection methods and links a few of them, then times load_summary (the
database work of /summary, case count and linked cases included) for each breakdown.
"""

from __future__ import annotations

import asyncio
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench import generate
from bench.summary_bench import NOW
from bot.parsing.summary import parse_summary_args
from bot.render.summary import group_label
from storage.database import Database
from storage.summary import load_summary
from storage.totals import rebuild_totals

COUNTRIES = ("TH", "LA", "MM", "KR", "JP", "CN", "VN", "MY", "KH", "PH", "BR", None)
CONCEALMENTS = ("suitcase", "parcel", "speaker", "shoes", "body", "food tins", None)
DETECTIONS = ("risk_profiling", "intelligence", "x_ray", "canine", "random_check", None)
VARIANTS = (
    "by origin", "by route", "by destination", "by concealment", "by detection", "by phase",
    "", "by agency", "week by origin", "by origin meth",
)  # fmt: skip
LINKED_PAIRS = 500


def add_details(path: Path, reports: int) -> None:
    """Give a generated operation's reports details, two phases and linked pairs."""
    rng = random.Random(11)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    conn.executemany(
        "UPDATE seizure SET origin = ?, destination = ?, concealment = ?, detection = ?"
        " WHERE id = ?",
        [
            (
                rng.choice(COUNTRIES),
                rng.choice(COUNTRIES),
                rng.choice(CONCEALMENTS),
                rng.choice(DETECTIONS),
                sid,
            )
            for sid in range(1, reports + 1)
        ],
    )
    conn.executemany(
        "INSERT OR IGNORE INTO seizure_case (seizure_id, operation_id, case_id, linked_at)"
        " VALUES (?, 1, ?, '2026-11-01T00:00:00+00:00')",
        [
            (sid, case)
            for n in range(LINKED_PAIRS)
            for case in [2 * n + 1]
            for sid in (case, case + 1)
        ],
    )
    conn.execute(
        "INSERT INTO phase (operation_id, name, starts_at, ends_at) VALUES"
        " (1, 'preparation', '2026-10-01T00:00:00+00:00', '2026-10-20T00:00:00+00:00'),"
        " (1, 'operational', '2026-10-20T00:00:00+00:00', '2026-11-20T00:00:00+00:00')"
    )
    conn.execute("COMMIT")
    conn.execute("BEGIN")
    rebuild_totals(conn, 1)  # the details are in the running totals since migration 0021
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    conn.close()


async def _median_ms(db: Database, args: str, runs: int = 5) -> tuple[float, float]:
    """Median wall and CPU milliseconds: on a shared machine the CPU time is the steadier."""
    request = parse_summary_args(args, find_substance=lambda w: "methamphetamine")
    await load_summary(
        db, operation_id=1, request=request, now=NOW, label=group_label
    )  # a warm page cache
    wall, cpu = [], []
    for _ in range(runs):
        started, used = time.perf_counter(), time.process_time()
        await load_summary(db, operation_id=1, request=request, now=NOW, label=group_label)
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - used) * 1000)
    return statistics.median(wall), statistics.median(cpu)


async def _measure(path: Path) -> dict[str, tuple[float, float]]:
    db = await Database.open(path)
    try:
        return {args or "(whole)": await _median_ms(db, args) for args in VARIANTS}
    finally:
        await db.close()


def main(reports: int, keep: Path | None = None) -> None:
    """Build (or reuse `keep`), and print the median milliseconds of each breakdown."""
    with tempfile.TemporaryDirectory() as folder:
        path = keep or Path(folder) / f"dims-{reports}.sqlite3"
        if not path.exists():
            started = time.perf_counter()
            generate.build(path, reports)
            add_details(path, reports)
            print(f"built {reports:,} reports in {time.perf_counter() - started:.1f} s")
        print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores", flush=True)
        for args, (wall, cpu) in asyncio.run(_measure(path)).items():
            print(f"  /summary {args:<16} {wall:8.1f} ms wall {cpu:8.1f} ms CPU")


if __name__ == "__main__":
    main(
        int(sys.argv[1]) if len(sys.argv) > 1 else 100_000,
        Path(sys.argv[2]) if len(sys.argv) > 2 else None,
    )
