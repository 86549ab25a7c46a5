"""/alias refuses words a report never reads as a substance's name: glued amounts, descriptions."""

from __future__ import annotations

from bot.demo import COORDINATOR, GROUP, KCS_OFFICER
from tests.e2e.conftest import Harness


async def test_alias_refuses_glued_counts_amounts_and_numbers(siren: Harness) -> None:
    # Before: each was taken, though a report splits or reads it as a count, about or a number.
    for words in ("2봉지", "3bags", "약2kg", "2만"):
        said = await siren.talk.text(COORDINATOR, f"/alias {words} heroin")
        assert said.startswith(
            f"'{words}' is what a seizure report reads as an amount, a unit or a detail"
        ), said
        assert "e.g. /alias zombie dust synthetic_cathinones" in said
    assert await siren.rows("SELECT * FROM substance_alias") == []


async def test_alias_refuses_description_words(siren: Harness) -> None:
    for words in ("blue", "white powder"):
        said = await siren.talk.text(COORDINATOR, f"/alias {words} heroin")
        # Before: "blue" now counted as heroin, and '/s 2kg blue' became "2 kg heroin (suspected)".
        assert said.startswith(f"'{words}' only describes what was found"), said
        assert "e.g. /alias zombie dust synthetic_cathinones" in said
    assert await siren.rows("SELECT * FROM substance_alias") == []
    ack = await siren.talk.text(KCS_OFFICER, "/s 2kg blue at ICN", GROUP)
    assert "heroin" not in ack, ack
    rows = await siren.rows("SELECT substance, substance_text FROM seizure_item")
    assert [(r["substance"], r["substance_text"]) for r in rows] == [(None, "blue")]
    said = await siren.talk.text(COORDINATOR, "/alias zombie dust synthetic_cathinones")
    assert said.startswith('"zombie dust" now counts as synthetic cathinones'), said
