"""The pack's breakdowns by a report's column come from the running totals of the operation.

Grouping every report by its six columns together was nearly a row a report once the reports
stated their details (1,000,000 reports: 2,200,000 rows, most of the pack's minute); the whole
operation's rows of seizure_dim_total hold the same groups in a few rows each.
"""

from __future__ import annotations

import asyncio
import sqlite3

from storage.debrief import gather
from tests.debrief.seed import seed_siren
from tests.debrief.test_debrief import AFTER
from tests.e2e.conftest import Harness

_COLUMNS = ("transport", "concealment", "detection", "location", "origin", "destination")


async def test_a_finished_import_s_staged_totals_count_in_the_column_breakdowns(
    siren: Harness,
) -> None:
    seed_siren(siren.db_path)
    before = await asyncio.to_thread(gather, siren.db_path, operation_id=1, now=AFTER)
    assert len(before.breakdowns["origin"]) > 1 and before.routes  # the seed states details
    # A finished import whose totals still wait apart (storage/import_totals.py): the running
    # rows of every column and the route moved to its staged rows; the figures must not move.
    conn = sqlite3.connect(siren.db_path, isolation_level=None)
    dims = ", ".join(f"'{d}'" for d in (*_COLUMNS, "route"))
    picked = (
        "operation_id, dim, grain, period, dim_value, substance_key, unit, form, agency_id,"
        " amount_nano, cases, reports"
    )
    conn.executescript(
        "BEGIN;"
        "INSERT INTO import_batch (id, operation_id, started_at, finished_at, staged) VALUES"
        " (7, 1, '2026-12-01T00:00:00+00:00', '2026-12-01T01:00:00+00:00', 1);"
        f"INSERT INTO import_dim_total ({picked}, import_id) SELECT {picked}, 7"
        f" FROM seizure_dim_total WHERE dim IN ({dims}) AND grain = 'a';"
        f"DELETE FROM seizure_dim_total WHERE dim IN ({dims}) AND grain = 'a';"
        "COMMIT;"
    )
    conn.close()
    after = await asyncio.to_thread(gather, siren.db_path, operation_id=1, now=AFTER)
    assert {c: after.breakdowns[c] for c in _COLUMNS} == {c: before.breakdowns[c] for c in _COLUMNS}
    assert after.routes == before.routes
