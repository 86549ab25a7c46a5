"""The /bind question (Move it / Cancel) is answered by its first press only.

Found by an adversary: two presses that both arrive before the first is handled were both carried
out. Move it then Cancel left the group moved to DRILL under "Not moved: this group stays linked
to SIREN"; Cancel then Move it said "Not moved" and moved it; Move it twice replaced the success
with "This group's link changed a moment ago".
"""

from __future__ import annotations

import pytest

from bot.demo import ADMIN, GROUP, KCS_OFFICER, invite_code
from bot.sandbox import settled
from tests.e2e.conftest import Harness
from tests.e2e.test_newcomer14_fixn2b import _bound_to, _buttons, _drill


@pytest.mark.parametrize(
    ("presses", "bound", "said"),
    [
        (["yes", "no"], "DRILL", "is now linked"),
        (["no", "yes"], "SIREN", "Not moved"),
        (["yes", "yes"], "DRILL", "is now linked"),
    ],
)
async def test_a_double_tap_on_the_move_question_acts_once(
    siren: Harness, presses: list[str], bound: str, said: str
) -> None:
    await _drill(siren)
    asked = await siren.talk.say(ADMIN, "/bind DRILL", GROUP)
    data = dict((d.split(":")[1], d) for _text, d in _buttons(asked))
    mark = siren.api.mark()
    for choice in presses:  # both sent before the bot handles the first
        siren.api.press_button(ADMIN, GROUP, asked["message_id"], data[choice])
    await siren.api.wait_confirmed(siren.api.newest_update_id(), after=mark)
    await settled(siren.app)
    assert await _bound_to(siren) == bound
    edits = [
        c.params.get("text", "")
        for c in siren.api.calls[mark:]
        if c.method == "editMessageText" and c.delivered
    ]
    assert len(edits) == 1 and said in edits[0], edits
    alerts = [
        c.params.get("text")
        for c in siren.api.calls[mark:]
        if c.method == "answerCallbackQuery" and c.params.get("show_alert")
    ]
    assert alerts == ["This question has expired. Send /bind again if needed."], alerts


async def test_an_old_undo_after_the_group_moved_says_where_its_report_is(siren: Harness) -> None:
    # Adversary, session 18: Park's Undo under SIREN #1, pressed after the group moved to
    # DRILL, said "Only the officer who sent this report can undo it" to its author.
    ack = await siren.talk.say(KCS_OFFICER, "/seizure 2kg meth at ICN", GROUP)
    await _drill(siren)
    # Park is an officer of DRILL too (a member of neither is told the button is not for them).
    await siren.talk.say(ADMIN, "/use DRILL")
    await siren.talk.say(ADMIN, '/agency add KCS "Korea Customs Service" Asia/Seoul')
    link = await siren.talk.text(ADMIN, "/invite officer KCS")
    await siren.talk.say(KCS_OFFICER, f"/start {invite_code(link)}")
    asked = await siren.talk.say(ADMIN, "/bind DRILL", GROUP)
    data = dict((d.split(":")[1], d) for _text, d in _buttons(asked))
    mark = siren.api.mark()
    siren.api.press_button(ADMIN, GROUP, asked["message_id"], data["yes"])
    await siren.api.wait_confirmed(siren.api.newest_update_id(), after=mark)
    await settled(siren.app)
    assert await _bound_to(siren) == "DRILL"
    mark = siren.api.mark()
    undo = ack["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    siren.api.press_button(KCS_OFFICER, GROUP, ack["message_id"], undo)
    await siren.api.wait_confirmed(siren.api.newest_update_id(), after=mark)
    await settled(siren.app)
    alerts = [
        c.params.get("text")
        for c in siren.api.calls[mark:]
        if c.method == "answerCallbackQuery" and c.params.get("show_alert")
    ]
    assert alerts == [
        "This report belongs to an operation this group is no longer linked to. In your private "
        "chat with the bot, /mine lists your reports and /void takes one back."
    ], alerts
    assert await siren.rows("SELECT voided_at FROM seizure") == [{"voided_at": None}]
