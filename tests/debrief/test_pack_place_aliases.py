"""The pack's Largest cases page names a report's place as every breakdown does: the place an
/alias place counts its words as, the officer's words after it where they differ (session 14,
a newcomer's second round: 'Where: Suvarnabhumi airport' under a By location of BKK)."""

from __future__ import annotations

from tests.debrief.test_pack_cuts import _change, _text
from tests.e2e.conftest import Harness


async def test_largest_cases_name_the_aliased_place(siren: Harness) -> None:
    _change(
        siren.db_path,
        "UPDATE seizure SET location = 'Suvarnabhumi airport'",
        "INSERT INTO place_alias (operation_id, words, place, created_by, created_at)"
        " VALUES (1, 'suvarnabhumi airport', 'BKK', 1, '2026-11-21T00:00:00Z')",
    )
    text = await _text(siren.db_path)
    cases = text[text.index("Largest cases") :]
    wheres = [line.strip() for line in cases.splitlines() if line.strip().startswith("Where:")]
    assert wheres, cases[:2000]
    # Before: "Where: Suvarnabhumi airport", the officer's words alone.
    assert set(wheres) == {"Where: BKK (Suvarnabhumi airport)"}, wheres
