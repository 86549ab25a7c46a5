"""/help and the command menus show each role only what it may use; a coordinator sees all."""

from __future__ import annotations

from bot.demo import COORDINATOR, GROUP, KCS_OFFICER, OBSERVER, OUTSIDER
from tests.e2e.conftest import Harness


def _listed(h: Harness, scope: dict[str, object]) -> list[str]:
    return [c["command"] for c in h.api.commands(scope)]


async def test_an_officer_is_not_taught_a_coordinators_command(siren: Harness) -> None:
    # Before: /help link gave an officer /link's usage and example.
    # Since: every command answers /help COMMAND (the spec), with who may use it.
    refused = await siren.talk.text(KCS_OFFICER, "/help link")
    assert "Usage: /link NUMBER NUMBER" in refused
    assert refused.endswith("Only coordinators may use /link.")
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


async def test_next_step_hints_name_a_command_the_asker_may_use(siren: Harness) -> None:
    await siren.talk.say(KCS_OFFICER, "/seizure 2kg meth at ICN", GROUP)
    # Before: a coordinator was sent to /mine, which they do not have.
    assert await siren.talk.text(COORDINATOR, "/void 99 test", GROUP) == (
        "There is no report #99 in this operation. /reports lists them."
    )
    assert await siren.talk.text(KCS_OFFICER, "/void 99 test", GROUP) == (
        "There is no report #99 in this operation. /mine lists your reports."
    )
    # Before: an officer was sent to /reports, a coordinator's command.
    assert await siren.talk.text(KCS_OFFICER, "/show 7", GROUP) == (
        "There is no report #7 in SIREN. /mine lists yours."
    )
    assert await siren.talk.text(KCS_OFFICER, "/show XYZ #1", GROUP) == (
        "There is no report XYZ #1 in SIREN. /mine lists yours."
    )
    coordinator = await siren.talk.text(COORDINATOR, "/show 7")
    assert coordinator == "There is no report #7 in SIREN. /reports lists them."


async def test_an_outsider_is_not_offered_use(siren: Harness) -> None:
    # Before: /help listed /use, which answers an outsider only that they are not a member.
    listed = await siren.talk.text(OUTSIDER, "/help")
    assert "/start" in listed and "/use" not in listed
    assert "/use" in await siren.talk.text(KCS_OFFICER, "/help")


async def test_a_misspelt_command_in_help_gets_the_nearest_of_ones_own(siren: Harness) -> None:
    # Before: "There is no command /reminder. /help lists them all." with no hint.
    assert await siren.talk.text(COORDINATOR, "/help reminder") == (
        "There is no command /reminder. Did you mean /reminders or /remind? "
        "/help reminders or /help remind shows how to type it."
    )
    assert "Usage: /remind WHEN TEXT" in await siren.talk.text(COORDINATOR, "/help remind")
    assert await siren.talk.text(COORDINATOR, "/help remnd") == (
        "There is no command /remnd. Did you mean /remind? /help remind shows how to type it."
    )
    assert "Did you mean /summary?" in await siren.talk.text(KCS_OFFICER, "/help sumary")
    assert "Did you mean /seizure?" in await siren.talk.text(KCS_OFFICER, "/help /seizrue")
    # Never a command of another role's, and nothing when nothing is close.
    assert await siren.talk.text(KCS_OFFICER, "/help reminder") == (
        "There is no command /reminder. /help lists them all."
    )
    assert await siren.talk.text(COORDINATOR, "/help teleport") == (
        "There is no command /teleport. /help lists them all."
    )


async def test_the_help_example_is_a_command_the_reader_may_use(siren: Harness) -> None:
    # Before: "e.g. /help seizure" to an observer and an outsider, who cannot report.
    officer = (await siren.talk.text(KCS_OFFICER, "/help")).splitlines()[-1]
    assert officer == "/help COMMAND shows how to type one, e.g. /help seizure"
    observer = (await siren.talk.text(OBSERVER, "/help")).splitlines()[-1]
    assert observer == "/help COMMAND shows how to type one, e.g. /help summary"
    outsider = (await siren.talk.text(OUTSIDER, "/help")).splitlines()[-1]
    assert outsider == "/help COMMAND shows how to type one, e.g. /help language"
    # Each example, followed, teaches the command rather than refusing it.
    assert "Usage: /summary" in await siren.talk.text(OBSERVER, "/help summary")
    assert "Usage: /language" in await siren.talk.text(OUTSIDER, "/help language")


async def test_only_who_may_add_a_phase_is_told_how(siren: Harness) -> None:
    # Before: "add one with /phase add" to an officer, who may not.
    officer = (await siren.talk.text(KCS_OFFICER, "/operation")).splitlines()
    assert officer[officer.index("Phases") + 1] == "none yet"
    coordinator = (await siren.talk.text(COORDINATOR, "/operation")).splitlines()
    assert coordinator[coordinator.index("Phases") + 1] == "none yet — add one with /phase add"
