"""A stop with a job in flight leaves no unretrieved exception behind (asyncio's stderr line)."""

from __future__ import annotations

import asyncio
import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

from bot import worker

# In a process of its own: the worker's forkserver must start with the hold set, and asyncio
# writes "Future exception was never retrieved" to that process's stderr when it collects.
_SCRIPT = """
import asyncio, gc, os, sys
from bot import worker

async def main(scenario: str) -> None:
    held = os.environ[worker.HOLD_JOBS]
    job = asyncio.ensure_future(worker.compute(len, "held"))
    if scenario == "running":  # the job is running in the worker
        while not os.path.exists(held):
            await asyncio.sleep(0.05)
    else:  # the job waits for its worker to start
        await asyncio.sleep(0)
    with worker.abandoning():
        try:
            await job
        except worker.Abandoned:
            print("abandoned", flush=True)
    worker.shutdown()
    await asyncio.sleep(3)  # the pool's own thread fails what it still held
    gc.collect()
    await asyncio.sleep(0.5)
    gc.collect()

asyncio.run(main(sys.argv[1]))
"""


@pytest.mark.parametrize("scenario", ["starting", "running"])
async def test_a_stop_with_a_job_in_flight_leaves_no_unretrieved_exception(
    tmp_path: Path, scenario: str
) -> None:
    # Short: the forkserver's socket path under TMPDIR may not pass 107 bytes.
    temp = tempfile.mkdtemp(prefix="ocu-", dir="/tmp")
    env = {**os.environ, worker.HOLD_JOBS: str(tmp_path / "held"), "TMPDIR": temp}
    env["PYTHONPATH"] = os.pathsep.join([str(Path.cwd()), env.get("PYTHONPATH", "")])
    try:
        proc = await asyncio.create_subprocess_exec(
            sys.executable, "-c", _SCRIPT, scenario, env=env,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        )  # fmt: skip
        out, err = await asyncio.wait_for(proc.communicate(), 120)
    finally:
        shutil.rmtree(temp, ignore_errors=True)
    assert proc.returncode == 0, err.decode()
    assert out.decode().split() == ["abandoned"]
    # Before (a job waiting for its worker to start): "Future exception was never retrieved
    # … BrokenProcessPool" at the end of the run.
    assert "never retrieved" not in err.decode(), err.decode()
    assert "Traceback" not in err.decode(), err.decode()
