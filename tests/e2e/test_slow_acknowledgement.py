"""An acknowledgement Telegram answers late keeps its message id, and is never sent twice.

Telegram posted the reply but answered after PTB's read timeout (5 s): the bot gave up waiting,
so the report never learnt which message acknowledges it. A correction then went as a new
message instead of editing the acknowledgement, a photo sent as a reply to it attached to
nothing, and when the update came again the officer got a second acknowledgement with a second
Undo button.
"""

from __future__ import annotations

import pytest

from bot.demo import COORDINATOR, GROUP, KCS_OFFICER
from bot.render.replies import REPEATED
from fakegram.types import FakeChat
from handlers import acks
from tests.e2e.conftest import Harness

PRIVATE_KCS = FakeChat.private(KCS_OFFICER)
# The bot's usual wait for an answer (PTB's 5 s) shortened for the test, so that an answer
# late past it comes in 2 s of real time rather than 6.
READ_TIMEOUT = 1.5
PAST_READ_TIMEOUT = 2.0


def _acks_sent(h: Harness) -> list[int]:
    """The messages the bot sent with an Undo button under them."""
    return [
        int(c.result["message_id"])
        for c in h.api.calls
        if c.method == "sendMessage"
        and c.delivered
        and "undo:" in str(c.params.get("reply_markup"))
    ]


async def _reply_ids(h: Harness) -> list[dict[str, object]]:
    return await h.rows("SELECT number, reply_chat_id, reply_message_id FROM seizure")


@pytest.mark.parametrize("read_timeout_s", [READ_TIMEOUT])
async def test_an_acknowledgement_answered_late_is_the_one_a_correction_edits(
    siren: Harness,
) -> None:
    siren.api.inject_fault("sendMessage", "slow", delay=PAST_READ_TIMEOUT, chat_id=PRIVATE_KCS.id)
    cursor = siren.api.cursor(PRIVATE_KCS)
    sent = siren.api.send_text(KCS_OFFICER, PRIVATE_KCS, "/seizure 2kg meth at ICN")
    ack = await cursor.next(timeout=20)
    assert ack["text"].startswith("✅ Recorded report SIREN #1")
    # Handled in turn: by the answer to /mine the report's handling has ended.
    assert "#1" in await siren.talk.text(KCS_OFFICER, "/mine", PRIVATE_KCS)
    assert await _reply_ids(siren) == [
        {"number": 1, "reply_chat_id": PRIVATE_KCS.id, "reply_message_id": ack["message_id"]}
    ]
    # What the officer sees: the correction rewrites that acknowledgement, no new message.
    mark = siren.api.mark()
    siren.api.edit_text(KCS_OFFICER, PRIVATE_KCS, sent["message_id"], "/seizure 3kg meth at ICN")
    edited = await siren.api.wait_for_edit(PRIVATE_KCS, message_id=ack["message_id"], after=mark)
    assert "3 kg" in str(edited["text"])
    assert _acks_sent(siren) == [ack["message_id"]]


async def test_an_acknowledgement_never_answered_is_not_sent_again_when_the_update_comes_again(
    siren: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Telegram posted it and its answer never came within the bot's (shortened) patience.
    monkeypatch.setattr(acks, "ANSWER_WAIT_S", 1.0)
    siren.api.inject_fault("sendMessage", "slow", delay=3.0, chat_id=PRIVATE_KCS.id)
    cursor = siren.api.cursor(PRIVATE_KCS)
    siren.api.send_text(KCS_OFFICER, PRIVATE_KCS, "/seizure 2kg meth at ICN")
    update_id = siren.api.newest_update_id()
    first = await cursor.next(timeout=20)
    assert first["text"].startswith("✅ Recorded report SIREN #1")
    assert "#1" in await siren.talk.text(KCS_OFFICER, "/mine", PRIVATE_KCS)
    # Delivered again (a restart before Telegram heard it arrived): told it was done, once.
    again = siren.api.cursor(PRIVATE_KCS)
    siren.api.redeliver(update_id)
    assert (await again.next(timeout=20))["text"] == REPEATED
    assert _acks_sent(siren) == [first["message_id"]]
    assert len(await _reply_ids(siren)) == 1


async def test_an_acknowledgement_whose_id_never_came_is_known_once_its_undo_is_pressed(
    siren: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(acks, "ANSWER_WAIT_S", 1.0)
    siren.api.inject_fault("sendMessage", "slow", delay=3.0, chat_id=GROUP.id)
    ack = await siren.talk.say(KCS_OFFICER, "/seizure 2kg meth at ICN", GROUP)
    assert ack["text"].startswith("✅ Recorded report SIREN #1")
    mark = siren.api.mark()
    siren.api.press_button(KCS_OFFICER, GROUP, ack["message_id"], "undo:1")
    await siren.api.wait_for_edit(GROUP, message_id=ack["message_id"], after=mark)
    # The press showed which message acknowledges the report: a restore shows on it again.
    mark = siren.api.mark()
    restored = await siren.talk.text(COORDINATOR, "/restore 1 undone by mistake", GROUP)
    assert "restored" in restored
    shown = await siren.api.wait_for_edit(GROUP, message_id=ack["message_id"], after=mark)
    assert str(shown["text"]).startswith("✅ Recorded report SIREN #1"), shown["text"]
    assert await _reply_ids(siren) == [
        {"number": 1, "reply_chat_id": GROUP.id, "reply_message_id": ack["message_id"]}
    ]
