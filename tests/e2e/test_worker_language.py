"""Files built in the worker process are in the asker's language, as the bot's answers are."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from bot.demo import COORDINATOR, GROUP, KCS_OFFICER
from fakegram.types import FakeChat
from tests.e2e.conftest import Harness

PRIVATE = FakeChat.private(COORDINATOR)
KOREAN_SHEETS = ["보고", "품목", "건수", "무실적 보고", "참여 기관", "처리 기록"]


def _workbooks(h: Harness, after: int) -> list[tuple[str, bytes]]:
    return [
        (c.result["document"]["file_name"], next(iter(c.files.values())).content)
        for c in h.api.calls[after:]
        if c.method == "sendDocument" and c.delivered
        and c.result["document"]["file_name"].endswith(".xlsx")
    ]  # fmt: skip


def _korean(content: bytes) -> None:
    book = load_workbook(io.BytesIO(content))
    # Before: "Reports", "Items", ... and "Agency name": the worker wrote them in English.
    assert book.sheetnames == KOREAN_SHEETS
    header = next(book["보고"].iter_rows(values_only=True))
    assert "기관명" in header and "Agency name" not in header, header


async def test_a_korean_coordinators_xlsx_export_has_korean_sheets_and_headings(
    siren: Harness,
) -> None:
    await siren.talk.say(KCS_OFFICER, "/seizure 2kg meth at ICN", GROUP)
    await siren.talk.say(COORDINATOR, "/language ko")
    cursor = siren.api.cursor(PRIVATE)
    mark = siren.api.mark()
    siren.api.send_text(COORDINATOR, PRIVATE, "/export xlsx")
    # The workbook is written in the worker process, which may still be starting.
    while not _workbooks(siren, mark):
        await cursor.next(timeout=60)
    [(name, content)] = _workbooks(siren, mark)
    assert name.endswith(".xlsx")
    _korean(content)


async def test_a_korean_coordinators_debrief_annex_has_korean_sheets_and_headings(
    siren: Harness,
) -> None:
    await siren.talk.say(KCS_OFFICER, "/seizure 2kg meth at ICN", GROUP)
    await siren.talk.say(COORDINATOR, "/language ko")
    cursor = siren.api.cursor(PRIVATE)
    mark = siren.api.mark()
    siren.api.send_text(COORDINATOR, GROUP, "/debrief")
    while not _workbooks(siren, mark):
        await cursor.next(timeout=120)
    [(name, content)] = _workbooks(siren, mark)
    assert "-debrief-annex-" in name
    _korean(content)
