"""/help and the command menus show each role only what it may use; a coordinator sees all."""

from __future__ import annotations

from bot.demo import COORDINATOR, GROUP, KCS_OFFICER
from tests.e2e.conftest import Harness


def _listed(h: Harness, scope: dict[str, object]) -> list[str]:
    return [c["command"] for c in h.api.commands(scope)]


async def test_an_officer_is_not_taught_a_coordinators_command(siren: Harness) -> None:
    # Before: /help link gave an officer /link's usage and example.
    refused = await siren.talk.text(KCS_OFFICER, "/help link")
    assert refused == "/link is not one of your commands. /help lists those you may use."
    taught = await siren.talk.text(COORDINATOR, "/help link")
    assert "Usage: /link NUMBER NUMBER" in taught
    # /help summary tells an officer how linked reports count without teaching /link.
    officer = await siren.talk.text(KCS_OFFICER, "/help summary")
    assert "/link" not in officer and "reports a coordinator made one case" in officer
    assert "/link" in await siren.talk.text(COORDINATOR, "/help summary")


async def test_group_admins_get_the_officers_menu_and_a_coordinator_their_own(
    siren: Harness,
) -> None:
    # Before: every group admin (officers among them) was offered the coordinators' list.
    admins = _listed(siren, {"type": "all_chat_administrators"})
    assert "seizure" in admins and "link" not in admins and "debrief" not in admins
    await siren.talk.text(COORDINATOR, "/help", GROUP)
    own = {"type": "chat_member", "chat_id": GROUP.id, "user_id": COORDINATOR.id}
    assert "link" in _listed(siren, own)
