"""A newcomer's second round: a chart says it is being drawn, the digest says when a report
was seized, and every invite names its number."""

from __future__ import annotations

from bot.demo import ADMIN, COORDINATOR, GROUP, KCS_OFFICER
from fakegram.types import FakeChat
from tests.e2e.asking import reported
from tests.e2e.conftest import Harness


async def test_a_chart_shows_telegram_s_sending_a_photo_while_it_is_drawn(siren: Harness) -> None:
    await siren.talk.say(KCS_OFFICER, "/seizure 2kg meth at ICN", GROUP)
    mark = siren.api.mark()
    siren.api.send_text(COORDINATOR, GROUP, "/chart")
    photo = await siren.api.wait_for(
        lambda c: c.method == "sendPhoto" and c.delivered, after=mark, timeout=120
    )
    actions = [
        c
        for c in siren.api.calls[mark:]
        if c.method == "sendChatAction" and c.params.get("action") == "upload_photo"
    ]
    assert actions and actions[0].at <= photo.at
    assert int(actions[0].params["chat_id"]) == GROUP.id


async def test_the_digest_says_the_seizure_day_of_a_report_seized_another_day(
    siren: Harness,
) -> None:
    # Before SIREN began: asked about first (session 14), recorded.
    await reported(siren, KCS_OFFICER, "/seizure 2kg meth at ICN on 2026-11-18", GROUP)
    await siren.talk.say(KCS_OFFICER, "/seizure 1kg heroin at ICN", GROUP)
    digest = await siren.talk.text(COORDINATOR, "/digest now", FakeChat.private(COORDINATOR))
    lines = {line for line in digest.splitlines() if line.startswith("• ")}
    earlier = [line for line in lines if "methamphetamine" in line]
    # Before: "• Fri 09:30 KCS — 2 kg methamphetamine at ICN (#1)", the 18th nowhere.
    assert len(earlier) == 1 and earlier[0].endswith("at ICN (#1, seized Wed 18 Nov)"), digest
    today = [line for line in lines if "heroin" in line]
    assert len(today) == 1 and today[0].endswith("at ICN (#2)"), digest


async def test_every_invite_names_its_number(siren: Harness) -> None:
    # The demo's cast joined with invites #1 to #4.
    one = await siren.talk.text(ADMIN, "/invite officer KCS")
    # Before: "One-time invite to SIREN as an officer of KCS:", no number.
    assert one.startswith("One-time invite #5 to SIREN as an officer of KCS:"), one
    room = await siren.talk.text(ADMIN, "/invite officer KCS 30 48h")
    assert room.startswith("Invite #6 to SIREN for up to 30"), room
    listed = await siren.talk.text(ADMIN, "/invites")
    assert "#5" in listed and "#6" in listed, listed


async def test_a_chart_is_drawn_even_when_telegram_refuses_its_chat_action(
    siren: Harness,
) -> None:
    await siren.talk.say(KCS_OFFICER, "/seizure 2kg meth at ICN", GROUP)
    # The "sending a photo…" sign is a courtesy: Telegram failing it must not lose the chart.
    siren.api.inject_fault("sendChatAction", "server_error", times=50)
    mark = siren.api.mark()
    siren.api.send_text(COORDINATOR, GROUP, "/chart")
    photo = await siren.api.wait_for(
        lambda c: c.method == "sendPhoto" and c.delivered, after=mark, timeout=120
    )
    assert int(photo.params["chat_id"]) == GROUP.id
