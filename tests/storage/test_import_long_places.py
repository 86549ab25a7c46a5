"""An export made before places were limited to 80 characters still imports: each longer
place is cut to its first words that fit, as the bot's own example cuts it, and the import's
report says so row by row; the report's text keeps the place whole."""

from __future__ import annotations

from pathlib import Path

from bot.exporting import build_export
from storage.database import Database
from tests.storage.seed import NOW
from tests.storage.test_export_import import corrupt, empty_operation, fill, run_import

LONG = (
    "Incheon International Airport Terminal 1 arrivals hall, gate 14, beside the baggage "
    "carousel where the courier waited"
)  # 117 characters


async def test_an_old_exports_long_place_is_imported_cut_and_said(tmp_path: Path) -> None:
    source = await Database.open(tmp_path / "source.sqlite3")
    operation_id = await fill(source)
    _, exported = await build_export(source, operation_id=operation_id, fmt="csv", now=NOW)
    await source.close()
    # Report 1 has two item rows (2 and 3), each with the report's columns; report 4 is row 7.
    for row in (2, 3):
        exported = corrupt(exported, row, "location", LONG)
    exported = corrupt(exported, 7, "origin", "x" * 90)  # one word longer than a place
    (tmp_path / "old.csv").write_bytes(exported)
    target = tmp_path / "target.sqlite3"
    await empty_operation(target)
    code, out, err = await run_import(
        [str(tmp_path / "old.csv"), "--operation", "SIREN", "--db", str(target)]
    )
    # Before: imported silently as it was, a place no report typed today may have.
    assert (code, err) == (0, ""), err
    lines = out.splitlines()
    assert lines[0].startswith("Imported 4 reports (6 items) into SIREN in "), out
    cut = "Incheon International Airport Terminal 1 arrivals hall, gate 14, beside the"
    assert lines[1:] == [
        f"row 2, location: 117 characters, more than a place may have (80); imported as"
        f" '{cut}' (the report's text is kept as written)",
        f"row 7, origin: 90 characters, more than a place may have (80); imported as"
        f" '{'x' * 80}' (the report's text is kept as written)",
    ], out
    copy = await Database.open(target)
    rows = await copy.fetchall("SELECT location, origin, text FROM seizure ORDER BY id")
    await copy.close()
    assert (rows[0]["location"], rows[3]["origin"]) == (cut, "x" * 80)
    assert rows[0]["text"] == "/seizure 22kg meth + 29000 ecstasy pills @ICN cargo"
    assert all(len(r["location"] or "") <= 80 and len(r["origin"] or "") <= 80 for r in rows)
