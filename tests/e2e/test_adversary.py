"""What an adversarial review found: invites, forwards, redeliveries, buttons and late edits."""

from __future__ import annotations

import pytest

from bot.demo import COORDINATOR, GROUP, KCS_OFFICER, TCD_OFFICER, invite_code
from bot.render import replies as render
from fakegram.types import FakeChat, FakeUser
from tests.e2e.conftest import Harness


async def test_a_member_opening_an_invite_keeps_their_role(siren: Harness) -> None:
    code = invite_code(await siren.talk.text(COORDINATOR, "/invite observer"))
    said = await siren.talk.text(COORDINATOR, f"/start {code}")
    assert said == (
        "You are already the coordinator of SIREN; this link stays unused for the person it "
        "was meant for."
    )
    roles = await siren.rows(
        "SELECT role FROM membership WHERE user_id = ? AND revoked_at IS NULL", (COORDINATOR.id,)
    )
    assert roles == [{"role": "coordinator"}]
    newcomer = FakeUser(1301, "Ola", "Observer", username="ola")
    welcome = await siren.talk.text(newcomer, f"/start {code}")
    assert "You are an observer" in welcome  # the link still works for its person


async def test_the_last_coordinator_cannot_be_revoked_by_a_coordinator(siren: Harness) -> None:
    said = await siren.talk.text(COORDINATOR, f"/revoke {COORDINATOR.id}")
    assert "is the last coordinator of SIREN" in said and "/invite coordinator" in said
    roles = await siren.rows(
        "SELECT role FROM membership WHERE user_id = ? AND revoked_at IS NULL", (COORDINATOR.id,)
    )
    assert roles == [{"role": "coordinator"}]


async def test_a_void_and_restore_delivered_twice_tell_the_author_once(siren: Harness) -> None:
    await siren.talk.say(KCS_OFFICER, "/seizure 2kg meth at ICN", GROUP)
    await siren.talk.say(KCS_OFFICER, "/help")  # Park opens his private chat
    private = FakeChat.private(KCS_OFFICER)
    mark = siren.api.mark()
    for command in ("/void 1 entered twice", "/restore 1 it was right"):
        first = await siren.talk.text(COORDINATOR, command)
        cursor = siren.api.cursor(FakeChat.private(COORDINATOR))
        siren.api.redeliver(siren.api.newest_update_id())
        again = str((await cursor.next()).get("text"))
        assert again in (first, render.REPEATED)
    # Handled in order: once the restore notice is there, a second void notice would be too.
    await siren.api.wait_for_message(private, text_contains="was restored by", after=mark)
    notices = [
        str(c.params.get("text"))
        for c in siren.api.calls[mark:]
        if c.method == "sendMessage" and c.params.get("chat_id") == KCS_OFFICER.id
    ]
    assert len(notices) == 2, notices  # one about the void, one about the restore
    audited = await siren.rows("SELECT count(*) AS n FROM audit_log WHERE action LIKE 'seizure.%'")
    assert audited == [{"n": 3}]  # report, void, restore


async def test_a_revoke_delivered_twice_says_already_done(siren: Harness) -> None:
    first = await siren.talk.text(COORDINATOR, "/revoke @somchai_tcd")
    assert "is no longer a member" in first
    cursor = siren.api.cursor(FakeChat.private(COORDINATOR))
    siren.api.redeliver(siren.api.newest_update_id())
    assert (await cursor.next()).get("text") == render.REPEATED


async def test_a_forwarded_report_is_not_recorded_again(siren: Harness) -> None:
    await siren.talk.say(KCS_OFFICER, "/s 2kg meth at ICN", GROUP)
    cursor = siren.api.cursor(GROUP)
    siren.api.add_raw_update(
        {
            "message": {
                "message_id": 500,
                "date": 1_795_000_000,
                "chat": {"id": GROUP.id, "type": "group", "title": GROUP.title},
                "from": TCD_OFFICER.to_dict(),
                "forward_origin": {
                    "type": "user",
                    "sender_user": KCS_OFFICER.to_dict(),
                    "date": 1_795_000_000,
                },
                "forward_from": KCS_OFFICER.to_dict(),
                "forward_date": 1_795_000_000,
                "text": "/s 2kg meth at ICN",
                "entities": [{"type": "bot_command", "offset": 0, "length": 2}],
            }
        }
    )
    said = str((await cursor.next()).get("text"))
    assert said == (
        "That is a forwarded report; the officer who made the seizure reports it. Type your own "
        "report if it is yours, e.g. /seizure 2kg meth at ICN"
    )
    assert await siren.rows("SELECT count(*) AS n FROM seizure") == [{"n": 1}]


async def test_a_press_delivered_twice_posts_no_fault_in_the_group(siren: Harness) -> None:
    """Telegram refuses to answer a press twice ('query is too old'): that is no fault."""
    ack = await siren.talk.say(KCS_OFFICER, "/seizure 2kg meth at ICN", GROUP)
    mark = siren.api.mark()
    siren.api.press_button(KCS_OFFICER, GROUP, ack["message_id"], f"undo:{_report_id(ack)}")
    await siren.api.wait_for(lambda c: c.method == "answerCallbackQuery", after=mark)
    again = siren.api.mark()
    siren.api.redeliver(max(siren.api._updates_by_id))  # the very same press
    await siren.api.wait_for(lambda c: c.method == "answerCallbackQuery", after=again)
    # The bot has finished with the press once its next poll comes; a fault line would be sent
    # before that poll.
    await siren.api.wait_for(lambda c: c.method == "getUpdates", after=again + 1)
    said = [str(m.get("text", "")) for m in siren.api.sent_messages(GROUP)[-3:]]
    assert not any(render.FAULT in text for text in said), said
    voided = await siren.rows("SELECT count(*) AS n FROM seizure WHERE voided_at IS NOT NULL")
    assert voided == [{"n": 1}]


def _report_id(ack: dict[str, object]) -> str:
    markup = ack["reply_markup"]
    assert isinstance(markup, dict)
    return str(markup["inline_keyboard"][0][0]["callback_data"]).split(":", 1)[1]


async def test_an_edit_by_a_revoked_officer_is_answered_and_changes_nothing(
    siren: Harness,
) -> None:
    sent = siren.api.send_text(KCS_OFFICER, GROUP, "/seizure 2kg meth at ICN")
    await siren.api.wait_for_message(GROUP, text_contains="Recorded report")
    await siren.talk.say(COORDINATOR, f"/revoke {KCS_OFFICER.id}")
    cursor = siren.api.cursor(GROUP)
    siren.api.edit_text(KCS_OFFICER, GROUP, int(sent["message_id"]), "/seizure 200kg meth at ICN")
    said = str((await cursor.next()).get("text", ""))
    assert said.startswith("Report #1 is unchanged: you are no longer a member"), said
    amounts = await siren.rows("SELECT amount FROM seizure_item")
    assert amounts == [{"amount": "2000"}]


@pytest.mark.parametrize("chat", [GROUP, FakeChat.private(KCS_OFFICER)])
async def test_a_forwarded_report_without_its_command_is_not_offered(
    siren: Harness, chat: FakeChat
) -> None:
    # Adversary, session 18: Somchai's "3kg heroin at BKK" forwarded by Park was offered
    # ("Did you mean /seizure ...? Record it") and recorded for KCS.
    cursor = siren.api.cursor(chat)
    siren.api.add_raw_update(
        {
            "message": {
                "message_id": 501,
                "date": 1_795_000_000,
                "chat": chat.to_dict(),
                "from": KCS_OFFICER.to_dict(),
                "forward_origin": {
                    "type": "user",
                    "sender_user": TCD_OFFICER.to_dict(),
                    "date": 1_795_000_000,
                },
                "text": "3kg heroin at BKK",
            }
        }
    )
    said = str((await cursor.next(timeout=15)).get("text"))
    assert said.endswith(
        "That is a forwarded report; the officer who made the seizure reports it. Type your own "
        "report if it is yours, e.g. /seizure 2kg meth at ICN"
    ), said
    assert await siren.rows("SELECT count(*) AS n FROM seizure") == [{"n": 0}]
