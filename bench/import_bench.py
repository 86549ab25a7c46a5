"""Export a generated operation and import it back; beside it, a bare csv + executemany load."""

from __future__ import annotations

import asyncio
import csv
import io
import resource
import sqlite3
import time
from pathlib import Path
from typing import Any

from bot.import_cli import main as import_main
from bot.render.export import COLUMNS, write_csv
from storage.database import Database
from storage.export import ExportReader
from storage.migrate import apply_migrations
from storage.summary import operation


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


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


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
    started, cpu = time.perf_counter(), _cpu()
    code = import_main(
        [str(exported), "--operation", "SIREN", "--db", str(target), "--quiet"],
        stdout=out,
        stderr=err,
    )
    import_s, import_cpu = time.perf_counter() - started, _cpu() - cpu
    if code != 0:
        raise RuntimeError(f"import failed: {err.getvalue()}")
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
    }
