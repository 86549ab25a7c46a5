"""A second /nil on a day with a seizure and a nil return already: said at once, not asked.

Found by a newcomer's review: '/nil b' asked "Record a nil return anyway (e.g. for another
post)?" and Record it then said the nil return was already recorded, the note lost.
"""

from __future__ import annotations

from bot.demo import GROUP, KCS_OFFICER
from tests.e2e.asking import record_it
from tests.e2e.conftest import Harness


async def test_a_nil_return_already_recorded_is_said_at_once(siren: Harness) -> None:
    await siren.talk.say(KCS_OFFICER, "/seizure 1kg meth at ICN", GROUP)
    asked = await siren.talk.say(KCS_OFFICER, "/nil a", GROUP)
    assert "Record it" in str(asked.get("reply_markup")), asked
    assert "Nil return recorded" in await record_it(siren, KCS_OFFICER, GROUP, asked)
    again = await siren.talk.say(KCS_OFFICER, "/nil b", GROUP)
    assert str(again["text"]).startswith("A nil return for KCS in SIREN on "), again
    assert "already recorded; it counts once." in str(again["text"]), again
    assert "reply_markup" not in again or not again["reply_markup"], again
    assert await siren.rows("SELECT note FROM nil_return") == [{"note": "a"}]
