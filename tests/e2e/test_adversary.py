"""What an adversarial review found: invites, forwards, redeliveries, buttons and late edits."""

from __future__ import annotations

from bot import render
from bot.botapi_types import FakeChat
from bot.demo import COORDINATOR, GROUP, KCS_OFFICER
from tests.e2e.conftest import Harness


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
