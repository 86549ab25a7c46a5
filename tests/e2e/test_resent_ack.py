"""An acknowledgement deleted in the group (an admin tidying up), then the report corrected by
an edit: the correction comes as a new message, and from then on that one is the report's
acknowledgement. Adversary review, session 17: the bot kept pointing at the deleted one, so a
coordinator's later /void edited nothing and the group went on reading the report as live,
"Corrected", with its Undo button."""

from __future__ import annotations

import asyncio

from bot.demo import COORDINATOR, GROUP, KCS_OFFICER
from fakegram.types import FakeChat
from tests.e2e.conftest import Harness


async def test_a_void_shows_on_the_acknowledgement_sent_again(siren: Harness) -> None:
    cursor = siren.api.cursor(GROUP)
    report = siren.api.send_text(KCS_OFFICER, GROUP, "/seizure 2kg meth at ICN")
    ack = await cursor.next(timeout=15)
    siren.api.delete_message(GROUP, ack["message_id"])
    cursor = siren.api.cursor(GROUP)
    siren.api.edit_text(KCS_OFFICER, GROUP, report["message_id"], "/seizure 3kg meth at ICN")
    resent = await cursor.next(timeout=15)
    assert resent["text"].startswith("✏️ Corrected report SIREN #1"), resent["text"]
    assert resent["message_id"] != ack["message_id"]
    await asyncio.wait_for(siren.app.update_queue.join(), 30)  # the edit's handling is done
    stored = await siren.rows("SELECT reply_chat_id, reply_message_id FROM seizure")
    assert stored == [{"reply_chat_id": GROUP.id, "reply_message_id": resent["message_id"]}]

    mark = siren.api.mark()
    said = await siren.talk.text(COORDINATOR, "/void 1 duplicate", FakeChat.private(COORDINATOR))
    assert "voided" in said.lower(), said
    edit = await siren.api.wait_for(
        lambda c: c.method == "editMessageText" and c.params.get("chat_id") == GROUP.id,
        after=mark,
        timeout=15,
    )
    assert edit.error is None, edit.error
    assert int(edit.params["message_id"]) == resent["message_id"]
    shown = next(
        m
        for m in siren.api.sent_messages(GROUP, include_deleted=False)
        if m["message_id"] == resent["message_id"]
    )
    assert "Voided" in shown["text"], shown["text"]
    assert not shown.get("reply_markup", {}).get("inline_keyboard"), shown  # no Undo left
