"""What a newcomer read in the debriefing pack (session 13): an amount converted from pounds
shown as the chat shows it, the 'other' line of a breakdown with its amounts and why, and the
data-quality line on corrected reports saying what it counts.

Each case is the SIREN seed changed by plain SQL in a real SQLite file, and the pack's text
read as a reader would copy it.
"""

from __future__ import annotations

import asyncio
import sqlite3
import unicodedata

from bot.render.i18n import _
from tests.debrief.seed import seed_siren
from tests.debrief.test_debrief import seeded_pack
from tests.debrief.test_pack_cuts import _change, _section, _text
from tests.e2e.conftest import Harness


async def test_a_converted_amount_reads_as_the_chat_shows_it(siren: Harness) -> None:
    # One cocaine item is 1 lb 4 oz (566.9904625 g): its acknowledgement says 566.99 g.
    _change(
        siren.db_path,
        "UPDATE seizure_item SET amount = '566.9904625', amount_nano = 566990462500 WHERE id ="
        " (SELECT id FROM seizure_item WHERE substance = 'cocaine' ORDER BY id LIMIT 1)",
    )
    text = await _text(siren.db_path)
    # Before: '13.1259904625 kg cocaine' wherever the pound's grams were added in.
    assert "9904625" not in text, [line for line in text.splitlines() if "9904625" in line]


async def test_the_lumped_places_carry_their_amounts_and_say_why(siren: Harness) -> None:
    # One place per report, so most are lumped as 'other'.
    _change(siren.db_path, "UPDATE seizure SET location = 'Place ' || printf('%03d', id)")
    conn = sqlite3.connect(siren.db_path)
    (places,) = conn.execute(
        "SELECT count(DISTINCT location) FROM seizure WHERE voided_at IS NULL"
    ).fetchone()
    conn.close()
    lines = _section(await _text(siren.db_path), "By location", "By origin")
    other = f"other ({places - 9})"
    row = lines.index(f"{other} {places - 9}")
    # Before: 'other (N) N —': no amounts though those places seized things; now what they
    # seized added up, largest first, as every line of the table.
    assert lines[row + 1].endswith(" kg cannabis"), lines[row:]
    assert lines[row + 2].endswith(" kg methamphetamine and 12 more"), lines[row:]
    # And why they are lumped, with their names.
    note = " ".join(lines[row + 3 : row + 5])
    assert note.startswith(f"“{other}” adds up Place 006, Place 007, Place 009,"), note
    assert f"and {places - 9 - 8} more. A table keeps 10 lines: the values with the most" in note


async def test_the_corrected_line_says_voided_reports_are_not_in_it(siren: Harness) -> None:
    _change(
        siren.db_path,
        "UPDATE seizure SET edited_at = reported_at WHERE id IN (1, 27, 46)",
        "UPDATE seizure SET voided_at = reported_at, voided_by = 1, void_reason = 'x'"
        " WHERE id IN (27, 46)",
    )
    conn = sqlite3.connect(siren.db_path)
    (live,) = conn.execute(
        "SELECT count(*) FROM seizure WHERE voided_at IS NULL AND edited_at IS NOT NULL"
    ).fetchone()
    conn.close()
    lines = [line.strip() for line in (await _text(siren.db_path)).replace("\r", "").split("\n")]
    # Before: 'Corrected after sending 1' while three had been corrected, two voided since.
    assert f"Corrected after sending (voided not included) {live}" in lines, lines


async def test_thai_copied_out_of_the_pack_reads_as_written(siren: Harness) -> None:
    from bot.render.i18n import using
    from bot.render.labels import substance_label

    seed_siren(siren.db_path)
    (op,) = await siren.rows("SELECT id FROM operation WHERE code = 'SIREN'")
    _pdf, text, _missing = await asyncio.to_thread(seeded_pack, siren.db_path, int(op["id"]), "th")
    lines = [line.strip() for line in text.replace("\r", "").split("\n")]
    with using("th"):
        wanted = [
            _("Voided (left out of every figure)"),
            _("Provisional items (awaiting the lab)"),
            _("Largest amounts"),
            substance_label("methamphetamine"),
        ]
    # Before: the glyphs' positions copied out: 'ยาบา้' for 'ยาบ้า', 'สวรรณภ ุ มู ิ', a mark on a
    # line of its own. (A reader may put a space where a Thai run meets a Latin one: not counted.)
    flat = "".join(text.split())
    assert [w for w in wanted if "".join(w.split()) not in flat] == [], lines[:60]
    marks = {c for c in "".join(lines) if unicodedata.category(c) == "Mn"}
    assert not [line for line in lines if line and set(line) <= marks | {" "}], lines
