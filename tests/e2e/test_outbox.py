"""Every message sent, fitted, fair, once: long digests, lost quotes, slow answers, busy clocks."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from bot.delivery import send_with_retry
from bot.demo import ADMIN, COORDINATOR, GROUP, KCS_OFFICER, invite_code
from bot.render.replies import FAULT
from fakegram.types import FakeChat, FakeUser
from storage import operations as operation_store
from tests.e2e import conftest as harness
from tests.e2e.test_clock import scheduler, texts

DIGEST_AT_8 = datetime(2026, 11, 20, 23, 0, tzinfo=UTC)  # Sat 21 Nov 08:00 in Seoul
TEN = datetime(2026, 11, 20, 1, 0, tzinfo=UTC)  # Fri 20 Nov 10:00 in Seoul
PRIVATE_KCS = FakeChat.private(KCS_OFFICER)


def all_texts(bot: harness.Harness, chat: FakeChat) -> list[str]:
    return [str(m.get("text") or m.get("caption") or "") for m in bot.api.sent_messages(chat)]


async def test_a_digest_with_nine_long_nil_notes_still_reaches_the_group(siren):
    # Nine agencies whose nil returns carry 500-character notes: Telegram refused the digest
    # as "message is too long" and the group got nothing (issue 11, item 3).
    note = ("Checked the mail centre, the cargo terminal and the passenger hall; " * 8)[:500]
    for n in range(9):
        code = f"AG{n}"
        await siren.talk.say(ADMIN, f'/agency add {code} "Agency {n}" Asia/Seoul')
        officer = FakeUser(2000 + n, f"Officer{n}", "Test", username=f"officer{n}")
        link = await siren.talk.text(ADMIN, f"/invite officer {code}")
        await siren.talk.say(officer, f"/start {invite_code(link)}")
        reply = await siren.talk.text(officer, f"/nil {note}")
        assert reply.startswith("Nil return recorded")
    siren.clock.set(DIGEST_AT_8)
    report = await scheduler(siren).run_due()
    assert (report.sent, report.failed) == (1, 0)
    (text,) = texts(siren, GROUP, "Daily digest")
    for n in range(9):
        assert f"☑️ AG{n}: nil return at Fri 09:30: “Checked the mail centre" in text
    assert "⚪ KCS: silent" in text and "⚪ TCD: silent" in text
    rows = await siren.rows("SELECT status, error FROM delivery")
    assert rows == [{"status": "sent", "error": None}]


async def test_a_scheduled_text_too_long_for_one_message_goes_in_parts_or_as_a_file(siren):
    bot = siren.app.bot
    lines = [f"• line {n}: " + "checked " * 20 + "all" for n in range(60)]
    outcome = await send_with_retry(bot, GROUP.id, "\n".join(lines), attempts=2, base_delay=0)
    assert outcome.status == "sent"
    parts = [t for t in all_texts(siren, GROUP) if "• line" in t]
    assert len(parts) == 3 and [p[:6] for p in parts] == ["(1/3) ", "(2/3) ", "(3/3) "]
    assert [x for p in parts for x in p[6:].split("\n")] == lines
    longer = "\n".join(lines * 3)
    outcome = await send_with_retry(
        bot, GROUP.id, longer, attempts=2, base_delay=0, filename="digest.txt"
    )
    assert outcome.status == "sent"
    [document] = [m for m in siren.api.sent_messages(GROUP) if "document" in m]
    assert document["document"]["file_name"] == "digest.txt"
    assert "the whole text is in the file" in document["caption"]
    assert siren.api.file_at  # the emulation keeps the upload
    assert not [c for c in siren.api.calls if c.status == 400]


async def test_a_report_whose_message_was_deleted_before_the_reply_is_acknowledged(siren):
    # The quoted message is gone: the reply must not depend on it (issue 11, item 9).
    for chat, amount in ((GROUP, 2), (PRIVATE_KCS, 3)):
        cursor = siren.api.cursor(chat)
        sent = siren.api.send_text(KCS_OFFICER, chat, f"/seizure {amount}kg meth at ICN")
        siren.api.delete_message(chat, sent["message_id"])
        reply = await cursor.next(timeout=15)
        assert "✅ Recorded report" in reply["text"], reply["text"]
        assert "reply_to_message" not in reply
        assert not [t for t in all_texts(siren, chat) if FAULT in t]
    # Where the message is still there, the acknowledgement quotes it as before.
    reply = await siren.talk.say(KCS_OFFICER, "/seizure 1kg cocaine at ICN", GROUP)
    assert reply["reply_to_message"]["text"] == "/seizure 1kg cocaine at ICN"
    rows = await siren.rows("SELECT chat_id, reply_message_id FROM seizure ORDER BY id")
    assert [r["chat_id"] for r in rows[:2]] == [GROUP.id, PRIVATE_KCS.id]
    assert all(r["reply_message_id"] for r in rows[:2])  # its Undo button and edits work


@pytest.mark.parametrize("read_timeout_s", [1.5])  # PTB's 5 s, shortened for the test
async def test_an_acknowledgement_that_times_out_is_never_called_a_failure_nor_repeated(siren):
    # Telegram took the reply but answered after the bot's usual read timeout: the report is
    # recorded and the reply may have arrived; "Sorry ... try again" would have it sent twice.
    siren.api.inject_fault("sendMessage", "slow", delay=2.0, chat_id=PRIVATE_KCS.id)
    before = len(all_texts(siren, PRIVATE_KCS))
    cursor = siren.api.cursor(PRIVATE_KCS)
    siren.api.send_text(KCS_OFFICER, PRIVATE_KCS, "/seizure 2kg meth at ICN")
    ack = await cursor.next(timeout=20)
    assert "✅ Recorded report" in ack["text"]
    # Updates are handled in turn: by the answer to /mine, any error reply would be there.
    mine = await cursor_next_after(siren, "/mine")
    assert "#1" in mine
    assert [t[:20] for t in all_texts(siren, PRIVATE_KCS)[before:]] == [ack["text"][:20], mine[:20]]
    assert len(await siren.rows("SELECT id FROM seizure")) == 1


async def cursor_next_after(bot: harness.Harness, text: str) -> str:
    return await bot.talk.text(KCS_OFFICER, text, PRIVATE_KCS)


async def test_one_operations_busy_group_never_holds_back_anothers_digest(siren):
    # SIREN has reminders due at 10:00 and its group is under flood control; TUNDRA's digest
    # at 10:01 must not wait for SIREN's batch (issue 11, item 11: one lock, one loop).
    for n in range(3):
        await siren.talk.say(COORDINATOR, f"/remind today 10:00 Reminder {n}", GROUP)
    tundra = await operation_store.create_operation(
        siren.db,
        code="TUNDRA",
        title="Operation Tundra",
        tz="Asia/Seoul",
        exercise=False,
        actor_id=None,
        now=siren.clock.now(),
        digest_time="10:01",
    )
    tundra_group = FakeChat(-100900900, "group", title="TUNDRA OCU")
    siren.api.add_chat(tundra_group)
    await operation_store.bind_chat(
        siren.db,
        chat_id=tundra_group.id,
        title="TUNDRA OCU",
        operation_id=tundra.id,
        actor_id=ADMIN.id,
        now=siren.clock.now(),
    )
    await scheduler(siren).operation_changed(tundra.id)
    # SIREN's group answers slowly (under PTB's read timeout): its batch takes a while.
    siren.api.inject_fault("sendMessage", "slow", delay=3.0, chat_id=GROUP.id)
    mark = siren.api.mark()
    siren.clock.set(TEN)
    first = asyncio.create_task(scheduler(siren).run_due())
    # SIREN's batch has begun: its first reminder reached Telegram, whose answer is held back.
    await siren.api.wait_for(lambda c: c.fault == "slow", after=mark)
    siren.clock.set(TEN + timedelta(minutes=1))
    second = asyncio.create_task(scheduler(siren).run_due())
    await siren.api.wait_for_message(tundra_group, text_contains="Daily digest", timeout=20)
    # The digest did not wait for SIREN's batch: at most its first reminder is out.
    assert len(texts(siren, GROUP, "⏰ Reminder:")) <= 1
    await asyncio.gather(first, second)
    assert [t.split(": ", 1)[1] for t in texts(siren, GROUP, "⏰ Reminder:")] == [
        f"Reminder {n}" for n in range(3)
    ]


async def test_an_operations_reminders_are_bounded_with_a_clear_answer(siren):
    private = FakeChat.private(COORDINATOR)
    for n in range(50):
        reply = await siren.talk.text(
            COORDINATOR, f"/remind daily 09:{n:02d} Check {n} the manifests of the day", private
        )
        assert reply.startswith(f"Reminder #{n + 1} set"), reply
    refused = await siren.talk.text(COORDINATOR, "/remind in 2h One too many", private)
    assert refused == (
        "SIREN has 50 reminders to come already, the most one operation can have. /reminders "
        "lists them; remove one, e.g. /remind rm 1, then set this one again."
    )
    assert (await siren.talk.text(COORDINATOR, "/remind rm 1", private)).startswith("Removed")
    again = await siren.talk.text(COORDINATOR, "/remind in 2h One too many", private)
    assert again.startswith("Reminder #51 set")
    rows = await siren.rows("SELECT count(*) AS n FROM reminder WHERE removed_at IS NULL")
    assert rows == [{"n": 50}]
    # Fifty reminders do not fit one message: the list comes in numbered parts, all of it.
    cursor = siren.api.cursor(private)
    siren.api.send_text(COORDINATOR, private, "/reminders")
    first = await cursor.next(timeout=15)
    assert first["text"].startswith("(1/2) Reminders (Asia/Seoul)")
    second = await cursor.next(timeout=15)
    assert second["text"].startswith("(2/2) ") and "Remove one with /remind rm ID" in second["text"]
    listed = first["text"] + second["text"]
    assert all(f"Check {n}" in listed for n in range(1, 50)) and "One too many" in listed


async def test_a_chart_asked_for_by_a_deleted_message_still_arrives(siren):
    await siren.talk.say(KCS_OFFICER, "/seizure 2kg meth at ICN", GROUP)
    cursor = siren.api.cursor(GROUP)
    sent = siren.api.send_text(COORDINATOR, GROUP, "/chart")
    siren.api.delete_message(GROUP, sent["message_id"])
    reply = await cursor.next(timeout=30)
    assert "photo" in reply and reply["caption"] == (
        "SIREN · whole operation — /summary gives the exact figures"
    )
    assert not [t for t in all_texts(siren, GROUP) if FAULT in t]
