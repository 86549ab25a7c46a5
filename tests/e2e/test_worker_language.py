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
    # Before: 'methamphetamine', the stored key, where the PDF and the chat say 필로폰.
    cells = {v for sheet in ("품목", "건수") for row in book[sheet].iter_rows(values_only=True)
             for v in row}  # fmt: skip
    assert "필로폰(메트암페타민)" in cells and "methamphetamine" not in cells, cells


async def _korean_workbook(h: Harness, command: str, chat: FakeChat) -> str:
    """A report, the coordinator in Korean, then `command`: the one workbook's name, checked."""
    await h.talk.say(KCS_OFFICER, "/seizure 2kg meth at ICN", GROUP)
    await h.talk.say(COORDINATOR, "/language ko")
    cursor = h.api.cursor(PRIVATE)
    mark = h.api.mark()
    h.api.send_text(COORDINATOR, chat, command)
    # The workbook is written in the worker process, which may still be starting.
    while not _workbooks(h, mark):
        await cursor.next(timeout=120)
    [(name, content)] = _workbooks(h, mark)
    _korean(content)
    return name


async def test_a_korean_coordinators_xlsx_export_has_korean_sheets_and_headings(
    siren: Harness,
) -> None:
    assert (await _korean_workbook(siren, "/export xlsx", PRIVATE)).endswith(".xlsx")


async def test_a_korean_coordinators_debrief_annex_has_korean_sheets_and_headings(
    siren: Harness,
) -> None:
    assert "-debrief-annex-" in await _korean_workbook(siren, "/debrief", GROUP)
