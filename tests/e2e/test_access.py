"""Operations, agencies, invites and refusals, as the people involved see them."""

from __future__ import annotations

import json

from bot.demo import (
    ADMIN,
    COORDINATOR,
    GROUP,
    KCS_OFFICER,
    OUTSIDER,
    TCD_OFFICER,
    invite_code,
    set_up_demo,
)
from bot.render.replies import OUTSIDER as REFUSAL
from fakegram.types import FakeChat
from tests.e2e.conftest import Harness


async def test_admin_creates_operation_and_agencies(bot: Harness) -> None:
    created = await bot.talk.text(ADMIN, '/operation new SIREN "Operation Siren" Asia/Seoul')
    assert "Created Operation Siren (SIREN) in Asia/Seoul" in created
    added = await bot.talk.text(ADMIN, '/agency add TCD "Thai Customs" Asia/Bangkok')
    assert "Added TCD — Thai Customs (Asia/Bangkok)" in added
    card = await bot.talk.text(ADMIN, "/operation")
    assert "Operation Siren (SIREN, live)" in card
    assert "Time zone Asia/Seoul, now Fri 20 Nov 09:30" in card
    assert "TCD — Thai Customs, Asia/Bangkok, now Fri 20 Nov 07:30" in card
    rows = await bot.rows("SELECT code, tz, exercise FROM operation")
    assert rows == [{"code": "SIREN", "tz": "Asia/Seoul", "exercise": 0}]


async def test_bad_operation_arguments_get_a_corrected_example(bot: Harness) -> None:
    zone = await bot.talk.text(ADMIN, '/operation new SIREN "Siren" Mars/Olympus')
    assert "'Mars/Olympus' is not a time zone" in zone
    assert 'Example: /operation new SIREN "Operation Siren" Asia/Seoul' in zone
    quote = await bot.talk.text(ADMIN, '/operation new SIREN "Siren Asia/Seoul')
    assert "A quote is not closed" in quote
    assert await bot.rows("SELECT * FROM operation") == []


async def test_exercise_operation_is_labelled_everywhere(bot: Harness) -> None:
    created = await bot.talk.text(ADMIN, '/operation new DRILL "Workshop" Asia/Bangkok exercise')
    assert created.startswith("🧪 EXERCISE")
    card = await bot.talk.text(ADMIN, "/operation")
    assert card.startswith("🧪 EXERCISE") and "(DRILL, exercise)" in card


async def test_officer_joins_by_deep_link_once(bot: Harness) -> None:
    await bot.talk.say(ADMIN, '/operation new SIREN "Operation Siren" Asia/Seoul')
    await bot.talk.say(ADMIN, '/agency add KCS "Korea Customs Service" Asia/Seoul')
    link = await bot.talk.text(ADMIN, "/invite officer KCS")
    assert "https://t.me/OcuBot?start=" in link and "as an officer of KCS" in link
    code = invite_code(link)
    welcome = await bot.talk.text(KCS_OFFICER, f"/start {code}")
    assert "Welcome to Operation Siren (SIREN). You are an officer of KCS." in welcome
    again = await bot.talk.text(KCS_OFFICER, f"/start {code}")
    assert "You are an officer of KCS" in again  # tapping one's own link twice is harmless
    reused = await bot.talk.text(TCD_OFFICER, f"/start {code}")
    assert "already used" in reused
    unknown = await bot.talk.text(TCD_OFFICER, "/start not-a-code")
    assert "not valid" in unknown
    members = await bot.rows(
        "SELECT user_id, role FROM membership WHERE revoked_at IS NULL ORDER BY user_id"
    )
    assert members == [{"user_id": KCS_OFFICER.id, "role": "officer"}]


async def test_expired_invite_is_refused(bot: Harness) -> None:
    from datetime import timedelta

    await bot.talk.say(ADMIN, '/operation new SIREN "Operation Siren" Asia/Seoul')
    code = invite_code(await bot.talk.text(ADMIN, "/invite observer"))
    bot.clock.advance(timedelta(hours=73))
    text = await bot.talk.text(OUTSIDER, f"/start {code}")
    assert "expired" in text
    assert await bot.rows("SELECT * FROM membership WHERE user_id = ?", (OUTSIDER.id,)) == []


async def test_outsider_is_refused_politely_and_audited(siren: Harness) -> None:
    private = await siren.talk.text(OUTSIDER, "/summary")
    assert private == REFUSAL
    in_group = await siren.talk.text(OUTSIDER, "/operation", GROUP)
    assert in_group == REFUSAL
    assert "SIREN" not in private + in_group
    refusals = await siren.rows(
        "SELECT actor_id, detail FROM audit_log WHERE action = 'access.refused'"
    )
    assert [r["actor_id"] for r in refusals] == [OUTSIDER.id, OUTSIDER.id]
    assert {json.loads(str(r["detail"]))["command"] for r in refusals} == {"/summary", "/operation"}


async def test_officer_may_not_manage(siren: Harness) -> None:
    text = await siren.talk.text(KCS_OFFICER, "/invite officer KCS")
    assert text == "Only a coordinator of this operation can do that."


async def test_operations_do_not_see_each_other(siren: Harness) -> None:
    await siren.talk.say(ADMIN, '/operation new OTHER "Other Op" Europe/Brussels')
    await siren.talk.say(ADMIN, "/use OTHER")
    await siren.talk.say(ADMIN, '/agency add BE "Belgian Customs" Europe/Brussels')
    code = invite_code(await siren.talk.text(ADMIN, "/invite officer BE"))
    stranger = FakeChat(-5005, "group", title="Other OCU")
    await siren.talk.say(OUTSIDER, f"/start {code}")
    # The SIREN group refuses the other operation's officer; his /operation shows only his own.
    assert await siren.talk.text(OUTSIDER, "/operation", GROUP) == REFUSAL
    card = await siren.talk.text(OUTSIDER, "/operation")
    assert "Other Op" in card and "SIREN" not in card and "KCS" not in card
    # A SIREN officer cannot bind a group to the other operation.
    bind = await siren.talk.text(KCS_OFFICER, "/bind OTHER", stranger)
    assert "Only a coordinator" in bind


async def test_members_and_revoke(siren: Harness) -> None:
    before = await siren.talk.text(TCD_OFFICER, "/summary")
    assert "Summary · SIREN" in before  # resolved (and remembered) while still a member
    listing = await siren.talk.text(COORDINATOR, "/members")
    assert "officer (KCS): Park Ji-woo @park_kcs" in listing
    assert "officer (TCD): Somchai Wongsakul @somchai_tcd" in listing
    revoked = await siren.talk.text(COORDINATOR, "/revoke @somchai_tcd")
    assert "Somchai Wongsakul is no longer a member" in revoked
    assert await siren.talk.text(TCD_OFFICER, "/summary") == REFUSAL


async def test_group_upgrade_keeps_binding(siren: Harness) -> None:
    supergroup = siren.api.migrate_group(GROUP)
    card = await siren.talk.text(KCS_OFFICER, "/operation", supergroup)
    assert "Operation Siren" in card
    rows = await siren.rows("SELECT chat_id FROM chat_binding")
    assert rows == [{"chat_id": supergroup.id}]


async def test_audit_log_holds_each_step(bot: Harness) -> None:
    await set_up_demo(bot.talk, exercise=False)
    actions = [r["action"] for r in await bot.rows("SELECT action FROM audit_log ORDER BY id")]
    for expected in ("operation.create", "agency.add", "invite.create", "member.join", "chat.bind"):
        assert expected in actions
    assert actions.count("member.join") == 4


async def test_a_mistyped_command_in_an_exercise_group_is_labelled(bot: Harness) -> None:
    # Review round 3: "Did you mean /seizure?" went to an exercise's group without its label.
    await set_up_demo(bot.talk)
    bot.api.send_text(KCS_OFFICER, GROUP, "/seizur 2kg meth at ICN")
    meant = await bot.api.wait_for_message(GROUP, text_contains="Did you mean /seizure?")
    assert meant["text"].startswith("🧪 EXERCISE"), meant["text"]
