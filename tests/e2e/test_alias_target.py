"""/alias takes any name the catalogue knows as its target, and says what it now counts as."""

from __future__ import annotations

from bot.demo import COORDINATOR, KCS_OFFICER
from tests.e2e.conftest import Harness


async def test_an_alias_may_point_at_a_catalogue_alias(siren: Harness) -> None:
    await siren.talk.say(KCS_OFFICER, "/seizure 2kg 팰로폰")
    mapped = await siren.talk.text(COORDINATOR, "/alias 팰로폰 meth")
    # Before: "Give the words, then one of the canonical ids (…)": only the id was taken.
    assert mapped == (
        '"팰로폰" now counts as methamphetamine: 1 past item reclassified, and future '
        "reports follow."
    )
    rows = await siren.rows("SELECT substance FROM seizure_item")
    assert rows == [{"substance": "methamphetamine"}]
