"""README's figures, written from one bench run: `python -m bench.readme_table [latest.json]`.

Everything between the markers in README.md is replaced; a figure over its target is shown
as a miss, never left out.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

README = Path(__file__).resolve().parent.parent / "README.md"
RESULTS = Path(__file__).resolve().parent / "results" / "latest.json"
BEGIN = "<!-- bench:figures (python -m bench --readme writes this part) -->"
END = "<!-- /bench:figures -->"
SUMMARY_TARGET_MS = 50
RSS_TARGET_MB = 150
IMPORT_TARGET_S = 60
IMPORT_SHARE_TARGET = 0.5
STARTUP_TARGET_S = 0.5
IDLE_RSS_TARGET_MB = 70


def _mark(ok: bool) -> str:
    return "" if ok else " **MISS**"


def _summary_table(summary: dict[str, Any]) -> list[str]:
    shapes = list(summary)
    heads = [f"{summary[k]['reports']:,} over {summary[k]['days']:,} days" for k in shapes]
    lines = [
        "| `/summary`, ms: storage (its CPU time; with the text) vs plain SQL | "
        + " | ".join(heads)
        + " |",
        "|---" * (len(shapes) + 1) + "|",
    ]
    for args in summary[shapes[0]]["forms"]:
        cells = []
        for key in shapes:
            form = summary[key]["forms"][args]
            storage, text = form["storage_ms"], form["with_text_ms"]
            cells.append(
                f"{storage:.1f}{_mark(storage < SUMMARY_TARGET_MS)}"
                f" (CPU {form.get('storage_cpu_ms', 0):.1f}; {text:.0f}"
                f"{_mark(text < SUMMARY_TARGET_MS)}) vs {form['baseline_ms']:,.1f}"
            )
        lines.append(f"| {args or '(whole operation)'} | " + " | ".join(cells) + " |")
    sizes = []
    for key in shapes:
        rows = summary[key]["reports"]
        totals = summary[key]["counts"]["seizure_total"]
        dims = summary[key]["counts"]["seizure_dim_total"]
        sizes.append(
            f"{totals / rows:.2f}{_mark(totals <= rows)} and {dims / rows:.2f} rows a report"
        )
    lines.append("| `seizure_total` and `seizure_dim_total` | " + " | ".join(sizes) + " |")
    return lines


def _figures_table(results: dict[str, Any]) -> list[str]:
    lines = ["| figure | measured | baseline, same run | target |", "|---|---|---|---|"]
    for key, rows in (
        ("write", _write_rows),
        ("memory", _memory_rows),
        ("import", _import_rows),
        ("startup", _startup_rows),
        ("e2e", _e2e_rows),
        ("e2e_process", _process_rows),
        ("digests", _digest_rows),
    ):
        if key in results:
            lines += rows(results[key])
        else:
            lines.append(f"| {key} | not measured in this run | | |")
    return lines


def _write_rows(write: dict[str, Any]) -> list[str]:
    lines: list[str] = []
    lines.append(
        f"| one report's write transaction (report, items, running totals, fsync) into"
        f" {write['reports_before']:,} reports over 1,000 days | median"
        f" {write['write_median_ms']:.2f} ms, p99 {write['write_p99_ms']:.2f} ms, longest"
        f" {write['write_max_ms']:.2f} ms (CPU median {write.get('write_cpu_median_ms', 0):.2f} ms)"
        " | | |"
    )
    return lines


def _memory_rows(memory: dict[str, Any]) -> list[str]:
    lines: list[str] = []
    peak = memory["peak_rss_mb"]
    lines.append(
        f"| peak resident memory, every `/summary` and `/chart` on {memory['reports']:,}"
        f" reports | {peak:.0f} MB{_mark(peak < RSS_TARGET_MB)} | idle with the bot's modules:"
        f" {memory['idle_rss_mb']:.0f} MB | < {RSS_TARGET_MB} MB |"
    )
    exports = memory.get("exports", {})
    for key, label in (
        ("csv", "the CSV export as /export sends it (zipped parts under 50 MB)"),
        ("xlsx", "the XLSX export, unlimited, as `python -m bot export` writes it"),
    ):
        if key not in exports:
            lines.append(f"| peak resident memory, {label} | not measured in this run | | |")
            continue
        f = exports[key]
        peak = f["peak_rss_mb"]
        lines.append(
            f"| peak resident memory, {label}, {memory['reports']:,} reports"
            f" ({f['items']:,.0f} rows, {f['seconds']:.0f} s) | {peak:.0f} MB"
            f"{_mark(peak < RSS_TARGET_MB)} | idle with the bot's modules:"
            f" {f['idle_rss_mb']:.0f} MB | < {RSS_TARGET_MB} MB |"
        )
    return lines


def _startup_rows(f: dict[str, Any]) -> list[str]:
    return [
        f"| start-up of `python -m bot run` to its first getUpdates (median of {f['runs']}) |"
        f" {f['bot_startup_s']:.2f} s{_mark(f['bot_startup_s'] < STARTUP_TARGET_S)}"
        f" (CPU {f['bot_startup_cpu_s']:.2f} s) | PTB echo bot {f['echo_startup_s']:.2f} s"
        f" (CPU {f['echo_startup_cpu_s']:.2f} s) | < {STARTUP_TARGET_S} s |",
        f"| resident memory of the idle bot (its worker process apart:"
        f" {f['bot_worker_rss_mb']:.0f} MB) | {f['bot_idle_rss_mb']:.0f} MB"
        f"{_mark(f['bot_idle_rss_mb'] < IDLE_RSS_TARGET_MB)} | PTB echo bot"
        f" {f['echo_idle_rss_mb']:.0f} MB | < {IDLE_RSS_TARGET_MB} MB |",
    ]


def _import_rows(imp: dict[str, Any]) -> list[str]:
    lines: list[str] = []
    per_million = 1_000_000 / imp["import_rows_per_s"]
    share = imp["import_rows_per_s"] / imp["bare_load_rows_per_s"]
    lines.append(
        f"| `python -m bot import`, {imp['rows']:,} rows | {imp['import_s']:.0f} s"
        f" ({imp['import_rows_per_s']:,.0f} rows/s){_mark(per_million < IMPORT_TARGET_S)},"
        f" {share:.0%} of the bare load{_mark(share >= IMPORT_SHARE_TARGET)}"
        f" | bare csv + executemany, no checks: {imp['bare_load_rows_per_s']:,.0f} rows/s"
        f" | 1,000,000 rows < {IMPORT_TARGET_S} s; >= {IMPORT_SHARE_TARGET:.0%} of bare |"
    )
    return lines


def _e2e_rows(e2e: dict[str, Any]) -> list[str]:
    lines: list[str] = []
    for key, label in (
        ("telegram_limit", "with Telegram's 30 msg/s flood control"),
        ("no_overall_limit", "with the overall limit off, all in one process"),
    ):
        f = e2e[key]
        lines.append(
            f"| `/seizure` through the real Application to a committed row and its reply,"
            f" {label} | {f['seizure_median_ms']:.2f} ms median (p95 {f['seizure_p95_ms']:.2f})"
            f"{_mark(f['ratio'] <= 1.5)} | PTB echo {f['echo_median_ms']:.2f} ms + bare"
            f" INSERT+COMMIT {f['insert_commit_median_ms']:.2f} ms ({f['ratio']:.2f}×) | ≤ 1.5× |"
        )
        lines.append(
            f"| how long a write holds the event loop, {label} | median"
            f" {f['loop_stall_median_ms']:.2f} ms, p99 {f['loop_stall_p99_ms']:.2f} ms, longest"
            f" {f['loop_stall_max_ms']:.2f} ms | | |"
        )
    return lines


def _process_rows(process: dict[str, Any]) -> list[str]:
    return [
        "| the same with the bot as its own process (`python -m bot run`), as deployed |"
        f" {process['seizure_median_ms']:.2f} ms median{_mark(process['ratio'] <= 1.5)} |"
        f" PTB echo bot as its own process {process['echo_median_ms']:.2f} ms + INSERT+COMMIT"
        f" {process['insert_commit_median_ms']:.2f} ms ({process['ratio']:.2f}×) | ≤ 1.5× |"
    ]


def _digest_rows(d: dict[str, Any]) -> list[str]:
    lines: list[str] = []
    ok = (
        d["groups_with_exactly_one"] == d["operations"]
        and d["max_messages_in_one_second"] <= 30
        and d["sent_by_a_second_run"] == 0
        and d.get("digests_showing_their_reports") == d["operations"]
    )
    lines.append(
        f"| {d['operations']} operations whose digests fall due in the same minute, each over"
        f" {d.get('reports_per_operation', 0)} reports of its last 24 hours | all sent in"
        f" {d['seconds']:.1f} s, {d['groups_with_exactly_one']} groups got exactly one, busiest"
        f" second {d['max_messages_in_one_second']} messages, a second pass sent"
        f" {d['sent_by_a_second_run']}{_mark(ok)} | Telegram's 30 msg/s: no less than"
        f" {d['telegram_floor_s']:.1f} s | within limits, none lost, none twice |"
    )
    return lines


def render(results: dict[str, Any]) -> str:
    """The README's part: the /summary table, then every other figure."""
    minutes = results.get("seconds", 0) / 60
    run = (
        "cut short: a figure it did not reach says so"
        if results.get("partial")
        else f"{minutes:.0f} minutes"
    )
    lines = [
        BEGIN,
        f"From one run of `python -m bench` ({run}; {results['machine']});"
        " every figure a median of several runs on a shared machine (load about 8 on 2 cores),"
        f" so single figures move by tens of percent between runs. Target: every `/summary`"
        f" under {SUMMARY_TARGET_MS} ms, storage and with its text (the reply's HTML); the"
        " baseline is the best"
        " plain SQL over the reports (a GROUP BY on covering indexes, ANALYZEd, its plan"
        " checked by the bench).",
        "",
        *_summary_table(results["summary"]),
        "",
        *_figures_table(results),
        END,
    ]
    return "\n".join(lines)


def rewrite(results: dict[str, Any], readme: Path = README) -> None:
    """Replace the part between the markers in the README."""
    text = readme.read_text()
    before, rest = text.split(BEGIN, 1)
    _, after = rest.split(END, 1)
    readme.write_text(before + render(results) + after)


if __name__ == "__main__":
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else RESULTS
    rewrite(json.loads(source.read_text()))
