"""A person the bot met with no language it speaks (no language_code) has theirs kept at the
first message that carries one: what is later written in their language, such as their
report's acknowledgement marked voided, is in it, not in English."""

from __future__ import annotations

from dataclasses import replace

from bot.demo import GROUP, KCS_OFFICER, set_up_demo
from tests.e2e.conftest import Harness

PARK_KO = replace(KCS_OFFICER, language_code="ko")


async def test_a_language_met_after_joining_is_kept_for_what_is_written_in_it(
    bot: Harness,
) -> None:
    await set_up_demo(bot.talk, exercise=False, phones=None)  # joined with no language
    cursor = bot.api.cursor(GROUP)
    bot.api.send_text(PARK_KO, GROUP, "/seizure 2kg meth at ICN")
    ack = await cursor.next()
    assert "KCS 보고 SIREN #1 기록" in str(ack["text"]), ack
    mark = bot.api.mark()
    bot.api.send_text(PARK_KO, GROUP, "/undo")
    marked = await bot.api.wait_for_edit(GROUP, message_id=ack["message_id"], after=mark)
    # Before: "❌ Voided report SIREN #1 for KCS (not counted): ... undone by its author", the
    # language kept only in memory, and the acknowledgement written from the database's none.
    text = str(marked["text"])
    assert "Voided" not in text and "SIREN #1" in text, text
    assert await bot.rows("SELECT language FROM person WHERE user_id = ?", (PARK_KO.id,)) == [
        {"language": "ko"}
    ]
