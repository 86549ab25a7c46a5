"""A step-by-step report begun in one operation, then /use of one where its author does not
report: its Record it and /cancel still act where it was begun.

Found by an adversarial review: after /use DUP (an observer there) the bot said the draft "is
recorded in SIREN", then refused Record it, Cancel and /cancel with "Only officers report here".
"""

from __future__ import annotations

from bot.demo import ADMIN, TCD_OFFICER, invite_code
from fakegram.types import FakeChat, JSONDict
from tests.e2e.asking import button
from tests.e2e.conftest import Harness

PRIVATE = FakeChat.private(TCD_OFFICER)


async def _draft_then_use_dup(siren: Harness) -> JSONDict:
    """Somchai, an observer of DUP: a SIREN draft up to its last question, then /use DUP, then
    the place; the confirmation with its Record it and Cancel."""
    await siren.talk.say(ADMIN, '/operation new DUP "Dup op" Asia/Seoul exercise')
    code = invite_code(await siren.talk.text(ADMIN, "/invite observer"))
    await siren.talk.say(TCD_OFFICER, f"/start {code}", PRIVATE)
    await siren.talk.say(TCD_OFFICER, "/use SIREN", PRIVATE)
    first = await siren.talk.say(TCD_OFFICER, "/seizure", PRIVATE)
    asked = siren.api.cursor(PRIVATE)
    siren.api.press_button(TCD_OFFICER, PRIVATE, first["message_id"], button(first, "cocaine"))
    assert "how much cocaine" in str((await asked.next())["text"])
    await siren.talk.say(TCD_OFFICER, "4 kg", PRIVATE)
    await siren.talk.say(TCD_OFFICER, "/use DUP", PRIVATE)
    mark = siren.api.mark()
    siren.api.send_text(TCD_OFFICER, PRIVATE, "BKK")
    return await siren.api.wait_for_message(PRIVATE, text_contains="Record this report", after=mark)


async def test_record_it_after_use_of_another_operation_records_where_it_was_begun(
    siren: Harness,
) -> None:
    confirm = await _draft_then_use_dup(siren)
    assert "Record it" in str(confirm.get("reply_markup")), confirm
    mark = siren.api.mark()
    record = button(confirm, "Record it")
    siren.api.press_button(TCD_OFFICER, PRIVATE, confirm["message_id"], record)
    done = await siren.api.wait_for_edit(PRIVATE, message_id=confirm["message_id"], after=mark)
    assert "Recorded report SIREN #1" in str(done["text"]), done
    rows = await siren.rows("SELECT o.code FROM seizure JOIN operation AS o ON o.id = operation_id")
    assert rows == [{"code": "SIREN"}]


async def test_cancel_after_use_of_another_operation_drops_the_draft(siren: Harness) -> None:
    await _draft_then_use_dup(siren)
    said = await siren.talk.text(TCD_OFFICER, "/cancel", PRIVATE)
    assert "Only officers report here" not in said, said
    assert await siren.rows("SELECT * FROM report_draft") == []
    assert await siren.rows("SELECT id FROM seizure") == []
