"""Export a generated operation and import it back; beside it, a bare csv + executemany load.

`python -m bench.import_bench DATABASE --rows 20000 100000` runs this section alone, on a copy.
Beside the rows per second: the longest time one of the import's transactions held the write
lock (wall and CPU), which is how long a live report may wait for it (target LOCK_TARGET_S).
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import functools
import io
import os
import resource
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bot import import_cli
from bot.import_cli import main as import_main
from bot.render.export import COLUMNS, write_csv
from storage import imports
from storage.database import Database
from storage.export import ExportReader
from storage.migrate import apply_migrations
from storage.summary import operation
from storage.transactions import holds

# The longest an import's transaction may hold the write lock on a calm machine.
LOCK_TARGET_S = 0.05
# An import's rate as a share of a bare executemany of the same rows, in the same run (#16).
IMPORT_SHARE_TARGET = 0.5


async def _export(source: Path, target: Path) -> int:
    db = await Database.open(source)
    try:
        op = await operation(db, operation_id=1)
    finally:
        await db.close()

    def write() -> int:
        with ExportReader(source, 1) as reader, target.open("wb") as out:
            return write_csv(reader.items(), op, out)

    return await asyncio.to_thread(write)


def _first_rows(path: Path, rows: int) -> None:
    """Keep the heading and the first `rows` rows (a report may lose its last items)."""
    kept = path.with_suffix(".part.csv")
    with (
        path.open(encoding="utf-8-sig", newline="") as src,
        kept.open("w", encoding="utf-8-sig", newline="") as dst,
    ):
        writer = csv.writer(dst)
        for number, row in enumerate(csv.reader(src)):
            if number > rows:
                break
            writer.writerow(row)
    kept.replace(path)


def _empty_operation(path: Path) -> None:
    path.unlink(missing_ok=True)
    apply_migrations(path)
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO operation (code, title, tz, created_at)"
        " VALUES ('SIREN', 'Operation Siren', 'Asia/Seoul', '2026-10-01T00:00:00+00:00')"
    )
    conn.commit()
    conn.close()


def _bare_load(csv_path: Path, db_path: Path) -> None:
    """The floor: read the same rows and insert them, with no checks and no running totals."""
    index = {name: n for n, name in enumerate(COLUMNS)}
    report_columns = [index[c] for c in ("report_id", "officer_id", "reported_at_utc", "day",
                                          "text", "chat_id", "message_id")]  # fmt: skip
    item_columns = [index[c] for c in ("report_id", "item", "substance", "substance_text",
                                        "amount", "unit", "form", "as_written")]  # fmt: skip
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    with csv_path.open(encoding="utf-8-sig", newline="") as f:
        rows = csv.reader(f)
        next(rows)
        seen = 0
        reports, items = [], []
        for row in rows:
            if row[0] != seen:
                seen = row[0]
                reports.append([row[i] for i in report_columns])
            item = [row[i] or None for i in item_columns]
            items.append([*item[:5], 0, *item[5:]])
            if len(items) >= 5000:
                _bare_insert(conn, reports, items)
                reports, items = [], []
        _bare_insert(conn, reports, items)
    conn.execute("COMMIT")
    conn.close()


def _bare_insert(conn: sqlite3.Connection, reports: list[Any], items: list[Any]) -> None:
    conn.executemany(
        "INSERT OR IGNORE INTO seizure (id, operation_id, officer_id, reported_at, day, text,"
        " chat_id, message_id) VALUES (?, 1, ?, ?, ?, ?, ?, ?)",
        reports,
    )
    conn.executemany(
        "INSERT OR IGNORE INTO seizure_item (seizure_id, position, substance, substance_text,"
        " amount, amount_nano, unit, form, as_written) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        items,
    )


def _totals_rows(path: Path) -> dict[str, int]:
    """The running totals' rows the import left, by table: what its count, stage and merge move."""
    conn = sqlite3.connect(path)
    try:
        return {
            table: int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
            for table in ("seizure_total", "seizure_dim_total")
        }
    finally:
        conn.close()


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


# The import's steps, in order, as (label, owner, attribute): each is timed where the CLI calls
# it, so that the figures say which step to attack (issue #16). "count" is the counting of the
# totals into temp tables (no lock); "stage" the rest of `gather`, copying them into the staged
# tables a short transaction at a time.
_STEPS = (
    ("read+check", import_cli._Plan, "check"),
    ("write", imports, "write"),
    ("count", imports, "gather_import"),
    ("gather", imports, "gather"),
    ("finish", imports, "finish"),
    ("merge", imports, "merge"),
)


@contextmanager
def _timed_steps() -> Iterator[dict[str, list[float]]]:
    """Wall and CPU seconds of each of the import's steps while the block runs."""
    spent: dict[str, list[float]] = {label: [0.0, 0.0] for label, _, _ in _STEPS}

    def timing(label: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def add(wall: float, cpu: float) -> None:
            spent[label][0] += time.perf_counter() - wall
            spent[label][1] += _cpu() - cpu

        if asyncio.iscoroutinefunction(function):

            @functools.wraps(function)
            async def timed_async(*args: Any, **kwargs: Any) -> Any:
                wall, cpu = time.perf_counter(), _cpu()
                try:
                    return await function(*args, **kwargs)
                finally:
                    add(wall, cpu)

            return timed_async

        @functools.wraps(function)
        def timed(*args: Any, **kwargs: Any) -> Any:
            wall, cpu = time.perf_counter(), _cpu()
            try:
                return function(*args, **kwargs)
            finally:
                add(wall, cpu)

        return timed

    originals = [(owner, name, getattr(owner, name)) for _, owner, name in _STEPS]
    for (label, owner, name), (_, _, function) in zip(_STEPS, originals, strict=True):
        setattr(owner, name, timing(label, function))
    try:
        yield spent
    finally:
        for owner, name, function in originals:
            setattr(owner, name, function)


def run(source: Path, folder: Path, *, rows: int | None) -> dict[str, Any]:
    """Export rate, import rate and the bare-load baseline, in rows (items) per second."""
    exported = folder / "export.csv"
    started = time.perf_counter()
    count = exported_rows = asyncio.run(_export(source, exported))
    export_s = time.perf_counter() - started
    if rows is not None and rows < count:
        _first_rows(exported, rows)
        count = rows
    target = folder / "import.sqlite3"
    _empty_operation(target)
    out, err = io.StringIO(), io.StringIO()
    holds.reset()
    load = os.getloadavg()[0]
    started, cpu = time.perf_counter(), _cpu()
    with _timed_steps() as steps:
        code = import_main(
            [str(exported), "--operation", "SIREN", "--db", str(target), "--quiet"],
            stdout=out,
            stderr=err,
        )
    # The staging is what `gather` spends beyond counting; the steps in the order they run.
    gathered = steps.pop("gather")
    steps["stage"] = [g - c for g, c in zip(gathered, steps["count"], strict=True)]
    steps = {label: steps[label] for label in ("read+check", "write", "count", "stage", "finish",
                                               "merge")}  # fmt: skip
    import_s, import_cpu = time.perf_counter() - started, _cpu() - cpu
    longest_hold_s, longest_hold_cpu_s, transactions, longest_what = (
        holds.longest_s,
        holds.longest_cpu_s,
        holds.transactions,
        holds.longest_what,
    )
    if code != 0:
        raise RuntimeError(f"import failed: {err.getvalue()}")
    totals_rows = _totals_rows(target)
    bare = folder / "bare.sqlite3"
    _empty_operation(bare)
    started, cpu = time.perf_counter(), _cpu()
    _bare_load(exported, bare)
    bare_s, bare_cpu = time.perf_counter() - started, _cpu() - cpu
    for path in (exported, target, bare):
        for leftover in path.parent.glob(path.name + "*"):
            leftover.unlink()
    return {
        "rows": count,
        "exported_rows": exported_rows,
        "export_s": export_s,
        "export_rows_per_s": exported_rows / export_s,
        "import_s": import_s,
        "import_rows_per_s": count / import_s,
        "bare_load_s": bare_s,
        "bare_load_rows_per_s": count / bare_s,
        "import_cpu_s": import_cpu,
        "bare_load_cpu_s": bare_cpu,
        "longest_hold_s": longest_hold_s,
        "longest_hold_cpu_s": longest_hold_cpu_s,
        "transactions": transactions,
        "longest_hold_in": longest_what,
        "load": load,
        "totals_rows": totals_rows,
        "import_steps": {label: {"s": wall, "cpu_s": cpu} for label, (wall, cpu) in steps.items()},
    }


def rate_line(figures: dict[str, Any]) -> str:
    """The import's rate beside the bare load's in the same run, and its share against the target.

    The share is taken in CPU as well as in wall time: on a busy machine the wall times of two
    runs a minute apart differ more than the import's own cost does (issue #16).
    """
    share = figures["import_rows_per_s"] / figures["bare_load_rows_per_s"]
    cpu_share = figures["bare_load_cpu_s"] / max(figures["import_cpu_s"], 1e-9)
    verdict = "ok" if max(share, cpu_share) >= IMPORT_SHARE_TARGET else "MISS"
    return (
        f"import {figures['rows']:,} rows: {figures['import_rows_per_s']:,.0f} rows/s"
        f" ({figures['import_s']:.1f} s, CPU {figures['import_cpu_s']:.1f} s), bare"
        f" {figures['bare_load_rows_per_s']:,.0f} rows/s ({figures['bare_load_s']:.1f} s,"
        f" CPU {figures['bare_load_cpu_s']:.1f} s): {share:.0%} in wall time, {cpu_share:.0%}"
        f" in CPU [{verdict} >= {IMPORT_SHARE_TARGET:.0%}]"
    )


def lock_line(figures: dict[str, Any]) -> str:
    """The longest lock hold of the import's transactions, beside its target."""
    wall, cpu = figures["longest_hold_s"] * 1000, figures["longest_hold_cpu_s"] * 1000
    verdict = "ok" if figures["longest_hold_s"] <= LOCK_TARGET_S else "MISS"
    return (
        f"  longest write-lock hold of the import's {figures['transactions']:,} transactions:"
        f" {wall:.0f} ms (CPU {cpu:.0f} ms, in {figures['longest_hold_in']})"
        f" [{verdict} <= {LOCK_TARGET_S * 1000:.0f} ms];"
        f" load {figures['load']:.1f}"
    )


def steps_line(figures: dict[str, Any]) -> str:
    """Where the import's time went, step by step, in CPU (and wall) seconds."""
    steps = figures["import_steps"]
    parts = [f"{label} {t['cpu_s']:.1f} ({t['s']:.1f})" for label, t in steps.items()]
    # The totals' steps move these rows, each a few times (temp table, staged, running): the
    # bare load writes none of them (issue #16).
    rows = figures["totals_rows"]
    written = sum(rows.values())
    return (
        "  import steps, CPU (wall) s: "
        + ", ".join(parts)
        + f"; running totals written: {rows['seizure_total']:,} + {rows['seizure_dim_total']:,}"
        f" rows, {written / max(figures['rows'], 1):.1f} per item"
    )


def main(argv: list[str]) -> int:
    """Run this section alone on a copy of a generated database; print its figures."""
    parser = argparse.ArgumentParser(prog="python -m bench.import_bench")
    parser.add_argument("database", type=Path, help="a generated operation (left untouched)")
    parser.add_argument("--rows", type=int, nargs="+", default=[20_000, 100_000])
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="import-bench-") as name:
        folder = Path(name)
        source = folder / "source.sqlite3"
        shutil.copyfile(args.database, source)  # opening it migrates it: never the shared file
        for rows in args.rows:
            figures = run(source, folder, rows=rows)
            print(rate_line(figures), flush=True)
            print(lock_line(figures), flush=True)
            print(steps_line(figures), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
