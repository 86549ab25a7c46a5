"""What a second newcomer read: a description item pointed to /alias, which refuses it; a day
typed without a year, read as last year's, was recorded and stretched the operation's period."""

from __future__ import annotations

from datetime import timedelta

from bot.demo import GROUP, KCS_OFFICER
from tests.e2e.asking import record_it
from tests.e2e.conftest import Harness


async def test_a_description_is_named_by_an_edit_once_the_lab_confirms(siren: Harness) -> None:
    said = await siren.talk.text(KCS_OFFICER, "/s white powder 200g at ICN", GROUP)
    # Before: "A coordinator can classify unknown names with /alias.", and /alias refuses
    # "white powder": it only describes what was found.
    assert "/alias" not in said, said
    assert "until the lab names the substance: then edit your message to name it" in said, said


async def test_an_unknown_name_still_points_to_alias(siren: Harness) -> None:
    said = await siren.talk.text(KCS_OFFICER, "/s 200g zombie dust at ICN", GROUP)
    assert "A coordinator can classify unknown names with /alias." in said, said
    assert "until the lab names the substance" not in said, said


async def test_a_day_read_as_before_the_operation_began_is_asked_about(siren: Harness) -> None:
    siren.clock.advance(timedelta(days=11))  # Tue 1 Dec 2026 in Seoul; SIREN began 20 Nov
    asked = await siren.talk.say(KCS_OFFICER, "/s 1kg heroin at ICN on 2/12", GROUP)
    # Before: recorded as 2025-12-02, and the whole operation's header read from 2025.
    assert asked["text"] == (
        "⚠️ 2/12 was read as 2025-12-02, before SIREN began on 2026-11-20. Press Record it to "
        "record it with that date, or Cancel and send it again with the day it happened, e.g. "
        "/s 1kg heroin at ICN on 2026-12-01."
    ), asked
    assert await siren.rows("SELECT id FROM seizure") == []
    # The example offered is recorded as shown, with no question.
    ack = await siren.talk.text(KCS_OFFICER, "/s 1kg heroin at ICN on 2026-12-01", GROUP)
    assert "SIREN #1" in ack, ack
    assert await siren.rows("SELECT occurred_on FROM seizure") == [{"occurred_on": "2026-12-01"}]


async def test_record_it_keeps_the_rules_reading(siren: Harness) -> None:
    siren.clock.advance(timedelta(days=11))
    asked = await siren.talk.say(KCS_OFFICER, "/s 1kg heroin at ICN on 2/12", GROUP)
    ack = await record_it(siren, KCS_OFFICER, GROUP, asked)
    assert "SIREN #1" in ack, ack
    assert await siren.rows("SELECT occurred_on FROM seizure") == [{"occurred_on": "2025-12-02"}]


async def test_a_day_after_the_start_is_recorded_at_once_a_year_typed_before_it_asked(
    siren: Harness,
) -> None:
    siren.clock.advance(timedelta(days=11))
    ack = await siren.talk.text(KCS_OFFICER, "/s 1kg heroin at ICN on 30/11", GROUP)
    assert "✅ Recorded report" in ack, ack
    # Session 14: a year typed before the start is asked about too, and recorded as typed.
    asked = await siren.talk.say(KCS_OFFICER, "/s 1kg heroin at ICN on 2/12/2025", GROUP)
    assert asked["text"].startswith("⚠️ The report is dated 2025-12-02, before SIREN"), asked
    assert "✅ Recorded report" in await record_it(siren, KCS_OFFICER, GROUP, asked)
    rows = await siren.rows("SELECT occurred_on FROM seizure ORDER BY id")
    assert rows == [{"occurred_on": "2026-11-30"}, {"occurred_on": "2025-12-02"}]
