"""A typed answer to a step-by-step report delivered twice takes effect once, answered once."""

from __future__ import annotations

from bot.demo import KCS_OFFICER
from fakegram.types import FakeChat, JSONDict
from tests.e2e.conftest import Harness

PRIVATE = FakeChat.private(KCS_OFFICER)
REPEATED = "Already answered: this message reached the bot before; nothing was done again."


def _buttons(message: JSONDict) -> dict[str, str]:
    rows = message.get("reply_markup", {}).get("inline_keyboard", [])
    return {b["text"]: b["callback_data"] for row in rows for b in row}


async def _redelivered(h: Harness, update_id: int) -> str:
    cursor = h.api.cursor(PRIVATE)
    h.api.redeliver(update_id)
    return str((await cursor.next())["text"])


async def test_a_redelivered_typed_answer_is_already_done_and_the_draft_goes_on(
    siren: Harness,
) -> None:
    first = await siren.talk.say(KCS_OFFICER, "/seizure")
    cursor = siren.api.cursor(PRIVATE)
    siren.api.press_button(KCS_OFFICER, PRIVATE, first["message_id"], "draft:sub:0")
    await cursor.next()
    unit = await siren.talk.say(KCS_OFFICER, "2")
    assert unit["text"].startswith("New report (2/3): 2 what?"), unit["text"]
    # Before: "2 is not a unit here. Choose one below, ...": read again at the next step.
    assert await _redelivered(siren, siren.api.newest_update_id()) == REPEATED
    cursor = siren.api.cursor(PRIVATE)
    siren.api.press_button(KCS_OFFICER, PRIVATE, unit["message_id"], _buttons(unit)["kg"])
    where = await cursor.next()
    assert where["text"].startswith("New report (3/3): where?"), where["text"]
    confirm = await siren.talk.say(KCS_OFFICER, "ICN")
    place = siren.api.newest_update_id()
    assert confirm["text"].startswith("Record this report?\n/seizure 2 kg meth"), confirm["text"]
    # Redelivered at the last step: not asked again, not "I did not understand that".
    assert await _redelivered(siren, place) == REPEATED
    cursor = siren.api.cursor(PRIVATE)
    mark = siren.api.mark()
    siren.api.press_button(KCS_OFFICER, PRIVATE, confirm["message_id"], "draft:rec")
    recorded = await siren.api.wait_for_edit(PRIVATE, message_id=confirm["message_id"], after=mark)
    assert "Recorded report SIREN #1 for KCS" in recorded["text"], recorded["text"]
    assert await _redelivered(siren, place) == REPEATED
    rows = await siren.rows("SELECT text FROM seizure")
    assert [r["text"] for r in rows] == ["/seizure 2 kg meth at ICN"]
