"""An edit of the /seizure that began a step-by-step report never records a second report.

Before: the recorded report sits under the bot's confirmation message, so an edit of the
officer's first `/seizure` found no report of its own and was recorded as a new one: #1 and #2,
both counted. And a /cancel delivered twice answered twice, the second time "Nothing to cancel".
"""

from __future__ import annotations

from bot.demo import GROUP, KCS_OFFICER
from fakegram.types import FakeChat, JSONDict
from tests.e2e.conftest import Harness

PRIVATE = FakeChat.private(KCS_OFFICER)
REPEATED = "Already answered: this message reached the bot before; nothing was done again."
EDITED = "/seizure 1300정 yaba at 인천공항 우편센터"


def _buttons(message: JSONDict) -> dict[str, str]:
    rows = message.get("reply_markup", {}).get("inline_keyboard", [])
    return {b["text"]: b["callback_data"] for row in rows for b in row}


async def _started(h: Harness) -> tuple[JSONDict, JSONDict]:
    """/seizure alone, answered up to Record it: the officer's message and the confirmation."""
    cursor = h.api.cursor(PRIVATE)
    began = h.api.send_text(KCS_OFFICER, PRIVATE, "/seizure")
    first = await cursor.next()
    cursor = h.api.cursor(PRIVATE)
    h.api.press_button(KCS_OFFICER, PRIVATE, first["message_id"], "draft:sub:0")
    await cursor.next()
    unit = await h.talk.say(KCS_OFFICER, "2")
    cursor = h.api.cursor(PRIVATE)
    h.api.press_button(KCS_OFFICER, PRIVATE, unit["message_id"], _buttons(unit)["kg"])
    await cursor.next()
    confirm = await h.talk.say(KCS_OFFICER, "ICN")
    return began, confirm


async def _edited(h: Harness, message_id: int, text: str) -> str:
    cursor = h.api.cursor(PRIVATE)
    h.api.edit_text(KCS_OFFICER, PRIVATE, message_id, text)
    return str((await cursor.next())["text"])


async def _reports(h: Harness) -> list[str]:
    return [str(r["text"]) for r in await h.rows("SELECT text FROM seizure ORDER BY id")]


async def test_editing_the_start_of_a_recorded_guided_report_records_nothing(
    siren: Harness,
) -> None:
    began, confirm = await _started(siren)
    mark = siren.api.mark()
    siren.api.press_button(KCS_OFFICER, PRIVATE, confirm["message_id"], "draft:rec")
    recorded = await siren.api.wait_for_edit(PRIVATE, message_id=confirm["message_id"], after=mark)
    assert "Recorded report SIREN #1 for KCS" in recorded["text"], recorded["text"]
    said = await _edited(siren, began["message_id"], EDITED)
    # Before: "Recorded report SIREN #2 ...", and both reports counted.
    assert said.startswith(
        "Report #1 was recorded step by step; editing the /seizure message that began it "
        "changes nothing, and nothing new was recorded. To correct it, take it back with "
        "/void 1 REASON and report again"
    ), said
    assert await _reports(siren) == ["/seizure 2 kg meth at ICN"]


async def test_editing_the_start_of_an_open_guided_report_records_nothing(
    siren: Harness,
) -> None:
    began, confirm = await _started(siren)
    said = await _edited(siren, began["message_id"], EDITED)
    assert said.startswith("Your step-by-step report goes on below"), said
    assert await _reports(siren) == []
    # The draft goes on: Record it still records the answers given, once.
    mark = siren.api.mark()
    siren.api.press_button(KCS_OFFICER, PRIVATE, confirm["message_id"], "draft:rec")
    recorded = await siren.api.wait_for_edit(PRIVATE, message_id=confirm["message_id"], after=mark)
    assert "Recorded report SIREN #1 for KCS" in recorded["text"], recorded["text"]
    assert await _reports(siren) == ["/seizure 2 kg meth at ICN"]


async def test_a_redelivered_cancel_in_the_group_is_already_done(siren: Harness) -> None:
    await siren.talk.say(KCS_OFFICER, "/s 2kg meth at ICN", GROUP)
    await siren.talk.say(KCS_OFFICER, "/s 2000kg meth at ICN", GROUP)
    said = await siren.talk.text(KCS_OFFICER, "/cancel", GROUP)
    assert not said.startswith("Nothing to cancel"), said
    cursor = siren.api.cursor(GROUP)
    siren.api.redeliver(siren.api.newest_update_id())
    again = str((await cursor.next())["text"])
    # Before: "Nothing to cancel here. ...", contradicting the first answer.
    assert again == REPEATED, again
