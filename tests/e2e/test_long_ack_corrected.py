"""A report acknowledged in three parts, then corrected: its first part, the message an edit
can change, says so whole (number, items, totals, where to see them all), not cut short."""

from __future__ import annotations

from bot.demo import GROUP, KCS_OFFICER
from tests.e2e.conftest import Harness

ITEMS = " + ".join(f"{n + 1}kg zzq{n}" for n in range(300))


async def test_a_long_acknowledgement_corrected_says_so_whole_in_its_first_part(
    siren: Harness,
) -> None:
    cursor = siren.api.cursor(GROUP)
    sent = siren.api.send_text(KCS_OFFICER, GROUP, f"/seizure {ITEMS}")
    parts = [await cursor.next() for _ in range(3)]
    assert [p["text"][:5] for p in parts] == ["(1/3)", "(2/3)", "(3/3)"], parts
    mark = siren.api.mark()
    siren.api.edit_text(KCS_OFFICER, GROUP, int(sent["message_id"]), f"/seizure {ITEMS} at ICN")
    first = await siren.api.wait_for_edit(GROUP, message_id=parts[0]["message_id"], after=mark)
    text = str(first["text"])
    # Before: the whole corrected acknowledgement cut at 4,096 characters, 100-odd items of 300.
    assert text.startswith("✏️ Corrected report SIREN #1 for KCS:"), text
    assert "300 items, in all 45,150 kg." in text, text
    assert "/show 1 lists every item as corrected" in text, text
    assert "press Undo" in text and first["reply_markup"]["inline_keyboard"], first
