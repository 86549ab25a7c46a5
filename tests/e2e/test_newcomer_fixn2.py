"""What a second newcomer found in the sandbox (session 12, review round 2): a coordinator
told to ask the coordinator, and a step-by-step report's void example in English."""

from __future__ import annotations

from bot.demo import COORDINATOR, invite_code
from fakegram.types import FakeChat, FakeUser, JSONDict
from tests.e2e.conftest import Harness


async def test_a_coordinator_who_reports_is_told_to_make_an_officer_invite(siren: Harness) -> None:
    for command in ("/seizure 2kg meth at ICN", "/undo"):
        said = await siren.talk.text(COORDINATOR, command)
        # Before: "Only officers report here. Ask your coordinator for an officer invite."
        assert "Ask your coordinator" not in said, said
        assert "/invite officer AGENCY" in said and "/invite officer KCS" in said, said
    assert await siren.rows("SELECT * FROM seizure") == []
    # The command named works for them, as the reply says.
    link = await siren.talk.text(COORDINATOR, "/invite officer KCS")
    assert invite_code(link), link


async def test_a_step_by_step_reports_void_example_is_in_the_readers_words(
    siren: Harness,
) -> None:
    officer = FakeUser(2601, "Kim", "Officer", language_code="ko")
    link = await siren.talk.text(COORDINATOR, "/invite officer KCS")
    await siren.talk.say(officer, f"/start {invite_code(link)}")
    private = FakeChat.private(officer)
    await siren.talk.say(officer, "/seizure")
    await siren.talk.say(officer, "zombie dust")
    await siren.talk.say(officer, "1.5 kg")
    confirm = await siren.talk.say(officer, "ICN T2")
    mark = siren.api.mark()
    record = _buttons(confirm)[0]
    siren.api.press_button(officer, private, confirm["message_id"], record)
    ack = await siren.api.wait_for_edit(private, message_id=confirm["message_id"], after=mark)
    # Before: "... /void 1 entered twice" in a Korean sentence.
    assert ack["text"].endswith("/void 1 중복 입력"), ack["text"]


def _buttons(message: JSONDict) -> list[str]:
    rows = message.get("reply_markup", {}).get("inline_keyboard", [])
    return [b["callback_data"] for row in rows for b in row]
