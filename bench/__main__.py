"""`python -m bench [--quick]`: every figure of the spec's performance section, with its baseline.

Builds its databases once into bench/results/cache (git-ignored; --keep DIR elsewhere, --fresh
to rebuild) and reuses them, prints each figure beside the baseline measured in the same run
and its target, and writes bench/results/latest.json; --readme rewrites the README's table from
that one run. Timing lives here, never in the tests.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench import (
    debrief_bench,
    digests,
    dimensions_bench,
    e2e,
    e2e_process,
    export_bench,
    export_inbot,
    fsync_stall,
    generate,
    import_bench,
    memory,
    readme_table,
    stall,
    startup,
    summary_bench,
    write_bench,
)

RESULTS = Path(__file__).resolve().parent / "results"
CACHE = RESULTS / "cache"
SUMMARY_TARGET_MS = 50
RSS_TARGET_MB = 150
IMPORT_TARGET_S = 60  # for 1,000,000 rows
IMPORT_SHARE_TARGET = 0.5  # of bare csv + executemany, same rows, same run
SHAPES = (generate.DAYS, generate.LONG_DAYS)  # a short operation and one that ran for years


def _database(folder: Path, reports: int, days: int) -> Path:
    path = folder / f"siren-{reports}-{days}d.sqlite3"
    stamp = path.with_suffix(".done")
    if not stamp.exists():  # a complete database from an earlier run is reused
        started = time.perf_counter()
        generate.build(path, reports, days=days)
        # Origins, destinations, concealments, detections, phases and 500 linked pairs: what
        # the breakdowns by the reports' details and linked cases read.
        dimensions_bench.add_details(path, reports)
        stamp.write_text(json.dumps({"built_s": time.perf_counter() - started}))
        seconds = time.perf_counter() - started
        print(f"  built {reports:>9,} reports over {days} days in {seconds:5.1f} s", flush=True)
    return path


def _verdict(ok: bool) -> str:
    return "ok " if ok else "MISS"


def _print_summary(figures: dict[str, Any]) -> None:
    summary_bench.print_figures(figures)


def _write(folder: Path, source: Path) -> dict[str, Any]:
    """One report's write on a copy of the largest long operation (the copy is removed)."""
    copy = folder / "write.sqlite3"
    shutil.copyfile(source, copy)
    try:
        figures = asyncio.run(write_bench.measure(copy))
    finally:
        for leftover in folder.glob("write.sqlite3*"):
            leftover.unlink()
    print(
        f"  one report written (report, items, running totals, commit and fsync) into"
        f" {figures['reports_before']:,} reports: median {figures['write_median_ms']:.2f} ms,"
        f" p99 {figures['write_p99_ms']:.2f}, longest {figures['write_max_ms']:.2f}"
        f" (CPU median {figures['write_cpu_median_ms']:.2f})"
        f" ({figures['reports']} reports)",
        flush=True,
    )
    return figures


def _exports(
    folder: Path,
    sizes: list[int],
    long: Path,
    save: Callable[[dict[str, Any]], None],
    results: dict[str, Any],
) -> dict[str, Any]:
    figures: dict[str, Any] = {}
    results["exports"] = figures
    small = _database(folder, sizes[0], generate.DAYS)
    # The largest operation as /export sends it (CSV in zip parts, XLSX refused at once with
    # the way to get it), and a workbook the bot does send.
    for key, path, reports, fmt in (
        ("csv", long, sizes[-1], "csv"),
        ("xlsx", long, sizes[-1], "xlsx"),
        ("xlsx_small", small, sizes[0], "xlsx"),
    ):
        figures[key] = asyncio.run(export_inbot.measure(path, fmt))
        figures[key]["reports"] = reports
        export_inbot.report(reports, figures[key])
        save(results)
    # The rate on the smaller operation only: the bot refuses a workbook of the largest (past
    # one sheet's rows), and writing it twice took twelve minutes of the run.
    for size, path in ((sizes[0], small),):
        rate = export_bench.measure(path, openpyxl=True)
        figures[f"xlsx_rate_{size}"] = {"reports": size, **rate}
        export_bench.report(size, rate)
        save(results)
    return figures


def run(
    sizes: list[int], import_rows: int, folder: Path, save: Callable[[dict[str, Any]], None]
) -> dict[str, Any]:
    """Measure everything; print and save as it goes; return the figures."""
    results: dict[str, Any] = {
        "summary": {},
        "machine": platform.platform(),
        "load": {"start": os.getloadavg()[0]},
    }
    print(
        "/summary from the running totals (storage; with the text) vs the best plain SQL: a"
        " GROUP BY over covering indexes, ANALYZEd, its plan checked; medians of 7 runs"
        " (plain SQL: 3 at 100k; 1 at 1M, 20-30 s each, after its indexes are read once),"
        " same run",
        flush=True,
    )
    for size in sizes:
        for days in SHAPES:
            path = _database(folder, size, days)
            figures = summary_bench.run(path, runs=7, baseline_runs=3 if size <= 100_000 else 1)
            figures["reports"], figures["days"] = size, days
            figures["counts"] = generate.counts(path)
            figures["megabytes"] = generate.megabytes(path)
            results["summary"][f"{size}-{days}d"] = figures
            save(results)
            _print_summary(figures)
    long = _database(folder, sizes[-1], generate.LONG_DAYS)
    print("Write: /seizure's transaction on the largest long operation", flush=True)
    results["write"] = _write(folder, long)
    save(results)
    largest = _database(folder, sizes[-1], generate.DAYS)
    results["imports"] = {}
    for rows in sorted({100_000, import_rows}):
        print(f"Import: export {sizes[-1]:,} reports, import {rows:,} rows back", flush=True)
        figures = import_bench.run(largest, folder, rows=rows)
        results["imports"][str(rows)] = results["import"] = figures
        save(results)
        per_million = 1_000_000 / figures["import_rows_per_s"]
        share = figures["import_rows_per_s"] / figures["bare_load_rows_per_s"]
        print(
            f"  export {figures['export_rows_per_s']:9,.0f} rows/s;"
            f" import {figures['import_rows_per_s']:9,.0f} rows/s"
            f" ({figures['import_s']:.1f} s, CPU {figures['import_cpu_s']:.1f} s;"
            f" 1,000,000 rows in {per_million:.0f} s"
            f" [{_verdict(per_million < IMPORT_TARGET_S)} < {IMPORT_TARGET_S} s])"
            f"  vs bare csv+executemany {figures['bare_load_rows_per_s']:9,.0f} rows/s"
            f" ({figures['bare_load_s']:.1f} s, CPU {figures['bare_load_cpu_s']:.1f} s):"
            f" {share:.0%} of it [{_verdict(share >= IMPORT_SHARE_TARGET)}"
            f" >= {IMPORT_SHARE_TARGET:.0%}]",
            flush=True,
        )
        print(import_bench.lock_line(figures), flush=True)
        print(import_bench.steps_line(figures), flush=True)
    print(f"Memory of the bot's process at {sizes[-1]:,} reports over 1,000 days:", flush=True)
    figures = memory.measure_all(long, sizes[-1])
    results["memory"] = {"reports": sizes[-1], **figures["answers"], "exports": figures}
    save(results)
    print(
        "/export in the running bot (its process and its worker's), and the workbook's rows/s"
        " beside bare xlsxwriter on the same rows, same run:",
        flush=True,
    )
    results["exports"] = _exports(folder, sizes, long, save, results)
    print("Start-up, the bot beside PTB's echo bot, each its own process:", flush=True)
    results["startup"] = startup.measure_and_report()
    save(results)
    print("Debriefing pack: the PDF built off the event loop, in a process of its own:", flush=True)
    # The summary's short operations (with their details and phases): not built a second time.
    packs = tuple(sizes[-2:])  # --quick has one size
    built = {size: _database(folder, size, generate.DAYS) for size in packs}
    results["debrief"] = debrief_bench.run(packs, folder, built)
    print("End to end, through the real Application and the local Bot API:", flush=True)
    results["e2e"] = e2e.main()
    save(results)
    print("The same with the bot as its own process (python -m bot run), as deployed:", flush=True)
    results["e2e_process"] = e2e_process.main()
    save(results)
    print(
        "Reports while another process floods the disk, the fsync on the loop and off it:",
        flush=True,
    )
    results["fsync_stall"] = fsync_stall.main()
    save(results)
    results["digests"] = digests.main()
    heavy = 100_000  # an XLSX export of 1,000,000 would not fit a sheet; 100,000 takes a minute
    print(f"Reports while a coordinator exports (XLSX) and charts {heavy:,} reports:", flush=True)
    results["stall"] = stall.main(_database(folder, heavy, generate.DAYS), folder, heavy)
    results["load"]["end"] = os.getloadavg()[0]
    save(results)
    return results


def main(argv: list[str]) -> int:
    """Parse the options, run, write the JSON."""
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="100k reports only (CI)")
    parser.add_argument("--keep", type=Path, default=CACHE, help="where databases are cached")
    parser.add_argument("--fresh", action="store_true", help="rebuild the cached databases")
    parser.add_argument("--out", type=Path, default=RESULTS / "latest.json")
    parser.add_argument("--readme", action="store_true", help="rewrite README's table from it")
    args = parser.parse_args(argv)
    sizes = [100_000] if args.quick else [100_000, 1_000_000]
    import_rows = 100_000 if args.quick else 1_000_000
    started = time.perf_counter()
    if args.fresh and args.keep.exists():
        shutil.rmtree(args.keep)
    args.keep.mkdir(parents=True, exist_ok=True)

    def save(partial: dict[str, Any]) -> None:
        # Written after every section, so that a run cut short still leaves its figures.
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps({**partial, "partial": True}, indent=2) + "\n")
        print(f"  [{time.perf_counter() - started:.0f} s into the run]", flush=True)

    results = run(sizes, import_rows, args.keep, save)
    results["quick"] = args.quick
    results["seconds"] = time.perf_counter() - started
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n")
    print(f"Done in {results['seconds']:.0f} s; figures in {args.out}")
    if args.readme:
        readme_table.rewrite(results)
        print("README.md's table rewritten from this run")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
