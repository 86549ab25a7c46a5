"""The debriefing pack on an operation shaped like SIREN: by /debrief in private and by the CLI.

Every figure checked is recomputed here from the rows with plain Python, not by the pack's code.
"""

from __future__ import annotations

import asyncio
import io
import sqlite3
from collections import Counter, defaultdict
from decimal import Decimal
from pathlib import Path

import pypdfium2 as pdfium
from openpyxl import load_workbook

from bot.__main__ import main
from bot.demo import COORDINATOR, GROUP
from bot.domain.units import format_amount, format_number, normalise_words, substance_name
from fakegram.types import FakeChat
from tests.debrief.seed import seed_siren
from tests.e2e.conftest import Harness

DOCS = Path(__file__).resolve().parents[2] / "docs" / "debrief"


def pdf_text(content: bytes) -> str:
    """The text of every page, as a reader would copy it."""
    doc = pdfium.PdfDocument(content)
    return "\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))


def expected_lines(path: Path) -> list[str]:
    """Lines the PDF must hold, each recomputed from the stored rows."""
    conn = sqlite3.connect(path)
    try:
        live = [
            r
            for r in conn.execute(
                "SELECT s.id, a.code, s.origin, s.transport FROM seizure s"
                " LEFT JOIN agency a ON a.id = s.agency_id WHERE s.voided_at IS NULL"
            )
        ]
        items = conn.execute(
            "SELECT s.id, i.substance, i.substance_text, i.amount, i.unit, coalesce(i.form, ''),"
            " i.provisional, i.approximate FROM seizure s JOIN seizure_item i"
            " ON i.seizure_id = s.id WHERE s.voided_at IS NULL"
        ).fetchall()
        every = conn.execute("SELECT count(*), count(voided_at) FROM seizure").fetchone()
        corrected = conn.execute(
            "SELECT count(*) FROM seizure WHERE voided_at IS NULL AND edited_at IS NOT NULL"
        ).fetchone()[0]
        nils = Counter(
            code
            for (code,) in conn.execute(
                "SELECT a.code FROM nil_return n JOIN agency a ON a.id = n.agency_id"
            )
        )
    finally:
        conn.close()
    lines = [f"Reports (live) {format_number(Decimal(len(live)))}"]
    amounts: dict[tuple[str, str, str], Decimal] = defaultdict(Decimal)
    reports: dict[tuple[str, str, str], set[int]] = defaultdict(set)
    for sid, substance, words, amount, unit, form, _, _ in items:
        key = (substance or "?" + normalise_words(words), unit, form)
        amounts[key] += Decimal(amount)
        reports[key].add(sid)
    for key, total in amounts.items():
        name = substance_name(key[0])
        lines.append(f"{name} {format_amount(total, key[1], key[2] or None)} {len(reports[key])}")
    per_agency = Counter(code for _, code, _, _ in live if code)
    for code, count in per_agency.items():
        name = "Korea Customs Service" if code == "KCS" else "Thai Customs Department"
        lines.append(f"{code} {name} {count} {nils[code]}")
    lines += [
        f"Reports received (voided included) {every[0]}",
        f"Voided (left out of every figure) {every[1]}",
        f"Corrected after sending {corrected}",
        f"Provisional items (awaiting the lab) {sum(r[6] for r in items)}",
        f"Approximate amounts {sum(r[7] for r in items)}",
        f"Unclassified items {sum(1 for r in items if r[1] is None)}",
        f"Reports with no administration {sum(1 for r in live if r[1] is None)}",
    ]
    return lines


def check_pdf(content: bytes, path: Path) -> str:
    text = pdf_text(content)
    lines = set(text.replace("\r", "").split("\n"))
    missing = [
        line for line in expected_lines(path) if not any(got.startswith(line) for got in lines)
    ]
    assert missing == []
    return text


def check_annex(content: bytes, path: Path) -> None:
    conn = sqlite3.connect(path)
    (items,) = conn.execute("SELECT count(*) FROM seizure_item").fetchone()
    (reports,) = conn.execute("SELECT count(*) FROM seizure").fetchone()
    conn.close()
    book = load_workbook(io.BytesIO(content), read_only=True)
    # The analysis-ready annex: one row per report, one per item, each under its header.
    assert sum(1 for _ in book["Reports"].iter_rows(values_only=True)) == reports + 1
    assert sum(1 for _ in book["Items"].iter_rows(values_only=True)) == items + 1


async def test_debrief_sends_the_pack_in_private_and_every_figure_matches(siren: Harness) -> None:
    seed_siren(siren.db_path)
    cursor = siren.api.cursor(FakeChat.private(COORDINATOR))
    siren.api.send_text(COORDINATOR, GROUP, "/debrief")
    pdf_message = await cursor.next(timeout=300)
    annex_message = await cursor.next(timeout=120)
    assert pdf_message["document"]["file_name"].startswith("SIREN-debrief-")
    assert pdf_message["document"]["file_name"].endswith(".pdf")
    assert annex_message["document"]["file_name"].endswith(".xlsx")
    files = [
        next(iter(c.files.values())).content for c in siren.api.calls if c.method == "sendDocument"
    ]
    text = check_pdf(files[-2], siren.db_path)
    assert "LIVE" in text and "Korea Customs Service" in text
    check_annex(files[-1], siren.db_path)
    # The group is told where it went, and nothing of the pack is posted there.
    assert not any(
        c.method == "sendDocument" and c.params.get("chat_id") == GROUP.id for c in siren.api.calls
    )
    # The pages as printed, kept in the repository's docs to be looked at.
    DOCS.mkdir(parents=True, exist_ok=True)
    doc = pdfium.PdfDocument(files[-2])
    for old in DOCS.glob("page-*.png"):
        old.unlink()
    for n in range(len(doc)):
        doc[n].render(scale=1.2).to_pil().convert("RGB").save(DOCS / f"page-{n + 1:02d}.png")


async def test_debrief_cli_writes_the_pdf_and_the_annex(siren: Harness, tmp_path: Path) -> None:
    seed_siren(siren.db_path)
    out = tmp_path / "pack"
    # The CLI runs a loop of its own, beside the running bot (WAL lets both read the file).
    assert (
        await asyncio.to_thread(
            main,
            [
                "debrief",
                "--operation",
                "siren",
                "--out",
                str(out),
                "--database",
                str(siren.db_path),
            ],
        )
        == 0
    )
    (pdf,) = out.glob("SIREN-debrief-*.pdf")
    (xlsx,) = out.glob("SIREN-debrief-annex-*.xlsx")
    check_pdf(pdf.read_bytes(), siren.db_path)
    check_annex(xlsx.read_bytes(), siren.db_path)
    assert (
        await asyncio.to_thread(
            main,
            ["debrief", "--operation", "NOPE", "--out", str(out), "--database", str(siren.db_path)],
        )
        == 2
    )
