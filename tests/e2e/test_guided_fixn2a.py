"""Guided entry reads what a Korean or Thai officer types at the amount and place steps as the
one-line report does (session 14, newcomer round 2): amounts in words, the place with its own
word for "at", and the Skip label typed rather than pressed."""

from __future__ import annotations

from bot.demo import ADMIN, invite_code
from fakegram.types import FakeChat, FakeUser, JSONDict
from tests.e2e.conftest import Harness

SOMSAK = FakeUser(1331, "Somsak", "Dee", username="somsak_n2", language_code="th")
JIHO = FakeUser(1332, "Ji-ho", "Seo", username="jiho_n2", language_code="ko")
ALEX = FakeUser(1333, "Alex", "Hill", username="alex_n2", language_code="en")


def _buttons(message: JSONDict) -> dict[str, str]:
    rows = message.get("reply_markup", {}).get("inline_keyboard", [])
    return {b["text"]: b["callback_data"] for row in rows for b in row}


async def _record(h: Harness, user: FakeUser, message: JSONDict) -> None:
    chat = FakeChat.private(user)
    mark = h.api.mark()
    assert "draft:rec" in _buttons(message).values(), message["text"]
    record = "draft:rec"
    h.api.press_button(user, chat, message["message_id"], record)
    await h.api.wait_for_edit(chat, message_id=message["message_id"], after=mark)


async def _newcomer(h: Harness, user: FakeUser) -> None:
    link = await h.talk.text(ADMIN, "/invite officer KCS")
    await h.talk.say(user, f"/start {invite_code(link)}")


async def _guided(h: Harness, user: FakeUser, substance: str, amount: str, place: str) -> JSONDict:
    await h.talk.say(user, "/seizure")
    await h.talk.say(user, substance)
    where = await h.talk.say(user, amount)
    assert "(3/3)" in where["text"], (amount, where["text"])  # before: "... is not an amount"
    return await h.talk.say(user, place)


async def _stored(h: Harness) -> list[tuple[object, ...]]:
    rows = await h.rows(
        "SELECT s.location, i.amount, i.unit FROM seizure s "
        "JOIN seizure_item i ON i.seizure_id = s.id ORDER BY s.id"
    )
    return [(r["location"], r["amount"], r["unit"]) for r in rows]


async def test_amounts_in_words_and_places_with_their_own_at_are_recorded(siren: Harness) -> None:
    await _newcomer(siren, JIHO)
    await _newcomer(siren, SOMSAK)
    typed = [
        (JIHO, "필로폰", "두 킬로", "인천공항에서"),
        (SOMSAK, "ยาบ้า", "ห้าร้อยเม็ด", "ที่สุวรรณภูมิ"),
        (SOMSAK, "ยาไอซ์", "2 กิโลครึ่ง", "ที่ดอนเมือง"),
    ]
    for user, substance, amount, place in typed:
        confirm = await _guided(siren, user, substance, amount, place)
        await _record(siren, user, confirm)  # before: the place was refused
    assert await _stored(siren) == [
        ("인천공항", "2000", "g"),
        ("สุวรรณภูมิ", "500", "unit"),
        ("ดอนเมือง", "2500", "g"),
    ]


async def test_the_skip_label_typed_at_the_place_step_skips_it(siren: Harness) -> None:
    for user in (JIHO, SOMSAK, ALEX):
        await _newcomer(siren, user)
    typed = [(JIHO, "건너뛰기"), (SOMSAK, "ข้าม"), (ALEX, "skip"), (JIHO, "Skip")]
    for user, skip in typed:
        confirm = await _guided(siren, user, "meth", "2 kg", skip)
        await _record(siren, user, confirm)
    # Before: recorded at the place "건너뛰기", "ข้าม", "skip", "Skip".
    assert await _stored(siren) == [(None, "2000", "g")] * 4
