"""`python -m bot backup` while officers report: a whole copy, nothing acknowledged missing."""

from __future__ import annotations

import asyncio
import re
import sqlite3
import sys
from pathlib import Path

from bot.demo import KCS_OFFICER, TCD_OFFICER
from fakegram.types import Call, FakeChat
from tests.e2e.conftest import Harness
from tests.reliability.invariants import database_problems

ROOT = Path(__file__).resolve().parents[2]
_ACK = re.compile(r"Recorded report \w+ #(\d+)")


def _acked(calls: list[Call]) -> set[int]:
    """The report numbers whose confirmation reached an officer."""
    found = set()
    for call in calls:
        if call.method == "sendMessage" and call.delivered and isinstance(call.result, dict):
            match = _ACK.search(str(call.result.get("text", "")))
            if match:
                found.add(int(match.group(1)))
    return found


async def _report_continuously(h: Harness, stop: asyncio.Event) -> int:
    """Two officers report one after another until told to stop; returns how many."""
    sent = 0
    officers = (KCS_OFFICER, TCD_OFFICER)
    while not stop.is_set():
        officer = officers[sent % 2]
        cursor = h.api.cursor(FakeChat.private(officer))
        h.api.send_text(officer, FakeChat.private(officer), f"/seizure {sent + 1}g heroin")
        await cursor.next(text_contains="Recorded report SIREN #")
        sent += 1
    return sent


async def test_backup_under_load_is_consistent_and_complete(siren: Harness, tmp_path: Path) -> None:
    config = tmp_path / "backup.toml"
    config.write_text(f'[storage]\ndatabase = "{siren.db_path}"\n', encoding="utf-8")
    stop = asyncio.Event()
    reporting = asyncio.create_task(_report_continuously(siren, stop))
    # Let some reports land first, so the copy has something to prove.
    await siren.api.wait_for(lambda c: 20 in _acked([c]), timeout=60)
    acked_before = _acked(siren.api.calls)
    target = tmp_path / "copy.sqlite3"
    backup = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "backup",
        str(target),
        "--config",
        str(config),
        cwd=ROOT,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(backup.communicate(), timeout=120)
    stop.set()
    total = await asyncio.wait_for(reporting, timeout=60)
    assert backup.returncode == 0, err.decode()
    assert f"backed up {siren.db_path} to {target}" in out.decode()

    assert await database_problems(target) == []
    with sqlite3.connect(target) as copy:
        in_copy = {row[0] for row in copy.execute("SELECT number FROM seizure")}
    assert len(acked_before) >= 20
    assert acked_before <= in_copy  # every report acknowledged before the backup began
    assert total >= len(in_copy) >= len(acked_before)
