"""An update delivered again after the state moved on: done once, and nobody told a falsehood.

Found by an adversarial review: a second full acknowledgement (with a second Undo button) for a
redelivered report, "restored" said of a report voided again since, a fault for a /link
redelivered after an /unlink, and a second welcome for a used invite tapped again.
"""

from __future__ import annotations

import sqlite3

from bot.demo import ADMIN, COORDINATOR, GROUP, KCS_OFFICER, TCD_OFFICER, invite_code
from bot.render import replies as render
from fakegram.types import FakeChat, FakeUser, JSONDict
from tests.e2e.conftest import Harness

REPORT = "/seizure 2kg meth at ICN"


def _acks_sent(siren: Harness) -> int:
    """How many messages the bot sent with an Undo button (an edit turns a question into one)."""
    return sum(
        1
        for c in siren.api.calls
        if c.method == "sendMessage" and "undo:" in str(c.params.get("reply_markup"))
    )


async def _answer(siren: Harness, chat: FakeChat, update_id: int) -> JSONDict:
    """Deliver `update_id` again: the answer in `chat`."""
    cursor = siren.api.cursor(chat)
    siren.api.redeliver(update_id)
    return await cursor.next()


async def _redelivered(siren: Harness, chat: FakeChat, update_id: int) -> str:
    """Deliver `update_id` again: the text of the answer in `chat`."""
    return str((await _answer(siren, chat, update_id)).get("text"))


async def _acks(siren: Harness) -> list[dict[str, object]]:
    return await siren.rows(
        "SELECT number, reply_message_id, voided_at IS NOT NULL AS voided FROM seizure"
        " ORDER BY number"
    )


async def test_a_report_delivered_again_is_not_acknowledged_a_second_time(siren: Harness) -> None:
    ack = await siren.talk.say(KCS_OFFICER, REPORT, GROUP)
    update_id = siren.api.newest_update_id()
    assert await _redelivered(siren, GROUP, update_id) == render.REPEATED
    # Voided in the meantime: still no "Recorded" with a working Undo.
    await siren.talk.say(COORDINATOR, "/void 1 entered twice", GROUP)
    assert await _redelivered(siren, GROUP, update_id) == render.REPEATED
    assert _acks_sent(siren) == 1
    # The first acknowledgement stays the one a correction edits.
    assert await _acks(siren) == [{"number": 1, "reply_message_id": ack["message_id"], "voided": 1}]


async def test_a_report_recorded_by_record_it_and_delivered_again_is_not_acknowledged_twice(
    siren: Harness,
) -> None:
    await siren.talk.say(KCS_OFFICER, "/s 1kg meth at ICN", GROUP)
    question = await siren.talk.say(KCS_OFFICER, "/s 1300kg meth at GMP", GROUP)  # > 1,000 kg
    update_id = siren.api.newest_update_id()
    assert "far more than usual" in question["text"]
    mark = siren.api.mark()
    siren.api.press_button(
        KCS_OFFICER,
        GROUP,
        question["message_id"],
        question["reply_markup"]["inline_keyboard"][0][0]["callback_data"],
    )
    await siren.api.wait_for_edit(GROUP, message_id=question["message_id"], after=mark)
    assert await _redelivered(siren, GROUP, update_id) == render.REPEATED
    assert _acks_sent(siren) == 1  # the first report's; the question became the second's
    assert (await _acks(siren))[1]["reply_message_id"] == question["message_id"]


async def test_a_report_whose_acknowledgement_is_not_known_is_acknowledged_when_delivered_again(
    siren: Harness,
) -> None:
    """A crash between the commit and the send leaves no acknowledgement known: say it now."""
    await siren.talk.say(KCS_OFFICER, REPORT, GROUP)
    update_id = siren.api.newest_update_id()
    await siren.talk.say(KCS_OFFICER, "/mine", GROUP)  # handled in order: the ack is remembered

    def forget(conn: sqlite3.Connection) -> None:
        # A crash before the send leaves the update unhandled as well (its mark comes after).
        conn.execute("UPDATE seizure SET reply_chat_id = NULL, reply_message_id = NULL")
        conn.execute("UPDATE update_inbox SET handled_at = NULL WHERE update_id = ?", (update_id,))

    await siren.db.write(forget)
    again = await _answer(siren, GROUP, update_id)
    assert str(again["text"]).startswith("✅ Recorded report SIREN #1 for KCS")
    await siren.talk.say(KCS_OFFICER, "/mine", GROUP)  # handled in order: the ack is remembered
    assert await _acks(siren) == [
        {"number": 1, "reply_message_id": again["message_id"], "voided": 0}
    ]
    assert len(await siren.rows("SELECT id FROM seizure")) == 1


async def test_a_restore_delivered_again_after_a_new_void_does_not_say_restored(
    siren: Harness,
) -> None:
    await siren.talk.say(KCS_OFFICER, REPORT, GROUP)
    await siren.talk.say(COORDINATOR, "/void 1 wrong", GROUP)
    restored = await siren.talk.text(COORDINATOR, "/restore 1 right", GROUP)
    assert "restored" in restored
    update_id = siren.api.newest_update_id()
    await siren.talk.say(COORDINATOR, "/void 1 again", GROUP)
    assert await _redelivered(siren, GROUP, update_id) == render.REPEATED
    assert [a["voided"] for a in await _acks(siren)] == [1]
    restores = await siren.rows(
        "SELECT count(*) AS n FROM audit_log WHERE action = ?", ("seizure.restore",)
    )
    assert restores == [{"n": 1}]


async def test_a_link_delivered_again_after_an_unlink_says_already_done(siren: Harness) -> None:
    await siren.talk.say(KCS_OFFICER, "/s 1kg meth at ICN", GROUP)
    await siren.talk.say(TCD_OFFICER, "/s 1kg meth at BKK", GROUP)
    private = FakeChat.private(COORDINATOR)
    assert "are one case" in await siren.talk.text(COORDINATOR, "/link 1 2")
    link_update = siren.api.newest_update_id()
    await siren.talk.say(COORDINATOR, "/unlink 2")
    unlink_update = siren.api.newest_update_id()
    assert await _redelivered(siren, private, link_update) == render.REPEATED
    assert await siren.rows("SELECT count(*) AS n FROM seizure_case") == [{"n": 0}]
    # And the other way: an /unlink delivered again after a new /link does not say "unlinked".
    await siren.talk.say(COORDINATOR, "/link 1 2")
    assert await _redelivered(siren, private, unlink_update) == render.REPEATED
    assert await siren.rows("SELECT count(*) AS n FROM seizure_case") == [{"n": 2}]


async def test_a_used_invite_tapped_again_by_its_member_says_so_and_tells_nobody(
    siren: Harness,
) -> None:
    newcomer = FakeUser(1010, "Nora", "Newcomer", username="nora_kcs")
    code = invite_code(await siren.talk.text(ADMIN, "/invite officer KCS"))
    welcome = await siren.talk.text(newcomer, f"/start {code}")
    assert welcome.startswith("Welcome to")
    mark = siren.api.mark()
    again = await siren.talk.text(newcomer, f"/start {code}")
    assert again.startswith("You joined Operation Siren (SIREN) with this link before.")
    assert "You are an officer of KCS" in again
    told = [
        c
        for c in siren.api.calls[mark:]
        if c.method == "sendMessage" and c.params.get("chat_id") == ADMIN.id
    ]
    assert told == []
    joins = await siren.rows("SELECT count(*) AS n FROM audit_log WHERE action = 'member.join'")
    assert joins == [{"n": 5}]  # the demo's four, and Nora once


async def test_an_invite_tap_delivered_twice_tells_the_inviter_once(siren: Harness) -> None:
    newcomer = FakeUser(1010, "Nora", "Newcomer", username="nora_kcs")
    code = invite_code(await siren.talk.text(ADMIN, "/invite officer KCS"))
    mark = siren.api.mark()
    welcome = await siren.talk.text(newcomer, f"/start {code}")
    again = await _redelivered(siren, FakeChat.private(newcomer), siren.api.newest_update_id())
    assert again == render.REPEATED, again  # the welcome is not said twice (session 16)
    assert welcome.startswith("Welcome to"), welcome
    told = [
        c
        for c in siren.api.calls[mark:]
        if c.method == "sendMessage" and c.params.get("chat_id") == ADMIN.id
    ]
    assert len(told) == 1, told
