"""A mistyped command's suggestion is a line the bot accepts: the officer's own message with the
command mended where the rest reads; otherwise why not and a line that does, or the command's
own example where its words are not read there. Never a mended line refused in turn."""

from __future__ import annotations

import re
from html import unescape

import pytest

from bot.demo import COORDINATOR, KCS_OFFICER
from tests.e2e.conftest import Harness


def _sent_line(text: str) -> str:
    found = re.search(r"(?:Send|Send, for example|e\.g\.): (/\S.*)$", text)
    found = found or re.search(r"e\.g\. (/\S.*)$", text)
    assert found is not None, text
    return unescape(found[1])


async def test_a_slip_before_a_report_that_would_be_refused_suggests_one_that_is_recorded(
    siren: Harness,
) -> None:
    said = await siren.talk.text(KCS_OFFICER, "/seizur meth at ICN")
    # Before: "Did you mean /seizure? Nothing was recorded. Send: /seizure meth at ICN", which
    # the bot then refused for want of an amount.
    assert said.startswith("Did you mean /seizure? Nothing was recorded: No amount found"), said
    line = _sent_line(said)
    assert line == "/seizure 2kg meth at ICN", said
    assert "Recorded report SIREN #1" in await siren.talk.text(KCS_OFFICER, line)


async def test_a_slip_before_a_report_that_reads_suggests_it_as_typed(siren: Harness) -> None:
    said = await siren.talk.text(KCS_OFFICER, "/seizur 2kg meth at ICN")
    assert _sent_line(said) == "/seizure 2kg meth at ICN", said
    assert "Nothing was recorded." in said, said


@pytest.mark.parametrize(
    ("typed", "suggested"),
    [
        ("/summry by locaton", "/summary week by route"),  # Before: '/summary by locaton'
        ("/summry week", "/summary week"),
        ("/sumary", "/summary"),
        ("/remnd tomorow 9:00 send figures", None),  # Before: the same words, refused
    ],
)
async def test_a_slip_of_another_command_suggests_a_line_it_accepts(
    siren: Harness, typed: str, suggested: str | None
) -> None:
    said = await siren.talk.text(COORDINATOR, typed)
    assert said.startswith("Did you mean /"), said
    line = _sent_line(said)
    if suggested is not None:
        assert line == suggested, said
    answered = await siren.talk.text(COORDINATOR, line)
    assert "Did you mean" not in answered and "Usage" not in answered, answered
    assert "not" not in answered.split("\n", 1)[0].lower(), answered
