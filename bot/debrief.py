"""The debriefing pack: the PDF built in the worker process, and its XLSX annex (/debrief, CLI)."""

from __future__ import annotations

import gc
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from bot import worker
from bot.exporting import build_export
from bot.render.i18n import current_locale, using
from storage.database import Database


@dataclass(frozen=True)
class Pack:
    """The two files of a debriefing pack, named for the operation and the moment."""

    pdf_name: str
    pdf: bytes
    xlsx_name: str
    xlsx: bytes


@dataclass(frozen=True)
class _Built:
    """What the worker hands back: the PDF and what names its file."""

    pdf: bytes
    code: str
    exercise: bool


def _pdf_job(db_path: str, operation_id: int, now: datetime, locale: str) -> _Built:
    """In the worker process: gather the figures and lay the PDF out, in the reader's language.

    The worker, not a thread of the bot: fpdf2 and matplotlib compute in Python for tens of
    seconds (a thread would hold the interpreter lock the event loop needs), and their memory
    (the chart library, the rasterised charts, the figures) is never the bot's.
    """
    from bot.render.debrief import build_pdf
    from storage.debrief import gather

    with using(locale):
        debrief = gather(Path(db_path), operation_id=operation_id, now=now)
        built = _Built(build_pdf(debrief), debrief.operation.code, debrief.operation.exercise)
    del debrief
    gc.collect()  # the worker lives on: give back the figures' cycles before the next job
    return built


async def _pdf(db: Database, operation_id: int, now: datetime) -> _Built:
    return await worker.compute(_pdf_job, str(db.path), operation_id, now, current_locale())


async def pdf_off_loop(db: Database, *, operation_id: int, now: datetime) -> bytes:
    """The PDF alone, gathered and laid out in the worker process (the bench measures this)."""
    return (await _pdf(db, operation_id, now)).pdf


async def annex(db: Database, *, operation_id: int, now: datetime) -> tuple[str, bytes]:
    """The XLSX annex: the analysis-ready export workbook of the same operation."""
    return await build_export(db, operation_id=operation_id, fmt="xlsx", now=now)


async def build_pack(db: Database, *, operation_id: int, now: datetime) -> Pack:
    """The PDF (gathered and laid out in the worker process) and the XLSX annex."""
    built = await _pdf(db, operation_id, now)
    xlsx_name, xlsx = await annex(db, operation_id=operation_id, now=now)
    stamp = now.strftime("%Y%m%d-%H%MZ")
    pdf_name = f"{'EXERCISE-' if built.exercise else ''}{built.code}-debrief-{stamp}.pdf"
    return Pack(pdf_name, built.pdf, xlsx_name.replace("-reports-", "-debrief-annex-"), xlsx)
