"""A mistyped command is mended only into one of the person's own commands: an officer is not
offered a coordinator's (which would then be refused), nor a coordinator an officer's."""

from __future__ import annotations

import pytest

from bot.demo import COORDINATOR, GROUP, KCS_OFFICER, OBSERVER
from bot.sandbox import settled
from fakegram.calls import SEND_METHODS
from fakegram.types import FakeUser
from tests.e2e.conftest import Harness


@pytest.mark.parametrize(
    ("who", "typed"),
    [
        (KCS_OFFICER, "/exprt"),  # Before: "Did you mean /export?", then refused
        (KCS_OFFICER, "/reprts"),
        (KCS_OFFICER, "/remnd in 1h send figures"),
        (OBSERVER, "/mne"),  # /mine is an officer's
        (COORDINATOR, "/nill"),  # /nil too
        (COORDINATOR, "/seizur 2kg meth at ICN"),
    ],
)
async def test_no_other_roles_command_is_offered_in_private(
    siren: Harness, who: FakeUser, typed: str
) -> None:
    said = await siren.talk.text(who, typed)
    name = typed.split()[0]
    assert said == f"I do not know {name}. /help lists what you can do.", said


async def test_in_the_group_a_slip_of_another_roles_command_is_left_alone(siren: Harness) -> None:
    mark = siren.api.mark()
    siren.api.send_text(KCS_OFFICER, GROUP, "/exprt csv")
    await siren.api.wait_confirmed(siren.api.newest_update_id(), after=mark)
    await settled(siren.app)
    sent = [c for c in siren.api.calls[mark:] if c.method in SEND_METHODS]
    # Before: "Did you mean /export? ..." in the group, a command the officer may not use.
    assert sent == []


@pytest.mark.parametrize(
    ("who", "typed", "meant"),
    [
        (KCS_OFFICER, "/sumary", "/summary"),
        (KCS_OFFICER, "/mne", "/mine"),
        (OBSERVER, "/sumary", "/summary"),
        (COORDINATOR, "/sumary", "/summary"),
        (COORDINATOR, "/exprt", "/export"),
        (COORDINATOR, "/reprts", "/reports"),
    ],
)
async def test_ones_own_command_is_still_offered(
    siren: Harness, who: FakeUser, typed: str, meant: str
) -> None:
    said = await siren.talk.text(who, typed)
    assert said.startswith(f"Did you mean {meant}?"), said


@pytest.mark.parametrize(("typed", "meant"), [("/aliases", "/alias"), ("/phases", "/phase")])
async def test_a_command_in_the_plural_is_offered_in_the_singular_in_the_group(
    siren: Harness, typed: str, meant: str
) -> None:
    # A newcomer's coordinator typed /aliases in the group and got nothing: two letters from
    # /alias, over the one a five-letter name allows; in private only "I do not know /aliases".
    said = await siren.talk.text(COORDINATOR, typed, GROUP)
    assert said.startswith(f"Did you mean {meant}?"), said
