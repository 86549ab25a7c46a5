"""An outsider's flood of commands in an operation's group (adversary review, session 17):
each was refused in the group, one of its 20 messages a minute apiece, and an officer's
report sent after 40 of them was acknowledged 41st, about two minutes later."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from bot.demo import GROUP, KCS_OFFICER, OUTSIDER
from bot.render.replies import OUTSIDER as REFUSED
from fakegram.types import FakeChat
from tests.e2e.conftest import Harness


def _group_sends(h: Harness, mark: int) -> list[str]:
    return [
        str(c.params.get("text"))
        for c in h.api.calls[mark:]
        if c.method == "sendMessage" and c.params.get("chat_id") == GROUP.id
    ]


async def test_an_outsider_is_refused_once_in_a_group_and_the_officer_answered_next(
    siren: Harness,
) -> None:
    mark = siren.api.mark()
    for _ in range(40):
        siren.api.send_text(OUTSIDER, GROUP, "/summary")
    siren.api.send_text(KCS_OFFICER, GROUP, "/seizure 2kg meth at ICN")
    await siren.api.wait_for(
        lambda c: c.method == "sendMessage" and "Recorded report" in c.params["text"],
        after=mark,
        timeout=60,
    )
    await asyncio.wait_for(siren.app.update_queue.join(), 30)
    sent = _group_sends(siren, mark)
    assert [REFUSED in text for text in sent] == [True, False], sent
    # Every attempt is still in the audit log.
    refused = await siren.rows("SELECT id FROM audit_log WHERE action = 'access.refused'")
    assert len(refused) == 40


async def test_an_outsider_is_refused_again_after_a_quiet_spell_and_always_in_private(
    siren: Harness,
) -> None:
    first = await siren.talk.text(OUTSIDER, "/summary", GROUP)
    assert first.endswith(REFUSED), first
    siren.clock.advance(timedelta(minutes=11))
    again = await siren.talk.text(OUTSIDER, "/summary", GROUP)
    assert again.endswith(REFUSED), again
    private = FakeChat.private(OUTSIDER)
    for _ in range(2):
        assert (await siren.talk.text(OUTSIDER, "/summary", private)).endswith(REFUSED)
