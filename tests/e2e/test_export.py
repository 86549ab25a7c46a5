"""/export through the bot: progress shown, a typed workbook, files kept under the limit."""

from __future__ import annotations

import asyncio
import csv
import io
import re
import zipfile
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

import bot.exporting
import bot.render.workbook_sheet
import bot.worker
import storage.export
from bot.config import Export
from bot.demo import ADMIN, COORDINATOR, GROUP, KCS_OFFICER, TCD_OFFICER
from bot.import_cli import main as import_main
from fakegram.types import FakeChat
from tests.e2e.conftest import Harness

PRIVATE = FakeChat.private(COORDINATOR)


async def _in_a_thread(work: Any, *args: Any, **kwargs: Any) -> Any:
    return await asyncio.to_thread(work, *args, **kwargs)


async def _reports(h: Harness) -> None:
    say = h.talk.say
    await say(KCS_OFFICER, "/seizure 22kg methamphetamine at ICN via air cargo", GROUP)
    await say(TCD_OFFICER, "/seizure 29 thousand amphetamine pills @BKK by post", GROUP)
    await say(KCS_OFFICER, "/seizure 0.1kg meth + 3.5 l GBL at ICN", GROUP)
    await say(COORDINATOR, "/void 1 entered by mistake", GROUP)
    h.clock.advance(timedelta(days=1))  # a nil return on a day with seizures asks first
    await say(TCD_OFFICER, "/nil BKK mail centre checked", GROUP)


def _settings(h: Harness, **changes: object) -> None:
    config = h.app.bot_data.config
    h.app.bot_data.config = config.model_copy(update={"export": Export(**changes)})  # type: ignore[arg-type]


def _documents(h: Harness, after: int) -> list[tuple[str, bytes, str]]:
    return [
        (c.result["document"]["file_name"], next(iter(c.files.values())).content,
         c.result.get("caption", ""))
        for c in h.api.calls[after:]
        if c.method == "sendDocument" and c.delivered
    ]  # fmt: skip


async def test_xlsx_export_shows_progress_and_sends_a_typed_workbook(siren: Harness) -> None:
    await _reports(siren)
    _settings(siren, progress_from_rows=0)
    cursor = siren.api.cursor(PRIVATE)
    mark = siren.api.mark()
    siren.api.send_text(COORDINATOR, PRIVATE, "/export xlsx")
    progress = await cursor.next()
    assert progress["text"] == "Exporting… 0 %"
    # The workbook is written in the worker process, which may still be starting: 60 s.
    edited = await siren.api.wait_for_edit(
        PRIVATE, message_id=progress["message_id"], after=mark, timeout=60
    )
    assert edited["text"] == "Exported 4 rows; sending the file."
    document = await cursor.next()
    assert "a sheet each for reports, items" in document["caption"]
    [(name, content, _)] = _documents(siren, mark)
    assert name.startswith("SIREN-reports-") and name.endswith(".xlsx")
    book = load_workbook(io.BytesIO(content))
    assert book.sheetnames == ["Reports", "Items", "Cases", "Nil returns", "Agencies", "Audit"]
    assert all(sheet.freeze_panes == "A2" for sheet in book.worksheets)
    items = list(book["Items"].iter_rows(values_only=True))
    header = items[0]
    amounts = [row[header.index("Amount (kg, L or count)")] for row in items[1:]]
    assert amounts == [22, 29000, 0.1, 3.5]  # numbers, not text: SUM works
    assert [row[header.index("Voided")] for row in items[1:]] == [True, False, False, False]
    reports = list(book["Reports"].iter_rows(values_only=True))
    day = reports[1][reports[0].index("Day")]
    assert day.year == 2026 and day.month == 11  # an Excel date
    nils = list(book["Nil returns"].iter_rows(values_only=True))
    assert len(nils) == 2 and nils[1][nils[0].index("Agency")] == "TCD"


async def test_a_workbook_over_the_upload_limit_is_refused_before_any_work(siren: Harness) -> None:
    await _reports(siren)
    _settings(siren, upload_limit_mb=0.001, progress_from_rows=0)
    mark = siren.api.mark()
    said = await siren.talk.text(COORDINATOR, "/export xlsx")
    assert said.startswith("The XLSX file of SIREN would be about 1 MB, over the 1 MB")
    assert "/export csv sends every report compressed" in said
    assert "python -m bot export --operation SIREN --format xlsx --out SIREN.xlsx" in said
    assert _documents(siren, mark) == []
    assert not [m for m in siren.api.sent_messages(PRIVATE) if "Exporting" in str(m.get("text"))]


async def _import_back(tmp_path: Path, data: bytes, h: Harness) -> str:
    (tmp_path / "back.csv").write_bytes(data)
    out, err = io.StringIO(), io.StringIO()
    code = await asyncio.to_thread(
        import_main,
        [str(tmp_path / "back.csv"), "--operation", "DRILL", "--db", str(h.db_path)],
        stdout=out,
        stderr=err,
    )
    assert (code, err.getvalue()) == (0, ""), err.getvalue()
    return out.getvalue()


async def test_a_csv_over_the_limit_goes_compressed_and_imports_back(
    siren: Harness, tmp_path: Path
) -> None:
    await _reports(siren)
    mark = siren.api.mark()
    siren.api.send_text(COORDINATOR, PRIVATE, "/export csv")
    await siren.api.wait_for(lambda c: c.method == "sendDocument" and c.delivered, after=mark)
    [(_, plain, _)] = _documents(siren, mark)
    # Over the limit as plain CSV (about 1.7 kB estimated), well under it compressed.
    _settings(siren, upload_limit_mb=0.0015)
    mark = siren.api.mark()
    siren.api.send_text(COORDINATOR, PRIVATE, "/export csv")
    await siren.api.wait_for(lambda c: c.method == "sendDocument" and c.delivered, after=mark)
    [(name, packed, caption)] = _documents(siren, mark)
    assert name.endswith(".csv.zip") and "Compressed (zip)" in caption
    with zipfile.ZipFile(io.BytesIO(packed)) as archive:
        [inner] = archive.namelist()
        assert inner == name.removesuffix(".zip")
        assert archive.read(inner) == plain
    await siren.talk.say(ADMIN, '/operation new DRILL "Operation Drill" Asia/Seoul')
    said = await _import_back(tmp_path, plain, siren)
    assert said.startswith("Imported 3 reports (4 items) into DRILL")


@pytest.mark.parametrize("limit_bytes", [1400])
async def test_numbered_parts_each_import_on_their_own(
    siren: Harness, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, limit_bytes: int
) -> None:
    await _reports(siren)
    # Parts end between reports; a page of one report lets a small file show the split.
    monkeypatch.setattr(storage.export, "PAGE", 1)
    monkeypatch.setattr(bot.exporting, "CSV_BYTES_PER_ITEM", 1)  # estimated small: plain parts
    # Patched constants live in this process: the file is built here, not in the worker.
    monkeypatch.setattr(bot.exporting, "off_loop", _in_a_thread)
    _settings(siren, upload_limit_mb=limit_bytes / 1_000_000)
    mark = siren.api.mark()
    siren.api.send_text(COORDINATOR, PRIVATE, "/export csv")
    last = re.compile(r"Part (\d+) of \1:")  # the last part says so in its caption
    await siren.api.wait_for(
        lambda c: (
            c.method == "sendDocument" and c.delivered and bool(last.search(c.result["caption"]))
        ),
        after=mark,
    )
    documents = _documents(siren, mark)
    assert len(documents) >= 2
    rows: list[dict[str, str]] = []
    for n, (name, content, caption) in enumerate(documents, start=1):
        assert name.endswith(f"-part{n}-of-{len(documents)}.csv") and len(content) <= limit_bytes
        assert f"Part {n} of {len(documents)}: each part imports on its own." in caption
        part = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"), newline="")))
        rows += part
    assert [r["number"] for r in rows] == ["1", "2", "3", "3"]
    await siren.talk.say(ADMIN, '/operation new DRILL "Operation Drill" Asia/Seoul')
    for _, content, _ in documents:
        await _import_back(tmp_path, content, siren)


class _WatchedFile:
    """A file opened for upload, noting the size asked of every read (-1: the whole file)."""

    def __init__(self, file: Any, reads: list[int]) -> None:
        self._file, self._reads = file, reads

    def read(self, size: int = -1) -> bytes:
        self._reads.append(size)
        data: bytes = self._file.read(size)
        return data

    def __getattr__(self, name: str) -> Any:
        return getattr(self._file, name)

    def __enter__(self) -> _WatchedFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self._file.close()


async def test_an_export_is_uploaded_from_the_disk_in_chunks_never_read_whole(
    siren: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    await _reports(siren)
    reads: list[int] = []
    real_open = Path.open

    def watched_open(path: Path, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        file = real_open(path, mode, *args, **kwargs)
        if mode == "rb" and "ocu-export-" in str(path):  # the export's own folder
            return _WatchedFile(file, reads)
        return file

    monkeypatch.setattr(Path, "open", watched_open)
    mark = siren.api.mark()
    siren.api.send_text(COORDINATOR, PRIVATE, "/export csv")
    await siren.api.wait_for(
        lambda c: c.method == "sendDocument" and c.delivered, after=mark, timeout=60
    )
    [(name, content, _)] = _documents(siren, mark)
    assert name.endswith(".csv") and content.decode("utf-8-sig").startswith("report_id,")
    # A 50 MB part read whole would sit in the bot's memory until Telegram took it.
    assert reads and all(0 < size <= 1 << 20 for size in reads), reads


async def test_a_workbook_past_one_sheets_rows_is_refused_at_once_with_the_way_to_get_it(
    siren: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    await _reports(siren)
    # Four items, an Excel of four rows (the heading and the note take two): over, before work.
    monkeypatch.setattr(bot.exporting, "SHEET_ROWS", 5)
    # handlers.results reads it when /export comes (the file code loads on first use).
    monkeypatch.setattr(bot.render.workbook_sheet, "SHEET_ROWS", 5)
    mark = siren.api.mark()
    said = await siren.talk.text(COORDINATOR, "/export xlsx")
    assert said.startswith("SIREN has 4 items: more than one Excel sheet holds (1,048,575).")
    assert "/export csv sends every report compressed, in parts if need be." in said
    assert "python -m bot export --operation SIREN --format xlsx --out SIREN.xlsx" in said
    assert _documents(siren, mark) == []


async def test_a_stop_between_parts_sends_no_more_and_says_how_far_it_got(
    siren: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    await _reports(siren)
    monkeypatch.setattr(storage.export, "PAGE", 1)
    monkeypatch.setattr(bot.exporting, "CSV_BYTES_PER_ITEM", 1)  # estimated small: plain parts
    monkeypatch.setattr(bot.exporting, "off_loop", _in_a_thread)
    _settings(siren, upload_limit_mb=0.0014, progress_from_rows=0)
    mark = siren.api.mark()
    # The bot is told to stop once the first part is out (bot.worker.abandoning).
    monkeypatch.setattr(bot.worker, "stopping", lambda: bool(_documents(siren, mark)))
    progress = await siren.talk.say(COORDINATOR, "/export csv", PRIVATE)
    stopped = await siren.api.wait_for(
        lambda c: c.method == "editMessageText" and "restarted" in c.params["text"], after=mark
    )
    assert stopped.params["message_id"] == progress["message_id"]
    [(_, _, caption)] = _documents(siren, mark)
    parts = re.search(r"Part 1 of (\d+):", caption)
    assert parts is not None and int(parts.group(1)) >= 2
    assert stopped.params["text"].endswith(
        f"The export was stopped because the bot restarted, after part 1 of {parts.group(1)}"
        " (each part imports on its own). Send /export csv again for all of it."
    )


async def test_a_chart_the_stopping_bot_gave_up_is_asked_again_not_a_fault(
    siren: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    await _reports(siren)
    monkeypatch.setattr(bot.worker, "_stopping", True)  # as inside bot.worker.abandoning
    said = await siren.talk.text(COORDINATOR, "/chart", GROUP)
    assert said == "The bot restarted before this was done. Please send the command again."
