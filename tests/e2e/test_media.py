"""Photos, documents and locations sent with reports, as officers send them from their phones."""

from __future__ import annotations

from datetime import timedelta

from bot.demo import GROUP, KCS_OFFICER, OUTSIDER, TCD_OFFICER
from bot.render import replies as render
from bot.render.i18n import _
from fakegram.server import Call
from fakegram.types import FakeChat, JSONDict
from storage.members import REFUSED_QUIET
from tests.e2e.conftest import Harness

REPORT = "/seizure 2kg meth at ICN in speaker"
JPEG = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 8
PDF = b"%PDF-1.4 customs declaration " + bytes(range(256))


def _jpeg(n: int) -> bytes:
    return JPEG + bytes([n]) * 16


def _text(message: JSONDict) -> str:
    return str(message.get("text") or message.get("caption") or "")


async def _media(h: Harness) -> list[dict[str, object]]:
    return await h.rows(
        "SELECT seizure_id, kind, file_id, file_unique_id, file_name, mime_type, size, content,"
        " kept FROM seizure_media ORDER BY id"
    )


async def test_a_photo_captioned_with_a_report_records_it_with_its_bytes(siren: Harness) -> None:
    cursor = siren.api.cursor(GROUP)
    sent = siren.api.send_photo(KCS_OFFICER, GROUP, JPEG, caption=REPORT)
    ack = _text(await cursor.next())
    assert ack.startswith("✅ Recorded report SIREN #1 for KCS:"), ack
    assert "📎 1 file kept with the report." in ack
    [row] = await siren.rows("SELECT text, location, concealment FROM seizure")
    assert row == {"text": REPORT, "location": "ICN", "concealment": "speaker"}
    [media] = await _media(siren)
    largest = sent["photo"][-1]
    assert media["kind"] == "photo" and media["kept"] == "kept"
    assert media["file_id"] == largest["file_id"]
    assert media["file_unique_id"] == largest["file_unique_id"]
    assert media["content"] == JPEG and media["size"] == len(JPEG)


async def test_a_document_captioned_with_a_short_report_keeps_name_and_type(
    siren: Harness,
) -> None:
    private = FakeChat.private(TCD_OFFICER)
    cursor = siren.api.cursor(private)
    siren.api.send_document(
        TCD_OFFICER, private, "waybill.pdf", PDF, caption="/s 300 yaba @BKK",
        mime_type="application/pdf",
    )  # fmt: skip
    ack = _text(await cursor.next())
    assert "Recorded report SIREN #1 for TCD" in ack and "300 tablets methamphetamine" in ack
    [media] = await _media(siren)
    assert media["kind"] == "document" and media["file_name"] == "waybill.pdf"
    assert media["mime_type"] == "application/pdf" and media["content"] == PDF


async def test_an_album_of_three_attaches_three(siren: Harness) -> None:
    mark = siren.api.mark()
    siren.api.send_album(KCS_OFFICER, GROUP, [_jpeg(1), _jpeg(2), _jpeg(3)], caption=REPORT)

    def counted_three(call: Call) -> bool:
        return call.method == "editMessageText" and "3 files kept" in str(call.params["text"])

    edit = await siren.api.wait_for(counted_three, after=mark)
    assert "✅ Recorded report SIREN #1" in str(edit.result["text"])
    assert len(await siren.rows("SELECT id FROM seizure")) == 1
    media = await _media(siren)
    assert [m["seizure_id"] for m in media] == [1, 1, 1]
    assert [m["content"] for m in media] == [_jpeg(1), _jpeg(2), _jpeg(3)]


async def test_a_photo_replying_to_the_acknowledgement_attaches_only_for_its_author(
    siren: Harness,
) -> None:
    ack = await siren.talk.say(KCS_OFFICER, "/seizure 2kg meth at ICN", GROUP)
    cursor = siren.api.cursor(GROUP)
    siren.api.send_photo(TCD_OFFICER, GROUP, _jpeg(9), reply_to_message_id=ack["message_id"])
    assert _text(await cursor.next()) == "Only the officer who sent report #1 can add to it."
    siren.api.send_photo(KCS_OFFICER, GROUP, _jpeg(7), reply_to_message_id=ack["message_id"])
    assert _text(await cursor.next()) == "📎 Photo attached to report #1."
    [media] = await _media(siren)
    assert media["seizure_id"] == 1 and media["content"] == _jpeg(7)


async def test_a_non_member_replying_to_an_acknowledgement_gets_the_outsiders_refusal(
    siren: Harness,
) -> None:
    ack = await siren.talk.say(KCS_OFFICER, "/seizure 2kg meth at ICN", GROUP)
    cursor = siren.api.cursor(GROUP)
    siren.api.send_location(OUTSIDER, GROUP, 1.0, 2.0, reply_to_message_id=ack["message_id"])
    # Before: "Only the officer who sent report #1 can add to it.", the report's number told.
    assert _text(await cursor.next()) == _(render.OUTSIDER)
    # Refused again in the group only after a quiet spell (tests/e2e/test_outsider_flood.py).
    siren.clock.advance(REFUSED_QUIET + timedelta(minutes=1))
    siren.api.send_photo(OUTSIDER, GROUP, _jpeg(5), reply_to_message_id=ack["message_id"])
    assert _text(await cursor.next()) == _(render.OUTSIDER)
    assert await _media(siren) == []
    assert [r["latitude"] for r in await siren.rows("SELECT latitude FROM seizure")] == [None]


async def test_a_location_attaches_by_reply_or_right_after_the_report(siren: Harness) -> None:
    ack = await siren.talk.say(KCS_OFFICER, "/seizure 2kg meth at ICN", GROUP)
    cursor = siren.api.cursor(GROUP)
    siren.api.send_location(KCS_OFFICER, GROUP, 37.4602, 126.4407)
    assert _text(await cursor.next()) == "📍 Location 37.46020, 126.44070 attached to report #1."
    await siren.talk.say(KCS_OFFICER, "/seizure 1kg heroin at PUS", GROUP)
    cursor = siren.api.cursor(GROUP)
    siren.api.send_location(
        KCS_OFFICER, GROUP, 37.4611, 126.4422, reply_to_message_id=ack["message_id"]
    )
    assert "attached to report #1." in _text(await cursor.next(timeout=15))
    rows = await siren.rows("SELECT id, latitude, longitude FROM seizure ORDER BY id")
    assert rows == [
        {"id": 1, "latitude": 37.4611, "longitude": 126.4422},
        {"id": 2, "latitude": None, "longitude": None},
    ]


async def test_a_location_long_after_any_report_gets_a_pointer(siren: Harness) -> None:
    private = FakeChat.private(KCS_OFFICER)
    cursor = siren.api.cursor(private)
    siren.api.send_location(KCS_OFFICER, private, 37.46, 126.44)
    assert "as a reply to my acknowledgement" in _text(await cursor.next())
    assert await siren.rows("SELECT id FROM seizure WHERE latitude IS NOT NULL") == []


async def test_a_redelivered_photo_update_records_once(siren: Harness) -> None:
    cursor = siren.api.cursor(GROUP)
    siren.api.send_photo(KCS_OFFICER, GROUP, JPEG, caption=REPORT)
    first = await cursor.next()
    assert _text(first).startswith("✅ Recorded report")
    siren.api.redeliver(max(siren.api._updates_by_id))
    # Acknowledged the first time: no second acknowledgement with a second Undo button.
    assert _text(await cursor.next()) == render.REPEATED
    siren.api.send_photo(KCS_OFFICER, GROUP, _jpeg(5), reply_to_message_id=first["message_id"])
    assert _text(await cursor.next()) == "📎 Photo attached to report #1."
    siren.api.redeliver(max(siren.api._updates_by_id))
    assert _text(await cursor.next()) == render.REPEATED
    assert len(await siren.rows("SELECT id FROM seizure")) == 1
    assert len(await _media(siren)) == 2
    audited = await siren.rows("SELECT action FROM audit_log WHERE action LIKE 'seizure.%'")
    assert [a["action"] for a in audited] == ["seizure.report", "seizure.media", "seizure.media"]


async def test_a_photo_without_a_report_caption_in_private_gets_a_pointer(siren: Harness) -> None:
    private = FakeChat.private(KCS_OFFICER)
    cursor = siren.api.cursor(private)
    siren.api.send_photo(KCS_OFFICER, private, JPEG, caption="look at this")
    pointer = _text(await cursor.next())
    assert "write the report as its caption" in pointer and REPORT in pointer
    assert await siren.rows("SELECT id FROM seizure") == []
    assert await _media(siren) == []


async def test_a_refused_download_records_the_report_and_says_the_photo_was_not_kept(
    siren: Harness,
) -> None:
    siren.api.inject_fault("getFile", "server_error", times=10)
    cursor = siren.api.cursor(GROUP)
    siren.api.send_photo(KCS_OFFICER, GROUP, JPEG, caption=REPORT)
    ack = _text(await cursor.next())
    assert ack.startswith("✅ Recorded report SIREN #1") and "1 could not be kept" in ack
    [media] = await _media(siren)
    assert media["kept"] == "failed" and media["content"] is None


async def test_an_edited_caption_corrects_the_report(siren: Harness) -> None:
    cursor = siren.api.cursor(GROUP)
    sent = siren.api.send_photo(KCS_OFFICER, GROUP, JPEG, caption=REPORT)
    ack = await cursor.next()
    mark = siren.api.mark()
    siren.api.edit_caption(KCS_OFFICER, GROUP, sent["message_id"], "/seizure 3kg meth at ICN")
    edited = await siren.api.wait_for_edit(GROUP, message_id=ack["message_id"], after=mark)
    assert "✏️ Corrected report SIREN #1" in edited["text"] and "3 kg" in edited["text"]
    [row] = await siren.rows("SELECT text FROM seizure")
    assert row["text"] == "/seizure 3kg meth at ICN"


async def test_help_seizure_teaches_photos_and_locations(siren: Harness) -> None:
    text = await siren.talk.text(KCS_OFFICER, "/help seizure")
    assert "with the report as its caption" in text and "shared location" in text
