"""What the third newcomer read in the debriefing pack (session 13): an 'other' line that saved
no line, and a concealment worded two ways.

Each case is the SIREN seed changed by plain SQL in a real SQLite file, and the pack's text
read as a reader would copy it.
"""

from __future__ import annotations

from tests.debrief.test_pack_cuts import _change, _section, _text
from tests.e2e.conftest import Harness

_END = "Routes: origin to destination (cases)"


async def test_two_places_past_the_table_s_lines_are_listed_not_lumped(siren: Harness) -> None:
    # Eleven places, one past the ten lines a table keeps.
    _change(siren.db_path, "UPDATE seizure SET location = 'Place ' || printf('%02d', id % 11)")
    location = _section(await _text(siren.db_path), "By location", _END)
    # Before: nine places, then 'other (2)' and a note naming the two: one line for two.
    assert not any(line.startswith("other") for line in location), location
    assert [n for n in range(11) if not any(f"Place {n:02d} " in line for line in location)] == []


async def test_three_places_or_more_are_lumped_as_other(siren: Harness) -> None:
    # Twelve places: 'other' stands for three, as the chart's 'other' does at the least.
    _change(siren.db_path, "UPDATE seizure SET location = 'Place ' || printf('%02d', id % 12)")
    location = _section(await _text(siren.db_path), "By location", _END)
    assert any(line.startswith("other (3)") for line in location), location


async def test_a_concealment_reads_the_same_in_the_breakdown_and_the_largest_cases(
    siren: Harness,
) -> None:
    _change(siren.db_path, "UPDATE seizure SET concealment = 'speaker'")
    text = await _text(siren.db_path)
    # Before: 'Speaker' in the breakdown, 'Concealment: speaker' under Largest cases; then
    # 'Speaker' in both, beside 스피커 untouched. As grouped, in lower case, in both (session 14).
    assert any(
        line.startswith("speaker ")
        for line in _section(text, "By concealment", "By detection method")
    )
    assert "Concealment: speaker" in text and "Speaker" not in text, text
