"""Heavy commands (#16): answered at once, never built twice at a time, never holding the chat."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest

import bot.chart
import bot.debrief
import bot.exporting
from bot.demo import COORDINATOR, GROUP, KCS_OFFICER
from fakegram.types import FakeChat
from tests.e2e.conftest import Harness

PRIVATE = FakeChat.private(COORDINATOR)


class Gate:
    """Holds every job it wraps until opened; counts the jobs started."""

    def __init__(self) -> None:
        self.opened = asyncio.Event()
        self.started = 0

    def wrap(self, real: Any) -> Any:
        async def held(*args: Any, **kwargs: Any) -> Any:
            self.started += 1
            await self.opened.wait()
            return await real(*args, **kwargs)

        return held


@pytest.fixture
def gate() -> Iterator[Gate]:
    """A gate opened at the end whatever happened: the bot's stop waits for what it holds."""
    held = Gate()
    yield held
    held.opened.set()


def _documents(h: Harness, after: int) -> list[str]:
    return [
        c.result["document"]["file_name"]
        for c in h.api.calls[after:]
        if c.method == "sendDocument" and c.delivered
    ]


async def test_a_repeated_export_is_built_once_and_a_summary_is_not_held_behind_it(
    siren: Harness, monkeypatch: pytest.MonkeyPatch, gate: Gate
) -> None:
    say = siren.talk.say
    await say(KCS_OFFICER, "/seizure 22kg methamphetamine at ICN via air cargo", GROUP)
    monkeypatch.setattr(bot.exporting, "off_loop", gate.wrap(bot.exporting.off_loop))
    mark = siren.api.mark()
    # A small export still answers at once, before any work (the default settings).
    progress = await say(COORDINATOR, "/export xlsx", PRIVATE)
    assert progress["text"] == "Exporting… 0 %"
    again = await siren.talk.text(COORDINATOR, "/export xlsx", PRIVATE)
    assert again == (
        "The XLSX export of SIREN you asked for is already being prepared; it will arrive here."
    )
    # The same chat's quick command is answered while the export is held.
    summary = await siren.talk.text(COORDINATOR, "/summary by location", PRIVATE)
    assert "ICN" in summary
    assert _documents(siren, mark) == []
    gate.opened.set()
    await siren.api.wait_for(lambda c: c.method == "sendDocument" and c.delivered, after=mark)
    [name] = _documents(siren, mark)
    assert name.endswith(".xlsx")
    assert gate.started == 1
    # Another format is another request: it is built.
    csv = await say(COORDINATOR, "/export csv", PRIVATE)
    assert csv["text"] == "Exporting… 0 %"


async def test_debrief_answers_at_once_is_built_once_and_never_holds_the_chat(
    siren: Harness, monkeypatch: pytest.MonkeyPatch, gate: Gate
) -> None:
    await siren.talk.say(KCS_OFFICER, "/seizure 2kg meth at ICN", GROUP)
    monkeypatch.setattr(bot.debrief, "build_pack", gate.wrap(bot.debrief.build_pack))
    private = siren.api.cursor(PRIVATE)
    mark = siren.api.mark()
    siren.api.send_text(COORDINATOR, GROUP, "/debrief")
    progress = await private.next()
    assert progress["text"] == "Preparing the debriefing pack of SIREN…"
    siren.api.send_text(COORDINATOR, GROUP, "/debrief")
    busy = await private.next()
    assert busy["text"] == (
        "The debriefing pack of SIREN is already being prepared; it will arrive here."
    )
    siren.api.send_text(COORDINATOR, GROUP, "/summary by location")
    await siren.api.wait_for_message(GROUP, text_contains="ICN", after=mark)
    gate.opened.set()
    edited = await siren.api.wait_for_edit(
        PRIVATE, message_id=progress["message_id"], after=mark, timeout=120
    )
    assert edited["text"] == "The debriefing pack of SIREN is ready; sending the two files."
    await private.next(timeout=120)
    await private.next(timeout=120)
    names = _documents(siren, mark)
    assert len(names) == 2 and names[0].endswith(".pdf") and names[1].endswith(".xlsx")
    assert gate.started == 1


async def test_the_same_chart_asked_twice_is_drawn_once(
    siren: Harness, monkeypatch: pytest.MonkeyPatch, gate: Gate
) -> None:
    await siren.talk.say(KCS_OFFICER, "/seizure 2kg meth at ICN", GROUP)
    monkeypatch.setattr(bot.chart, "drawn_chart", gate.wrap(bot.chart.drawn_chart))
    mark = siren.api.mark()
    siren.api.send_text(COORDINATOR, GROUP, "/chart")
    said = await siren.talk.text(COORDINATOR, "/chart", GROUP)
    assert said == "This chart of SIREN is already being drawn; it will arrive here."
    gate.opened.set()
    await siren.api.wait_for(lambda c: c.method == "sendPhoto" and c.delivered, after=mark)
    assert gate.started == 1
