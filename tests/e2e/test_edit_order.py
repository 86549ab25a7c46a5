"""Edits delivered out of order: the report reads as the newest edit, whatever came last."""

from __future__ import annotations

from bot.demo import GROUP, KCS_OFFICER
from fakegram.types import FakeChat
from tests.e2e.conftest import Harness


async def test_a_late_older_edit_does_not_undo_a_newer_one(siren: Harness) -> None:
    in_group = siren.api.cursor(GROUP)
    typed = siren.api.send_text(KCS_OFFICER, GROUP, "/seizure 2kg meth at ICN ref CR-1")
    assert (await in_group.next())["text"].startswith("✅ Recorded report SIREN #1")
    older = {**typed, "text": "/seizure 3kg meth at ICN ref CR-E1", "edit_date": typed["date"] + 60}
    newer = {**typed, "text": "/seizure 4kg meth at ICN ref CR-E2", "edit_date": typed["date"] + 90}
    # Telegram delivers edit #2 first, then edit #1 (its edit_date is the earlier one).
    siren.api.queue_update("edited_message", newer)
    siren.api.queue_update("edited_message", older)
    # The officer's next message waits in the same line as both edits: once it is answered,
    # both were handled.
    in_private = siren.api.cursor(FakeChat.private(KCS_OFFICER).id)
    await siren.talk.say(KCS_OFFICER, "/mine", GROUP)  # answered in private, pointed to here
    assert "#1" in (await in_private.next())["text"]
    rows = await siren.rows("SELECT text FROM seizure")
    assert [r["text"] for r in rows] == ["/seizure 4kg meth at ICN ref CR-E2"]
    items = await siren.rows("SELECT amount FROM seizure_item")
    assert [r["amount"] for r in items] == ["4000"]
    corrections = await siren.rows(
        "SELECT count(*) AS n FROM audit_log WHERE action = 'seizure.correct'"
    )
    assert corrections == [{"n": 1}]
    confirmation = siren.api.sent_messages(GROUP)[-2]
    assert "4 kg" in confirmation["text"] or "4kg" in confirmation["text"], confirmation["text"]


async def test_a_late_edit_of_the_same_second_does_not_undo_a_newer_one(siren: Harness) -> None:
    in_group = siren.api.cursor(GROUP)
    typed = siren.api.send_text(KCS_OFFICER, GROUP, "/s 5kg ketamine at ICN")
    assert (await in_group.next())["text"].startswith("✅ Recorded report SIREN #1")
    second = typed["date"] + 30
    six = {**typed, "text": "/s 6kg ketamine at ICN", "edit_date": second}
    seven = {**typed, "text": "/s 7kg ketamine at ICN", "edit_date": second}
    # Both edits in the same second: edit_date cannot tell them apart, the update ids can. The
    # 7 kg edit (the later one, higher id) arrives first; the 6 kg edit arrives late.
    first_id = siren.api.newest_update_id() + 1
    siren.api.add_raw_update({"update_id": first_id + 1, "edited_message": seven})
    siren.api.add_raw_update({"update_id": first_id, "edited_message": six})
    await siren.talk.say(KCS_OFFICER, "/mine", GROUP)
    rows = await siren.rows("SELECT text FROM seizure")
    assert [r["text"] for r in rows] == ["/s 7kg ketamine at ICN"]
    items = await siren.rows("SELECT amount FROM seizure_item")
    assert [r["amount"] for r in items] == ["7000"]
    corrections = await siren.rows(
        "SELECT count(*) AS n FROM audit_log WHERE action = 'seizure.correct'"
    )
    assert corrections == [{"n": 1}]


async def test_edits_of_the_same_second_in_order_both_apply(siren: Harness) -> None:
    in_group = siren.api.cursor(GROUP)
    typed = siren.api.send_text(KCS_OFFICER, GROUP, "/s 5kg ketamine at ICN")
    assert (await in_group.next())["text"].startswith("✅ Recorded report SIREN #1")
    second = typed["date"] + 30
    siren.api.queue_update(
        "edited_message", {**typed, "text": "/s 6kg ketamine at ICN", "edit_date": second}
    )
    siren.api.queue_update(
        "edited_message", {**typed, "text": "/s 7kg ketamine at ICN", "edit_date": second}
    )
    await siren.talk.say(KCS_OFFICER, "/mine", GROUP)
    items = await siren.rows("SELECT amount FROM seizure_item")
    assert [r["amount"] for r in items] == ["7000"]
    corrections = await siren.rows(
        "SELECT count(*) AS n FROM audit_log WHERE action = 'seizure.correct'"
    )
    assert corrections == [{"n": 2}]


async def test_an_edit_to_the_same_words_changes_nothing(siren: Harness) -> None:
    in_group = siren.api.cursor(GROUP)
    typed = siren.api.send_text(KCS_OFFICER, GROUP, "/seizure 2kg meth at ICN")
    assert (await in_group.next())["text"].startswith("✅ Recorded report SIREN #1")
    mark = siren.api.mark()
    siren.api.edit_text(KCS_OFFICER, GROUP, typed["message_id"], "/seizure 2kg meth at ICN")
    # The officer's next message waits in the same line as the edit: answered, it was handled.
    in_private = siren.api.cursor(FakeChat.private(KCS_OFFICER).id)
    await siren.talk.say(KCS_OFFICER, "/mine", GROUP)
    assert "#1" in (await in_private.next())["text"]
    # Before: a history line "corrected by …: the same words", the acknowledgement edited.
    corrections = await siren.rows(
        "SELECT count(*) AS n FROM audit_log WHERE action = 'seizure.correct'"
    )
    assert corrections == [{"n": 0}]
    edited = await siren.rows("SELECT edited_at FROM seizure")
    assert edited == [{"edited_at": None}]
    assert not [c for c in siren.api.calls[mark:] if c.method == "editMessageText"]
