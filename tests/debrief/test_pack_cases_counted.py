"""The debriefing pack counts cases as /summary does: reports, not items. One report naming
one substance twice ('/s 1kg 필로폰 + 500g 아이스' with 아이스 an alias of methamphetamine) is
one case of it, in the Headline results as in /summary's table.

The SIREN seed in a real SQLite file, read before and after such second items are added.
"""

from __future__ import annotations

import asyncio
import sqlite3

from storage.debrief import gather
from storage.totals import rebuild_totals
from tests.debrief.seed import seed_siren
from tests.debrief.test_debrief import AFTER
from tests.e2e.conftest import Harness

METH_G = ("methamphetamine", "g", "")


def _second_names(path: object) -> None:
    """Every report with methamphetamine in grams gets a second item of it, named otherwise."""
    conn = sqlite3.connect(str(path), isolation_level=None)
    try:
        columns = [r[1] for r in conn.execute("PRAGMA table_info(seizure_item)") if r[1] != "id"]
        changed = {"substance_text": "'아이스'", "position": "position + 100"}
        copied = ", ".join(changed.get(c, c) for c in columns)
        conn.execute("BEGIN")
        conn.execute(
            f"INSERT INTO seizure_item ({', '.join(columns)}) SELECT {copied} FROM seizure_item"
            " WHERE substance = 'methamphetamine' AND unit = 'g' AND coalesce(form, '') = ''"
        )
        rebuild_totals(conn, 1)
        conn.execute("COMMIT")
    finally:
        conn.close()


async def _pack_cases(path: object) -> int:
    debrief = await asyncio.to_thread(gather, path, operation_id=1, now=AFTER)
    (total,) = [t for t in debrief.totals if (t.amount.key, t.amount.unit, t.amount.form) == METH_G]
    return total.cases


async def test_a_report_naming_one_substance_twice_is_one_case_in_the_pack(
    siren: Harness,
) -> None:
    seed_siren(siren.db_path)
    before = await _pack_cases(siren.db_path)
    _second_names(siren.db_path)
    # Before: each name its own group, so every such report counted twice (items, not cases).
    assert await _pack_cases(siren.db_path) == before
