"""A step-by-step report is recorded whole or not at all: draft, report and the link to the
message that began it.

Before, Record it took the draft in one transaction, recorded the report in a second and wrote
the link to the officer's first /seizure (guided_start) in a third. A fault or a kill between
them left a half state: the confirmed draft gone with no report (the press, taken up again,
said "expired"), or a report whose first message no longer led to it, so that an edit of that
message was recorded as a second report.
"""

from __future__ import annotations

import sqlite3

from bot.demo import KCS_OFFICER
from bot.render.replies import FAULT
from tests.e2e.conftest import Harness
from tests.e2e.test_guided_start_edited import EDITED, PRIVATE, _edited, _reports, _started


def _refuse_links(conn: sqlite3.Connection) -> None:
    # The link's write fails (a full disk, an I/O error) after the report's rows were written.
    conn.execute(
        "CREATE TRIGGER refuse_link BEFORE INSERT ON guided_start"
        " BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END"
    )


def _allow_links(conn: sqlite3.Connection) -> None:
    conn.execute("DROP TRIGGER refuse_link")


async def test_a_fault_writing_the_link_to_the_first_message_records_nothing_half(
    siren: Harness,
) -> None:
    began, confirm = await _started(siren)
    await siren.db.write(_refuse_links)
    mark = siren.api.mark()
    query = siren.api.press_button(KCS_OFFICER, PRIVATE, confirm["message_id"], "draft:rec")
    # The fault is said on the presser's screen: the press's handling has ended.
    await siren.api.wait_for(
        lambda c: c.method == "answerCallbackQuery" and c.params.get("text") == FAULT, after=mark
    )
    # Nothing half done: no report, and the confirmed draft still waits for Record it.
    assert await _reports(siren) == []
    drafts = await siren.rows("SELECT step, message_id FROM report_draft")
    assert drafts == [{"step": "confirm", "message_id": confirm["message_id"]}]
    # The officer was told on the press itself, not left with a spinner and no answer.
    told = [
        c.params for c in siren.api.calls[mark:]
        if c.method == "answerCallbackQuery" and c.params["callback_query_id"] == query
    ]  # fmt: skip
    assert told == [{"callback_query_id": query, "text": FAULT, "show_alert": True}], told
    # Pressed again once the fault is gone: recorded once, and its first message leads to it.
    await siren.db.write(_allow_links)
    mark = siren.api.mark()
    siren.api.press_button(KCS_OFFICER, PRIVATE, confirm["message_id"], "draft:rec")
    recorded = await siren.api.wait_for_edit(PRIVATE, message_id=confirm["message_id"], after=mark)
    assert "Recorded report SIREN #1 for KCS" in recorded["text"], recorded["text"]
    said = await _edited(siren, began["message_id"], EDITED)
    assert said.startswith("Report #1 was recorded step by step"), said
    assert await _reports(siren) == ["/seizure 2 kg meth at ICN"]
    assert await siren.rows("SELECT count(*) AS n FROM report_draft") == [{"n": 0}]
