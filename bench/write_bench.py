"""What one report's write costs on a large operation: `python -m bench.write_bench FILE`.

Records reports through storage.seizures.record_seizure, the path /seizure takes (one
transaction: the report, its items, the running totals, and the fsync), into the given
database, and prints the median, p99 and longest in milliseconds as JSON. Works on a copy:
the reports it adds stay in the file.
"""

from __future__ import annotations

import asyncio
import json
import random
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bot.domain.catalogue import Catalogue
from bot.parsing import parse_seizure
from storage import seizures as seizure_store
from storage.database import Database
from storage.operations import get_operation

SAMPLES = 400
NOW = datetime(2026, 11, 30, 3, 0, tzinfo=UTC)
TEXTS = (
    "{n}g meth at ICN via air cargo", "{n} tablets of mdma at POST-3-1 by post",
    "{n}kg cannabis and {n}g cocaine at BKK", "{n}g heroin via sea container",
    "{n}g blue powder at POST-5-2",
)  # fmt: skip


async def measure(path: Path, samples: int = SAMPLES) -> dict[str, Any]:
    """Milliseconds per report written, over `samples` reports from the operation's officers."""
    db = await Database.open(path)
    try:
        operation = await get_operation(db, operation_id=1)
        assert operation is not None
        officers = await db.fetchall(
            "SELECT user_id, agency_id FROM membership WHERE operation_id = 1 LIMIT 200"
        )
        counted = await db.fetchone("SELECT count(*) FROM seizure")
        before = int(counted[0]) if counted else 0
        catalogue = Catalogue.load(None)
        rng = random.Random(3)
        times, cpu = [], []
        for n in range(samples):
            officer = rng.choice(officers)
            text = "/seizure " + rng.choice(TEXTS).format(n=n + 1)
            now = NOW + timedelta(seconds=n)
            report = parse_seizure(text, catalogue=catalogue, today=now.date())
            started, used = time.perf_counter(), time.process_time()
            await seizure_store.record_seizure(
                db,
                operation=operation,
                agency_id=officer["agency_id"],
                officer_id=officer["user_id"],
                chat_id=-1001,
                message_id=10_000_000 + before + n,
                update_id=900_000_000 + before + n,
                text=text,
                report=report,
                now=now,
            )
            times.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - used) * 1000)
    finally:
        await db.close()
    times.sort()
    return {
        "reports": samples,
        "reports_before": before,
        "write_median_ms": statistics.median(times),
        "write_p99_ms": times[max(int(len(times) * 0.99) - 1, 0)],
        "write_max_ms": times[-1],
        # The work itself, without the time other processes held the cores or the disk.
        "write_cpu_median_ms": statistics.median(cpu),
    }


if __name__ == "__main__":
    print(json.dumps(asyncio.run(measure(Path(sys.argv[1])))))
