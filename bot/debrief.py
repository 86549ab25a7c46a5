"""The debriefing pack built off the event loop: the PDF and its XLSX annex (/debrief, CLI)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from bot.domain.debrief import Debrief
from bot.exporting import build_export, off_loop
from storage.database import Database
from storage.debrief import gather

T = TypeVar("T")


@dataclass(frozen=True)
class Pack:
    """The two files of a debriefing pack, named for the operation and the moment."""

    pdf_name: str
    pdf: bytes
    xlsx_name: str
    xlsx: bytes


def _pdf_of(db_path: object, operation_id: int, now: datetime) -> tuple[Debrief, bytes]:
    from pathlib import Path

    # fpdf2 (with Pillow, fontTools and numpy) loads with the first pack, not at start-up.
    from bot.render.debrief import build_pdf

    debrief = gather(Path(str(db_path)), operation_id=operation_id, now=now)
    return debrief, build_pdf(debrief)


async def pdf_off_loop(db: Database, *, operation_id: int, now: datetime) -> bytes:
    """The PDF alone, gathered and laid out in a worker thread (the bench measures this)."""
    _, pdf = await off_loop(_pdf_of, db.path, operation_id, now)
    return pdf


async def annex(db: Database, *, operation_id: int, now: datetime) -> tuple[str, bytes]:
    """The XLSX annex: the analysis-ready export workbook of the same operation."""
    return await build_export(db, operation_id=operation_id, fmt="xlsx", now=now)


async def build_pack(db: Database, *, operation_id: int, now: datetime) -> Pack:
    """The PDF (gathered and laid out in a thread) and the XLSX annex."""
    debrief, pdf = await off_loop(_pdf_of, db.path, operation_id, now)
    xlsx_name, xlsx = await annex(db, operation_id=operation_id, now=now)
    op = debrief.operation
    stamp = now.strftime("%Y%m%d-%H%MZ")
    pdf_name = f"{'EXERCISE-' if op.exercise else ''}{op.code}-debrief-{stamp}.pdf"
    return Pack(pdf_name, pdf, xlsx_name.replace("-reports-", "-debrief-annex-"), xlsx)
