"""README's figures, written from one bench run: `python -m bench.readme_table [latest.json]`.

Everything between the markers in README.md is replaced; a figure over its target is shown
as a miss, never left out.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from bench.debrief_bench import RSS_TARGET_MB as PACK_RSS_TARGET_MB
from bench.debrief_bench import SECONDS_TARGET as PACK_SECONDS_TARGET
from bench.e2e import loop_held
from bench.export_bench import TARGET as XLSX_SHARE_TARGET
from bench.export_inbot import TARGET_MB as EXPORT_TARGET_MB
from bench.stall import ACK_TARGET_MS, STALL_TARGET_MS

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
    sizes, disk = [], []
    for key in shapes:
        rows = summary[key]["reports"]
        totals = summary[key]["counts"]["seizure_total"]
        dims = summary[key]["counts"]["seizure_dim_total"]
        sizes.append(f"{totals / rows:.2f} and {dims / rows:.2f} rows a report")
        mb = summary[key].get("megabytes")
        disk.append(
            "not measured"
            if mb is None
            else f"{mb['seizure_total']:,.0f}{_mark(mb['seizure_total'] <= mb['reports'])}"
            f" and {mb['seizure_dim_total']:,.0f} MB vs the reports' {mb['reports']:,.0f} MB"
        )
    lines.append("| `seizure_total` and `seizure_dim_total`, rows | " + " | ".join(sizes) + " |")
    lines.append(
        "| the same on disk (target: `seizure_total` no bigger than the reports) | "
        + " | ".join(disk)
        + " |"
    )
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
        ("exports", _export_rows),
        ("debrief", _debrief_rows),
        ("fsync_stall", _fsync_rows),
        ("stall", _stall_rows),
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
    # The floor under any bot on this stack (bench.library_floor); older results have none.
    floor = (
        f"; the interpreter importing telegram.ext alone {f['ptb_startup_s']:.2f} s"
        f" (CPU {f['ptb_startup_cpu_s']:.2f} s)"
        if "ptb_startup_s" in f
        else ""
    )
    return [
        f"| start-up of `python -m bot run` to its first getUpdates (median of {f['runs']}) |"
        f" {f['bot_startup_s']:.2f} s{_mark(f['bot_startup_s'] < STARTUP_TARGET_S)}"
        f" (CPU {f['bot_startup_cpu_s']:.2f} s) | PTB echo bot {f['echo_startup_s']:.2f} s"
        f" (CPU {f['echo_startup_cpu_s']:.2f} s){floor} | < {STARTUP_TARGET_S} s |",
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
        lines.append(f"| how long a write holds the event loop, {label} | {loop_held(f)} | | |")
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


def _export_rows(exports: dict[str, Any]) -> list[str]:
    lines: list[str] = []
    for key, f in exports.items():
        if key.startswith("xlsx_rate_"):
            share = f["share"]
            lines.append(
                f"| XLSX rows/s at {f['reports']:,} reports ({f['rows']:,.0f} rows, every sheet)"
                f" | {f['rows_per_s']:,.0f}{_mark(share >= XLSX_SHARE_TARGET)} ({share:.0%})"
                f" | bare xlsxwriter, same rows: {f['bare_rows_per_s']:,.0f} |"
                f" >= {XLSX_SHARE_TARGET:.0%} of bare |"
            )
            continue
        peak = f["peak_pss_mb"]
        got = (
            "refused at once with the way to get it"
            if f["refusal"]
            else f"{f['files']} file(s), {f['mb']:.0f} MB, largest {f['largest_mb']:.0f} MB,"
            f" {f['seconds']:.0f} s"
        )
        lines.append(
            f"| `/export {f['format']}` in the running bot, {f['reports']:,} reports ({got}):"
            f" bot and worker together, peak PSS | {peak:.0f} MB"
            f"{_mark(peak < EXPORT_TARGET_MB)} | idle {f['idle_pss_mb']:.0f} MB |"
            f" < {EXPORT_TARGET_MB} MB |"
        )
    return lines


def _debrief_rows(debrief: dict[str, Any]) -> list[str]:
    lines: list[str] = []
    for reports, f in debrief.items():
        largest = max(f["peak_rss_mb"], f["pack_peak_rss_mb"])
        ok = f["seconds"] < PACK_SECONDS_TARGET and largest < PACK_RSS_TARGET_MB
        lines.append(
            f"| `/debrief`'s PDF at {int(reports):,} reports, off the loop | {f['seconds']:.1f} s"
            f" (pack process {f['pack_cpu_seconds']:.1f} s CPU), peak {largest:.0f} MB,"
            f" loop held {f['loop_stall_ms']:.0f} ms at most{_mark(ok)} | |"
            f" < {PACK_SECONDS_TARGET} s, < {PACK_RSS_TARGET_MB} MB |"
        )
    return lines


def _fsync_rows(phases: list[dict[str, Any]]) -> list[str]:
    lines: list[str] = []
    before = {f["label"]: f for f in phases if f["way"] == "before"}
    for f in (f for f in phases if f["way"] == "now"):
        old = before.get(f["label"], {})
        lines.append(
            f"| reports, another process {'flooding' if 'flood' in f['label'] else 'not using'}"
            f" the disk: longest loop stall | {f['stall_max_ms']:.1f} ms"
            f"{_mark(f['stall_max_ms'] <= STALL_TARGET_MS)} (ack max {f['ack_max_ms']:.0f} ms)"
            f" | the fsync on the loop: {old.get('stall_max_ms', float('nan')):.1f} ms |"
            f" <= {STALL_TARGET_MS} ms |"
        )
    return lines


def _stall_rows(stall: dict[str, Any]) -> list[str]:
    heavy, calm = stall["heavy"], stall["calm"]
    ack_ok = heavy["ack_max_ms"] <= ACK_TARGET_MS and not heavy.get("refused")
    return [
        f"| an officer's `/seizure` while `/export xlsx`, `/chart` and `/debrief` of"
        f" {stall['database_reports']:,} reports, a digest to {heavy['digests_sent']} groups and"
        f" an import run | ack median {heavy['ack_median_ms']:.0f} ms, longest"
        f" {heavy['ack_max_ms']:.0f} ms{_mark(ack_ok)}; loop stall longest"
        f" {heavy['stall_max_ms']:.1f} ms{_mark(heavy['stall_max_ms'] <= STALL_TARGET_MS)}"
        f" | calm: ack median {calm['ack_median_ms']:.0f} ms, longest {calm['ack_max_ms']:.0f};"
        f" stall {calm['stall_max_ms']:.1f} ms | ack <= {ACK_TARGET_MS} ms;"
        f" stall <= {STALL_TARGET_MS} ms |"
    ]


def _load(results: dict[str, Any]) -> str:
    load = results.get("load")
    if not load:
        return "load not recorded"
    return f"load average {load['start']:.1f} at its start, {load['end']:.1f} at its end"


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
        f"From one run of `python -m bench` ({run}; {results['machine']}; {_load(results)});"
        + (f" {results['resumed']};" if results.get("resumed") else "")
        + " every figure a median of several runs, on 2 cores,"
        " so single figures move by tens of percent between runs. Target: every `/summary`"
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
