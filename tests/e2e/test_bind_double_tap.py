"""The /bind question (Move it / Cancel) is answered by its first press only.

Found by an adversary: two presses that both arrive before the first is handled were both carried
out. Move it then Cancel left the group moved to DRILL under "Not moved: this group stays linked
to SIREN"; Cancel then Move it said "Not moved" and moved it; Move it twice replaced the success
with "This group's link changed a moment ago".
"""

from __future__ import annotations

import pytest

from bot.demo import ADMIN, GROUP
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
