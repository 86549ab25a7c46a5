"""The debriefing pack: the PDF built in a process of its own, and its XLSX annex."""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from datetime import datetime
from functools import partial
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
    """In a process of its own: gather the figures and lay the PDF out, in the reader's language.

    Not a thread of the bot: fpdf2 and matplotlib compute in Python for tens of seconds (a
    thread would hold the interpreter lock the event loop needs), and their memory (the chart
    library, the rasterised charts, fpdf2's document) is never the bot's.
    """
    from bot.render.debrief import build_pdf
    from storage.debrief import gather

    with using(locale):
        debrief = gather(Path(db_path), operation_id=operation_id, now=now)
        return _Built(build_pdf(debrief), debrief.operation.code, debrief.operation.exercise)


async def _pdf(db: Database, operation_id: int, now: datetime) -> _Built:
    """The PDF built in a process that ends with it, at the worker's lower priority.

    Not bot.worker's long-lived process: that one keeps the chart and spreadsheet libraries
    loaded for every /chart and export (over 100 MB before any work), and the pack on top of
    it reached 149 MB. A process started for the pack (once per operation's end) holds only
    what the pack needs, and gives all of it back to the system when the PDF is sent.
    """
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    pool = ProcessPoolExecutor(
        max_workers=1,
        mp_context=context,
        initializer=worker.start_as_worker,
        initargs=(os.getpid(),),
    )
    try:
        job = partial(_pdf_job, str(db.path), operation_id, now, current_locale())
        return await worker.run_in(pool, job)  # ended if the bot stops meanwhile
    except BrokenProcessPool as exc:
        raise worker.WorkerLost("the debriefing pack's process stopped during the job") from exc
    finally:
        pool.shutdown(wait=False)


async def pdf_off_loop(db: Database, *, operation_id: int, now: datetime) -> bytes:
    """The PDF alone, gathered and laid out in a process of its own (the bench measures this)."""
    return (await _pdf(db, operation_id, now)).pdf


async def annex(db: Database, *, operation_id: int, now: datetime) -> tuple[str, bytes]:
    """The XLSX annex: the analysis-ready export workbook of the same operation."""
    return await build_export(db, operation_id=operation_id, fmt="xlsx", now=now)


async def build_pack(db: Database, *, operation_id: int, now: datetime) -> Pack:
    """The PDF (gathered and laid out in a process of its own) and the XLSX annex."""
    built = await _pdf(db, operation_id, now)
    xlsx_name, xlsx = await annex(db, operation_id=operation_id, now=now)
    stamp = now.strftime("%Y%m%d-%H%MZ")
    pdf_name = f"{'EXERCISE-' if built.exercise else ''}{built.code}-debrief-{stamp}.pdf"
    return Pack(pdf_name, built.pdf, xlsx_name.replace("-reports-", "-debrief-annex-"), xlsx)
