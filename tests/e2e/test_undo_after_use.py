"""The Undo button after /use switched the private chat: it undoes its own report, or nothing."""

from __future__ import annotations

from bot.demo import ADMIN, KCS_OFFICER, invite_code
from fakegram.types import FakeChat
from tests.e2e.conftest import Harness
from tests.e2e.test_numbers import _answer_to


async def test_undo_pressed_after_use_undoes_its_own_report(siren: Harness) -> None:
    h = siren
    await h.talk.say(ADMIN, '/operation new DRILL "Operation Drill" Europe/Oslo')
    await h.talk.say(ADMIN, "/use DRILL")
    await h.talk.say(ADMIN, '/agency add NOR "Norwegian Customs" Europe/Oslo')
    link = await h.talk.text(ADMIN, "/invite officer NOR")
    await h.talk.say(KCS_OFFICER, f"/start {invite_code(link)}")
    await h.talk.say(KCS_OFFICER, "/use DRILL")
    drill = await h.talk.say(KCS_OFFICER, "/seizure 1kg cocaine at OSL")
    assert drill["text"].startswith("✅ Recorded report DRILL #1 for NOR:")
    switched = await h.talk.text(KCS_OFFICER, "/use SIREN")
    assert switched == "Your messages in this chat now go to SIREN."
    await h.talk.say(KCS_OFFICER, "/seizure 3kg meth at ICN")
    # Before: "Only the officer who sent this report can undo it." to the officer who sent it.
    data = drill["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    said = await _answer_to(
        h, KCS_OFFICER, FakeChat.private(KCS_OFFICER), drill["message_id"], data
    )
    assert said == "Report DRILL #1 voided."
    rows = await h.rows(
        "SELECT o.code, s.number, s.voided_at IS NOT NULL AS voided FROM seizure s"
        " JOIN operation o ON o.id = s.operation_id ORDER BY s.id"
    )
    # DRILL's report is undone; SIREN's, the current operation's, is untouched.
    assert [(r["code"], r["number"], r["voided"]) for r in rows] == [
        ("DRILL", 1, 1),
        ("SIREN", 1, 0),
    ]
