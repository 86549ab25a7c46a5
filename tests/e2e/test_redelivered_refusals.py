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
    """Deliver `update_id` again, then a /start: the "Already answered" the bot said in `chat`
    before it answered the /start (one chat's updates are handled in order)."""
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
    # Round 2: not "carried out then, once" of a report that was refused.
    assert "carried out" not in render.REPEATED
    assert await siren.rows("SELECT count(*) AS n FROM seizure") == [{"n": 0}]


async def test_chatter_delivered_again_is_not_answered(siren: Harness) -> None:
    mark = siren.api.mark()
    siren.api.send_text(KCS_OFFICER, GROUP, "good morning everyone")
    chatter = siren.api.newest_update_id()
    await siren.talk.say(KCS_OFFICER, "/start", GROUP)
    assert [c for c in siren.api.calls[mark:] if c.method == "sendMessage"][:-1] == []
    assert await _redelivered(siren, KCS_OFFICER, GROUP, chatter) == []


async def test_a_copy_arriving_while_the_refusal_is_in_hand_is_not_carried_out_after_a_bind(
    siren: Harness,
) -> None:
    """Round 2: the copy came while the first was still being answered (its reply slow), was
    queued behind the /bind sent meanwhile, and recorded the report the first copy refused."""
    airport = FakeChat(-100999, "supergroup", title="Airport team")
    siren.api.inject_fault("sendMessage", "slow", delay=2.0, chat_id=airport.id)
    mark = siren.api.mark()
    siren.api.send_text(KCS_OFFICER, airport, "/seizure 3kg meth at ICN")
    report = siren.api.newest_update_id()
    refusing = await siren.api.wait_for(
        lambda c: c.method == "sendMessage" and c.params.get("chat_id") == airport.id, after=mark
    )  # the refusal is on its way (its answer slow): the update is still in hand
    assert "not linked to an operation" in str(refusing.params.get("text"))
    siren.api.send_text(COORDINATOR, airport, "/bind SIREN")
    bind = siren.api.newest_update_id()
    await siren.api.wait_for(  # the bot has the /bind, in the chat's line behind the report
        lambda c: (
            c.method == "getUpdates"
            and isinstance(c.result, list)
            and any(u.get("update_id") == bind for u in c.result)
        ),
        after=mark,
    )
    siren.api.redeliver(report)
    await siren.api.wait_for_message(airport, text_contains="linked to Operation Siren", after=mark)
    await siren.talk.say(KCS_OFFICER, "/start", airport)  # after the copy, in the chat's line
    assert await siren.rows("SELECT count(*) AS n FROM seizure") == [{"n": 0}]
