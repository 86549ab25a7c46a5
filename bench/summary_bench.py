"""Every /summary form from the running totals against the best plain SQL, same run.

The baseline is a GROUP BY over the reports and their items read only from covering indexes
(bench_seizure_cover, bench_item_cover; not part of the bot's schema), with ANALYZE run on
those two tables so that SQLite picks them; its query plan is checked, not assumed. Every
figure is the median of several runs, the page cache warm as a running bot has it. "With the
text" is what the officer gets: the totals read, the reply's HTML and the outbox's fitting of
it into three messages or a file.

`python -m bench.summary_bench DB [FORM ...]` measures one database (it adds the baseline's
indexes to that file: give it a copy, never a shared one) and prints each form's figures.
"""

from __future__ import annotations

import argparse
import asyncio
import sqlite3
import statistics
import sys
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.generate import counts, megabytes
from bot.domain.summary import Summary
from bot.outbox import MAX_PARTS, fit
from bot.parsing.summary import parse_summary_args
from bot.render.summary import group_label, summary_answer
from storage.baseline_totals import plain_group_by_rows, plain_group_by_sql
from storage.database import Database
from storage.summary import load_summary, resolve_scope

# Noon in Seoul on the generated operation's last day, so that "today" has a day of reports.
NOW = datetime(2026, 11, 29, 3, 0, tzinfo=UTC)
FORMS = (
    "", "today", "yesterday", "week", "2026-10-01..2026-10-31", "2026-10-05..2026-11-20",
    "by day", "by location", "by officer", "by transport", "by agency", "agency=A01",
    "agency=A01 today", "agency=A01 by day", "agency=A01 by officer", "today by officer",
    "week by officer", "week by location", "2026-10-05..2026-11-20 by location",
    "by origin", "by destination", "by route", "by concealment", "by detection", "by phase",
    "week by origin", "agency=A01 by route",
    # A range broken down by each detail: the agency in every row's key makes these read 6-10
    # rows a group where by location reads one (issue #16).
    "2026-10-05..2026-11-20 by transport", "2026-10-05..2026-11-20 by origin",
    "2026-10-05..2026-11-20 by destination", "2026-10-05..2026-11-20 by route",
    "2026-10-05..2026-11-20 by concealment", "2026-10-05..2026-11-20 by detection",
    "2026-10-05..2026-11-20 by officer",
)  # fmt: skip
VARIANTS = FORMS  # what bench.memory answers
# The baseline's indexes: the reports of a period with every column the GROUP BY reads, and
# the items of a report likewise, so that neither table is read.
BASELINE_INDEXES = (
    "CREATE INDEX IF NOT EXISTS bench_seizure_cover ON seizure"
    " (operation_id, day, voided_at, import_id, agency_id, officer_id, location, transport,"
    " origin, destination, concealment, detection)",
    "CREATE INDEX IF NOT EXISTS bench_item_cover ON seizure_item"
    " (seizure_id, substance, substance_text, unit, form, amount_nano)",
)


_SEIZURE_COVERS = ("bench_seizure_cover", "seizure_counted")


def prepare_baseline(path: Path) -> None:
    """Give the baseline its covering indexes and the statistics to choose them (idempotent)."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        # An older bench's narrower index would compete with the covering one.
        conn.execute("DROP INDEX IF EXISTS bench_seizure_day")
        row = conn.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'bench_seizure_cover'"
        ).fetchone()
        if row is not None and "detection" not in row[0]:
            conn.execute("DROP INDEX bench_seizure_cover")  # one without the details' columns
        for sql in BASELINE_INDEXES:
            conn.execute(sql)
        # Only the reports' tables: the running totals keep the plans the bot has in service.
        conn.execute("ANALYZE seizure")
        conn.execute("ANALYZE seizure_item")
    finally:
        conn.close()


SUMMARY_TARGET_MS = 50
# The text step (HTML made and fitted) is CPU on the loop: a small part of the 50 ms (#16).
TEXT_TARGET_MS = 5


async def build_summary(db, *, operation_id, request, now) -> list[str]:
    """The /summary answer's messages, as the handler builds them and the outbox fits them."""
    summary = await load_summary(
        db, operation_id=operation_id, request=request, now=now, label=group_label
    )
    return summary_text(summary)


def summary_text(summary: Summary) -> list[str]:
    """The text step alone: the reply's HTML made and fitted, from totals already read."""
    parts, whole = summary_answer(summary, max_parts=MAX_PARTS)
    # Up to three messages, else one file of the unsplit text (handlers.results.summary).
    fitted = fit(parts, filename="summary.txt", whole=whole)
    return list(fitted.parts)


def text_step_cpu_ms(summary: Summary, runs: int) -> float:
    """Median CPU milliseconds of the text step (this process only: no storage, no waiting)."""
    summary_text(summary)
    used = []
    for _ in range(max(runs, 15)):  # a few milliseconds each: more runs for a steadier median
        started = time.process_time()
        summary_text(summary)
        used.append((time.process_time() - started) * 1000)
    return statistics.median(used)


async def _median_ms(call: Callable[[], Awaitable[Any]], runs: int, *, warm: bool) -> float:
    return (await _medians_ms(call, runs, warm=warm))[0]


async def _medians_ms(
    call: Callable[[], Awaitable[Any]], runs: int, *, warm: bool = True
) -> tuple[float, float]:
    """Median wall-clock and CPU milliseconds (this process, every thread) of a call.

    On a shared machine the wall clock includes the time other processes held the cores; the
    CPU time is the work itself, what an idle machine would take.
    """
    if warm:
        await call()  # warm the page cache the way a running bot has it warm
    wall, cpu = [], []
    for _ in range(runs):
        started, used = time.perf_counter(), time.process_time()
        await call()
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - used) * 1000)
    return statistics.median(wall), statistics.median(cpu)


async def _paired_medians_ms(
    first: Callable[[], Awaitable[Any]], second: Callable[[], Awaitable[Any]], runs: int
) -> tuple[tuple[float, float], tuple[float, float]]:
    """_medians_ms of two calls run by turns (first, second, first, ...), not one batch after
    the other: a busy spell of the shared machine falls on both alike. Measured in two batches,
    storage and its text (the same read, a few ms more) differed by -11 to +11 ms of CPU time
    from one pass to the next (1,000,000 reports, load 10-12)."""
    await first()
    await second()
    wall: tuple[list[float], list[float]] = ([], [])
    cpu: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        for n, call in enumerate((first, second)):
            started, used = time.perf_counter(), time.process_time()
            await call()
            wall[n].append((time.perf_counter() - started) * 1000)
            cpu[n].append((time.process_time() - used) * 1000)
    medians = [(statistics.median(wall[n]), statistics.median(cpu[n])) for n in (0, 1)]
    return medians[0], medians[1]


async def _plan(db: Database, sql: str, params: list[object]) -> str:
    rows = await db.fetchall("EXPLAIN QUERY PLAN " + sql, params)
    return "; ".join(str(r[3]) for r in rows)


async def _warm_baseline(db: Database) -> None:
    """Read the baseline's covering indexes whole once, so each form's plain SQL finds them in
    the page cache without a warming run of its own (20-30 s a form at 1,000,000 reports)."""
    await db.fetchone("SELECT count(*) FROM seizure INDEXED BY bench_seizure_cover")
    await db.fetchone("SELECT count(*) FROM seizure_item INDEXED BY bench_item_cover")


async def measure(
    path: Path, *, runs: int, baseline_runs: int, forms: tuple[str, ...] = FORMS
) -> dict[str, Any]:
    """Per form: milliseconds from the totals (storage; with the text) and from plain SQL."""
    db = await Database.open(path)
    try:
        if baseline_runs:
            await _warm_baseline(db)
        figures: dict[str, dict[str, Any]] = {}
        for args in forms:
            request = parse_summary_args(args)
            scope = await resolve_scope(
                db, operation_id=1, request=request, now=NOW, command="summary"
            )
            sql, params = plain_group_by_sql(1, scope.dates, request.dimension, scope.agency_id)
            plan = await _plan(db, sql, params)
            # The bot's own seizure_counted (0013) covers the same columns, counted reports only.
            covered = any(f"COVERING INDEX {i}" in plan for i in _SEIZURE_COVERS)
            # Not run (--baseline-runs 0): its plan is only printed.
            if baseline_runs and (not covered or "COVERING INDEX bench_item_cover" not in plan):
                raise RuntimeError(f"the baseline of '{args}' does not use its indexes: {plan}")
            (storage_ms, storage_cpu_ms), (text_ms, text_cpu_ms) = await _paired_medians_ms(
                lambda r=request: load_summary(
                    db, operation_id=1, request=r, now=NOW, label=group_label
                ),
                lambda r=request: build_summary(db, operation_id=1, request=r, now=NOW),
                runs,
            )
            loaded = await load_summary(
                db, operation_id=1, request=request, now=NOW, label=group_label
            )
            figures[args] = {
                "text_cpu_ms": text_step_cpu_ms(loaded, runs),
                "storage_ms": storage_ms,
                "storage_cpu_ms": storage_cpu_ms,
                "with_text_ms": text_ms,
                "with_text_cpu_ms": text_cpu_ms,
                # --baseline-runs 0 (iterating on one form at 1M): the plain SQL not run.
                "baseline_ms": await _median_ms(
                    lambda s=scope, r=request: plain_group_by_rows(
                        db,
                        operation_id=1,
                        dates=s.dates,
                        dimension=r.dimension,
                        agency_id=s.agency_id,
                    ),
                    baseline_runs,
                    warm=baseline_runs > 1,  # one run: the indexes were read at the start
                )
                if baseline_runs
                else float("nan"),
                "baseline_plan": plan,
            }
        return {"runs": runs, "baseline_runs": baseline_runs, "forms": figures}
    finally:
        await db.close()


def run(
    path: Path, *, runs: int = 7, baseline_runs: int = 3, forms: tuple[str, ...] = FORMS
) -> dict[str, Any]:
    """measure(), from synchronous code, after preparing the baseline's indexes."""
    prepare_baseline(path)
    return asyncio.run(measure(path, runs=runs, baseline_runs=baseline_runs, forms=forms))


def _verdict(ok: bool) -> str:
    return "ok " if ok else "MISS"


def print_figures(figures: dict[str, Any]) -> None:
    """Each form: storage and with the text, wall and CPU, beside plain SQL and the target."""
    counts = figures.get("counts")
    if counts is not None:
        rows, days = figures["reports"], figures["days"]
        totals, dims = counts["seizure_total"], counts["seizure_dim_total"]
        print(
            f"  {rows:,} reports over {days:,} days: seizure_total {totals:,} rows"
            f" ({totals / rows:.2f} a report) [{_verdict(totals <= rows)} <= reports];"
            f" seizure_dim_total {dims:,} ({dims / rows:.2f} a report)"
            f" [{_verdict(dims <= rows)} <= reports]",
            flush=True,
        )
    mb = figures.get("megabytes")
    if mb is not None:
        print(
            f"  on disk: seizure_total {mb['seizure_total']:,.1f} MB"
            f" [{_verdict(mb['seizure_total'] <= mb['reports'])} no bigger than the reports];"
            f" seizure_dim_total {mb['seizure_dim_total']:,.1f} MB;"
            f" the reports (seizure and its items, indexes apart) {mb['reports']:,.1f} MB",
            flush=True,
        )
    print(
        f"    {'/summary':<36}{'storage':>9}{'(CPU)':>8}{'+ text':>9}{'(CPU)':>8}"
        f"{'plain SQL':>12}  target {SUMMARY_TARGET_MS} ms (wall; with the text)"
        f"{'text CPU':>12}  target {TEXT_TARGET_MS} ms",
        flush=True,
    )
    for args, form in figures["forms"].items():
        storage, text = form["storage_ms"], form["with_text_ms"]
        print(
            f"    {args or '(whole operation)':<36}{storage:6.1f} ms"
            f"{form['storage_cpu_ms']:5.1f} ms"
            f"{text:6.1f} ms{form.get('with_text_cpu_ms', float('nan')):5.1f} ms"
            f"{form['baseline_ms']:9.1f} ms"
            f"  [{_verdict(storage < SUMMARY_TARGET_MS)}; {_verdict(text < SUMMARY_TARGET_MS)}]"
            + _text_column(form.get("text_cpu_ms")),
            flush=True,
        )


def _text_column(text_cpu: float | None) -> str:
    if text_cpu is None:  # figures from before the text step was measured alone
        return ""
    return f"{text_cpu:11.2f} ms  [{_verdict(text_cpu < TEXT_TARGET_MS)}]"


def main(argv: list[str]) -> int:
    """Measure one database's forms (all, or those named) and print them."""
    parser = argparse.ArgumentParser(prog="python -m bench.summary_bench")
    parser.add_argument("database", type=Path, help="a copy: the baseline's indexes are added")
    parser.add_argument("forms", nargs="*", help="/summary arguments (default: every form)")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--baseline-runs", type=int, default=1)
    args = parser.parse_args(argv)
    forms = tuple(args.forms) or FORMS
    figures = run(args.database, runs=args.runs, baseline_runs=args.baseline_runs, forms=forms)
    figures["counts"] = counts(args.database)
    figures["megabytes"] = megabytes(args.database)
    figures["reports"], figures["days"] = figures["counts"]["seizure"], _days(args.database)
    print_figures(figures)
    return 0


def _days(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        first, last = conn.execute("SELECT min(day), max(day) FROM seizure").fetchone()
    finally:
        conn.close()
    if first is None:
        return 0
    return (datetime.fromisoformat(last) - datetime.fromisoformat(first)).days + 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
