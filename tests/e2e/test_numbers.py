"""Report numbers per operation (issue 13, deliverable 11): SIREN's first report is SIREN #1."""

from __future__ import annotations

from bot.demo import ADMIN, COORDINATOR, GROUP, KCS_OFFICER, TCD_OFFICER, invite_code
from fakegram.types import FakeChat, FakeUser
from tests.e2e.conftest import Harness

NOR_OFFICER = FakeUser(2002, "Nora", "Berg", username="nora_nor")


async def _drill_with_reports(h: Harness, count: int) -> None:
    """Another operation, DRILL, whose officer has sent `count` reports before SIREN's first."""
    await h.talk.say(ADMIN, '/operation new DRILL "Operation Drill" Europe/Oslo')
    await h.talk.say(ADMIN, "/use DRILL")
    await h.talk.say(ADMIN, '/agency add NOR "Norwegian Customs" Europe/Oslo')
    link = await h.talk.text(ADMIN, "/invite officer NOR")
    await h.talk.say(NOR_OFFICER, f"/start {invite_code(link)}")
    for n in range(count):
        ack = await h.talk.text(NOR_OFFICER, f"/seizure {n + 1} kg cocaine at OSL")
        assert ack.startswith(f"✅ Recorded report DRILL #{n + 1} for NOR:"), ack
    await h.talk.say(ADMIN, "/use SIREN")


async def _answer_to(h: Harness, user: FakeUser, chat: FakeChat, message_id: int, data: str) -> str:
    mark = h.api.mark()
    query = h.api.press_button(user, chat, message_id, data, check_button=False)
    await h.api.wait_for(
        lambda c: c.method == "answerCallbackQuery" and c.params["callback_query_id"] == query,
        after=mark,
    )
    return str(h.api.callback_answers[query].get("text", ""))


async def test_first_report_of_an_operation_is_number_one(siren: Harness) -> None:
    # Before: ids were global, so SIREN's first report was #4 here, revealing DRILL's volume.
    await _drill_with_reports(siren, 3)
    ack = await siren.talk.say(KCS_OFFICER, "/seizure 2kg meth at ICN", GROUP)
    assert ack["text"].startswith("✅ Recorded report SIREN #1 for KCS:")
    second = await siren.talk.text(TCD_OFFICER, "/seizure 300 yaba at BKK", GROUP)
    assert second.startswith("✅ Recorded report SIREN #2 for TCD:")
    rows = await siren.rows(
        "SELECT s.id, s.number, o.code FROM seizure s JOIN operation o ON o.id = s.operation_id"
        " ORDER BY s.id"
    )
    assert [(r["code"], r["number"]) for r in rows] == [
        ("DRILL", 1), ("DRILL", 2), ("DRILL", 3), ("SIREN", 1), ("SIREN", 2)
    ]  # fmt: skip
    mine = await siren.talk.text(KCS_OFFICER, "/mine")
    assert "#1 " in mine and "#4" not in mine
    # The Undo button keeps the internal id, but its answer names the number.
    said = await _answer_to(siren, KCS_OFFICER, GROUP, ack["message_id"], f"undo:{rows[3]['id']}")
    assert said == "Report SIREN #1 voided."


async def test_void_and_restore_take_the_number_in_the_callers_operation(siren: Harness) -> None:
    await _drill_with_reports(siren, 2)
    await siren.talk.say(KCS_OFFICER, "/seizure 2kg meth at ICN", GROUP)
    # "/void 1" is SIREN's report 1, never DRILL's (global id 1).
    voided = await siren.talk.text(COORDINATOR, "/void 1 entered twice")
    assert voided.startswith("❌ Report SIREN #1 voided (entered twice): 2 kg methamphetamine.")
    rows = await siren.rows(
        "SELECT o.code, s.number, s.voided_at IS NOT NULL AS voided FROM seizure s"
        " JOIN operation o ON o.id = s.operation_id ORDER BY s.id"
    )
    assert [(r["code"], r["number"], r["voided"]) for r in rows] == [
        ("DRILL", 1, 0), ("DRILL", 2, 0), ("SIREN", 1, 1)
    ]  # fmt: skip
    missing = await siren.talk.text(COORDINATOR, "/void 3 typo")
    assert missing == "There is no report #3 in this operation. /reports lists them."
    restored = await siren.talk.text(COORDINATOR, "/restore 1 it was real")
    assert restored.startswith("♻️ Report SIREN #1 restored: 2 kg methamphetamine.")


async def test_a_button_for_another_operations_report_does_nothing(siren: Harness) -> None:
    await _drill_with_reports(siren, 1)
    ack = await siren.talk.say(KCS_OFFICER, "/seizure 2kg meth at ICN", GROUP)
    # A forged payload naming DRILL's report (internal id 1) from a SIREN chat.
    said = await _answer_to(siren, KCS_OFFICER, GROUP, ack["message_id"], "undo:1")
    assert "Only the officer who sent this report" in said
    rows = await siren.rows("SELECT voided_at FROM seizure ORDER BY id")
    assert [r["voided_at"] for r in rows] == [None, None]


async def test_digest_and_export_show_the_number(siren: Harness) -> None:
    await _drill_with_reports(siren, 2)
    await siren.talk.say(KCS_OFFICER, "/seizure 2kg meth at ICN", GROUP)
    digest = await siren.talk.text(COORDINATOR, "/digest now")
    assert "(#1)" in digest and "(#3)" not in digest
