"""A button pressed by a person of the wrong role: told what the button needs, nothing changes."""

from __future__ import annotations

from bot.demo import GROUP, KCS_OFFICER, OBSERVER
from tests.e2e.conftest import Harness
from tests.e2e.test_numbers import _answer_to


async def test_an_observer_pressing_undo_is_told_only_officers_undo_their_own(
    siren: Harness,
) -> None:
    ack = await siren.talk.say(KCS_OFFICER, "/seizure 2kg meth at ICN", GROUP)
    data = ack["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    said = await _answer_to(siren, OBSERVER, GROUP, ack["message_id"], data)
    # Before: "Only officers report here. Ask your coordinator for an officer invite."
    assert said == "Only officers can undo a report, and only their own."
    voided = await siren.rows("SELECT count(*) AS n FROM seizure WHERE voided_at IS NOT NULL")
    assert voided == [{"n": 0}]
