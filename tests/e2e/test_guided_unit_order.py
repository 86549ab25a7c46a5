"""Guided entry offers the units in the order the substance is reported in (session 14,
newcomer): kg, g, tablets came in that order for yaba (ยาบ้า) too, usually counted in tablets."""

from __future__ import annotations

from bot.demo import GROUP, KCS_OFFICER
from fakegram.types import FakeChat, JSONDict
from tests.e2e.asking import button
from tests.e2e.conftest import Harness


def _unit_buttons(message: JSONDict) -> list[str]:
    rows = message.get("reply_markup", {}).get("inline_keyboard", [])
    return [b["text"] for row in rows for b in row if b["callback_data"].startswith("draft:unit")]


async def _units_asked(h: Harness, substance: str) -> list[str]:
    """Step by step in private: the substance's button pressed, an amount typed; the units."""
    first = await h.talk.say(KCS_OFFICER, "/seizure")
    chat = FakeChat.private(KCS_OFFICER)
    cursor = h.api.cursor(chat.id)
    h.api.press_button(KCS_OFFICER, chat, first["message_id"], button(first, substance))
    await cursor.next()
    asked = await h.talk.say(KCS_OFFICER, "3000")
    await h.talk.text(KCS_OFFICER, "/cancel")
    return _unit_buttons(asked)


async def test_guided_units_come_in_the_order_the_substance_is_reported_in(
    siren: Harness,
) -> None:
    # Before: kg, g, tablets for every substance, yaba (counted in tablets) too.
    assert (await _units_asked(siren, "yaba"))[:3] == ["tablets", "kg", "g"]
    assert (await _units_asked(siren, "cannabis"))[:3] == ["kg", "g", "tablets"]
    # What the operation's reports of it are in comes first: ketamine, seized here as tablets.
    for n in (1, 2):
        await siren.talk.say(KCS_OFFICER, f"/seizure {n}00 tablets ketamine at ICN", GROUP)
    await siren.talk.say(KCS_OFFICER, "/seizure 1kg ketamine at ICN", GROUP)
    assert (await _units_asked(siren, "ketamine"))[:3] == ["tablets", "kg", "g"]
    # The order named, a button still records its own unit.
    first = await siren.talk.say(KCS_OFFICER, "/seizure")
    chat = FakeChat.private(KCS_OFFICER)
    cursor = siren.api.cursor(chat.id)
    siren.api.press_button(KCS_OFFICER, chat, first["message_id"], button(first, "yaba"))
    await cursor.next()
    asked = await siren.talk.say(KCS_OFFICER, "3000")
    cursor = siren.api.cursor(chat.id)
    siren.api.press_button(KCS_OFFICER, chat, asked["message_id"], button(asked, "tablets"))
    place = await cursor.next()
    cursor = siren.api.cursor(chat.id)
    siren.api.press_button(KCS_OFFICER, chat, place["message_id"], button(place, "Skip"))
    confirm = await cursor.next()
    assert "/seizure 3000 tablets yaba" in str(confirm["text"]), confirm
