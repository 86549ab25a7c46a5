"""Guided entry in Korean and Thai: the amount and unit steps read every unit and number word
the one-line grammar reads, the unit buttons read in the reader's words, and a dropped report
is named in them too."""

from __future__ import annotations

from bot.demo import ADMIN, invite_code
from fakegram.types import FakeChat, FakeUser, JSONDict
from tests.e2e.conftest import Harness

SOMSAK = FakeUser(1321, "Somsak", "Dee", username="somsak_u", language_code="th")
JIHO = FakeUser(1322, "Ji-ho", "Seo", username="jiho_u", language_code="ko")


def _buttons(message: JSONDict) -> dict[str, str]:
    rows = message.get("reply_markup", {}).get("inline_keyboard", [])
    return {b["text"]: b["callback_data"] for row in rows for b in row}


async def _press(h: Harness, user: FakeUser, message: JSONDict, label: str) -> JSONDict:
    chat = FakeChat.private(user)
    cursor = h.api.cursor(chat.id)
    h.api.press_button(user, chat, message["message_id"], _buttons(message)[label])
    return await cursor.next()


async def _record(h: Harness, user: FakeUser, message: JSONDict, label: str) -> JSONDict:
    chat = FakeChat.private(user)
    mark = h.api.mark()
    h.api.press_button(user, chat, message["message_id"], _buttons(message)[label])
    return await h.api.wait_for_edit(chat, message_id=message["message_id"], after=mark)


async def _newcomer(h: Harness, user: FakeUser) -> None:
    link = await h.talk.text(ADMIN, "/invite officer KCS")
    await h.talk.say(user, f"/start {invite_code(link)}")


async def _items(h: Harness) -> list[dict[str, object]]:
    return await h.rows(
        "SELECT s.text, i.substance, i.amount, i.unit, i.form FROM seizure s "
        "JOIN seizure_item i ON i.seizure_id = s.id ORDER BY s.id"
    )


async def test_thai_amounts_with_thai_units_are_read_and_recorded(siren: Harness) -> None:
    await _newcomer(siren, SOMSAK)
    for amount in ("2,500 เม็ด", "1200 เม็ด", "3 กก.", "350 กรัม", "๕๐๐ กรัม", "2500เม็ด"):
        first = await siren.talk.say(SOMSAK, "/seizure")
        await _press(siren, SOMSAK, first, "ยาบ้า")
        # Before: "2,500 เม็ด ไม่ใช่ปริมาณ ..." (not an amount).
        where = await siren.talk.say(SOMSAK, amount)
        assert "(3/3)" in where["text"], (amount, where["text"])
    confirm = await _press(siren, SOMSAK, where, "ข้าม")
    assert "/seizure 2500 เม็ด yaba\n" in confirm["text"]
    await _record(siren, SOMSAK, confirm, "บันทึก")
    assert await _items(siren) == [
        {
            "text": "/seizure 2500 เม็ด yaba",
            "substance": "methamphetamine",
            "amount": "2500",
            "unit": "unit",
            "form": "tablet",
        }
    ]


async def test_thai_unit_step_has_thai_buttons_and_reads_thai_units(siren: Harness) -> None:
    await _newcomer(siren, SOMSAK)
    first = await siren.talk.say(SOMSAK, "/seizure")
    await _press(siren, SOMSAK, first, "ยาบ้า")
    unit = await siren.talk.say(SOMSAK, "2 แสน")
    # Before: the buttons read kg, g, tablets, l, ml. Yaba is counted: tablets first (session 14).
    assert list(_buttons(unit)) == ["เม็ด", "กก.", "กรัม", "ลิตร", "มล.", "ยกเลิก"]
    # Before: "เม็ด ไม่ใช่หน่วยที่ใช้ได้ ... พิมพ์ kg, g หรือ tablets".
    where = await siren.talk.say(SOMSAK, "เม็ด")
    assert "(3/3)" in where["text"], where["text"]
    confirm = await siren.talk.say(SOMSAK, "Mae Sai")
    assert "/seizure 2 แสน เม็ด yaba at Mae Sai\n" in confirm["text"]
    await _record(siren, SOMSAK, confirm, "บันทึก")
    first = await siren.talk.say(SOMSAK, "/seizure")
    await _press(siren, SOMSAK, first, "ยาบ้า")
    await siren.talk.say(SOMSAK, "3")
    assert "(3/3)" in (await siren.talk.text(SOMSAK, "กก."))
    await _record(siren, SOMSAK, await siren.talk.say(SOMSAK, "ICN"), "บันทึก")
    assert [(i["text"], i["amount"], i["unit"], i["form"]) for i in await _items(siren)] == [
        ("/seizure 2 แสน เม็ด yaba at Mae Sai", "200000", "unit", "tablet"),
        ("/seizure 3 กก yaba at ICN", "3000", "g", None),
    ]


async def test_korean_unit_buttons_and_words(siren: Harness) -> None:
    await _newcomer(siren, JIHO)
    first = await siren.talk.say(JIHO, "/seizure")
    await _press(siren, JIHO, first, "야바")
    unit = await siren.talk.say(JIHO, "20000")
    # Before: kg, g, tablets, l, ml. Yaba is counted: tablets first (session 14).
    assert list(_buttons(unit)) == ["정", "kg", "g", "L", "mL", "취소"]
    where = await _press(siren, JIHO, unit, "정")
    confirm = await _press(siren, JIHO, where, "건너뛰기")
    # The button's data, and so the report, keep the grammar's unit.
    assert "/seizure 20000 tablets yaba\n" in confirm["text"]
    first = await siren.talk.say(JIHO, "/seizure")
    await _press(siren, JIHO, first, "야바")
    assert "(3/3)" in await siren.talk.text(JIHO, "3 킬로")
    first = await siren.talk.say(JIHO, "/seizure")
    await _press(siren, JIHO, first, "야바")
    assert "(3/3)" in await siren.talk.text(JIHO, "2만 정")


async def test_started_again_names_the_dropped_report_in_the_readers_words(
    siren: Harness,
) -> None:
    await _newcomer(siren, SOMSAK)
    await _newcomer(siren, JIHO)
    for user, button in ((SOMSAK, "ยาบ้า"), (JIHO, "야바")):
        first = await siren.talk.say(user, "/seizure")
        await _press(siren, user, first, button)
        await siren.talk.say(user, "2500")
    thai = await siren.talk.text(SOMSAK, "/seizure")
    korean = await siren.talk.text(JIHO, "/seizure")
    # Before: "รายงานที่ยังไม่เสร็จ (2500 yaba)", "작성 중이던 보고(2500 yaba)".
    assert "รายงานที่ยังไม่เสร็จ (2500 ยาบ้า)" in thai, thai
    assert "작성 중이던 보고(2500 야바)" in korean, korean
    for user, unit in ((SOMSAK, "เม็ด"), (JIHO, "정")):
        first = await siren.talk.say(user, "/seizure")
        await _press(siren, user, first, "ยาบ้า" if user is SOMSAK else "야바")
        await siren.talk.say(user, "2500")
        await siren.talk.say(user, "tablets")
        dropped = await siren.talk.text(user, "/seizure")
        assert f"2500 {unit} " in dropped and "tablets" not in dropped, dropped
