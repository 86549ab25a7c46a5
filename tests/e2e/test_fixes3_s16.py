"""Review findings of session 16, round 3 (a newcomer's second round), as the person sees them."""

from __future__ import annotations

from datetime import timedelta

from bot.demo import COORDINATOR, GROUP, KCS_OFFICER, TCD_OFFICER
from bot.sandbox import settled
from fakegram.types import FakeChat, FakeUser, JSONDict
from tests.e2e.asking import button
from tests.e2e.conftest import Harness


async def _press(h: Harness, user: FakeUser, chat: FakeChat, message: JSONDict, label: str) -> str:
    """Press a button; the alert it was answered with ('' if none), once the press is handled."""
    mark = h.api.mark()
    h.api.press_button(user, chat, message["message_id"], button(message, label))
    await h.api.wait_confirmed(h.api.newest_update_id(), after=mark)
    await settled(h.app)
    alerts = [
        str(c.params.get("text"))
        for c in h.api.calls[mark:]
        if c.method == "answerCallbackQuery" and c.params.get("show_alert")
    ]
    return alerts[0] if alerts else ""


def _now(h: Harness, chat: FakeChat, message: JSONDict) -> JSONDict:
    """The message as it is now (edited in place)."""
    return next(m for m in h.api.sent_messages(chat) if m["message_id"] == message["message_id"])


async def test_a_double_tap_on_record_it_keeps_the_report_and_a_later_undo_voids_it(
    siren: Harness,
) -> None:
    # N22: the second tap of a double tap landed on Undo, in Record it's very spot, and voided.
    asked = await siren.talk.say(TCD_OFFICER, "2000 yaba tablets at Mae Sai", GROUP)
    assert asked["text"].startswith("Did you mean /seizure"), asked
    assert await _press(siren, TCD_OFFICER, GROUP, asked, "Record it") == ""
    ack = _now(siren, GROUP, asked)
    assert ack["text"].startswith("✅ Recorded report SIREN #1"), ack
    alert = await _press(siren, TCD_OFFICER, GROUP, ack, "Undo")
    assert alert == "Recorded. To take it back, press Undo again.", alert
    assert await siren.rows("SELECT voided_at FROM seizure") == [{"voided_at": None}]
    assert _now(siren, GROUP, ack)["text"].startswith("✅ Recorded report SIREN #1")
    # Pressed again: the officer means it.
    await _press(siren, TCD_OFFICER, GROUP, ack, "Undo")
    rows = await siren.rows("SELECT voided_at FROM seizure")
    assert rows[0]["voided_at"] is not None, rows


async def test_undo_pressed_a_while_after_record_it_voids_at_once(siren: Harness) -> None:
    asked = await siren.talk.say(TCD_OFFICER, "2000 yaba tablets at Mae Sai", GROUP)
    await _press(siren, TCD_OFFICER, GROUP, asked, "Record it")
    siren.clock.advance(timedelta(seconds=30))
    assert await _press(siren, TCD_OFFICER, GROUP, _now(siren, GROUP, asked), "Undo") == ""
    rows = await siren.rows("SELECT voided_at FROM seizure")
    assert rows[0]["voided_at"] is not None, rows


async def test_a_double_tap_on_step_by_steps_record_it_keeps_the_report(siren: Harness) -> None:
    private = FakeChat.private(KCS_OFFICER)
    first = await siren.talk.say(KCS_OFFICER, "/seizure")
    await _press(siren, KCS_OFFICER, private, first, "methamphetamine")
    unit = await siren.talk.say(KCS_OFFICER, "2 kg")
    assert unit["text"].startswith("New report (3/3): where?"), unit
    await _press(siren, KCS_OFFICER, private, unit, "Skip")
    confirm = siren.api.sent_messages(private)[-1]
    assert confirm["text"].startswith("Record this report?"), confirm
    await _press(siren, KCS_OFFICER, private, confirm, "Record it")
    ack = _now(siren, private, confirm)
    assert ack["text"].startswith("✅ Recorded report SIREN #1"), ack
    alert = await _press(siren, KCS_OFFICER, private, ack, "Undo")
    assert alert == "Recorded. To take it back, press Undo again.", alert
    assert await siren.rows("SELECT voided_at FROM seizure") == [{"voided_at": None}]


async def test_a_coordinators_undo_is_pointed_to_void(siren: Harness) -> None:
    # N15: told how to get an officer invite instead.
    await siren.talk.say(KCS_OFFICER, "/s 2kg meth at ICN", GROUP)
    said = await siren.talk.text(COORDINATOR, "/undo 1")
    assert "/void 1 entered twice" in said and "invite" not in said, said


async def test_a_coordinators_report_is_given_advice_that_works(siren: Harness) -> None:
    # N21: told to make themselves an officer invite, which then refused them as coordinator.
    said = await siren.talk.text(COORDINATOR, "/s 2kg meth at ICN")
    assert "make yourself" not in said, said
    assert "another account" in said, said
