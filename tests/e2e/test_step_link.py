"""The group's step-by-step link: one first question, in the group's operation.

Found by a second adversarial review: '/start seizure' asked the first question twice, the second
time as "Your report in progress is still open"; and the report was begun in the operation the
private chat last used, not the one of the group whose button it was.
"""

from __future__ import annotations

from bot.demo import ADMIN, GROUP, TCD_OFFICER, invite_code
from fakegram.types import FakeChat
from tests.e2e.asking import button
from tests.e2e.conftest import Harness

PRIVATE = FakeChat.private(TCD_OFFICER)


def _link(message: dict[str, object]) -> str:
    rows = message.get("reply_markup", {}).get("inline_keyboard", [])  # type: ignore[union-attr]
    return str(next(b["url"] for row in rows for b in row if "url" in b))


async def test_the_link_asks_the_first_question_once(siren: Harness) -> None:
    mark = siren.api.mark()
    first = await siren.talk.text(TCD_OFFICER, "/start seizure-SIREN", PRIVATE)
    assert first.startswith("New report (1/3): what was seized?"), first
    await siren.talk.say(TCD_OFFICER, "/help", PRIVATE)  # after the /start, in its line
    said = [
        str(c.params.get("text"))
        for c in siren.api.calls[mark:]
        if c.method == "sendMessage" and c.params.get("chat_id") == PRIVATE.id
    ]
    assert sum("New report (1/3)" in t for t in said) == 1, said
    assert not any("still open" in t for t in said), said


async def test_the_link_begins_the_report_in_the_groups_operation(siren: Harness) -> None:
    await siren.talk.say(ADMIN, '/operation new DUP "Dup op" Asia/Seoul')
    await siren.talk.say(ADMIN, '/agency add TCD "Thai Customs" Asia/Bangkok')
    code = invite_code(await siren.talk.text(ADMIN, "/invite officer TCD"))
    await siren.talk.say(TCD_OFFICER, f"/start {code}", PRIVATE)
    await siren.talk.say(TCD_OFFICER, "/use DUP", PRIVATE)
    pointer = await siren.talk.say(TCD_OFFICER, "/seizure", GROUP)  # SIREN's group
    link = _link(pointer)
    assert link.endswith("?start=seizure-SIREN"), link
    first = await siren.talk.say(TCD_OFFICER, "/start seizure-SIREN", PRIVATE)
    asked = siren.api.cursor(PRIVATE)
    siren.api.press_button(TCD_OFFICER, PRIVATE, first["message_id"], button(first, "cocaine"))
    await asked.next()
    await siren.talk.say(TCD_OFFICER, "4 kg", PRIVATE)
    mark = siren.api.mark()
    siren.api.send_text(TCD_OFFICER, PRIVATE, "BKK")
    confirm = await siren.api.wait_for_message(
        PRIVATE, text_contains="Record this report", after=mark
    )
    mark = siren.api.mark()
    siren.api.press_button(
        TCD_OFFICER, PRIVATE, confirm["message_id"], button(confirm, "Record it")
    )
    done = await siren.api.wait_for_edit(PRIVATE, message_id=confirm["message_id"], after=mark)
    assert "Recorded report SIREN #1" in str(done["text"]), done
