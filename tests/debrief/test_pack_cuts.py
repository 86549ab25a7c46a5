"""What a long breakdown, the route matrix and the cover show, read from the pack's own text.

Each case is the SIREN seed changed by plain SQL in a real SQLite file, its running totals
rebuilt as the bot keeps them, the pack gathered and drawn, and its text read as a reader
would copy it.
"""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pypdfium2 as pdfium

from bot.render.debrief import build_pdf
from storage.debrief import gather
from storage.totals import rebuild_totals
from tests.debrief.seed import seed_siren
from tests.debrief.test_debrief import AFTER, pdf_text, seeded_pack
from tests.e2e.conftest import Harness

COUNTRIES = ("TH", "KR", "LA", "MM", "US", "CA", "MX", "NL", "DE", "TW")


def _change(path: Path, *sql: str) -> None:
    seed_siren(path)
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("BEGIN")
        for statement in sql:
            conn.execute(statement)
        rebuild_totals(conn, 1)
        conn.execute("COMMIT")
    finally:
        conn.close()


async def _text(path: Path) -> str:
    debrief = await asyncio.to_thread(gather, path, operation_id=1, now=AFTER)
    return pdf_text(await asyncio.to_thread(build_pdf, debrief))


def _section(text: str, start: str, end: str) -> list[str]:
    text = text.replace("\r", "")
    part = text[text.index(start + "\n") : text.index(end + "\n", text.index(start + "\n"))]
    return [line.strip() for line in part.split("\n")]


async def test_the_day_table_lists_every_day_the_newest_too(siren: Harness) -> None:
    # Twelve days of reports: the day table is printed (at most 14) and is longer than the
    # ten lines of a breakdown; the old cut lumped the two newest days into 'other (2)'.
    _change(
        siren.db_path, "UPDATE seizure SET day = date('2026-11-20', '+' || (id % 12) || ' days')"
    )
    lines = _section(await _text(siren.db_path), "By day", "By transport mode")
    days = [f"2026-11-{n}" for n in range(20, 31)] + ["2026-12-01"]
    assert [d for d in days if not any(line.startswith(d + " ") for line in lines)] == []
    assert not any(line.startswith("other") for line in lines)


async def test_not_stated_has_its_own_line_and_the_largest_seizure_s_place_is_shown(
    siren: Harness,
) -> None:
    # Ten named origins and many reports with none; a place per report, one of them Sadao
    # with the operation's largest methamphetamine (20 kg).
    _change(
        siren.db_path,
        "UPDATE seizure SET origin = CASE WHEN id % 3 = 0 THEN NULL ELSE"
        " substr('TH KR LA MM US CA MX NL DE TW ', 1 + 3 * (id % 10), 2) END",
        "UPDATE seizure SET location = 'Place ' || printf('%03d', id)",
        "UPDATE seizure SET location = 'Sadao border' WHERE id = (SELECT seizure_id FROM"
        " seizure_item WHERE substance = 'methamphetamine' AND unit = 'g' ORDER BY id LIMIT 1)",
        "UPDATE seizure_item SET amount = '20000', amount_nano = 20000 * 1000000000 WHERE id ="
        " (SELECT id FROM seizure_item WHERE substance = 'methamphetamine' AND unit = 'g'"
        " ORDER BY id LIMIT 1)",
    )
    conn = sqlite3.connect(siren.db_path)
    (unstated,) = conn.execute(
        "SELECT count(*) FROM seizure WHERE voided_at IS NULL AND origin IS NULL"
    ).fetchone()
    conn.close()
    text = await _text(siren.db_path)
    origin = _section(text, "By origin", "By destination")
    # The linked case may be one of them: a case once, so one fewer at most.
    assert any(line in (f"not stated {unstated}", f"not stated {unstated - 1}") for line in origin)
    assert all(c in "\n".join(origin) for c in COUNTRIES)  # ten named and 'not stated': 11
    location = _section(text, "By location", "Routes: origin to destination (cases)")
    assert any(line.startswith("Sadao border 1 20 kg") for line in location)
    assert any(line.startswith("other (") for line in location)


async def test_the_route_matrix_shows_the_one_route_that_names_both_ends(siren: Harness) -> None:
    # Many origins with no destination and one report from NG to KR: the matrix once showed
    # eight origins under an all-dashes KR column and left NG out.
    _change(
        siren.db_path,
        "UPDATE seizure SET destination = NULL,"
        " origin = CASE id % 9 WHEN 0 THEN 'TH' WHEN 1 THEN 'LA' WHEN 2 THEN 'MM' WHEN 3 THEN"
        " 'US' WHEN 4 THEN 'CA' WHEN 5 THEN 'MX' WHEN 6 THEN 'NL' WHEN 7 THEN 'DE' ELSE 'TW' END",
        "UPDATE seizure SET origin = 'NG', destination = 'KR' WHERE id = (SELECT max(id) FROM"
        " seizure WHERE voided_at IS NULL AND id NOT IN (SELECT seizure_id FROM seizure_case))",
    )
    lines = _section(
        await _text(siren.db_path), "Routes: origin to destination (cases)", "By origin"
    )
    header = next(line for line in lines if line.startswith("From \\ to"))
    assert header == "From \\ to not stated KR Total"
    assert ["NG", "–", "1", "1"] in [line.split() for line in lines]
    # Every row shows a route: none is all dashes.
    rows = lines[
        lines.index(header) + 1 : next(
            n for n, line in enumerate(lines) if line.startswith("Cases that")
        )
    ]
    assert [r for r in rows if r and not any(c.isdigit() for c in r.split()[1:-1])] == []


async def test_the_cover_names_the_operation_once(siren: Harness) -> None:
    seed_siren(siren.db_path)
    content, _text, _missing = await asyncio.to_thread(seeded_pack, siren.db_path, 1, "en")
    cover = pdfium.PdfDocument(content)[0].get_textpage().get_text_range()
    assert cover.casefold().count("operation siren") == 1
    assert "SIREN" in cover and "At a glance" in cover
