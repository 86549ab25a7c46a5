"""An update handled once and delivered again is not handled again, refused or not.

Found by an adversarial review: a refusal left its update unclaimed, so the same update
delivered again later (a crash before Telegram heard it arrived) was carried out against the
state of that later moment. A report refused in a group not yet bound was recorded once the
group was bound; a /restore refused ("not voided") undid the /void the coordinator sent after
it. Each was told one thing and saw another done.
"""

from __future__ import annotations

from bot.demo import COORDINATOR, GROUP, KCS_OFFICER
from bot.render import replies as render
from fakegram.types import FakeChat, FakeUser
from tests.e2e.conftest import Harness

REPORT = "/seizure 1kg heroin at ICN"


async def _redelivered(siren: Harness, user: FakeUser, chat: FakeChat, update_id: int) -> list[str]:
    """Deliver `update_id` again, then a /start: the "Already done" the bot said in `chat` before
    it answered the /start (one chat's updates are handled in order)."""
    cursor = siren.api.cursor(chat)
    siren.api.redeliver(update_id)
    siren.api.send_text(user, chat, "/start")
    said = []
    while (text := str((await cursor.next())["text"])) == render.REPEATED:
        said.append(text)
    return said


async def test_a_restore_refused_then_delivered_again_after_a_void_restores_nothing(
    siren: Harness,
) -> None:
    await siren.talk.say(KCS_OFFICER, REPORT, GROUP)
    private = FakeChat.private(COORDINATOR)
    refused = await siren.talk.text(COORDINATOR, "/restore 1 ok")
    assert "not voided" in refused, refused
    restore = siren.api.newest_update_id()
    assert "voided" in await siren.talk.text(COORDINATOR, "/void 1 duplicate entry")
    assert await _redelivered(siren, COORDINATOR, private, restore) == [render.REPEATED]
    assert await siren.rows("SELECT voided_at IS NOT NULL AS voided FROM seizure") == [
        {"voided": 1}
    ]


async def test_a_report_refused_in_an_unbound_group_is_not_recorded_once_it_is_bound(
    siren: Harness,
) -> None:
    airport = FakeChat(-100999, "supergroup", title="Airport team")
    refused = await siren.talk.text(KCS_OFFICER, "/seizure 3kg meth at ICN", airport)
    assert "not linked to an operation" in refused, refused
    report = siren.api.newest_update_id()
    assert "SIREN" in await siren.talk.text(COORDINATOR, "/bind SIREN", airport)
    assert await _redelivered(siren, KCS_OFFICER, airport, report) == [render.REPEATED]
    assert await siren.rows("SELECT count(*) AS n FROM seizure") == [{"n": 0}]


async def test_chatter_delivered_again_is_not_answered(siren: Harness) -> None:
    mark = siren.api.mark()
    siren.api.send_text(KCS_OFFICER, GROUP, "good morning everyone")
    chatter = siren.api.newest_update_id()
    await siren.talk.say(KCS_OFFICER, "/start", GROUP)
    assert [c for c in siren.api.calls[mark:] if c.method == "sendMessage"][:-1] == []
    assert await _redelivered(siren, KCS_OFFICER, GROUP, chatter) == []
