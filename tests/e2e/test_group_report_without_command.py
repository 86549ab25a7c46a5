"""A report sent to the group without its command is offered as one, not met with silence.

Found by a newcomer's review: in the group, '2kg meth at ICN', 's 2kg meth at ICN', '/ s 2kg
meth at ICN' and '/2kg meth at ICN' got no reply at all; in a hurry an officer reads silence as
"sent", and the seizure never reached the totals. Talk that only mentions a seizure stays
unanswered, and so does anyone who does not report.
"""

from __future__ import annotations

import pytest

from bot.demo import COORDINATOR, GROUP, KCS_OFFICER
from tests.e2e.asking import record_it
from tests.e2e.conftest import Harness


@pytest.mark.parametrize(
    "typed", ["2kg meth at ICN", "s 2kg meth at ICN", "/ s 2kg meth at ICN", "/2kg meth at ICN",
              "Seizure 2kg meth at ICN"],
)  # fmt: skip
async def test_a_report_without_its_command_is_offered_and_recorded_when_pressed(
    siren: Harness, typed: str
) -> None:
    asked = await siren.talk.say(KCS_OFFICER, typed, GROUP)
    assert asked["text"].startswith("Did you mean /seizure 2kg meth at ICN?"), asked
    assert await siren.rows("SELECT id FROM seizure") == []
    ack = await record_it(siren, KCS_OFFICER, GROUP, asked)
    assert ack.startswith("✅ Recorded report SIREN #1 for KCS"), ack
    assert await siren.rows("SELECT text FROM seizure") == [{"text": "/seizure 2kg meth at ICN"}]


@pytest.mark.parametrize(
    ("who", "said"),
    [(KCS_OFFICER, "we seized 2kg meth at ICN yesterday, well done"),
     (KCS_OFFICER, "good morning everyone"),
     (COORDINATOR, "2kg meth at ICN")],
)  # fmt: skip
async def test_talk_about_a_seizure_and_a_non_officer_stay_unanswered(
    siren: Harness, who: object, said: str
) -> None:
    cursor = siren.api.cursor(GROUP)
    siren.api.send_text(who, GROUP, said)  # type: ignore[arg-type]
    siren.api.send_text(KCS_OFFICER, GROUP, "/start")
    first = await cursor.next()  # one chat's updates are handled in order: /start's answer
    assert not str(first.get("text", "")).startswith("Did you mean"), first
    assert await siren.rows("SELECT id FROM seizure") == []


@pytest.mark.parametrize(
    ("typed", "edited"),
    [("2kg meth at ICN", "5kg meth at ICN"), ("/2kg meth at ICN", "/5kg meth at ICN"),
     ("s 2kg meth at ICN", "s 5kg meth at ICN")],
)  # fmt: skip
async def test_an_offered_report_edited_in_the_group_is_offered_again(
    siren: Harness, typed: str, edited: str
) -> None:
    """A second adversary's review: the edit withdrew the offer ("Replaced by your edit") and
    asked nothing, so the corrected seizure was never recorded."""
    cursor = siren.api.cursor(GROUP)
    sent = siren.api.send_text(KCS_OFFICER, GROUP, typed)
    first = await cursor.next()
    assert str(first["text"]).startswith("Did you mean /seizure 2kg meth at ICN?"), first
    siren.api.edit_text(KCS_OFFICER, GROUP, int(sent["message_id"]), edited)
    again = await siren.api.wait_for_message(
        GROUP, text_contains="Did you mean /seizure 5kg meth at ICN?"
    )
    ack = await record_it(siren, KCS_OFFICER, GROUP, again)
    assert ack.startswith("✅ Recorded report SIREN #1 for KCS"), ack
    assert await siren.rows("SELECT text FROM seizure") == [{"text": "/seizure 5kg meth at ICN"}]


@pytest.mark.parametrize("typed", ["seized 2kg meth at ICN today", "압수 필로폰 2kg"])
async def test_a_report_with_only_its_verb_beside_it_is_offered(siren: Harness, typed: str) -> None:
    # Session 18 (newcomer, round 4): 'seized 2kg meth at ICN today' got no reply in the group,
    # read as talk about a seizure; 'we seized ... well done' still is (above).
    asked = await siren.talk.say(KCS_OFFICER, typed, GROUP)
    assert asked["text"].startswith(f"Did you mean /seizure {typed}?"), asked
    ack = await record_it(siren, KCS_OFFICER, GROUP, asked)
    assert ack.startswith("✅ Recorded report SIREN #1 for KCS"), ack
