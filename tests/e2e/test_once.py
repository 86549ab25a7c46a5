"""Every command that changes state takes effect once, however often its update is delivered.

Telegram delivers an update again when it did not hear that the bot got it, and the bot takes
up again after a restart what it had not finished: the same update_id comes twice. The change
is made once; the second time the person gets one line saying it was done already, or, when
the copy came while the first was still being handled (its handled mark not yet written), the
same answer (a nil return, an invite redeemed).
"""

from __future__ import annotations

import pytest

from bot.demo import ADMIN, COORDINATOR, GROUP, KCS_OFFICER, invite_code
from bot.render import replies as render
from fakegram.types import FakeChat, FakeUser, JSONDict
from tests.e2e.conftest import Harness

OTHER_GROUP = FakeChat(-100200999, "group", title="SIREN field team")
PHASE = "/phase add operational 2026-12-01 2026-12-14"
REPORT = "/seizure 2kg meth at ICN"
SAME = "the same answer"


def _text(message: JSONDict) -> str:
    return str(message.get("text") or message.get("caption") or "")


async def _twice(bot: Harness, who: FakeUser, text: str, chat: FakeChat | None) -> list[str]:
    """Send `text`, then have Telegram deliver the very same update again: both answers."""
    chat = chat or FakeChat.private(who)
    cursor = bot.api.cursor(chat)
    bot.api.send_text(who, chat, text)
    first = await cursor.next()
    bot.api.redeliver(max(bot.api._updates_by_id))  # the update just delivered
    second = await cursor.next()
    return [_text(first), _text(second)]


async def _audited(bot: Harness, action: str) -> int:
    rows = await bot.rows("SELECT count(*) AS n FROM audit_log WHERE action = ?", (action,))
    return int(str(rows[0]["n"]))


# (who, where (None: their private chat), what, the audit action it makes, what it needs first,
# the answer to the repeat)
CASES: dict[str, tuple[FakeUser, FakeChat | None, str, str, list[str], str]] = {
    "operation new": (
        ADMIN, None, '/operation new TUNDRA "Operation Tundra" Asia/Bangkok', "operation.create",
        [], render.REPEATED,
    ),
    "agency add": (
        ADMIN, None, '/agency add WCO "World Customs Organization" Europe/Brussels',
        "agency.add", [], render.REPEATED,
    ),
    "bind": (COORDINATOR, OTHER_GROUP, "/bind SIREN", "chat.bind", [], render.REPEATED),
    "phase add": (COORDINATOR, None, PHASE, "phase.add", [], render.REPEATED),
    "phase edit": (
        COORDINATOR, None, "/phase edit operational 2026-12-02 2026-12-14", "phase.edit",
        [PHASE], render.REPEATED,
    ),
    "phase rm": (
        COORDINATOR, None, "/phase rm operational", "phase.remove", [PHASE], render.REPEATED
    ),
    "remind": (
        COORDINATOR, None, "/remind daily 09:00 Send your nil returns", "reminder.add", [],
        render.REPEATED,
    ),
    "remind rm": (
        COORDINATOR, None, "/remind rm 1", "reminder.remove",
        ["/remind daily 09:00 Send your nil returns"], render.REPEATED,
    ),
    "digest at": (COORDINATOR, None, "/digest at 07:30", "digest.set", [], render.REPEATED),
    "digest off": (COORDINATOR, None, "/digest off", "digest.set", [], render.REPEATED),
    "alias": (
        COORDINATOR, None, "/alias zombie dust synthetic_cathinones", "alias.add", [],
        render.REPEATED,
    ),
    "alias rm": (
        COORDINATOR, None, "/alias rm zombie dust", "alias.remove",
        ["/alias zombie dust synthetic_cathinones"], render.REPEATED,
    ),
    "invite": (ADMIN, None, "/invite officer KCS", "invite.create", [], render.REPEATED),
    # Looked up before the change: the repeat finds her gone already.
    "revoke": (
        COORDINATOR, None, "/revoke @olga_wco", "member.revoke", [], render.REPEATED,
    ),
    "use": (ADMIN, None, "/use SIREN", "person.use", [], render.REPEATED),
    # Acknowledged the first time: a second acknowledgement would carry a second Undo button.
    "seizure": (KCS_OFFICER, GROUP, REPORT, "seizure.report", [], render.REPEATED),
    "nil": (KCS_OFFICER, GROUP, "/nil ICN cargo checked", "nil.report", [], SAME),
    "void": (
        COORDINATOR, GROUP, "/void 1 entered twice", "seizure.void", [f"officer:{REPORT}"], SAME
    ),
    # Two reports: the repeat must not undo the one before the one undone.
    "undo": (
        KCS_OFFICER, GROUP, "/undo", "seizure.void",
        ["officer:/seizure 1kg heroin at ICN", f"officer:{REPORT}"],
        "Your latest report, #2, is already voided; /undo voids nothing else.",
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", list(CASES))
async def test_a_command_delivered_twice_takes_effect_once(siren: Harness, case: str) -> None:
    who, chat, text, action, first, repeat = CASES[case]
    for before in first:
        if before.startswith("officer:"):
            await siren.talk.say(KCS_OFFICER, before.removeprefix("officer:"), GROUP)
        else:
            await siren.talk.say(who, before, chat)
    made = await _audited(siren, action)
    answers = await _twice(siren, who, text, chat)
    assert await _audited(siren, action) == made + 1, answers
    expected = answers[0] if repeat == SAME else repeat
    assert answers[1] == render.REPEATED or answers[1].startswith(expected), answers
    assert answers[0] != render.REPEATED


async def test_an_invite_link_opened_twice_joins_once_and_says_so_both_times(
    siren: Harness,
) -> None:
    newcomer = FakeUser(1010, "Nora", "Newcomer", username="nora_kcs")
    code = invite_code(await siren.talk.text(ADMIN, "/invite officer KCS"))
    answers = await _twice(siren, newcomer, f"/start {code}", None)
    assert answers[1] in (answers[0], render.REPEATED), answers
    assert "joined" in answers[0].lower() or "welcome" in answers[0].lower(), answers
    assert await _audited(siren, "member.join") == 5  # the demo's four, and Nora once


async def test_an_edit_delivered_twice_corrects_once(siren: Harness) -> None:
    cursor = siren.api.cursor(GROUP)
    sent = siren.api.send_text(KCS_OFFICER, GROUP, REPORT)
    reply = await cursor.next()
    mark = siren.api.mark()
    siren.api.edit_text(KCS_OFFICER, GROUP, sent["message_id"], "/seizure 3kg meth at ICN")
    await siren.api.wait_for_edit(GROUP, message_id=reply["message_id"], after=mark)
    siren.api.redeliver(max(siren.api._updates_by_id))
    await siren.talk.say(KCS_OFFICER, "/mine", GROUP)  # handled in order: the repeat is done
    assert await _audited(siren, "seizure.correct") == 1
    totals = await siren.rows("SELECT amount_nano, cases FROM seizure_total WHERE grain = 'd'")
    assert totals == [{"amount_nano": 3000 * 10**9, "cases": 1}]


async def test_an_undo_button_pressed_once_and_delivered_twice_voids_once(siren: Harness) -> None:
    ack = await siren.talk.say(KCS_OFFICER, REPORT, GROUP)
    button = ack["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    mark = siren.api.mark()
    siren.api.press_button(KCS_OFFICER, GROUP, ack["message_id"], button)
    await siren.api.wait_for(lambda c: c.method == "answerCallbackQuery", after=mark)
    siren.api.redeliver(max(siren.api._updates_by_id))
    await siren.talk.say(KCS_OFFICER, "/mine", GROUP)
    assert await _audited(siren, "seizure.void") == 1
    rows = await siren.rows("SELECT voided_at IS NOT NULL AS voided FROM seizure")
    assert rows == [{"voided": 1}]


@pytest.mark.parametrize("command", ["/export csv", "/debrief"])
async def test_a_file_asked_for_once_and_delivered_twice_is_sent_once(
    siren: Harness, command: str
) -> None:
    await siren.talk.say(KCS_OFFICER, REPORT, GROUP)
    chat = FakeChat.private(COORDINATOR)
    mark = siren.api.mark()
    cursor = siren.api.cursor(chat)
    siren.api.send_text(COORDINATOR, chat, command)
    files = 1 if command.startswith("/export") else 2
    while files:  # after the progress message
        files -= "document" in await cursor.next(timeout=300)
    siren.api.redeliver(max(siren.api._updates_by_id))
    # Handled in order: by /help's answer, the repeat is done and said what it did.
    siren.api.send_text(COORDINATOR, chat, "/help")
    said: list[str] = []
    while not said or "/help" not in said[-1] or render.REPEATED in said[-1]:
        said.append(_text(await cursor.next(timeout=300)))
    documents = [c for c in siren.api.calls[mark:] if c.method == "sendDocument"]
    assert len(documents) == (1 if command.startswith("/export") else 2), said
    assert any(render.REPEATED in s for s in said), said
