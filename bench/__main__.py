"""`python -m bench [--quick]`: every figure of the spec's performance section, with its baseline.

Builds its databases in a temporary folder (or --keep DIR, reused on the next run), prints
each figure beside the baseline measured in the same run, and writes bench/results/latest.json.
Timing lives here, never in the tests.
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench import (
    debrief_bench,
    digests,
    e2e,
    e2e_process,
    generate,
    import_bench,
    summary_bench,
)

RESULTS = Path(__file__).resolve().parent / "results"
SUMMARY_TARGET_MS = 50
SPEEDUP_TARGET = 20
RSS_TARGET_MB = 150
IMPORT_TARGET_S = 60  # for 1,000,000 rows


def _database(folder: Path, reports: int, days: int = generate.DAYS) -> Path:
    name = f"siren-{reports}" if days == generate.DAYS else f"siren-{reports}-{days}d"
    path = folder / f"{name}.sqlite3"
    stamp = path.with_suffix(".done")
    if not stamp.exists():  # --keep reuses a complete database from an earlier run
        started = time.perf_counter()
        generate.build(path, reports, days=days)
        stamp.write_text(json.dumps(generate.counts(path)))
        seconds = time.perf_counter() - started
        print(f"  built {reports:>9,} reports over {days} days in {seconds:5.1f} s", flush=True)
    return path


def _verdict(ok: bool) -> str:
    return "ok " if ok else "MISS"


def _memory(path: Path) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-m", "bench.memory", str(path)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return dict(json.loads(out.strip().splitlines()[-1]))


def _print_summary(figures: dict[str, Any], *, judged: bool) -> None:
    # The targets are set for 1,000,000 reports; smaller sizes show how the figures grow.
    ok = figures["summary_db_ms"] < SUMMARY_TARGET_MS and figures["speedup"] >= SPEEDUP_TARGET
    verdict = f"  [{_verdict(ok)} < {SUMMARY_TARGET_MS} ms, >= {SPEEDUP_TARGET}x]" if judged else ""
    rows = figures["reports"]
    print(
        f"  {rows:>9,} reports over {figures['days']:>4} days:"
        f" {figures['summary_db_ms']:7.1f} ms database"
        f" ({figures['summary_total_ms']:6.1f} ms with text)"
        f"  vs GROUP BY {figures['plain_group_by_ms']:8.1f} ms"
        f"  = {figures['speedup']:5.0f}x{verdict}",
        flush=True,
    )
    totals = figures["seizure_total"]
    dims = figures["seizure_dim_total"]
    size_ok = totals <= rows
    print(
        f"      seizure_total {totals:,} rows ({totals / rows:.2f} a report)"
        f" [{_verdict(size_ok)} <= reports]; seizure_dim_total {dims:,} ({dims / rows:.2f})",
        flush=True,
    )
    for args, ms in figures["variants_db_ms"].items():
        mark = f" [{_verdict(ms < SUMMARY_TARGET_MS)} < {SUMMARY_TARGET_MS} ms]" if judged else ""
        print(f"      /summary {args or '(whole operation)':<24} {ms:7.1f} ms{mark}", flush=True)


def run(sizes: list[int], import_rows: int, folder: Path) -> dict[str, Any]:
    """Measure everything; print as it goes; return the figures."""
    results: dict[str, Any] = {"summary": {}, "machine": platform.platform()}
    print("/summary: running totals vs the best plain GROUP BY (covering indexes), same run")
    for size in sizes:
        for days in (generate.DAYS, generate.LONG_DAYS):
            path = _database(folder, size, days)
            figures = summary_bench.run(path, baseline_runs=3 if size <= 100_000 else 2)
            figures["reports"], figures["days"] = size, days
            figures.update(json.loads(path.with_suffix(".done").read_text()))
            results["summary"][f"{size}-{days}d"] = figures
            _print_summary(figures, judged=size >= 1_000_000)
    largest = _database(folder, sizes[-1])
    print(f"Import: export {sizes[-1]:,} reports, import {import_rows:,} rows back")
    figures = import_bench.run(largest, folder, rows=import_rows)
    results["import"] = figures
    per_million = 1_000_000 / figures["import_rows_per_s"]
    print(
        f"  export {figures['export_rows_per_s']:9,.0f} rows/s;"
        f" import {figures['import_rows_per_s']:9,.0f} rows/s"
        f" ({figures['import_s']:.1f} s; 1,000,000 rows in {per_million:.0f} s"
        f" [{_verdict(per_million < IMPORT_TARGET_S)} < {IMPORT_TARGET_S} s])"
        f"  vs bare csv+executemany {figures['bare_load_rows_per_s']:9,.0f} rows/s",
        flush=True,
    )
    memory = _memory(largest)
    results["memory"] = {"reports": sizes[-1], **memory}
    print(
        f"Memory: answering every /summary and /chart on {sizes[-1]:,} reports:"
        f" peak {memory['peak_rss_mb']:.0f} MB resident"
        f" (bot modules loaded, idle: {memory['idle_rss_mb']:.0f} MB)"
        f" [{_verdict(memory['peak_rss_mb'] < RSS_TARGET_MB)} < {RSS_TARGET_MB} MB]",
        flush=True,
    )
    print("Debriefing pack: the PDF built off the event loop, in a process of its own:", flush=True)
    results["debrief"] = debrief_bench.run((sizes[-2], sizes[-1]), folder)
    print("End to end, through the real Application and the local Bot API:", flush=True)
    results["e2e"] = e2e.main()
    print("The same with the bot as its own process (python -m bot run), as deployed:", flush=True)
    results["e2e_process"] = e2e_process.main()
    results["digests"] = digests.main()
    return results


def main(argv: list[str]) -> int:
    """Parse the options, run, write the JSON."""
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="10k and 100k reports only (CI)")
    parser.add_argument("--keep", type=Path, help="build databases here and reuse them")
    parser.add_argument("--out", type=Path, default=RESULTS / "latest.json")
    args = parser.parse_args(argv)
    sizes = [10_000, 100_000] if args.quick else [10_000, 100_000, 1_000_000]
    import_rows = 100_000 if args.quick else 1_000_000
    started = time.perf_counter()
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        results = run(sizes, import_rows, args.keep)
    else:
        with tempfile.TemporaryDirectory(prefix="ocu-bench-") as folder:
            results = run(sizes, import_rows, Path(folder))
    results["quick"] = args.quick
    results["seconds"] = time.perf_counter() - started
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n")
    print(f"Done in {results['seconds']:.0f} s; figures in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
