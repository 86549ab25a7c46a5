"""An operation's /alias: re-pointed, it moves every report it classified; a filter reads it."""

from __future__ import annotations

from bot.demo import COORDINATOR, KCS_OFFICER
from tests.e2e.conftest import Harness


async def test_repointing_an_alias_moves_every_report_it_classified(siren: Harness) -> None:
    await siren.talk.say(KCS_OFFICER, "/seizure 2kg zombie at ICN")
    await siren.talk.say(COORDINATOR, "/alias zombie methamphetamine")
    sent = await siren.talk.text(KCS_OFFICER, "/seizure 1kg zombie at ICN")
    assert "1 kg methamphetamine" in sent
    moved = await siren.talk.text(COORDINATOR, "/alias zombie cocaine")
    # Before: "0 past items reclassified", and both reports stayed methamphetamine.
    assert moved == (
        '"zombie" now counts as cocaine instead of methamphetamine: 2 past items moved from '
        "methamphetamine to cocaine, and future reports follow."
    )
    rows = await siren.rows("SELECT substance, substance_text FROM seizure_item ORDER BY id")
    assert rows == [{"substance": "cocaine", "substance_text": "zombie"}] * 2
    summary = await siren.talk.text(COORDINATOR, "/summary")
    assert "cocaine" in summary and "3 kg" in summary and "methamphetamine" not in summary


async def test_an_operation_alias_filters_as_its_target(siren: Harness) -> None:
    await siren.talk.say(KCS_OFFICER, "/seizure 2kg zombie at ICN")
    await siren.talk.say(KCS_OFFICER, "/seizure 500g 파란 가루 at ICN")
    await siren.talk.say(KCS_OFFICER, "/seizure 1kg cocaine at ICN")
    await siren.talk.say(COORDINATOR, "/alias zombie methamphetamine")
    await siren.talk.say(COORDINATOR, "/alias 파란 가루 methamphetamine")
    # Before: "Nothing is recorded as 'zombie'" and "No reports … match".
    for asked in ("zombie", "파란 가루"):
        summary = await siren.talk.text(COORDINATOR, f"/summary {asked}")
        assert "methamphetamine" in summary and "2.5 kg" in summary, summary
        assert "cocaine" not in summary
    listed = await siren.talk.text(COORDINATOR, "/reports zombie")
    assert "#1" in listed and "#2" in listed and "#3" not in listed, listed


async def test_an_agency_code_is_not_an_alias(siren: Harness) -> None:
    refused = await siren.talk.text(COORDINATOR, "/alias KCS meth")
    # Before: "KCS" now counted as methamphetamine in '/seizure 1kg KCS at ICN'.
    assert refused == (
        "'KCS' is the code of an agency of this operation, and reports name agencies by their "
        "code; choose other words, e.g. /alias zombie dust synthetic_cathinones"
    )
    assert await siren.rows("SELECT * FROM substance_alias") == []
