"""A sandbox told to stop (SIGTERM, SIGHUP) while it is already stopping still stops whole."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_a_sigterm_during_the_stop_does_not_kill_the_sandbox(tmp_path: Path) -> None:
    """`timeout` firing once the input has ended: the stop goes on, and ends as it would."""
    run = subprocess.Popen(
        [sys.executable, "-m", "bot", "sandbox", "--data", str(tmp_path), "--fresh"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    assert run.stdin is not None and run.stdout is not None and run.stderr is not None
    run.stdin.write("/seizure 2kg meth at ICN\n")
    run.stdin.flush()
    for line in run.stdout:
        if "Recorded report" in line:
            break
    run.stdin.close()  # the end of the input: the sandbox stops (the bot, then the worker)
    # Told again and again to stop, as `timeout` or a closed terminal would, until it has: the
    # signals reach it during the chat, then during the stop, then as it exits.
    told = 0
    while run.poll() is None:
        run.send_signal(signal.SIGTERM if told % 2 == 0 else signal.SIGHUP)
        told += 1
        try:
            run.wait(timeout=0.05)  # the exit awaited, between two signals
        except subprocess.TimeoutExpired:
            continue
    run.stdout.read()
    err = run.stderr.read()  # to its end: the resource_tracker writes here as it ends
    # Before: killed outright by the signal (-15) in the middle of its stop.
    assert run.returncode == 0, (run.returncode, err)
    assert "Traceback" not in err, err
    # Not asserted: Python's resource_tracker may still warn of a leaked semaphore when the
    # signal lands while the worker is being ended (about 1 run in 10); handing the pool over
    # sooner (tried) made the warning appear in the other sandbox tests instead.
