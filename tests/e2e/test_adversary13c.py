"""What a third adversary found (session 13): an edit forged under a message whose report
still waits on Record it / Cancel, and another bot's command edited into a report.

Each drives the real Application through fakegram and asserts what people read, or what is
stored.
"""

from __future__ import annotations

import copy

from bot.demo import GROUP, KCS_OFFICER, OUTSIDER, TCD_OFFICER
from fakegram.types import detect_entities
from tests.e2e.asking import record_it
from tests.e2e.conftest import Harness

LARGE = "/s 1500kg meth at ICN"


async def test_an_edit_forged_under_a_waiting_question_changes_nothing(siren: Harness) -> None:
    cursor = siren.api.cursor(GROUP)
    sent = siren.api.send_text(KCS_OFFICER, GROUP, LARGE)
    asked = await cursor.next()
    assert "Record it" in str(asked.get("reply_markup")), asked
    original = copy.deepcopy(siren.api._messages[(GROUP.id, int(sent["message_id"]))])
    for forger in (TCD_OFFICER, OUTSIDER):
        forged = {**original, "from": forger.to_dict(), "text": "/s 40kg heroin"}
        forged["edit_date"] = int(original["date"]) + 5
        forged["entities"] = detect_entities(forged["text"])
        siren.api.add_raw_update({"edited_message": forged})
    # Updates of one chat are handled in order: the next answer comes after the forged edits'.
    siren.api.send_text(KCS_OFFICER, GROUP, "/mine")
    said = str((await cursor.next()).get("text"))
    # Before: the question closed ("replaced") and 40 kg of heroin recorded for the Thai officer.
    assert said == "I sent it to you in our private chat.", said
    assert await siren.rows("SELECT officer_id FROM seizure") == []
    # The question is still open: its asker records what they typed, as theirs.
    acknowledged = await record_it(siren, KCS_OFFICER, GROUP, asked)
    assert "1,500 kg methamphetamine" in acknowledged, acknowledged
    rows = await siren.rows("SELECT officer_id, text FROM seizure")
    assert rows == [{"officer_id": KCS_OFFICER.id, "text": LARGE}]
