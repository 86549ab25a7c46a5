"""Dates of an edited report are read from the day it was sent, not the day of the edit.

An adversary sent `/s 1kg heroin at ICN` on 20 Nov and, two days later, edited it to add
`yesterday`: the report was then seized on 21 Nov, a day after it was reported.
"""

from __future__ import annotations

from datetime import timedelta

from bot.demo import COORDINATOR, GROUP, KCS_OFFICER
from fakegram.types import JSONDict
from tests.e2e.conftest import Harness


async def _edited_ack(h: Harness, sent: JSONDict, ack: JSONDict, text: str) -> str:
    """The officer edits the report; the acknowledgement as the edit leaves it."""
    mark = h.api.mark()
    h.api.edit_text(KCS_OFFICER, GROUP, int(sent["message_id"]), text)
    edited = await h.api.wait_for_edit(GROUP, message_id=ack["message_id"], after=mark)
    return str(edited["text"])


async def _refused(h: Harness, sent: JSONDict, text: str) -> str:
    cursor = h.api.cursor(GROUP)
    h.api.edit_text(KCS_OFFICER, GROUP, int(sent["message_id"]), text)
    return str((await cursor.next())["text"])


async def test_yesterday_added_days_later_counts_from_the_report(siren: Harness) -> None:
    # 21 Nov, Seoul: 'yesterday' is SIREN's first day, not before it (which is asked about).
    siren.clock.advance(timedelta(days=1))
    sent = siren.api.send_text(KCS_OFFICER, GROUP, "/s 1kg heroin at ICN")
    ack = await siren.api.wait_for_message(GROUP, text_contains="SIREN #1")
    siren.clock.advance(timedelta(days=2))
    said = await _edited_ack(siren, sent, ack, "/s 1kg heroin at ICN yesterday")
    # Before: "date: 2026-11-22", the day before the edit and after the report.
    assert "2026-11-20" in said and "2026-11-22" not in said, said
    shown = await siren.talk.text(COORDINATOR, "/show 1")
    assert "Seized on: 2026-11-20" in shown, shown
    rows = await siren.rows("SELECT occurred_on FROM seizure")
    assert [r["occurred_on"] for r in rows] == ["2026-11-20"]


async def test_an_edit_dated_after_the_report_was_sent_records_nothing(siren: Harness) -> None:
    sent = siren.api.send_text(KCS_OFFICER, GROUP, "/s 1kg heroin at ICN")
    await siren.api.wait_for_message(GROUP, text_contains="SIREN #1")
    siren.clock.advance(timedelta(days=2))
    said = await _refused(siren, sent, "/s 1kg heroin at ICN on 2026-11-21")
    # Before: recorded as seized on 21 Nov, a day after the report was sent.
    assert said.startswith(
        "Report #1 is unchanged: The date 2026-11-21 is after the report was sent on "
        "2026-11-20: write the day it happened"
    ), said
    assert said.endswith("e.g. /seizure 1kg heroin at ICN on 2026-11-20"), said
    rows = await siren.rows("SELECT occurred_on FROM seizure")
    assert [r["occurred_on"] for r in rows] == [None]  # unchanged: no date, the day sent
