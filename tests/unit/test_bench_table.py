"""The README's bench table: MISS beside every figure over its target; what went unmeasured."""

from __future__ import annotations

from typing import Any

from bench.readme_table import render


def _form(ms: float) -> dict[str, float]:
    return {"storage_ms": ms, "storage_cpu_ms": ms / 2, "with_text_ms": ms, "baseline_ms": 900.0}


def _results(**figures: Any) -> dict[str, Any]:
    summary = {
        "reports": 1_000_000,
        "days": 1000,
        "forms": {"": _form(12.0), "by day": _form(75.0)},
        "counts": {"seizure_total": 1_200_000, "seizure_dim_total": 2_000_000},
        "megabytes": {"seizure_total": 300.0, "seizure_dim_total": 500.0, "reports": 250.0},
    }
    return {"machine": "test", "seconds": 600, "summary": {"1000000-1000d": summary}, **figures}


def _row(table: str, start: str) -> str:
    return next(line for line in table.splitlines() if line.startswith(start))


def test_figures_over_their_targets_are_shown_as_misses() -> None:
    table = render(
        _results(
            **{
                "import": {
                    "rows": 1_000_000,
                    "import_s": 80.0,
                    "import_rows_per_s": 12_500.0,
                    "bare_load_rows_per_s": 40_000.0,
                },
                "startup": {
                    "runs": 5,
                    "bot_startup_s": 0.9,
                    "bot_startup_cpu_s": 0.8,
                    "echo_startup_s": 0.3,
                    "echo_startup_cpu_s": 0.3,
                    "bot_idle_rss_mb": 103.0,
                    "bot_worker_rss_mb": 0.0,
                    "echo_idle_rss_mb": 45.0,
                },
                "memory": {
                    "reports": 1_000_000,
                    "peak_rss_mb": 90.0,
                    "idle_rss_mb": 60.0,
                    "exports": {
                        "csv": {
                            "peak_rss_mb": 1125.0,
                            "idle_rss_mb": 60.0,
                            "items": 1_500_000,
                            "seconds": 90.0,
                        }
                    },
                },
            },
        )
    )
    assert "**MISS**" in _row(table, "| by day |")
    assert "**MISS**" not in _row(table, "| (whole operation) |")
    assert "1.20 and 2.00 rows a report" in _row(table, "| `seizure_total`")
    on_disk = _row(table, "| the same on disk")
    assert "300 **MISS** and 500 MB vs the reports' 250 MB" in on_disk
    imported = _row(table, "| `python -m bot import`")
    assert "80 s (12,500 rows/s) **MISS**, 31% of the bare load **MISS**" in imported
    assert "0.90 s **MISS**" in _row(table, "| start-up of `python -m bot run`")
    assert "103 MB **MISS**" in _row(table, "| resident memory of the idle bot")
    assert "1125 MB **MISS**" in _row(table, "| peak resident memory, the CSV export")
    assert "90 MB |" in _row(table, "| peak resident memory, every `/summary`")
    assert "not measured in this run" in _row(table, "| peak resident memory, the XLSX export")
    assert "| digests | not measured in this run |" in table


def test_the_start_up_row_shows_the_library_floor_beside_the_echo_bot() -> None:
    startup = {
        "runs": 5,
        "bot_startup_s": 0.45,
        "bot_startup_cpu_s": 0.36,
        "echo_startup_s": 0.47,
        "echo_startup_cpu_s": 0.35,
        "ptb_startup_s": 0.27,
        "ptb_startup_cpu_s": 0.21,
        "bot_idle_rss_mb": 58.0,
        "bot_worker_rss_mb": 50.0,
        "echo_idle_rss_mb": 45.0,
    }
    row = _row(render(_results(startup=startup)), "| start-up of `python -m bot run`")
    assert "| 0.45 s (CPU 0.36 s) | PTB echo bot 0.47 s (CPU 0.35 s);" in row
    assert "telegram.ext alone 0.27 s (CPU 0.21 s) | < 0.5 s |" in row


def test_a_run_cut_short_says_so() -> None:
    assert "cut short" in render({**_results(), "partial": True})


def test_the_load_figures_are_in_the_table_with_their_misses() -> None:
    table = render(
        _results(
            load={"start": 0.4, "end": 1.2},
            stall={
                "database_reports": 100_000,
                "calm": {"ack_median_ms": 20.0, "ack_max_ms": 40.0, "stall_max_ms": 5.0},
                "heavy": {
                    "ack_median_ms": 194.0,
                    "ack_max_ms": 1897.0,
                    "stall_max_ms": 25.7,
                    "digests_sent": 100,
                },
            },
            fsync_stall=[
                {"way": "before", "label": "disk flooded", "stall_max_ms": 81.0},
                {"way": "now", "label": "disk flooded", "stall_max_ms": 12.0, "ack_max_ms": 138},
            ],
            exports={
                "xlsx_rate_100000": {
                    "reports": 100_000,
                    "rows": 130_000,
                    "rows_per_s": 4_000.0,
                    "bare_rows_per_s": 6_900.0,
                    "share": 4_000 / 6_900,
                }
            },
            debrief={
                "1000000": {
                    "seconds": 30.0,
                    "peak_rss_mb": 80.0,
                    "pack_peak_rss_mb": 120.0,
                    "pack_cpu_seconds": 25.0,
                    "loop_stall_ms": 12.0,
                }
            },
        )
    )
    assert "load average 0.4 at its start, 1.2 at its end" in table
    stalled = _row(table, "| an officer's `/seizure` while")
    assert "longest 1897 ms **MISS**; loop stall longest 25.7 ms |" in stalled
    assert "12.0 ms (ack max 138 ms) | the fsync on the loop: 81.0 ms" in _row(
        table, "| reports, another process flooding the disk"
    )
    assert "4,000 **MISS** (58%)" in _row(table, "| XLSX rows/s at 100,000 reports")
    assert "**MISS**" not in _row(table, "| `/debrief`'s PDF at 1,000,000 reports")


def test_an_end_to_end_run_whose_writes_all_left_the_loop_is_said_not_failed(capsys: Any) -> None:
    # A whole bench run stopped with KeyError 'loop_stall_median_ms' after 37 minutes at load 7:
    # its slow inline commits had sent every write of the second pair to the writer's thread.
    from bench import e2e

    pair = {
        "seizure_median_ms": 7.9,
        "seizure_p95_ms": 16.0,
        "echo_median_ms": 3.1,
        "insert_commit_median_ms": 0.5,
        "floor_ms": 3.6,
        "ratio": 2.2,
        "officers": 50,
        "burst_reports": 500,
        "burst_s": 17.6,
        "burst_reports_per_s": 28.4,
    }
    e2e._print("no overall limit on either, all in one process", pair)
    said = "no write ran on the event loop (each went to the writer's thread)"
    assert said in capsys.readouterr().out
    table = render(_results(e2e={"telegram_limit": pair, "no_overall_limit": pair}))
    row = _row(table, "| how long a write holds the event loop, with the overall limit off")
    assert said in row
