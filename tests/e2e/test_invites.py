"""Workshop invites (issue 13, deliverable 13): one link for a room of people, listed, revoked."""

from __future__ import annotations

import json

from bot.demo import ADMIN, COORDINATOR, GROUP, invite_code
from fakegram.types import FakeUser
from tests.e2e.conftest import Harness

ROOM = [FakeUser(3000 + n, f"Trainee{n}", "KCS", username=f"trainee{n}") for n in range(5)]


async def test_one_link_lets_a_room_join_up_to_its_limit(siren: Harness) -> None:
    # Before: /invite took only a role and an agency; sixty people needed sixty commands.
    said = await siren.talk.text(COORDINATOR, "/invite officer KCS 3 48h")
    assert said.startswith("Invite #5 to SIREN for up to 3 officers of KCS:\nhttps://t.me/")
    assert "/invites revoke 5 stops it" in said
    code = invite_code(said)
    for person in ROOM[:2]:
        welcome = await siren.talk.text(person, f"/start {code}")
        assert "You are an officer of KCS" in welcome
    again = await siren.talk.text(ROOM[0], f"/start {code}")  # the same person, counted once
    assert "You are an officer of KCS" in again
    listed = await siren.talk.text(COORDINATOR, "/invites")
    assert "#5 officer KCS — 2/3 joined — expires " in listed and code in listed
    await siren.talk.say(ROOM[2], f"/start {code}")
    full = await siren.talk.text(ROOM[3], f"/start {code}")
    assert full == (
        "This invite link was for 3 people and all of its places are taken. "
        "Ask your coordinator for a new one."
    )
    members = await siren.rows(
        "SELECT user_id FROM membership WHERE user_id >= 3000 AND revoked_at IS NULL ORDER BY 1"
    )
    assert [m["user_id"] for m in members] == [3000, 3001, 3002]
    joins = await siren.rows(
        "SELECT actor_id, detail FROM audit_log WHERE action = 'member.join' AND actor_id >= 3000"
        " ORDER BY id"
    )
    assert [(j["actor_id"], json.loads(str(j["detail"]))["place"]) for j in joins] == [
        (3000, 1), (3001, 2), (3002, 3)
    ]  # fmt: skip
    refused = await siren.rows("SELECT actor_id FROM audit_log WHERE action = 'invite.full'")
    assert refused == [{"actor_id": 3003}]
    # A full invite is no longer open.
    assert "#5" not in await siren.talk.text(COORDINATOR, "/invites")


async def test_a_revoked_invite_says_so(siren: Harness) -> None:
    code = invite_code(await siren.talk.text(COORDINATOR, "/invite observer 20"))
    await siren.talk.say(ROOM[0], f"/start {code}")
    done = await siren.talk.text(COORDINATOR, "/invites revoke 5")
    assert done == (
        "Invite #5 to SIREN is revoked: 1 of 20 joined with it; no one else can. "
        "Those who joined stay members."
    )
    refused = await siren.talk.text(ROOM[1], f"/start {code}")
    assert refused == "This invite link was revoked. Ask your coordinator for a new one."
    # Revoked by its code as well; asked in the group, answered in private.
    other = invite_code(await siren.talk.text(COORDINATOR, "/invite officer KCS 2"))
    mark = siren.api.mark()
    siren.api.send_text(COORDINATOR, GROUP, f"/invites revoke {other}")
    private = await siren.api.wait_for_message(COORDINATOR.id, after=mark)
    assert private["text"].startswith("Invite #6 to SIREN is revoked: 0 of 2 joined")
    assert "No open invites in SIREN" in await siren.talk.text(COORDINATOR, "/invites")


async def test_bad_workshop_invites_are_explained(siren: Harness) -> None:
    zero = await siren.talk.text(ADMIN, "/invite officer KCS 0")
    assert "An invite is for 1 to 500 people, e.g. /invite officer KCS 30 48h" in zero
    long = await siren.talk.text(ADMIN, "/invite officer KCS 30 90d")
    assert "An invite lasts 1 hour to 30 days" in long
    word = await siren.talk.text(ADMIN, "/invite officer KCS thirty")
    assert "thirty is not a number of people or hours" in word
    missing = await siren.talk.text(ADMIN, "/invites revoke 99")
    assert missing.startswith("No open invite is 99. /invites lists the open ones")
    assert await siren.rows("SELECT number FROM invite WHERE number > 4") == []


async def test_a_revoked_member_cannot_rejoin_through_a_room_link(siren: Harness) -> None:
    """A workshop link still open does not undo a revoke, nor spend a second place."""
    code = invite_code(await siren.talk.text(COORDINATOR, "/invite officer KCS 3"))
    first = FakeUser(1401, "Nam", "One", username="n1")
    second = FakeUser(1402, "Nam", "Two", username="n2")
    assert "officer of KCS" in await siren.talk.text(first, f"/start {code}")
    assert "officer of KCS" in await siren.talk.text(second, f"/start {code}")
    await siren.talk.say(COORDINATOR, "/revoke @n1")
    again = await siren.talk.text(first, f"/start {code}")
    assert again.startswith("You joined with this link before and are no longer a member")
    members = await siren.rows(
        "SELECT count(*) AS n FROM membership WHERE user_id = ? AND revoked_at IS NULL",
        (first.id,),
    )
    assert members == [{"n": 0}]
    third = FakeUser(1403, "Nam", "Three", username="n3")
    assert "officer of KCS" in await siren.talk.text(third, f"/start {code}")  # a place left


async def test_a_revoked_coordinator_cannot_let_themselves_back_in(siren: Harness) -> None:
    """Links made before a revoke die with it: the maker's own, and any the revoked may hold."""
    from datetime import timedelta

    from bot.demo import KCS_OFFICER

    kept = invite_code(await siren.talk.text(COORDINATOR, "/invite coordinator"))
    room = invite_code(await siren.talk.text(COORDINATOR, "/invite officer KCS 30"))
    await siren.talk.say(ADMIN, "/revoke @kim_ocu")
    back = await siren.talk.text(COORDINATOR, f"/start {kept}")
    assert back.startswith("This invite link was revoked"), back
    # A link its maker can no longer give out admits no one else either.
    stranger = FakeUser(1411, "New", "Comer", username="newc")
    assert (await siren.talk.text(stranger, f"/start {room}")).startswith(
        "This invite link was revoked"
    )
    # And an officer revoked after a link was made cannot walk back in through it.
    fresh = invite_code(await siren.talk.text(ADMIN, "/invite officer KCS 30"))
    siren.clock.advance(timedelta(minutes=5))
    await siren.talk.say(ADMIN, "/revoke @park_kcs")
    assert (await siren.talk.text(KCS_OFFICER, f"/start {fresh}")).startswith(
        "This invite link was revoked"
    )
    active = await siren.rows(
        "SELECT user_id FROM membership WHERE user_id IN (?, ?) AND revoked_at IS NULL",
        (COORDINATOR.id, KCS_OFFICER.id),
    )
    assert active == []
