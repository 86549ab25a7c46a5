"""What a third adversary found (session 13): an edit forged under a message whose report
still waits on Record it / Cancel; a day typed without a year, read as before the operation
began, recorded as another day when Record it was pressed later, and not asked about when
offered as a report or edited into one; another bot's command edited into a report.

Each drives the real Application through fakegram and asserts what people read, or what is
stored.
"""

from __future__ import annotations

import copy
from datetime import timedelta

from bot.demo import GROUP, KCS_OFFICER, OUTSIDER, TCD_OFFICER
from fakegram.types import FakeChat, detect_entities
from tests.e2e.asking import button, record_it
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


async def test_the_day_a_question_names_is_the_day_recorded_when_pressed_later(
    siren: Harness,
) -> None:
    siren.clock.advance(timedelta(days=11))  # Tue 1 Dec 2026 in Seoul; SIREN began 20 Nov
    asked = await siren.talk.say(KCS_OFFICER, "/s 2kg meth at ICN on 2 Dec", GROUP)
    assert asked["text"].startswith("⚠️ 2 Dec was read as 2025-12-02, before SIREN"), asked
    siren.clock.advance(timedelta(days=2))  # 3 Dec: "2 Dec" now reads as this year's
    ack = await record_it(siren, KCS_OFFICER, GROUP, asked)
    # Before: recorded as 2026-12-02, a day the question never named.
    assert "date: 2025-12-02" in ack, ack
    assert await siren.rows("SELECT occurred_on FROM seizure") == [{"occurred_on": "2025-12-02"}]


async def test_a_line_offered_as_a_report_asks_about_a_day_before_the_operation(
    siren: Harness,
) -> None:
    siren.clock.advance(timedelta(days=11))  # 1 Dec
    private = FakeChat.private(KCS_OFFICER)
    offered = await siren.talk.say(KCS_OFFICER, "2kg meth at ICN on 2 Dec", private)
    assert "Record it" in str(offered.get("reply_markup")), offered
    mark = siren.api.mark()
    siren.api.press_button(
        KCS_OFFICER, private, offered["message_id"], button(offered, "Record it")
    )
    asked = await siren.api.wait_for_edit(private, message_id=offered["message_id"], after=mark)
    # Before: recorded at once as 2025-12-02, nothing asked.
    assert str(asked["text"]).startswith("⚠️ 2 Dec was read as 2025-12-02, before SIREN"), asked
    assert await siren.rows("SELECT id FROM seizure") == []
    ack = await record_it(siren, KCS_OFFICER, private, asked)
    assert "date: 2025-12-02" in ack, ack


async def test_an_edit_to_a_day_before_the_operation_is_asked_about_first(
    siren: Harness,
) -> None:
    siren.clock.advance(timedelta(days=11))  # 1 Dec
    cursor = siren.api.cursor(GROUP)
    sent = siren.api.send_text(KCS_OFFICER, GROUP, "/s 2kg meth at ICN")
    assert "Recorded report SIREN #1" in str((await cursor.next()).get("text"))
    siren.api.edit_text(KCS_OFFICER, GROUP, int(sent["message_id"]), "/s 2kg meth at ICN on 2 Dec")
    asked = await cursor.next()
    # Before: corrected at once to 2025-12-02, nothing asked.
    assert str(asked["text"]).startswith(
        "⚠️ In your edit, 2 Dec was read as 2025-12-02, before SIREN"
    ), asked
    assert "/s 2kg" not in str(asked["text"]), asked  # no second report offered to send
    assert await siren.rows("SELECT occurred_on FROM seizure") == [{"occurred_on": None}]
    corrected = await record_it(siren, KCS_OFFICER, GROUP, asked)
    assert "date: 2025-12-02" in corrected, corrected
    assert await siren.rows("SELECT occurred_on FROM seizure") == [{"occurred_on": "2025-12-02"}]


async def test_a_report_edited_for_another_bot_says_so(siren: Harness) -> None:
    cursor = siren.api.cursor(GROUP)
    sent = siren.api.send_text(KCS_OFFICER, GROUP, "/s 1kg meth")
    assert "Recorded report SIREN #1" in str((await cursor.next()).get("text"))
    siren.api.edit_text(KCS_OFFICER, GROUP, int(sent["message_id"]), "/s@OtherBot 5kg meth")
    said = str((await cursor.next()).get("text"))
    # Before: "Report #1 is unchanged. An edit does not run /s; send it as a new message."
    assert said.startswith(
        "Report #1 is unchanged. The edit is addressed to @OtherBot, not to me (@OcuBot). "
        "To correct the report, edit it to: /s 5kg meth"
    ), said
    assert await siren.rows("SELECT text FROM seizure") == [{"text": "/s 1kg meth"}]
