"""The import bench says where the import's time went, step by step, and puts the code back."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from bench import generate, import_bench
from bot import import_cli
from storage import imports


def test_the_import_bench_times_each_step_and_puts_the_code_back(tmp_path: Path) -> None:
    source = tmp_path / "source.sqlite3"
    generate.build(source, 60, days=5)
    before = (import_cli._Plan.check, imports.write, imports.gather_import, imports.merge)

    figures = import_bench.run(source, tmp_path, rows=None)

    steps = figures["import_steps"]
    assert list(steps) == ["read+check", "write", "count", "stage", "finish", "merge"]
    assert all(t["s"] >= 0 and t["cpu_s"] >= -0.05 for t in steps.values())
    assert steps["write"]["s"] > 0 and steps["count"]["s"] > 0 and steps["merge"]["s"] > 0
    line = import_bench.steps_line(figures)
    assert line.startswith("  import steps, CPU (wall) s: read+check ")
    assert "merge" in line
    # Beside the steps, the running totals the import wrote: what the bare load has none of.
    counted = figures["totals_rows"]
    with closing(sqlite3.connect(source)) as conn:  # the whole operation came back: its totals
        assert counted == {
            table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("seizure_total", "seizure_dim_total")
        }
    assert counted["seizure_dim_total"] > counted["seizure_total"] > 0
    per_item = sum(counted.values()) / figures["rows"]
    assert line.endswith(
        f"; running totals written: {counted['seizure_total']:,}"
        f" + {counted['seizure_dim_total']:,} rows, {per_item:.1f} per item"
    )
    assert (import_cli._Plan.check, imports.write, imports.gather_import, imports.merge) == before
