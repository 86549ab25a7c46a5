"""/summary from the running totals against a plain GROUP BY over the reports, same run."""

from __future__ import annotations

import asyncio
import statistics
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bot.domain.summary import DateRange
from bot.parsing.summary import parse_summary_args
from bot.render.summary import group_label, render_summary
from storage.database import Database
from storage.summary import load_summary, plain_group_by

# The day after the generated operation's last day, at noon in Seoul.
NOW = datetime(2026, 11, 30, 3, 0, tzinfo=UTC)
VARIANTS = (
    "", "today", "yesterday", "week", "2026-10-05..2026-11-20", "by agency", "by day",
    "by location", "by transport", "by officer", "agency=A01", "agency=A01 today",
    "agency=A01 by day", "agency=A01 by officer", "week by officer",
)  # fmt: skip


async def build_summary(db, *, operation_id, request, now) -> list[str]:
    """The /summary answer's messages, as the handler builds them."""
    summary = await load_summary(
        db, operation_id=operation_id, request=request, now=now, label=group_label
    )
    return render_summary(summary)


async def _median_ms(call: Callable[[], Awaitable[Any]], runs: int) -> float:
    await call()  # warm the page cache the way a running bot has it warm
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        await call()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


async def measure(path: Path, *, baseline_runs: int) -> dict[str, Any]:
    """Milliseconds for /summary (database work, and with rendering) and for the baseline."""
    db = await Database.open(path)
    try:
        request = parse_summary_args("")
        figures: dict[str, Any] = {
            "summary_db_ms": await _median_ms(
                lambda: load_summary(
                    db, operation_id=1, request=request, now=NOW, label=group_label
                ),
                9,
            ),
            "summary_total_ms": await _median_ms(
                lambda: build_summary(db, operation_id=1, request=request, now=NOW), 9
            ),
            "plain_group_by_ms": await _median_ms(
                lambda: plain_group_by(db, operation_id=1, dates=DateRange()), baseline_runs
            ),
        }
        figures["speedup"] = figures["plain_group_by_ms"] / figures["summary_db_ms"]
        variants = {}
        for args in VARIANTS:
            variant = parse_summary_args(args)
            variants[args] = await _median_ms(
                lambda v=variant: load_summary(
                    db, operation_id=1, request=v, now=NOW, label=group_label
                ),
                3,
            )
        figures["variants_db_ms"] = variants
        return figures
    finally:
        await db.close()


def run(path: Path, *, baseline_runs: int = 3) -> dict[str, Any]:
    """measure(), from synchronous code."""
    return asyncio.run(measure(path, baseline_runs=baseline_runs))
