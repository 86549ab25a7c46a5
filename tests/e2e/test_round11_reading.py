"""Round 11's misreads, as the officer sees them: the reply and the row stored."""

from __future__ import annotations

from bot.demo import COORDINATOR, KCS_OFFICER, TCD_OFFICER
from tests.e2e.conftest import Harness


async def test_an_operation_alias_before_the_amount_is_the_substance(siren: Harness) -> None:
    await siren.talk.text(COORDINATOR, "/alias zombie methamphetamine")
    reply = await siren.talk.text(KCS_OFFICER, "/seizure zombie 2kg ICN")
    # Before: the bare place "ICN" was the substance and "zombie" the note.
    assert "• 2 kg methamphetamine\nnote: ICN\n" in reply, reply
    rows = await siren.rows("SELECT substance, substance_text FROM seizure_item")
    # The alias's words stay beside the id, so that re-pointing the alias finds the item.
    assert rows == [{"substance": "methamphetamine", "substance_text": "zombie"}]
    await siren.talk.text(COORDINATOR, "/alias zombie cocaine")
    rows = await siren.rows("SELECT substance, substance_text FROM seizure_item")
    assert rows == [{"substance": "cocaine", "substance_text": "zombie"}]
    notes = await siren.rows("SELECT note FROM seizure")
    assert notes == [{"note": "ICN"}]


async def test_place_and_origin_in_korean_grammar_are_shown_with_the_keywords(
    siren: Harness,
) -> None:
    await siren.talk.text(KCS_OFFICER, "/language ko")
    reply = await siren.talk.text(KCS_OFFICER, "/seizure 2kg meth 인천공항에서 적발, 태국발")
    # Before: the words sat in the note and nothing said they were not the place or origin.
    # Since session 14 the place with 에서 is recorded: only the origin is offered.
    assert (
        "입력하신 장소·국가는 비고에만 남았습니다. 기록하려면 at, from, to 뒤에 쓰십시오"
        "(예: from 태국)" in reply
    ), reply
    assert "장소: 인천공항" in reply, reply
    # The example, typed, records the place and the origin and leaves nothing in the note.
    again = await siren.talk.text(KCS_OFFICER, "/seizure 2kg meth at 인천공항 from 태국")
    assert "비고에만" not in again
    rows = await siren.rows("SELECT location, origin, note FROM seizure ORDER BY id")
    assert rows[-1] == {"location": "인천공항", "origin": "TH", "note": None}


async def test_place_and_origin_in_thai_grammar_are_shown_with_the_keywords(
    siren: Harness,
) -> None:
    await siren.talk.text(TCD_OFFICER, "/language th")
    reply = await siren.talk.text(TCD_OFFICER, "/seizure 2kg meth ที่ ด่านสะเดา จาก มาเลเซีย")
    # Since session 14 ที่ before the place is at: only the origin is offered.
    assert "(ตัวอย่าง: from มาเลเซีย)" in reply, reply
    assert "สถานที่: ด่านสะเดา" in reply, reply
    again = await siren.talk.text(TCD_OFFICER, "/seizure 2kg meth at ด่านสะเดา from มาเลเซีย")
    assert "หมายเหตุเท่านั้น" not in again
    rows = await siren.rows("SELECT location, origin, note FROM seizure ORDER BY id")
    assert rows[-1] == {"location": "ด่านสะเดา", "origin": "MY", "note": None}
