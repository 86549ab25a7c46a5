"""Round 11's misreads, as the officer sees them: the reply and the row stored."""

from __future__ import annotations

from bot.demo import COORDINATOR, KCS_OFFICER
from tests.e2e.conftest import Harness


async def test_an_operation_alias_before_the_amount_is_the_substance(siren: Harness) -> None:
    await siren.talk.text(COORDINATOR, "/alias zombie methamphetamine")
    reply = await siren.talk.text(KCS_OFFICER, "/seizure zombie 2kg ICN")
    # Before: the bare place "ICN" was the substance and "zombie" the note.
    assert "• 2 kg methamphetamine\nnote: ICN\n" in reply, reply
    rows = await siren.rows("SELECT substance, substance_text FROM seizure_item")
    assert rows == [{"substance": "methamphetamine", "substance_text": None}]
    notes = await siren.rows("SELECT note FROM seizure")
    assert notes == [{"note": "ICN"}]
