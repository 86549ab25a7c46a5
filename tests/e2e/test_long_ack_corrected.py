"""A report too long for one acknowledgement is acknowledged in one message, in short (number,
items, totals, where to see them all), and a correction, a void and a photo edit that one
message whole: never a first part cut at 4,096 characters beside later parts gone stale."""

from __future__ import annotations

from bot.demo import COORDINATOR, GROUP, KCS_OFFICER
from fakegram.types import JSONDict
from tests.e2e.conftest import Harness

ITEMS = " + ".join(f"{n + 1}kg zzq{n}" for n in range(300))
JPEG = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 8


def _whole(message: JSONDict) -> str:
    text = str(message["text"])
    assert len(text.encode("utf-16-le")) // 2 <= 4096, len(text)
    assert "(1/" not in text.split("\n", 1)[0], text  # one message, not the first of parts
    return text


async def _acknowledged(siren: Harness) -> tuple[JSONDict, JSONDict]:
    cursor = siren.api.cursor(GROUP)
    sent = siren.api.send_text(KCS_OFFICER, GROUP, f"/seizure {ITEMS}")
    ack = await cursor.next()
    text = _whole(ack)
    # Before: three numbered parts, the Undo button under the third, the id kept the first's.
    assert "✅ Recorded report SIREN #1 for KCS:" in text, text
    assert "300 items, in all 45,150 kg." in text, text
    assert "/show 1 lists every item and detail." in text, text
    assert "press Undo" in text and ack["reply_markup"]["inline_keyboard"], ack
    return sent, ack


async def test_a_long_report_is_acknowledged_in_one_message_that_a_correction_edits_whole(
    siren: Harness,
) -> None:
    sent, ack = await _acknowledged(siren)
    mark = siren.api.mark()
    siren.api.edit_text(KCS_OFFICER, GROUP, int(sent["message_id"]), f"/seizure {ITEMS} at ICN")
    first = await siren.api.wait_for_edit(GROUP, message_id=ack["message_id"], after=mark)
    text = _whole(first)
    assert "✏️ Corrected report SIREN #1 for KCS:" in text, text
    assert "300 items, in all 45,150 kg." in text, text
    assert "/show 1 lists every item and detail." in text, text
    assert "first sent" not in text, text  # no parts left showing the report as first sent
    assert "press Undo" in text and first["reply_markup"]["inline_keyboard"], first


async def test_a_long_report_voided_shows_so_whole_in_its_one_acknowledgement(
    siren: Harness,
) -> None:
    _sent, ack = await _acknowledged(siren)
    mark = siren.api.mark()
    await siren.talk.say(COORDINATOR, "/void 1 entered twice", GROUP)
    voided = await siren.api.wait_for_edit(GROUP, message_id=ack["message_id"], after=mark)
    text = _whole(voided)
    # Before: the whole voided acknowledgement cut at 4,096 characters, its reason cut off.
    assert "❌ Voided report SIREN #1 for KCS (not counted):" in text, text
    assert "300 items, in all 45,150 kg." in text, text
    assert text.endswith("❌ Voided: entered twice"), text


async def test_an_albums_later_photo_shows_whole_in_a_long_reports_one_acknowledgement(
    siren: Harness,
) -> None:
    # As many items as a caption's 1,024 characters hold: acknowledged, more than 4,096.
    caption = "/seizure " + "+".join(f"{n + 1}g q" for n in range(160))
    assert len(caption) <= 1024
    cursor = siren.api.cursor(GROUP)
    siren.api.send_album(KCS_OFFICER, GROUP, [JPEG, JPEG[:-1]], caption=caption)
    ack = await cursor.next()
    assert "160 items, in all" in _whole(ack)
    noted = await siren.api.wait_for_edit(GROUP, message_id=ack["message_id"])
    text = _whole(noted)
    # Before: the acknowledgement and its files line cut at 4,096 characters, the count lost.
    assert "160 items, in all" in text, text
    assert text.endswith("📎 2 files kept with the report."), text
    assert "press Undo" in text and noted["reply_markup"]["inline_keyboard"], noted
