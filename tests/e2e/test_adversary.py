"""What an adversarial review found: invites, forwards, redeliveries, buttons and late edits."""

from __future__ import annotations

from bot import render
from bot.botapi_types import FakeChat, FakeUser
from bot.demo import COORDINATOR, GROUP, KCS_OFFICER, TCD_OFFICER, invite_code
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
